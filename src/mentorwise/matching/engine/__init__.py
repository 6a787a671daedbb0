"""The matching engine: pure Python, NumPy, SciPy and OR-Tools; no Django.

from mentorwise.matching.engine import People, Problem, match
result = match(Problem(mentees=People(...), mentors=People(...)))

The names below load their module on first use, so importing a light part of the package
(``engine.reason``, the stored reasons' type) does not load NumPy, SciPy, Numba or OR-Tools
into a web process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {
    "CRITERIA": ".features",
    "EITHER": ".model",
    "IN_PERSON": ".model",
    "REMOTE": ".model",
    "MatchResult": ".model",
    "Options": ".model",
    "Pair": ".model",
    "People": ".model",
    "Problem": ".model",
    "Unmatched": ".model",
    "Weights": ".model",
    "compatibility": ".run",
    "match": ".run",
    "score_matrix": ".run",
}

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


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
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
