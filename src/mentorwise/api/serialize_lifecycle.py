"""Requests, mentorships, concerns and notifications → plain dicts shaped like the schemas of
schemas_lifecycle. Nothing here queries the database: callers select what is read (see the
`*_RELATED` tuples)."""

from datetime import datetime, timedelta

from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest
from mentorwise.mentorships.services import reminder_available_at
from mentorwise.notifications.models import Notification
from mentorwise.notifications.services import absolute_url
from mentorwise.profiles.models import Participant, Profile

REQUEST_RELATED = ("program", "mentor__user", "mentee__user", "mentorship")
MENTORSHIP_RELATED = (
    "program",
    "mentor__user__profile",
    "mentee__user__profile",
    "request",
)


def program_brief(program) -> dict:
    return {"id": program.public_id, "name": program.name}


def party(participant: Participant) -> dict:
    return {"id": participant.public_id, "name": participant.user.name, "role": participant.role}


# ---------------------------------------------------------------- requests


def request_out(request: MentorshipRequest, viewer, now: datetime) -> dict:
    """A request as one of its two people sees it (nobody else ever gets one)."""
    sender, recipient = request.sender, request.recipient
    outgoing = sender.user_id == viewer.pk
    pending = request.is_pending
    available = reminder_available_at(request) if pending else None
    expires = (
        request.created_at + timedelta(days=request.program.request_expiry_days)
        if pending
        else None
    )
    return {
        "id": request.public_id,
        "status": request.status,
        "direction": "outgoing" if outgoing else "incoming",
        "initiated_by": request.initiated_by,
        "program": program_brief(request.program),
        "sender": party(sender),
        "recipient": party(recipient),
        "message": request.message,
        "decline_reason": request.decline_reason,
        "closed_reason": request.closed_reason,
        "created_at": request.created_at,
        "responded_at": request.responded_at,
        "reminded_at": request.reminded_at,
        "expires_at": expires,
        "reminder_available_at": available,
        "can_remind": pending and outgoing and now >= available,
        "can_accept": pending and not outgoing,
        "can_decline": pending and not outgoing,
        "can_withdraw": pending and outgoing,
        "mentorship_id": request.mentorship.public_id if request.mentorship_id else None,
    }


# ---------------------------------------------------------------- mentorships


def _profile(user) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def partner_contact(partner: Participant) -> dict:
    profile = _profile(partner.user)
    return {
        "id": partner.public_id,
        "user_id": partner.user.public_id,
        "name": partner.user.name,
        "role": partner.role,
        "email": partner.user.email,
        "pronouns": profile.pronouns if profile else "",
        "headline": profile.headline if profile else "",
        "location": profile.location if profile else "",
        "time_zone": profile.time_zone if profile else "",
        "photo_url": profile.photo.url if profile and profile.photo else None,
    }


def _ended_by(mentorship: Mentorship) -> str | None:
    if mentorship.ended_by_id is None:
        return "program" if mentorship.status == Mentorship.Status.CLOSED else None
    if mentorship.ended_by_id == mentorship.mentor.user_id:
        return "mentor"
    if mentorship.ended_by_id == mentorship.mentee.user_id:
        return "mentee"
    return "administrator"


def _request_id(mentorship: Mentorship) -> str | None:
    try:
        return mentorship.request.public_id
    except MentorshipRequest.DoesNotExist:
        return None


def mentorship_out(mentorship: Mentorship, viewer) -> dict:
    """A mentorship for one of its members (with the partner's contact details) or, for the
    write endpoints an administrator may use, its metadata only. The end feedback is meant for
    the administrators: it is shown to its author and to administrators, not to the partner."""
    role = mentorship.member_role(viewer)
    ended = mentorship.status in Mentorship.ENDED
    data = {
        "id": mentorship.public_id,
        "program": program_brief(mentorship.program),
        "status": mentorship.status,
        "status_label": mentorship.get_status_display(),
        "origin": mentorship.origin,
        "my_role": role or "administrator",
        "mentor": party(mentorship.mentor),
        "mentee": party(mentorship.mentee),
        "started_on": mentorship.started_on,
        "planned_end_on": mentorship.planned_end_on,
        "latest_end_on": mentorship.latest_end_on(),
        "ended_on": mentorship.ended_on,
        "outcome": mentorship.status if ended else None,
        "ended_by": _ended_by(mentorship),
        "end_reason": mentorship.end_reason,
        "paused_reason": mentorship.paused_reason,
        "request_id": _request_id(mentorship),
        "created_at": mentorship.created_at,
    }
    if role:
        data["partner"] = partner_contact(mentorship.partner_of(viewer))
    if role is None or (mentorship.ended_by_id and mentorship.ended_by_id == viewer.pk):
        data["end_feedback"] = mentorship.end_feedback
    return data


# ---------------------------------------------------------------- concerns


def concern_out(concern: Concern) -> dict:
    """For the person who reported it."""
    return {
        "id": concern.public_id,
        "status": concern.status,
        "program": program_brief(concern.program),
        "subject": party(concern.subject),
        "mentorship_id": concern.mentorship.public_id if concern.mentorship_id else None,
        "text": concern.text,
        "created_at": concern.created_at,
    }


# ---------------------------------------------------------------- notifications


def notification_out(notice: Notification) -> dict:
    return {
        "id": notice.public_id,
        "category": notice.category,
        "kind": notice.kind,
        "title": notice.title,
        "body": notice.body,
        "url": absolute_url(notice.url),
        "created_at": notice.created_at,
        "read_at": notice.read_at,
        "is_read": notice.is_read,
    }
