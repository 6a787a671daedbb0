"""A program's participants: filter, search, page through, and change their status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from mentorwise.administration.access import get_participant, get_program
from mentorwise.administration.forms import ParticipantFilterForm
from mentorwise.core.errors import DomainError
from mentorwise.mentorships.queries import open_mentorship_count
from mentorwise.profiles.models import Participant
from mentorwise.profiles.services import ALLOWED_STATUS_CHANGES, participant_set_status
from mentorwise.programs.models import Role

PAGE_SIZE = 25
Status = Participant.Status

STATUS_LABELS = {
    Status.APPLIED: _("Applied"),
    Status.ACCEPTED: _("Accepted"),
    Status.WAITLISTED: _("Wait-listed"),
    Status.RELEASED: _("Released"),
}
STATUS_BADGES = {
    Status.APPLIED: "warn",
    Status.ACCEPTED: "ok",
    Status.WAITLISTED: "",
    Status.RELEASED: "error",
}
# What a button does, by the status it leads to (and, for "accepted", where it comes from).
ACTION_ORDER = [Status.ACCEPTED, Status.WAITLISTED, Status.RELEASED]


def actions_for(status: str) -> list[tuple[str, str, str]]:
    """(target status, button label, button style) for the changes allowed from `status`."""
    allowed = ALLOWED_STATUS_CHANGES.get(status, set())
    actions = []
    for target in ACTION_ORDER:
        if target not in allowed:
            continue
        if target == Status.ACCEPTED:
            label = _("Reinstate") if status == Status.RELEASED else _("Accept")
            actions.append((target, label, ""))
        elif target == Status.WAITLISTED:
            actions.append((target, _("Wait-list"), "secondary"))
        else:
            actions.append((target, _("Release"), "secondary"))
    return actions


@login_required
def participants(request, program_id):
    program = get_program(request.user, program_id)
    form = ParticipantFilterForm(request.GET or None)
    queryset = (
        Participant.objects.filter(program=program)
        .select_related("user")
        .annotate(
            open_as_mentor=open_mentorship_count(Role.MENTOR),
            open_as_mentee=open_mentorship_count(Role.MENTEE),
        )
        .order_by("sort_name", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        for word in data["q"].split()[:5]:
            queryset = queryset.filter(
                Q(user__name__icontains=word) | Q(user__email__icontains=word)
            )
    totals = {
        row["status"]: row["n"]
        for row in Participant.objects.filter(program=program)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    paginator = Paginator(queryset, PAGE_SIZE)
    data = form.cleaned_data if form.is_valid() else {}
    if not (data.get("role") or data.get("q", "").split()):
        # The list's length is one of the totals just counted: no second pass over everyone.
        status = data.get("status")
        paginator.count = totals.get(status, 0) if status else sum(totals.values())
    page = paginator.get_page(request.GET.get("page"))
    rows = []
    for p in page.object_list:
        rows.append(
            {
                "participant": p,
                "status_label": STATUS_LABELS[p.status],
                "badge": STATUS_BADGES[p.status],
                "actions": actions_for(p.status),
                "in_use": p.open_as_mentor if p.is_mentor else p.open_as_mentee,
                "limit": p.capacity if p.is_mentor else program.max_mentors_per_mentee,
            }
        )
    return render(
        request,
        "manage/participants.html",
        {
            "program": program,
            "organization": program.organization,
            "form": form if form.is_bound else ParticipantFilterForm(),
            "page": page,
            "rows": rows,
            "totals": [(STATUS_LABELS[s], s, totals.get(s, 0)) for s in STATUS_LABELS],
            "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "next": request.get_full_path(),
        },
    )


@login_required
@require_POST
def participant_status(request, participant_id):
    participant = get_participant(request.user, participant_id)
    program = participant.program
    status = request.POST.get("status", "")
    name = participant.user.name or participant.user.email
    before = participant.status
    try:
        participant = participant_set_status(
            participant=participant, status=status, actor=request.user
        )
    except DomainError as exc:
        messages.error(request, _("%(name)s: %(error)s") % {"name": name, "error": exc.message})
    else:
        label = STATUS_LABELS[participant.status].lower()
        if participant.status == before:
            messages.info(
                request, _("%(name)s is already %(status)s.") % {"name": name, "status": label}
            )
        else:
            messages.success(
                request, _("%(name)s is now %(status)s.") % {"name": name, "status": label}
            )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("manage:participants", kwargs={"program_id": program.public_id})
    return redirect(target)
