"""Demo agreements: what real pairs write, in their own words, varied from pair to pair."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentorwise.agreements.models import Agreement

CADENCES = (
    "One hour every other week, on Tuesday evenings",
    "30 minutes every week, plus a longer session once a month",
    "Two hours a month: one long session on the first Saturday",
    "45 minutes every two weeks; we move it by message if work gets busy",
)
CHANNELS = ("Video call", "In person when we can, video otherwise", "Phone or video", "In person")
PLACES = (
    "Our usual video link",
    "The café next to the studio, or a video call",
    "The guild's meeting room on Thursdays",
    "A video call; once a quarter, lunch together",
)
CONFIDENTIALITY = (
    "What we discuss stays between us. Either of us may say that we work together, nothing "
    "more, unless we agree first.",
    "Everything about current projects and people at work stays between us. General lessons "
    "can be shared.",
)
IN_BOUNDS = (
    "Portfolio and showreel, pitching ideas in story meetings, planning the next career step",
    "Leading a small team for the first time, giving feedback, managing time",
    "Moving into rigging: tools, habits, how to show progress to a lead",
    "Getting back into animation after a break: skills, confidence, a realistic plan",
)
OUT_OF_BOUNDS = (
    "Salary details at either of our studios; other people's confidential work",
    "Anything about my current team's unreleased project",
    "Personal finances; gossip about colleagues",
)
CONTACT = (
    "E-mail between meetings; we answer within two working days. Messages here for quick "
    "questions.",
    "Messages in the workspace; a phone call only if something is urgent.",
    "E-mail, and a reminder the day before each meeting.",
)


def seed_agreements(mentorship, *, rng: random.Random, today: date, confirmed: bool = True):
    """Gives `mentorship` an agreement written in its first week (confirmed by both, unless
    `confirmed` is False: then only the mentee has, and the mentor is still to)."""
    written = timezone.make_aware(
        datetime.combine(mentorship.started_on + timedelta(days=rng.randint(2, 6)), time(18))
    )
    written = min(written, timezone.now())
    agreement = Agreement.objects.create(
        mentorship=mentorship,
        cadence=rng.choice(CADENCES),
        channel=rng.choice(CHANNELS),
        place=rng.choice(PLACES),
        confidentiality=rng.choice(CONFIDENTIALITY),
        in_bounds=rng.choice(IN_BOUNDS),
        out_of_bounds=rng.choice(OUT_OF_BOUNDS),
        contact=rng.choice(CONTACT),
        updated_by=mentorship.mentee.user,
        mentee_confirmed_at=written,
        mentor_confirmed_at=written + timedelta(hours=rng.randint(3, 40)) if confirmed else None,
    )
    Agreement.objects.filter(pk=agreement.pk).update(updated_at=written)
    return agreement
