"""Compiling the engine's kernels before the first match run needs them.

Numba compiles each kernel the first time it runs (about 20 s for all of them) and keeps the
result in its on-disk cache; later processes load it in a fraction of a second. ``warm_up`` runs
every kernel once on a small made-up program so that the compiling happens at start-up (the
``warm_matching`` command) instead of inside an administrator's first match run.
"""

from __future__ import annotations

import time

import numpy as np

from .model import Options, People, Problem
from .run import match, score_matrix


def _people(rng: np.random.Generator, n: int, mentor: bool) -> People:
    tags = [f"topic-{t}" for t in range(12)]
    return People(
        name=[f"{'Mentor' if mentor else 'Mentee'} {i}" for i in range(n)],
        tags=[list(rng.choice(tags, 3, replace=False)) for _ in range(n)],
        goals=[] if mentor else [list(rng.choice(tags, 1)) for _ in range(n)],
        languages=[["English", "Spanish"] if i % 3 else ["English"] for i in range(n)],
        department=[f"dept-{i % 4}" for i in range(n)],
        years=rng.integers(0, 30, n).astype(float),
        tz_offset=rng.choice([-5.0, 0.0, 1.0, 5.5], n),
        slots=rng.integers(1, 3, n) if mentor else np.ones(n, dtype=int),
        priority=np.zeros(n) if mentor else (np.arange(n) % 7 == 0).astype(float),
    )


def warm_up() -> float:
    """Run every compiled kernel once (compiling it, or loading it from the cache); the seconds
    it took."""
    started = time.perf_counter()
    rng = np.random.default_rng(0)
    problem = Problem(
        mentees=_people(rng, 40, mentor=False),
        mentors=_people(rng, 8, mentor=True),
        exclude_same_department=True,
        past_pairs=[(0, 0), (1, 1)],
        mentee_choices=[(2, 3, 1), (2, 4, 2)],
        mentor_choices=[(5, 6)],
    )
    # Few candidates and local repairs, once checking beyond the pool and once scanning again
    # instead: every path of the optimality check runs.
    for rescan in (1e9, 0.0):
        match(problem, Options(k=2, solve_k=1, mentor_arcs=1, rescan=rescan, repair_local=10**6))
    score_matrix(problem)
    return time.perf_counter() - started
