"""The reminder to set goals, as an idempotent sweep (see core/sweeps.py).

The program asks each pair to set goals within `Program.goals_due_days` of the start. When that
day has passed in the mentee's zone and the open mentorship still has no goal, the mentee is
reminded by e-mail and in the app, once: the reminder is claimed by inserting the mentorship's
one `GoalReminder` row (unique), so two schedulers or a second run never remind twice.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mentorwise.core import sweeps
from mentorwise.core.zones import today_for
from mentorwise.goals.models import Goal, GoalReminder, goals_due_on
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify


def _without_goals():
    return (
        Mentorship.objects.filter(status__in=Mentorship.ESTABLISHED)
        .exclude(Exists(Goal.objects.filter(mentorship=OuterRef("pk"))))
        .exclude(Exists(GoalReminder.objects.filter(mentorship=OuterRef("pk"))))
        .select_related("program", "mentor__user", "mentee__user__profile")
    )


@sweeps.register("goals_due_reminder", every=timedelta(hours=6))
def remind_goals_due(now: datetime) -> int:
    """Reminds the mentee of an open mentorship without goals once the program's deadline for
    setting them has passed (once per mentorship)."""
    count = 0
    for mentorship in _without_goals():
        due_on = goals_due_on(mentorship)
        if today_for(mentorship.mentee.user, now=now) <= due_on:
            continue
        with transaction.atomic():
            _reminder, claimed = GoalReminder.objects.get_or_create(
                mentorship=mentorship, defaults={"sent_at": now}
            )
            if not claimed:
                continue
            notify(
                user=mentorship.mentee.user,
                kind="goals_due_reminder",
                category=Category.REMINDERS,
                context={
                    "mentorship": mentorship,
                    "program": mentorship.program,
                    "partner": mentorship.mentor,
                    "due_on": due_on,
                },
                url=reverse("goals:new", args=[mentorship.public_id]),
                summary=lambda due_on=due_on: (
                    _("The program asked for your goals by %(date)s: add your first one.")
                    % {"date": date_format(due_on, "DATE_FORMAT")}
                ),
            )
            count += 1
    return count
