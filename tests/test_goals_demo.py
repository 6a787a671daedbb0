"""The demo gives a pair goals at three stages, with histories."""

import datetime
import random

from mentorwise.demo.workspace_goals import seed_goals
from mentorwise.goals.models import Goal, GoalChange
from tests.factories import make_mentorship


def test_seed_goals_gives_a_pair_goals_at_three_stages_with_histories(world):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    today = datetime.date.today()
    goals = seed_goals(pair, rng=random.Random(7), today=today)

    by_status = {goal.status: goal for goal in goals}
    assert set(by_status) == {"achieved", "in_progress", "not_started"}
    assert by_status["achieved"].progress == 100
    assert 40 <= by_status["in_progress"].progress <= 70
    assert by_status["not_started"].progress == 0
    assert Goal.objects.filter(mentorship=pair).count() == 3
    assert GoalChange.objects.filter(goal__mentorship=pair).count() == 4 + 4 + 1
    assert GoalChange.objects.exclude(note="").count() == 6
    for goal in goals:
        last = goal.changes.order_by("at", "id").last()
        assert (last.progress, last.status) == (goal.progress, goal.status)
