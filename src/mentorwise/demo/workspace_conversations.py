"""Demo content for the conversations part of the workspace: a short thread between the pair,
written over the two weeks before `today`, in both voices."""

import datetime
import random

from django.utils import timezone

from mentorwise.conversations.models import CheckIn, Message, ThreadRead
from mentorwise.mentorships.models import Mentorship

# Each thread: (who speaks, what they say). {mentor} and {mentee} are first names.
THREADS = [
    [
        (
            "mentee",
            "Hi {mentor}! Thanks again for saying yes. I've put my answers to the 15 Questions up — the bit about boundaries is the one I'd like to talk through first.",
        ),
        (
            "mentor",
            "Hello {mentee}, read them this morning, really helpful. Would Thursdays around lunch work for a first call? Thirty minutes is plenty to start.",
        ),
        (
            "mentee",
            "Thursday works. I'll bring the two storyboards I mentioned, the pitch one and the one I'm not happy with.",
        ),
        (
            "mentor",
            "Perfect. Bring the one you're not happy with first — that's usually where the interesting conversation is.",
        ),
        (
            "mentee",
            "Thank you for today. I rewrote the opening panel like you suggested and it finally reads. Sending the new version over the weekend.",
        ),
        (
            "mentor",
            "Saw it, the staging is much clearer. One thing to try: hold the reveal a beat longer. Let's look at timing next week?",
        ),
        (
            "mentee",
            "Yes please. I also wrote down the goal we talked about: a finished animatic by the end of next month.",
        ),
    ],
    [
        (
            "mentor",
            "Hi {mentee}, welcome! Before we meet, is there anything you'd like me to look at? A reel, a portfolio, a shot you're stuck on?",
        ),
        (
            "mentee",
            "Hi {mentor}, thank you! I'm stuck on a walk cycle that feels floaty. I'll send the playblast.",
        ),
        (
            "mentor",
            "Got it. Your timing is fine, it's the weight shift: the hips never really drop on the contact. Let's go through it frame by frame on Tuesday.",
        ),
        ("mentee", "That makes so much sense now that you say it. Tuesday at 5 my time?"),
        ("mentor", "Tuesday at 5 is good. I'll send a calendar invite."),
        (
            "mentee",
            "Quick update: I reworked the passing position and it's grounded now. I owe you a coffee.",
        ),
    ],
    [
        (
            "mentee",
            "Hello {mentor}, I'd like to prepare for the review at work next month. Could we use a session on how to present my own work without underselling it?",
        ),
        (
            "mentor",
            "Great topic, {mentee}. Write down three things you shipped this year and what changed because of them. We'll start from there.",
        ),
        (
            "mentee",
            "Done — it was harder than I thought to say what changed. Sharing my notes before our call.",
        ),
        (
            "mentor",
            "These are good. The second one is your strongest story; lead with it. Let's rehearse it once on Friday.",
        ),
        (
            "mentee",
            "Friday rehearsal helped a lot. My lead said it was the clearest self-review she'd read.",
        ),
        (
            "mentor",
            "That's wonderful to hear. Well earned. Next: the stretch project you mentioned?",
        ),
    ],
]


def seed_conversations(mentorship: Mentorship, *, rng: random.Random, today: datetime.date) -> int:
    """Writes a 5-8 message thread over the two weeks before `today` (both members have read
    it), and a friendly check-in from each. Returns how many messages were written."""
    script = rng.choice(THREADS)
    count = min(len(script), rng.randint(5, 8))
    names = {
        "mentor": mentorship.mentor.user.get_short_name(),
        "mentee": mentorship.mentee.user.get_short_name(),
    }
    users = {"mentor": mentorship.mentor.user, "mentee": mentorship.mentee.user}
    start = datetime.datetime.combine(
        today - datetime.timedelta(days=14),
        datetime.time(9),
        tzinfo=timezone.get_current_timezone(),
    )
    offsets = sorted(rng.sample(range(13 * 24), count))
    messages = [
        Message(
            mentorship=mentorship,
            author=users[who],
            body=text.format(**names),
            created_at=start + datetime.timedelta(hours=hour, minutes=rng.randint(0, 59)),
        )
        for (who, text), hour in zip(script[:count], offsets, strict=True)
    ]
    Message.objects.bulk_create(messages)
    last = messages[-1].created_at
    ThreadRead.objects.bulk_create(
        [ThreadRead(mentorship=mentorship, user=u, last_read_at=last) for u in users.values()]
    )
    CheckIn.objects.bulk_create(
        [
            CheckIn(mentorship=mentorship, member=u, score=rng.choice([3, 4]), created_at=last)
            for u in users.values()
        ]
    )
    return len(messages)
