"""The demo gives a pair believable meetings: held ones over the past weeks, one planned."""

import datetime
import random

from mentorwise.demo.workspace_meetings import seed_meetings
from mentorwise.meetings.models import Meeting
from mentorwise.meetings.services import hours_this_month
from tests.factories import make_mentorship


def test_seed_meetings_gives_a_pair_held_meetings_and_one_planned(world):
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    today = datetime.date(2027, 3, 15)
    seed_meetings(mentorship, rng=random.Random(7), today=today)
    held = list(Meeting.objects.filter(mentorship=mentorship, status="held"))
    planned = list(Meeting.objects.filter(mentorship=mentorship, status="planned"))
    assert 3 <= len(held) <= 5 and len(planned) == 1
    assert all(m.topics and m.notes and m.next_steps for m in held)
    assert all(m.starts_at.date() < today for m in held)
    assert planned[0].starts_at.date() >= today + datetime.timedelta(days=6)
    assert planned[0].agenda
    assert hours_this_month(mentorship, today=today, zone=datetime.UTC) > 0
