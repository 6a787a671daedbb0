"""Demo meetings for one pair: a few held meetings over the past weeks, each with topics, notes
and next steps in the pair's own words, and one planned for next week.

Rows are written directly (no invitations are e-mailed for demo data); the times fall in
ordinary working hours of the mentee's zone.
"""

import datetime
import random

from mentorwise.core.zones import zone_of
from mentorwise.meetings.models import Meeting

SESSIONS = [
    (
        ["Getting to know each other", "Expectations"],
        "We swapped stories about how we got into the industry and agreed to keep things "
        "informal. The 15 Questions answers were a good starting point.",
        "Write down three things to get out of the next six months.",
    ),
    (
        ["Portfolio review", "Storyboards"],
        "Went through the last two boards. The staging in the chase sequence works; the quiet "
        "scene before it needs clearer acting beats.",
        "Redo the quiet scene with fewer panels; share it before our next call.",
    ),
    (
        ["Pitching", "Feedback"],
        "Practised the pitch for the short twice. The second run was a minute shorter and much "
        "easier to follow.",
        "Record the pitch on video and watch it once before sending it to me.",
    ),
    (
        ["Career paths", "Studio life"],
        "Talked about moving from freelance to a studio role, and what a first year in a story "
        "department really looks like.",
        "Look at the three studios we listed and note who leads their story teams.",
    ),
    (
        ["Time management", "Deadlines"],
        "A rough fortnight with two deadlines at once. We went through how to say no to a "
        "rush job without burning the bridge.",
        "Block two mornings a week for portfolio work and protect them.",
    ),
    (
        ["Networking", "Festivals"],
        "Which festivals are worth the trip this year, and how to start a conversation at one "
        "without a business card pitch.",
        "Submit the short to one festival before the end of the month.",
    ),
]
AGENDAS = [
    "Look at the new thumbnails together, then plan the next draft.",
    "Run through the pitch once more and talk about the portfolio site.",
    "Catch up on the last two weeks and review the goals.",
]
PLACES = {
    Meeting.Channel.VIDEO: ["https://meet.example.org/mentoring-{n}"],
    Meeting.Channel.IN_PERSON: ["The studio café, ground floor", "Library meeting room 2"],
    Meeting.Channel.PHONE: [""],
}


def _at(day: datetime.date, hour: int, minute: int, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def seed_meetings(mentorship, *, rng: random.Random, today: datetime.date) -> list[Meeting]:
    """Three to five held meetings, one every week or two before `today`, and one planned a
    week after it."""
    zone = zone_of(mentorship.mentee.user)
    planner = mentorship.mentee.user
    count = rng.randint(3, min(5, len(SESSIONS)))
    sessions = SESSIONS[:1] + rng.sample(SESSIONS[1:], count - 1)
    meetings = []
    day = today - datetime.timedelta(days=rng.randint(2, 5))
    held = []
    for topics, notes, next_steps in sessions:
        channel = rng.choice(list(PLACES))
        place = rng.choice(PLACES[channel]).format(n=rng.randint(100, 999))
        starts_at = _at(day, rng.choice([8, 9, 12, 17, 18]), rng.choice([0, 30]), zone)
        held.append(
            Meeting(
                mentorship=mentorship,
                starts_at=starts_at,
                duration_minutes=rng.choice([30, 45, 60, 60, 90]),
                channel=channel,
                place=place,
                status=Meeting.Status.HELD,
                topics=topics,
                notes=notes,
                next_steps=next_steps,
                created_by=rng.choice([planner, mentorship.mentor.user]),
                held_at=starts_at + datetime.timedelta(hours=2),
            )
        )
        day -= datetime.timedelta(days=rng.choice([7, 7, 10, 14]))
    meetings.extend(reversed(held))
    next_day = today + datetime.timedelta(days=7)
    meetings.append(
        Meeting(
            mentorship=mentorship,
            starts_at=_at(next_day, rng.choice([9, 12, 17]), 0, zone),
            duration_minutes=60,
            channel=Meeting.Channel.VIDEO,
            place=f"https://meet.example.org/mentoring-{rng.randint(100, 999)}",
            agenda=rng.choice(AGENDAS),
            created_by=planner,
        )
    )
    return Meeting.objects.bulk_create(meetings)
