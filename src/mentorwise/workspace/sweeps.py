"""The reminder that "How is it going?" is waiting, as an idempotent sweep (see core/sweeps.py).

The pulse's rule is the workspace's (`workspace.pulse`): once the pair has logged a meeting as
held, then 60 days after each answer. When a member's check-in falls due (the day read in their
zone), they are told in the app and, by their preference for reminders, by e-mail in their
language: once per due check-in, claimed by inserting the unique `CheckInReminder` row, so two
schedulers or a second run never tell them twice. Nobody else is told.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorwise.core import sweeps
from mentorwise.core.zones import today_for
from mentorwise.meetings.models import Meeting
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.workspace.models import CheckInReminder
from mentorwise.workspace.pulse import (
    PulseFacts,
    checkin_due_on,
    first_held_subquery,
    last_answer_subquery,
)


def _open_with_a_held_meeting():
    """Open mentorships whose pair has logged a meeting, with what the rule reads for each
    member (one query, whatever the number of meetings and answers)."""
    return (
        Mentorship.objects.filter(status__in=Mentorship.ESTABLISHED)
        .filter(Exists(Meeting.objects.held().filter(mentorship=OuterRef("pk"))))
        .annotate(
            first_held_at=first_held_subquery(),
            mentor_last_at=last_answer_subquery(OuterRef("mentor__user_id")),
            mentee_last_at=last_answer_subquery(OuterRef("mentee__user_id")),
        )
        .select_related("program", "mentor__user__profile", "mentee__user__profile")
    )


@sweeps.register("checkin_due_reminder", every=timedelta(hours=6))
def remind_checkins_due(now: datetime) -> int:
    """Tells each member of an open mentorship whose check-in has fallen due (once per due
    check-in)."""
    count = 0
    for mentorship in _open_with_a_held_meeting():
        for member, partner, last_at in (
            (mentorship.mentor, mentorship.mentee, mentorship.mentor_last_at),
            (mentorship.mentee, mentorship.mentor, mentorship.mentee_last_at),
        ):
            user = member.user
            facts = PulseFacts(first_held_at=mentorship.first_held_at, last_answer_at=last_at)
            due_on = checkin_due_on(mentorship, user, facts)
            if due_on is None or today_for(user, now=now) < due_on:
                continue
            with transaction.atomic():
                _reminder, claimed = CheckInReminder.objects.get_or_create(
                    mentorship=mentorship, member=user, due_on=due_on, defaults={"sent_at": now}
                )
                if not claimed:
                    continue
                notify(
                    user=user,
                    kind="checkin_due",
                    category=Category.REMINDERS,
                    context={
                        "mentorship": mentorship,
                        "program": mentorship.program,
                        "partner": partner,
                        "first": last_at is None,
                    },
                    url=reverse("mentorships:detail", args=[mentorship.public_id]) + "#checkin",
                    summary=_(
                        "How is your mentorship with %(name)s going? Only you see the answer."
                    )
                    % {"name": partner.user.name},
                )
                count += 1
    return count
