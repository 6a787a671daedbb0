"""Demo content for the goals of one pair: one goal achieved, one under way, one not started,
each with a short, believable history in the pair's own words."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from mentorwise.goals.models import Goal, GoalChange
from mentorwise.mentorships.models import Mentorship

# (title, how it is measured, why it matters, notes along the way)
ACHIEVED = [
    (
        "Finish a 60-second animatic for my short-film pitch",
        "Boards cut to the scratch track, timed, and shown to two people outside the team",
        "I keep stopping at thumbnails; I want one piece that is finished end to end.",
        [
            "Thumbnails for all 14 beats done.",
            "Cut v1 — too long, trimming the middle.",
            "Showed it at the studio's lunch screening. Done!",
        ],
    ),
    (
        "Rebuild my demo reel around three shots I am proud of",
        "A reel under 90 seconds with a shot breakdown, sent to three studios",
        "My current reel opens with student work and hides my best shot.",
        [
            "Picked the three shots with Maya's help.",
            "Breakdown sheet written.",
            "Sent to three studios this week.",
        ],
    ),
]
UNDER_WAY = [
    (
        "Pitch a storyboard sequence in the monthly development review",
        "A 10-panel sequence presented in the review, with notes collected afterwards",
        "Story lead roles here ask for pitching experience, and I have none yet.",
        [
            "Chose the sequence: the chase on the rooftops.",
            "Rough boards done, pitch feels flat.",
            "Rehearsed twice with my mentor; timing is better.",
        ],
    ),
    (
        "Learn the studio's rigging pipeline well enough to fix my own rigs",
        "Rebuild one biped rig from scratch and pass the pipeline checks without help",
        "I lose half a day each time I wait for the rigging team on small fixes.",
        [
            "Went through the pipeline docs together.",
            "Spine and arms done; hands next.",
            "Stuck on the IK/FK switch — bringing it to our next session.",
        ],
    ),
    (
        "Lead the dailies for my sequence for one month",
        "Run at least eight dailies sessions and keep the notes log up to date",
        "I want to know whether supervising is for me before I apply for it.",
        [
            "First two dailies run; nervous but fine.",
            "Started a shared notes log.",
            "Halfway: the team likes the shorter format.",
        ],
    ),
]
NOT_STARTED = [
    (
        "Give a talk about our lighting workflow at a local meetup",
        "A 20-minute talk given, slides shared afterwards",
        "Speaking about my work is the skill I avoid most.",
    ),
    (
        "Write a one-page career plan for the next two years",
        "A page we have both read and agreed on, with three milestones",
        "I want to stop drifting between departments and choose a direction.",
    ),
    (
        "Ship a small game-jam project with a team of strangers",
        "A playable build submitted before the jam's deadline",
        "Working with new people under time pressure is where I freeze.",
    ),
]


def _moment(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(rng.randint(8, 19), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


def seed_goals(mentorship: Mentorship, *, rng: random.Random, today: date) -> list[Goal]:
    """Gives `mentorship` three goals at different stages with their histories, written by the
    mentee mostly and the mentor sometimes, dated between the start and `today`."""
    mentee, mentor = mentorship.mentee.user, mentorship.mentor.user
    start = min(mentorship.started_on, today)
    span = max((today - start).days, 3)

    def day_at(fraction: float) -> date:
        return min(start + timedelta(days=int(span * fraction)), today)

    goals = []

    title, measure, why, notes = rng.choice(ACHIEVED)
    steps = [
        (25, Goal.Status.IN_PROGRESS),
        (70, Goal.Status.IN_PROGRESS),
        (100, Goal.Status.ACHIEVED),
    ]
    goals.append(
        _goal(
            mentorship,
            title,
            measure,
            why,
            due_on=day_at(0.8),
            created=day_at(0.05),
            steps=steps,
            notes=notes,
            people=(mentee, mentor, mentee),
            rng=rng,
        )
    )

    title, measure, why, notes = rng.choice(UNDER_WAY)
    end = rng.choice((40, 50, 55, 60, 65, 70))
    steps = [
        (15, Goal.Status.IN_PROGRESS),
        (end - 10, Goal.Status.IN_PROGRESS),
        (end, Goal.Status.IN_PROGRESS),
    ]
    goals.append(
        _goal(
            mentorship,
            title,
            measure,
            why,
            due_on=today + timedelta(days=rng.randint(25, 70)),
            created=day_at(0.1),
            steps=steps,
            notes=notes,
            people=(mentee, mentee, mentor),
            rng=rng,
        )
    )

    title, measure, why = rng.choice(NOT_STARTED)
    goals.append(
        _goal(
            mentorship,
            title,
            measure,
            why,
            due_on=today + timedelta(days=rng.randint(80, 150)),
            created=day_at(0.6),
            steps=[],
            notes=[],
            people=(),
            rng=rng,
        )
    )
    return goals


def _goal(mentorship, title, measure, why, *, due_on, created, steps, notes, people, rng):
    mentee = mentorship.mentee.user
    created_at = _moment(created, rng)
    progress, status = steps[-1] if steps else (0, Goal.Status.NOT_STARTED)
    goal = Goal.objects.create(
        mentorship=mentorship,
        title=title,
        measure=measure,
        why=why,
        due_on=due_on,
        status=status,
        progress=progress,
        created_by=mentee,
        created_at=created_at,
    )
    changes = [
        GoalChange(
            goal=goal,
            at=created_at,
            by=mentee,
            progress=0,
            status=Goal.Status.NOT_STARTED,
            changed=[GoalChange.CREATED],
        )
    ]
    at, previous = created_at, (0, Goal.Status.NOT_STARTED)
    for (step_progress, step_status), note, by in zip(steps, notes, people, strict=False):
        at = at + timedelta(days=rng.randint(5, 14), hours=rng.randint(0, 6))
        at = min(at, timezone.now())
        changed = [
            name
            for name, old, new in (
                ("status", previous[1], step_status),
                ("progress", previous[0], step_progress),
            )
            if old != new
        ]
        changes.append(
            GoalChange(
                goal=goal,
                at=at,
                by=by,
                progress=step_progress,
                status=step_status,
                note=note,
                changed=changed,
            )
        )
        previous = (step_progress, step_status)
    GoalChange.objects.bulk_create(changes)
    return goal
