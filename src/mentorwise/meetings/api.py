"""The meetings part of the pair's workspace in the JSON API (API.md, "The pair's workspace").

Every path starts from the privacy gate: a mentorship through `get_mentorship`, a meeting
through `get_meeting` (members only; everyone else, administrators included, gets 404).
"""

from datetime import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error, Input
from mentorwise.core.errors import ValidationFailed
from mentorwise.meetings import ics, services
from mentorwise.meetings.access import get_meeting
from mentorwise.meetings.models import DURATION_MAX, DURATION_MIN, Meeting
from mentorwise.mentorships.access import get_mentorship
from mentorwise.notifications.services import absolute_url

router = Router(tags=["meetings"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
PLAN_FIELDS = ("starts_at", "channel", "place", "agenda")


class MeetingOut(Schema):
    id: str
    mentorship_id: str
    status: str
    held: bool
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    channel: str
    place: str
    agenda: str
    topics: list[str]
    notes: str
    next_steps: str
    sequence: int
    ics_url: str
    created_by: str | None
    created_at: datetime
    updated_at: datetime


class MeetingPage(Schema):
    items: list[MeetingOut]
    count: int
    page: int
    pages: int


DURATION_RANGE = {"minimum": DURATION_MIN, "maximum": DURATION_MAX}  # checked by the service


class MeetingIn(Input):
    starts_at: datetime
    duration_minutes: int = Field(json_schema_extra=DURATION_RANGE)
    channel: str = Meeting.Channel.VIDEO
    place: str = ""
    agenda: str = ""
    held: bool = False
    topics: list[str] = []
    notes: str = ""
    next_steps: str = ""


class MeetingPatch(Input):
    held: bool | None = None
    starts_at: datetime | None = None
    duration_minutes: int | None = Field(None, json_schema_extra=DURATION_RANGE)
    channel: str | None = None
    place: str | None = None
    agenda: str | None = None
    topics: list[str] | None = None
    notes: str | None = None
    next_steps: str | None = None


class MeetingFilters(Schema):
    status: str | None = None


class FeedOut(Schema):
    feed_url: str


def ics_url(meeting: Meeting) -> str:
    return absolute_url(reverse("api:meeting_ics", args=[meeting.public_id]))


def meeting_out(meeting: Meeting, mentorship_id: str) -> dict:
    return {
        "id": meeting.public_id,
        "mentorship_id": mentorship_id,
        "status": meeting.status,
        "held": meeting.held,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "duration_minutes": meeting.duration_minutes,
        "channel": meeting.channel,
        "place": meeting.place,
        "agenda": meeting.agenda,
        "topics": list(meeting.topics or []),
        "notes": meeting.notes,
        "next_steps": meeting.next_steps,
        "sequence": meeting.ics_sequence,
        "ics_url": ics_url(meeting),
        "created_by": meeting.created_by.name if meeting.created_by else None,
        "created_at": meeting.created_at,
        "updated_at": meeting.updated_at,
    }


def _out(meeting: Meeting) -> dict:
    fresh = Meeting.objects.select_related("mentorship", "created_by").get(pk=meeting.pk)
    return meeting_out(fresh, fresh.mentorship.public_id)


@router.get(
    "/mentorships/{mentorship_id}/meetings",
    response={200: MeetingPage, **ERRORS},
    summary="The pair's meetings",
)
def meeting_list(
    request, mentorship_id: str, filters: Query[MeetingFilters], paging: Query[PageParams]
):
    """The meetings of one of your mentorships, latest first: planned, held and cancelled
    (filter with `status`). Members only: everyone else, administrators included, gets 404."""
    mentorship = get_mentorship(request.auth, mentorship_id)
    rows = mentorship.meetings.select_related("created_by").order_by("-starts_at", "-id")
    if filters.status:
        if filters.status not in Meeting.Status.values:
            raise ValidationFailed(
                _("Filter by planned, held or cancelled."), field="status", code="invalid"
            )
        rows = rows.filter(status=filters.status)
    return paginate(rows, paging, lambda m: meeting_out(m, mentorship.public_id))


@router.post(
    "/mentorships/{mentorship_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Plan a meeting, or log one already held",
)
def meeting_create(request, mentorship_id: str, data: MeetingIn):
    """Plans a meeting (`starts_at` in the future, ISO 8601 with an offset; a time without one is
    read in your zone): both members get an invitation by e-mail with a calendar file, and the
    answer carries `ics_url`. With `"held": true` it logs a meeting that took place (a start in
    the past) with `topics`, `notes` and `next_steps`. `duration_minutes` 5-600; `channel`
    in_person, video, phone or other. An ended mentorship is `409 not_open`."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    if data.held:
        meeting = services.meeting_log(
            mentorship=mentorship,
            user=user,
            starts_at=data.starts_at,
            duration_minutes=data.duration_minutes,
            channel=data.channel,
            place=data.place,
            topics=data.topics,
            notes=data.notes,
            next_steps=data.next_steps,
        )
    else:
        meeting = services.meeting_plan(
            mentorship=mentorship,
            user=user,
            starts_at=data.starts_at,
            duration_minutes=data.duration_minutes,
            channel=data.channel,
            place=data.place,
            agenda=data.agenda,
        )
    return Status(201, _out(meeting))


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="One meeting",
)
def meeting_get(request, meeting_id: str):
    """A meeting of one of your mentorships, with its log when held."""
    meeting = get_meeting(request.auth, meeting_id)
    return meeting_out(meeting, meeting.mentorship.public_id)


@router.patch(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="Log a meeting as held, or change a planned one",
)
def meeting_patch(request, meeting_id: str, data: MeetingPatch):
    """`{"held": true, "duration_minutes", "topics": [...], "notes", "next_steps"}` logs the
    meeting once its start has passed (or edits the log of a held one). Otherwise the fields
    `starts_at`, `duration_minutes`, `channel`, `place`, `agenda` change a planned meeting:
    both members get the updated invitation (same UID, `sequence` one higher). A cancelled
    meeting, or one not started yet for a log, is `409`."""
    user = request.auth
    meeting = get_meeting(user, meeting_id)
    sent = data.model_dump(exclude_unset=True)
    if sent.get("held"):
        mixed = sorted(set(sent) & set(PLAN_FIELDS))
        if mixed:
            raise ValidationFailed(
                _("Log the meeting and change its plan in two separate requests."),
                errors={name: ["Not accepted together with held."] for name in mixed},
            )
        services.meeting_log(
            mentorship=meeting.mentorship,
            user=user,
            meeting=meeting,
            duration_minutes=sent.get("duration_minutes"),
            topics=sent.get("topics", meeting.topics),
            notes=sent.get("notes", meeting.notes),
            next_steps=sent.get("next_steps", meeting.next_steps),
        )
    elif sent.get("held") is False or set(sent) & {"topics", "notes", "next_steps"}:
        raise ValidationFailed(
            _('Send "held": true to log the meeting with topics, notes and next steps.'),
            field="held",
        )
    else:
        services.meeting_update(
            meeting=meeting,
            user=user,
            **{
                name: sent[name]
                for name in (*PLAN_FIELDS, "duration_minutes")
                if name in sent and sent[name] is not None
            },
        )
    return _out(meeting)


@router.delete(
    "/meetings/{meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="Cancel a planned meeting",
)
def meeting_delete(request, meeting_id: str):
    """Cancels a planned meeting: both members get a cancellation (METHOD:CANCEL) that removes
    it from their calendars. The meeting stays in the record as cancelled. A held or already
    cancelled meeting is `409 not_planned`."""
    meeting = get_meeting(request.auth, meeting_id)
    services.meeting_cancel(meeting=meeting, user=request.auth)
    return _out(meeting)


@router.get(
    "/meetings/{meeting_id}/ics",
    response={401: Error, 404: Error},
    url_name="meeting_ics",
    summary="The meeting's calendar file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The meeting as an iCalendar file.",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def meeting_ics(request, meeting_id: str):
    """`text/calendar` for the meeting (METHOD:PUBLISH, or CANCEL once cancelled), with the
    same UID and SEQUENCE as the invitations. Members only."""
    meeting = get_meeting(request.auth, meeting_id)
    method = "CANCEL" if meeting.status == Meeting.Status.CANCELLED else "PUBLISH"
    response = HttpResponse(
        ics.calendar_for([meeting], method=method),
        content_type=f"{ics.MIMETYPE}; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="meeting.ics"'
    return response


@router.get("/me/calendar", response={200: FeedOut, **ERRORS}, summary="Your calendar feed")
def calendar_get(request):
    """`{"feed_url"}`: a secret address serving your planned meetings as `text/calendar`,
    readable without signing in (subscribe to it in your calendar program)."""
    return {"feed_url": services.feed_url(services.feed_for(request.auth))}


@router.post(
    "/me/calendar/rotate",
    response={200: FeedOut, **ERRORS},
    summary="A new calendar feed address",
)
def calendar_rotate(request):
    """Replaces your feed's secret address; the old one answers 404 from now on."""
    return {"feed_url": services.feed_url(services.feed_rotate(user=request.auth))}
