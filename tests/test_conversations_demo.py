import datetime
import random

from mentorwise.conversations.models import Message
from mentorwise.demo.workspace_conversations import seed_conversations
from tests.factories import make_mentorship


def test_the_demo_gives_a_pair_a_short_thread_in_both_voices(world):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    today = datetime.date.today()
    written = seed_conversations(pair, rng=random.Random(7), today=today)
    thread = list(Message.objects.filter(mentorship=pair).order_by("created_at"))
    assert 5 <= written == len(thread) <= 8
    assert {m.author for m in thread} == {world.mentor1.user, world.mentee1.user}
    span = thread[-1].created_at - thread[0].created_at
    assert datetime.timedelta(days=3) < span <= datetime.timedelta(days=14)
    assert all("{" not in m.body for m in thread)
