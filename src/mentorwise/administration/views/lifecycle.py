"""The lifecycle of a program's pairs, seen by its administrators: the mentorships (pause,
resume, extend, end), the requests waiting for an answer, the concerns participants report,
and blocking a participant.

Administrators see metadata only: who, when, status, outcome, the end reason and the feedback
addressed to them. Nothing the pair writes to each other (the 15 Questions answers, request
messages, goals, notes) is read here.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mentorwise.administration.access import (
    get_concern,
    get_mentorship,
    get_participant,
    get_program,
    get_rematch,
)
from mentorwise.administration.forms import (
    ConcernResolveForm,
    MentorshipEndForm,
    MentorshipExtendForm,
    MentorshipFilterForm,
    MentorshipPauseForm,
    add_service_errors,
)
from mentorwise.conversations.services import rematch_mark_handled
from mentorwise.core.errors import DomainError, ValidationFailed
from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest, add_months
from mentorwise.mentorships.services import (
    concern_resolve,
    mentorship_end,
    mentorship_extend,
    mentorship_pause,
    mentorship_resume,
    participant_block,
)
from mentorwise.organizations.models import Membership

PAGE_SIZE = 25
CONCERNS_PER_PAGE = 20
Status = Mentorship.Status

STATUS_BADGES = {
    Status.ACTIVE: "ok",
    Status.PAUSED: "warn",
    Status.COMPLETED: "",
    Status.ENDED_EARLY: "error",
    Status.CLOSED: "",
}
# Short labels for the table (the detail page gives the full one).
STATUS_SHORT = {
    Status.ACTIVE: gettext_lazy("Active"),
    Status.PAUSED: gettext_lazy("Paused"),
    Status.COMPLETED: gettext_lazy("Completed"),
    Status.ENDED_EARLY: gettext_lazy("Ended early"),
    Status.CLOSED: gettext_lazy("Closed"),
}


def _safe_next(request, target: str) -> str:
    """`target` if it is a path on this site, else ""."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _next_or(request, fallback: str) -> str:
    return _safe_next(request, request.POST.get("next", "")) or fallback


def _detail_url(mentorship: Mentorship) -> str:
    return reverse("manage:mentorship", kwargs={"mentorship_id": mentorship.public_id})


def _pair(mentorship: Mentorship) -> str:
    return f"{mentorship.mentor.user.name} and {mentorship.mentee.user.name}"


def _blocked_in(organization_id: int, user_field: str = "user"):
    return Exists(
        Membership.objects.filter(
            organization_id=organization_id, user=OuterRef(user_field), is_blocked=True
        )
    )


# ---------------------------------------------------------------------------------------------
# Mentorships


