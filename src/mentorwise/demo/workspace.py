"""Gives several demo pairs a lived-in workspace (an agreement, goals at different stages,
meetings held and planned, a short thread), so a newcomer sees it at once. The youngest pair is
left fresh, to show where a new mentorship starts."""

import random

from django.utils import timezone

from mentorwise.demo.workspace_agreements import seed_agreements
from mentorwise.demo.workspace_conversations import seed_conversations
from mentorwise.demo.workspace_goals import seed_goals
from mentorwise.demo.workspace_meetings import seed_meetings
from mentorwise.mentorships.models import Mentorship

# Each workspace app's demo content, in the order a pair builds it.
SEEDERS = [seed_goals, seed_meetings, seed_conversations]


def seed_workspaces(program, *, now, seed: int = 7) -> int:
    rng = random.Random(seed)
    today = timezone.localdate(now)
    pairs = list(
        Mentorship.objects.filter(program=program)
        .established()
        .select_related("program", "mentor__user", "mentee__user")
        .order_by("started_on", "pk")
    )
    lived_in = pairs[:-1] if len(pairs) > 1 else pairs
    for index, mentorship in enumerate(lived_in):
        seed_agreements(mentorship, rng=rng, today=today, confirmed=index % 4 != 3)
        for seeder in SEEDERS:
            seeder(mentorship, rng=rng, today=today)
    return len(lived_in)
