"""From the database to the engine's input: one query per kind of data, whatever the size.

The engine (NumPy, SciPy, Numba, OR-Tools: ~150 MB) is imported when a market is built, not
with this module: the web pages that import it never load the engine unless they score."""

from __future__ import annotations

import datetime
import math
import re
import zoneinfo
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone

from mentorwise.mentorships.models import Concern, Mentorship
from mentorwise.mentorships.queries import with_room
from mentorwise.profiles.models import Participant, Tag
from mentorwise.programs.models import ApplicationQuestion, Program, Role

if TYPE_CHECKING:
    from mentorwise.matching.engine import Problem, Weights

CATEGORICAL = (ApplicationQuestion.Kind.SINGLE_CHOICE, ApplicationQuestion.Kind.MULTIPLE_CHOICE)


@dataclass
class Market:
    """The engine's problem plus the participants behind each index."""

    problem: Problem
    mentees: list[Participant]
    mentors: list[Participant]
    mentee_index: dict[int, int] = field(default_factory=dict)  # participant pk → index
    mentor_index: dict[int, int] = field(default_factory=dict)


def _offset_hours(name: str, when: datetime.datetime) -> float:
    try:
        offset = when.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return math.nan
    return offset.total_seconds() / 3600 if offset is not None else math.nan


def _participants(program: Program, role: str, pks=None):
    tags = Tag.objects.order_by("name")
    qs = (
        Participant.objects.filter(program=program, role=role, status=Participant.Status.ACCEPTED)
        # members in good standing only: nobody the organization blocked is matched
        .filter(
            user__memberships__organization_id=program.organization_id,
            user__memberships__is_blocked=False,
        )
        .select_related("user", "user__profile")
        .prefetch_related(
            Prefetch("user__profile__expertise", queryset=tags),
            Prefetch("user__profile__interests", queryset=tags),
            Prefetch("user__profile__languages", queryset=tags),
        )
        .order_by("pk")
    )
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return list(with_room(qs, role))


def _program_weights(program: Program) -> Weights:
    """The program's importance of each criterion (see matching.services.criteria)."""
    from mentorwise.matching.services.criteria import weights_for

    return weights_for(program)


def _goal_tags(goals: str, vocabulary: list[str]) -> list[str]:
    """The mentors' expertise words that a mentee's goals text mentions."""
    text = " " + re.sub(r"\W+", " ", (goals or "").lower()) + " "
    return [word for word in vocabulary if f" {word.lower()} " in text]


def build_market(
    program: Program,
    *,
    mentee_pks=None,
    mentor_pks=None,
    include_full: bool = False,
    weights: Weights | None = None,
    locked_pairs=(),
    excluded_pairs=(),
    mentee_choices=(),
    mentor_choices=(),
    lock_mentor_choices: bool = False,
) -> Market:
    """Accepted mentees with room for another mentor and accepted mentors with room (unless
    `include_full`), with their features, the program's rules and the pairs given as
    (mentee participant pk, mentor participant pk[, rank])."""
    from mentorwise.matching.engine import People, Problem

    now = timezone.now()
    mentees = _participants(program, Role.MENTEE, mentee_pks)
    mentors = _participants(program, Role.MENTOR, mentor_pks)
    limit = program.max_mentors_per_mentee
    if not include_full:
        today = timezone.localdate()
        mentees = [p for p in mentees if p.open_mentorships < limit]
        # A mentor who paused ("not taking mentees now") is no candidate until the return date.
        mentors = [p for p in mentors if p.remaining_capacity > 0 and not p.is_paused(today)]
    e_index = {p.pk: i for i, p in enumerate(mentees)}
    m_index = {p.pk: i for i, p in enumerate(mentors)}

    questions = [
        q for q in program.questions.all() if q.used_for_matching and q.kind in CATEGORICAL
    ]
    expertise_words = sorted(
        {t.name for m in mentors for t in m.user.profile.expertise.all()}, key=str.lower
    )

    def side(people, role):
        profiles = [p.user.profile for p in people]
        answers = {}
        for q in questions:
            if not q.applies_to(role):
                continue
            column = []
            for p in people:
                value = p.answers.get(q.public_id)
                if isinstance(value, list):
                    value = value[0] if value else None
                column.append(str(value) if value not in (None, "") else None)
            answers[q.public_id] = column
        if role == Role.MENTEE:
            tags = [[t.name for t in pr.interests.all()] for pr in profiles]
            goals = [_goal_tags(pr.goals, expertise_words) for pr in profiles]
            slots = [max(limit - p.open_mentorships, 0) for p in people]
        else:
            tags = [[t.name for t in pr.expertise.all()] for pr in profiles]
            goals = []
            slots = [max(p.remaining_capacity, 0) for p in people]
        return People(
            name=[p.user.name for p in people],
            tags=tags,
            goals=goals,
            languages=[[t.name for t in pr.languages.all()] for pr in profiles],
            industry=[pr.industry or None for pr in profiles],
            department=[pr.department or None for pr in profiles],
            reporting_line=[pr.reports_to or None for pr in profiles],
            years=[
                float(pr.years_experience) if pr.years_experience is not None else math.nan
                for pr in profiles
            ],
            tz_offset=[
                _offset_hours(pr.time_zone, now) if pr.time_zone else math.nan for pr in profiles
            ],
            location=[pr.location or None for pr in profiles],
            work_mode=[pr.work_mode for pr in profiles],
            answers=answers,
            slots=slots,
            priority=[1.0 if p.priority else 0.0 for p in people],
        )

    def indexed(pairs):
        out = []
        for pair in pairs:
            e, m = pair[0], pair[1]
            if e in e_index and m in m_index:
                out.append((e_index[e], m_index[m], *pair[2:]))
        return out

    user_e = {p.user_id: i for i, p in enumerate(mentees)}
    user_m = {p.user_id: i for i, p in enumerate(mentors)}
    # Two people who were ever paired, in any program of the organization, are not proposed
    # again (nor twice at once in two programs).
    past = {
        (user_e[a], user_m[b])
        for a, b in Mentorship.objects.filter(
            program__organization_id=program.organization_id
        ).values_list("mentee__user_id", "mentor__user_id")
        if a in user_e and b in user_m
    }
    # A concern between two people keeps them apart, whoever reported whom.
    concerns = Concern.objects.filter(program=program).values_list(
        "reporter_id", "subject__user_id"
    )
    blocked = set()
    for a, b in concerns:
        for x, y in ((a, b), (b, a)):
            if x in user_e and y in user_m:
                blocked.add((user_e[x], user_m[y]))

    problem = Problem(
        mentees=side(mentees, Role.MENTEE),
        mentors=side(mentors, Role.MENTOR),
        weights=weights or _program_weights(program),
        exclude_same_department=program.mentors_outside_reporting_line,
        exclude_same_reporting_line=program.mentors_outside_reporting_line,
        past_pairs=sorted(past),
        blocked_pairs=sorted(blocked),
        excluded_pairs=indexed(excluded_pairs),
        locked_pairs=indexed(locked_pairs),
        mentee_choices=indexed(mentee_choices),
        mentor_choices=[
            (m_index[m], e_index[e]) for e, m in mentor_choices if e in e_index and m in m_index
        ],
        lock_mentor_choices=lock_mentor_choices,
        question_labels={q.public_id: q.label for q in questions},
    )
    return Market(
        problem=problem,
        mentees=mentees,
        mentors=mentors,
        mentee_index=e_index,
        mentor_index=m_index,
    )