@login_required
def mentorships(request, program_id):
    program = get_program(request.user, program_id)
    form = MentorshipFilterForm(request.GET or None)
    queryset = (
        Mentorship.objects.filter(program=program)
        .select_related("mentor__user", "mentee__user")
        .annotate(
            open_first=Case(
                When(status__in=Mentorship.ESTABLISHED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "-started_on", "-pk")
    )
    status = form.cleaned_data["status"] if form.is_valid() else ""
    if status == MentorshipFilterForm.OPEN:
        queryset = queryset.filter(status__in=Mentorship.ESTABLISHED)
    elif status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for m in page.object_list:
        m.program = program  # latest_end_on() reads the program's policy
        rows.append(
            {
                "m": m,
                "badge": STATUS_BADGES[m.status],
                "status_label": STATUS_SHORT[m.status],
                "latest_end_on": m.latest_end_on(),
            }
        )
    totals = {
        row["status"]: row["n"]
        for row in Mentorship.objects.filter(program=program)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return render(
        request,
        "manage/mentorships.html",
        {
            "program": program,
            "organization": program.organization,
            "form": form if form.is_bound else MentorshipFilterForm(),
            "page": page,
            "rows": rows,
            "totals": [(label, value, totals.get(value, 0)) for value, label in Status.choices],
            "filtered": bool(status),
            "next": request.get_full_path(),
        },
    )


@login_required
def mentorship_detail(request, mentorship_id):
    mentorship = get_mentorship(request.user, mentorship_id)
    program = mentorship.program
    latest = mentorship.latest_end_on()
    extend_form = MentorshipExtendForm(
        initial={"until": min(add_months(mentorship.planned_end_on, 1), latest)}
    )
    extend_form.fields["until"].widget.attrs.update(
        min=(mentorship.planned_end_on + timedelta(days=1)).isoformat(), max=latest.isoformat()
    )
    concerns = list(
        mentorship.concerns.select_related("reporter", "subject__user").order_by("-created_at")
    )
    return render(
        request,
        "manage/mentorship_detail.html",
        {
            "program": program,
            "organization": program.organization,
            "mentorship": mentorship,
            "badge": STATUS_BADGES[mentorship.status],
            "latest_end_on": latest,
            "pause_form": MentorshipPauseForm(),
            "extend_form": extend_form,
            "concerns": concerns,
            "can_extend": mentorship.is_open and mentorship.planned_end_on < latest,
        },
    )


@login_required
@require_POST
def mentorship_pause_view(request, mentorship_id):
    mentorship = get_mentorship(request.user, mentorship_id)
    form = MentorshipPauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the reason under 2,000 characters."))
    else:
        try:
            mentorship_pause(
                mentorship=mentorship, user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The mentorship of %(pair)s is paused. Both are told.")
                % {"pair": _pair(mentorship)},
            )
    return redirect(_next_or(request, _detail_url(mentorship)))


@login_required
@require_POST
def mentorship_resume_view(request, mentorship_id):
    mentorship = get_mentorship(request.user, mentorship_id)
    try:
        mentorship_resume(mentorship=mentorship, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The mentorship of %(pair)s is active again. Both are told.")
            % {"pair": _pair(mentorship)},
        )
    return redirect(_next_or(request, _detail_url(mentorship)))


@login_required
@require_POST
def mentorship_extend_view(request, mentorship_id):
    mentorship = get_mentorship(request.user, mentorship_id)
    form = MentorshipExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the new end date as a valid date."))
    else:
        until = form.cleaned_data["until"]
        try:
            mentorship_extend(mentorship=mentorship, user=request.user, until=until)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The mentorship of %(pair)s now runs until %(date)s. Both are told.")
                % {"pair": _pair(mentorship), "date": date_format(until, "DATE_FORMAT")},
            )
    return redirect(_next_or(request, _detail_url(mentorship)))


@login_required
def mentorship_end_view(request, mentorship_id):
    mentorship = get_mentorship(request.user, mentorship_id)
    if not mentorship.is_open:
        messages.error(
            request,
            _("This mentorship has already ended (%(status)s).")
            % {"status": mentorship.get_status_display().lower()},
        )
        return redirect(_detail_url(mentorship))
    form = MentorshipEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentorship_end(
                mentorship=mentorship,
                user=request.user,
                outcome=data["outcome"],
                reason=data["reason"],
                confirm=data["confirm"],
            )
        except DomainError as exc:
            if isinstance(exc, ValidationFailed):
                add_service_errors(form, exc)
            else:
                messages.error(request, exc.message)
                return redirect(_detail_url(mentorship))
        else:
            messages.success(
                request,
                _(
                    "The mentorship of %(pair)s has ended. Both are told, and the mentor's "
                    "place is free."
                )
                % {"pair": _pair(mentorship)},
            )
            return redirect(_detail_url(mentorship))
    return render(
        request,
        "manage/mentorship_end.html",
        {
            "program": mentorship.program,
            "organization": mentorship.program.organization,
            "mentorship": mentorship,
            "form": form,
        },
    )


# ---------------------------------------------------------------------------------------------
# Requests waiting for an answer


@login_required
def pending_requests(request, program_id):
    program = get_program(request.user, program_id)
    queryset = (
        MentorshipRequest.objects.pending()
        .filter(program=program)
        .select_related("mentor__user", "mentee__user")
        .order_by("created_at", "pk")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    expiry = timedelta(days=program.request_expiry_days)
    rows = [
        {
            "r": r,
            "sender": r.sender,
            "recipient": r.recipient,
            "age_days": (now - r.created_at).days,
            "expires_at": r.created_at + expiry,
            "overdue": (now - r.created_at).days >= program.request_reminder_days,
        }
        for r in page.object_list
    ]
    return render(
        request,
        "manage/requests.html",
        {"program": program, "organization": program.organization, "page": page, "rows": rows},
    )


# ---------------------------------------------------------------------------------------------
# Concerns


@login_required
def concerns(request, program_id: str):
    program = get_program(request.user, program_id)
    queryset = (
        Concern.objects.filter(program=program)
        .select_related(
            "reporter",
            "subject__user",
            "mentorship__mentor__user",
            "mentorship__mentee__user",
            "resolved_by",
        )
        .annotate(
            open_first=Case(
                When(status=Concern.Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            subject_blocked=_blocked_in(program.organization_id, "subject__user"),
        )
        .order_by("open_first", "-created_at", "-pk")
    )
    page = Paginator(queryset, CONCERNS_PER_PAGE).get_page(request.GET.get("page"))
    open_count = Concern.objects.filter(program=program, status=Concern.Status.OPEN).count()
    return render(
        request,
        "manage/concerns.html",
        {
            "program": program,
            "organization": program.organization,
            "page": page,
            "open_count": open_count,
            "next": request.get_full_path(),
        },
    )


@login_required
@require_POST
def concern_resolve_view(request, concern_id):
    concern = get_concern(request.user, concern_id)
    form = ConcernResolveForm(request.POST)
    fallback = reverse("manage:concerns", kwargs={"program_id": concern.program.public_id})
    if not form.is_valid():
        messages.error(request, _("Keep the note under 5,000 characters."))
        return redirect(_next_or(request, fallback))
    try:
        concern_resolve(concern=concern, user=request.user, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The concern about %(name)s is marked resolved.")
            % {"name": concern.subject.user.name},
        )
    return redirect(_next_or(request, fallback))


@login_required
@require_POST
def rematch_handle_view(request, rematch_id):
    """Marks a mentee's request for a new match handled (who and when are recorded)."""
    rematch = get_rematch(request.user, rematch_id)
    try:
        rematch_mark_handled(rematch=rematch, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The request of %(name)s for a new match is marked handled.")
            % {"name": rematch.mentee.name},
        )
    return redirect(_detail_url(rematch.mentorship) + "#rematch-title")


# ---------------------------------------------------------------------------------------------
# Blocking


@login_required
def participant_block_view(request, participant_id):
    participant = get_participant(request.user, participant_id)
    program = participant.program
    membership = Membership.objects.get(
        organization_id=program.organization_id, user_id=participant.user_id
    )
    name = participant.user.name or participant.user.email
    fallback = reverse("manage:participants", kwargs={"program_id": program.public_id})
    if request.method == "POST":
        blocked = request.POST.get("blocked") == "yes"
        try:
            participant_block(participant=participant, user=request.user, blocked=blocked)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            if blocked:
                messages.success(
                    request,
                    _(
                        "%(name)s is blocked in %(organization)s. Their pending requests are "
                        "withdrawn and the other people are told; their API tokens are revoked."
                    )
                    % {"name": name, "organization": program.organization.name},
                )
            else:
                messages.success(
                    request,
                    _("%(name)s is unblocked and can use the programs again.") % {"name": name},
                )
        return redirect(_next_or(request, fallback))
    in_org = Q(mentor__user_id=participant.user_id) | Q(mentee__user_id=participant.user_id)
    pending_count = (
        MentorshipRequest.objects.pending()
        .filter(in_org, program__organization_id=program.organization_id)
        .count()
    )
    open_mentorships = list(
        Mentorship.objects.filter(
            in_org,
            program__organization_id=program.organization_id,
            status__in=Mentorship.ESTABLISHED,
        )
        .select_related("program", "mentor__user", "mentee__user")
        .order_by("started_on", "pk")
    )
    return render(
        request,
        "manage/participant_block.html",
        {
            "program": program,
            "organization": program.organization,
            "participant": participant,
            "name": name,
            "is_blocked": membership.is_blocked,
            "pending_count": pending_count,
            "open_mentorships": open_mentorships,
            "next": _safe_next(request, request.GET.get("next", "")) or fallback,
        },
    )
