"""When the pulse asks "How is it going?": a rule across two apps of the workspace (the pair's
meetings and the member's check-ins), so it lives here, above both.

A member is first asked once the pair has logged a meeting as held (from the day that meeting
started, in the member's zone), then `CHECKIN_EVERY` after their last answer. Only in an open
mentorship, and only of one of its two people. Each member has their own clock.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from mentorwise.conversations.models import CheckIn
from mentorwise.core.zones import zone_of
from mentorwise.meetings.models import Meeting
from mentorwise.mentorships.models import Mentorship

CHECKIN_EVERY = timedelta(days=60)


@dataclass(frozen=True)
class PulseFacts:
    first_held_at: datetime | None
    last_answer_at: datetime | None


def first_held_subquery(mentorship_ref="pk"):
    return Subquery(
        Meeting.objects.held()
        .filter(mentorship=OuterRef(mentorship_ref))
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def last_answer_subquery(member_ref, mentorship_ref="pk"):
    return Subquery(
        CheckIn.objects.filter(mentorship=OuterRef(mentorship_ref), member=member_ref)
        .order_by("-created_at")
        .values("created_at")[:1]
    )


def pulse_facts(mentorship: Mentorship, user) -> PulseFacts:
    """The start of the pair's first held meeting and `user`'s last answer (one query)."""
    row = (
        Mentorship.objects.filter(pk=mentorship.pk)
        .annotate(first_held_at=first_held_subquery(), last_answer_at=last_answer_subquery(user.pk))
        .values("first_held_at", "last_answer_at")
        .first()
    ) or {"first_held_at": None, "last_answer_at": None}
    return PulseFacts(**row)


def checkin_due_on(mentorship: Mentorship, user, facts: PulseFacts) -> date | None:
    """The day (in `user`'s zone) from which `user` is asked, or None while they are not."""
    if not mentorship.is_open or mentorship.member_role(user) is None:
        return None
    zone = zone_of(user)
    if facts.last_answer_at is not None:
        return timezone.localtime(facts.last_answer_at, zone).date() + CHECKIN_EVERY
    if facts.first_held_at is not None:
        return timezone.localtime(facts.first_held_at, zone).date()
    return None


def checkin_due(
    mentorship: Mentorship, user, *, today: date, facts: PulseFacts | None = None
) -> bool:
    """Whether `user` should be asked "How is it going?" in `mentorship` on `today` (a date in
    their zone)."""
    if not mentorship.is_open or mentorship.member_role(user) is None:
        return False
    due_on = checkin_due_on(mentorship, user, facts or pulse_facts(mentorship, user))
    return due_on is not None and today >= due_on
