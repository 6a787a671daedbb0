"""Meeting pages: plan, log, the meeting itself (update, cancel, log as held), its calendar
file, and the person's calendar feed. Each fetches through the privacy gate and calls one
service; a refusal re-renders the form with the input and the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.core.errors import Conflict, DomainError, NotFound
from mentorwise.meetings import ics, services
from mentorwise.meetings.access import get_meeting
from mentorwise.meetings.forms import LogForm, LogNewForm, PlanForm, WhenFields
from mentorwise.meetings.models import CalendarFeed, Meeting
from mentorwise.mentorships.access import get_mentorship


def _apply_error(form, exc: DomainError) -> None:
    if isinstance(exc, NotFound):
        raise Http404
    placed = False
    for name, errors in exc.errors.items():
        target = {"starts_at": "day"}.get(name, name)
        if target in form.fields:
            for error in errors:
                form.add_error(target, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _refused(request, meeting, exc: Conflict):
    """A refusal about the meeting's state (ended, cancelled, not started): said on its page."""
    messages.error(request, exc.message)
    return redirect("meetings:detail", meeting.public_id)


def _closed(request, mentorship):
    messages.error(request, _("This mentorship has ended: its meetings can no longer change."))
    return redirect("mentorships:detail", mentorship.public_id)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=f"{ics.MIMETYPE}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_list(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    meetings = mentorship.meetings.order_by("-starts_at", "-id")
    return render(
        request,
        "meetings/list.html",
        {
            "mentorship": mentorship,
            "partner": mentorship.partner_of(request.user),
            "meetings": meetings,
        },
    )


@login_required
def plan(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    if not mentorship.is_open:
        return _closed(request, mentorship)
    form = PlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_plan(
                mentorship=mentorship,
                user=request.user,
                starts_at=form.starts_at(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                channel=form.cleaned_data["channel"],
                place=form.cleaned_data["place"],
                agenda=form.cleaned_data["agenda"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Meeting planned. You both have an invitation by e-mail."))
            return redirect("meetings:detail", meeting.public_id)
    return render(
        request,
        "meetings/plan.html",
        {"mentorship": mentorship, "partner": mentorship.partner_of(request.user), "form": form},
    )


@login_required
def log_new(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    if not mentorship.is_open:
        return _closed(request, mentorship)
    form = LogNewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_log(
                mentorship=mentorship,
                user=request.user,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                channel=data["channel"],
                place=data["place"],
                topics=data["topics"],
                notes=data["notes"],
                next_steps=data["next_steps"],
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Meeting logged."))
            return redirect("meetings:detail", meeting.public_id)
    return render(
        request,
        "meetings/log.html",
        {"mentorship": mentorship, "partner": mentorship.partner_of(request.user), "form": form},
    )


def _detail(request, meeting: Meeting, *, plan_form=None, log_form=None, status=200):
    mentorship = meeting.mentorship
    started = meeting.starts_at <= timezone.now()
    can_change = mentorship.is_open and meeting.is_planned
    can_log = mentorship.is_open and (meeting.held or (meeting.is_planned and started))
    if can_change and plan_form is None:
        plan_form = PlanForm(
            initial={
                **WhenFields.initial_for(meeting.starts_at),
                "duration_minutes": meeting.duration_minutes,
                "channel": meeting.channel,
                "place": meeting.place,
                "agenda": meeting.agenda,
            }
        )
    if can_log and log_form is None:
        log_form = LogForm(
            initial={
                "duration_minutes": meeting.duration_minutes,
                "topics": ", ".join(meeting.topics),
                "notes": meeting.notes,
                "next_steps": meeting.next_steps,
            }
        )
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "mentorship": mentorship,
            "partner": mentorship.partner_of(request.user),
            "can_change": can_change,
            "can_log": can_log,
            "plan_form": plan_form if can_change else None,
            "log_form": log_form if can_log else None,
        },
        status=status,
    )


@login_required
def detail(request, public_id: str):
    return _detail(request, get_meeting(request.user, public_id))


@login_required
@require_POST
def update(request, public_id: str):
    meeting = get_meeting(request.user, public_id)
    form = PlanForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_update(
                meeting=meeting,
                user=request.user,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                channel=data["channel"],
                place=data["place"],
                agenda=data["agenda"],
            )
        except Conflict as exc:
            return _refused(request, meeting, exc)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Meeting updated. You both have the new invitation."))
            return redirect("meetings:detail", meeting.public_id)
    return _detail(request, meeting, plan_form=form, status=400)


@login_required
@require_POST
def log(request, public_id: str):
    meeting = get_meeting(request.user, public_id)
    form = LogForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_log(
                mentorship=meeting.mentorship,
                user=request.user,
                meeting=meeting,
                duration_minutes=data["duration_minutes"],
                topics=data["topics"],
                notes=data["notes"],
                next_steps=data["next_steps"],
            )
        except Conflict as exc:
            return _refused(request, meeting, exc)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Meeting logged."))
            return redirect("meetings:detail", meeting.public_id)
    return _detail(request, meeting, log_form=form, status=400)


@login_required
def cancel(request, public_id: str):
    meeting = get_meeting(request.user, public_id)
    if request.method == "POST":
        try:
            services.meeting_cancel(meeting=meeting, user=request.user)
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise Http404 from None
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Meeting cancelled. You have both been told."))
        return redirect("meetings:detail", meeting.public_id)
    if not (meeting.is_planned and meeting.mentorship.is_open):
        return redirect("meetings:detail", meeting.public_id)
    return render(
        request,
        "meetings/cancel.html",
        {
            "meeting": meeting,
            "mentorship": meeting.mentorship,
            "partner": meeting.mentorship.partner_of(request.user),
        },
    )


@login_required
def download(request, public_id: str):
    meeting = get_meeting(request.user, public_id)
    method = "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "PUBLISH"
    return _calendar_response(ics.calendar_for([meeting], method=method), "meeting.ics")


@login_required
def calendar(request):
    feed = services.feed_for(request.user)
    return render(
        request,
        "meetings/calendar.html",
        {"feed": feed, "feed_url": services.feed_url(feed)},
    )


@login_required
@require_POST
def calendar_rotate(request):
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that the old address stops working."))
        return redirect("meetings:calendar")
    services.feed_rotate(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new address. Replace the old one in your calendar program."),
    )
    return redirect("meetings:calendar")


def feed(request, token: str):
    """The secret calendar address: no sign-in, the token is the key."""
    found = (
        CalendarFeed.objects.select_related("user").filter(token=token[:64]).first()
        if token
        else None
    )
    if found is None or not found.user.is_active:
        raise Http404
    # In the owner's language (the feed is read by their calendar program, not a browser).
    with translation.override(found.user.language or translation.get_language()):
        content = ics.calendar_for(
            services.feed_meetings(found),
            name=_("Mentoring meetings (Mentorwise)"),
            extras=ics.feed_extras(found.user),
        )
    response = HttpResponse(content, content_type=f"{ics.MIMETYPE}; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
