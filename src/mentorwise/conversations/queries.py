"""Reads of the conversation, for a mentorship already fetched through the privacy gate; and,
for administrators, the one thing they may know: when a re-match was asked for."""

from django.db.models import Exists, OuterRef

from mentorwise.conversations.models import Message, RematchRequest, ThreadRead
from mentorwise.mentorships.models import Mentorship


def thread(mentorship: Mentorship):
    """The pair's messages, oldest first (newest last), with their authors."""
    return (
        Message.objects.filter(mentorship=mentorship)
        .select_related("author")
        .order_by("created_at", "id")
    )


def latest(mentorship: Mentorship, n: int = 3) -> list[Message]:
    """The last `n` messages, newest last (one query)."""
    rows = list(
        Message.objects.filter(mentorship=mentorship)
        .select_related("author")
        .order_by("-created_at", "-id")[:n]
    )
    return rows[::-1]


def unread(mentorship: Mentorship, user):
    """The partner's messages that `user` has not read yet."""
    read = ThreadRead.objects.filter(
        mentorship=OuterRef("mentorship"), user=user, last_read_at__gte=OuterRef("created_at")
    )
    return Message.objects.filter(mentorship=mentorship).exclude(author=user).exclude(Exists(read))


def rematch_dates(mentorship: Mentorship) -> list[dict]:
    """For the administrators' page: when a re-match was asked for (and handled). Dates only."""
    return list(
        RematchRequest.objects.filter(mentorship=mentorship)
        .order_by("created_at")
        .values("created_at", "handled_at")
    )
