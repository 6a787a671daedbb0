"""Meetings through the privacy gate: a meeting fetched by its own id is found only among the
meetings of mentorships visible to the caller (`Mentorship.objects.visible_to`); everyone else,
administrators included, gets 404."""

from django.http import Http404

from mentorwise.meetings.models import Meeting

MEETING_RELATED = (
    "mentorship__program__organization",
    "mentorship__mentor__user",
    "mentorship__mentee__user",
    "created_by",
)


def get_meeting(user, public_id: str) -> Meeting:
    meeting = (
        Meeting.objects.visible_to(user)
        .select_related(*MEETING_RELATED)
        .filter(public_id=str(public_id)[:16])
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting
