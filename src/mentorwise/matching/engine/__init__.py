"""The matching engine: pure Python, NumPy, SciPy and OR-Tools; no Django.

from mentorwise.matching.engine import People, Problem, match
result = match(Problem(mentees=People(...), mentors=People(...)))
"""

from .features import CRITERIA
from .model import (
    EITHER,
    IN_PERSON,
    REMOTE,
    MatchResult,
    Options,
    Pair,
    People,
    Problem,
    Unmatched,
    Weights,
)
from .run import compatibility, match, score_matrix

__all__ = [
    "CRITERIA",
    "EITHER",
    "IN_PERSON",
    "REMOTE",
    "MatchResult",
    "Options",
    "Pair",
    "People",
    "Problem",
    "Unmatched",
    "Weights",
    "compatibility",
    "match",
    "score_matrix",
]
