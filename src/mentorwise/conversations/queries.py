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
    """For the administrators' page: when a re-match was asked for, and when and by which
    administrator it was handled. Dates and names only."""
    return list(
        RematchRequest.objects.filter(mentorship=mentorship)
        .order_by("created_at")
        .values("public_id", "created_at", "handled_at", "handled_by__name")
    )


def rematches_for_administrators(program, *, status: str = ""):
    """The program's requests for a new match, newest first: who asked, in which mentorship,
    when, and whether an administrator handled them. `status` is "open", "handled" or ""."""
    rows = RematchRequest.objects.filter(mentorship__program=program).select_related(
        "mentee", "handled_by", "mentorship__mentor__user", "mentorship__mentee__user"
    )
    if status == "open":
        rows = rows.filter(handled_at__isnull=True)
    elif status == "handled":
        rows = rows.filter(handled_at__isnull=False)
    return rows.order_by("-created_at", "-id")
