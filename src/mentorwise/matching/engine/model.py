"""Inputs and outputs of the matching engine: plain dataclasses, no Django.

People are given column-wise ("arrays of features"): every field of `People` is a sequence with
one entry per person, or empty when the program does not collect that feature. Indices into these
sequences are the identities the engine works with; the caller maps them back to its own rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

REMOTE = "remote"
IN_PERSON = "in_person"
EITHER = "either"
WORK_MODES = (REMOTE, IN_PERSON, EITHER)


@dataclass(frozen=True)
class People:
    """One side of the market (mentees or mentors), one entry per person in every field.

    - ``tags``: a mentee's interests, a mentor's expertise.
    - ``goals``: a mentee's goals (compared with the mentor's expertise too; ignored for mentors).
    - ``languages``: the first one is the person's preferred language.
    - ``reporting_line``: a label for the person's line of management (for example their
      manager's id); two people with the same non-empty label are "in the same reporting line".
    - ``years``: years of experience (NaN when unknown); ``tz_offset``: UTC offset in hours.
    - ``work_mode``: ``"remote"``, ``"in_person"`` or ``"either"`` (the default).
    - ``answers``: question key → one categorical answer per person (None when unanswered), for
      the application questions the program marks as matching criteria.
    - ``slots``: a mentor's remaining capacity, a mentee's remaining maximum of mentors (default 1).
    - ``priority``: an integer weight, > 0 for people left unpaired last round (higher first).
    """

    name: Sequence[str]
    tags: Sequence[Sequence[str]] = ()
    goals: Sequence[Sequence[str]] = ()
    languages: Sequence[Sequence[str]] = ()
    industry: Sequence[str | None] = ()
    department: Sequence[str | None] = ()
    reporting_line: Sequence[str | None] = ()
    years: Sequence[float] | np.ndarray = ()
    tz_offset: Sequence[float] | np.ndarray = ()
    location: Sequence[str | None] = ()
    work_mode: Sequence[str] = ()
    answers: Mapping[str, Sequence[str | None]] = field(default_factory=dict)
    slots: Sequence[int] | np.ndarray = ()
    priority: Sequence[float] | np.ndarray = ()

    def __len__(self) -> int:
        return len(self.name)


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts (relative; normalised so that a score lies in [0, 1]),
    and the shape of the graded criteria. A criterion with weight 0 is ignored."""

    topics: float = 0.40  # mentee goals and interests against mentor expertise (cosine)
    language: float = 0.10  # 1 if the mentor speaks the mentee's first language, else 0.5
    time_zone: float = 0.15  # 1 within tz_full_hours, 0 from tz_zero_hours apart
    seniority: float = 0.15  # mentor more experienced, ideally by seniority_ideal years
    industry: float = 0.10  # same industry
    meeting: float = 0.05  # can meet the way both want (same location when in person)
    answers: float = 0.05  # share of matching-criteria questions answered alike
    goal_weight: float = 1.0  # a goal tag counts this much in the mentee's topic vector...
    interest_weight: float = 0.5  # ...and an interest tag this much
    tz_full_hours: float = 1.0
    tz_zero_hours: float = 8.0
    seniority_ideal: tuple[float, float] = (3.0, 15.0)
    mentee_choice_bonus: float = 0.3  # added to the objective for a mentee's first choice
    mentor_choice_bonus: float = 0.3  # added to the objective when the mentor chose the mentee


@dataclass(frozen=True)
class Problem:
    """Everything one run needs. Pairs are ``(mentee index, mentor index)``.

    - ``past_pairs``: matched before (never again); ``blocked_pairs``: either side blocked the
      other; ``excluded_pairs``: removed by the administrator for this run.
    - ``locked_pairs``: kept as they are (an administrator's choices); the engine fills around them.
    - ``mentee_choices``: ``(mentee, mentor, rank)`` with rank 1 the favourite; ``mentor_choices``:
      ``(mentor, mentee)``. Both are bonuses; ``lock_mentor_choices`` makes the mentors' choices
      locked pairs (a selection round whose choices are final).
    - ``question_labels``: question key → the question as people read it, for the reasons
      ("Both answered 'video' to 'Preferred format'"); a key without a label is not named.
    """

    mentees: People
    mentors: People
    weights: Weights = field(default_factory=Weights)
    exclude_same_department: bool = False
    exclude_same_reporting_line: bool = False
    past_pairs: Sequence[tuple[int, int]] = ()
    blocked_pairs: Sequence[tuple[int, int]] = ()
    excluded_pairs: Sequence[tuple[int, int]] = ()
    locked_pairs: Sequence[tuple[int, int]] = ()
    mentee_choices: Sequence[tuple[int, int, int]] = ()
    mentor_choices: Sequence[tuple[int, int]] = ()
    lock_mentor_choices: bool = False
    question_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """Solver settings (see docs/decisions/0007-matching-engine.md).

    ``k``: candidates scanned and kept per mentee (the pool); ``solve_k``: the best of them given
    to the first solve, with ``mentor_arcs`` times each mentor's capacity of the mentor's best
    mentees among those pools (the rest join only when the certificate asks); ``scale``: score
    → integer cost factor; ``verify_pruning``: prove (or repair) that pruning did not cut the
    optimum; ``repair_rounds``: at most this many rounds of new arcs; ``repair_k``: per mentee
    and round, the most improving pairs given to the solver; ``repair_local``: up to this many
    new arcs, re-optimise from the current flow instead of solving again; ``near``: when a round
    solves again, the scanned pairs within this much score of improving join too; ``fast_bonus``: solve
    with the priority and person levels at this many times the largest pair weight (faster),
    keeping the result only if the certificate proves it under the true levels; ``rescan``:
    scan again, ordered by weight plus mentor price, when checking the pairs beyond the pool
    pair by pair would cost more than this share of a scan; ``chunk_cells``: mentee rows x
    mentors computed at once for a factor too large to tabulate."""

    k: int = 60
    solve_k: int = 5
    mentor_arcs: int = 3
    scale: int = 1000
    verify_pruning: bool = True
    repair_rounds: int = 10
    repair_k: int = 4
    repair_local: int = 300
    near: float = 0.02
    fast_bonus: int = 4
    rescan: float = 0.5
    chunk_cells: int = 4_000_000
    explain: bool = True


@dataclass(frozen=True)
class Pair:
    mentee: int
    mentor: int
    score: float  # compatibility in [0, 1]
    reasons: tuple[str, ...]
    locked: bool = False
    broken: tuple[str, ...] = ()  # the hard rules a locked pair breaks ("matched before", ...)


@dataclass(frozen=True)
class Unmatched:
    mentee: int
    code: str  # no_language | excluded | no_capacity | all_full
    reason: str


@dataclass
class MatchResult:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    matched_count: int  # pairs, locked ones included
    mentees_matched: int
    mean_score: float
    objective: tuple[int, int, int, int]  # (pairs, priority, mentees matched, total score units)
    timings: dict[str, float]
    pruning_may_have_cut_optimum: bool
    pruning_note: str
    candidates: int  # mentee→mentor arcs given to the solver
    warnings: list[str] = field(default_factory=list)
    repairs: int = 0  # re-solves the optimality check asked for
