"""The engine's compiled kernels against plain NumPy references: a pair scored alone equals the
same pair in its row bit for bit (the pruning bound relies on it), the top-K scan with its
bound, the check of pairs beyond the pool on both of its paths, each mentor's best entries,
the shortest-path repair, and factors too large to tabulate through ``match``."""

import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from mentorwise.matching.engine import Options, People, Problem, kernels, match
from mentorwise.matching.engine import features as engine_features
from mentorwise.matching.engine.features import encode
from mentorwise.matching.engine.run import _Rules
from mentorwise.matching.engine.scoring import Scorer
from tests.test_matching_engine import FAST, networkx_objective, random_problem

SCALE = 1000


def scorer_for(problem, mentor_ids=None) -> Scorer:
    enc = encode(problem)
    rules = _Rules(problem, enc)
    ids = np.arange(enc.mentors.n) if mentor_ids is None else mentor_ids
    return Scorer(enc, ids, rules.sparse(), (problem.exclude_same_department, False))


def weights(scores: np.ndarray) -> np.ndarray:
    """rint(score * scale) as the engine computes it; NEG where infeasible."""
    w = np.rint(scores.astype(np.float64) * SCALE)
    return np.where(np.isfinite(scores), w, kernels.NEG).astype(np.int64)


@FAST
@given(st.integers(0, 10**6), st.integers(1, 14), st.integers(1, 9))
def test_a_pair_scored_alone_equals_its_row_bit_for_bit(seed, n_e, n_m):
    scorer = scorer_for(random_problem(seed, n_e, n_m))
    dense = scorer.block(np.arange(n_e))
    rows, cols = np.divmod(np.arange(n_e * n_m), n_m)
    alone = scorer.pairs(rows, cols)
    assert np.array_equal(alone.view(np.int32), dense.ravel().view(np.int32))


@FAST
@given(st.integers(0, 10**6), st.integers(1, 8), st.integers(1, 300), st.integers(1, 6))
def test_scan_keeps_the_best_by_weight_plus_base_and_bounds_the_rest(seed, n_e, n_m, k):
    # Up to 300 mentors: several blocks of 32 columns, so the block-maximum filter counts.
    scorer = scorer_for(random_problem(seed, n_e, n_m))
    rng = np.random.default_rng(seed)
    spread = (0, 300, 10**9)[seed % 3]  # no base, prices, and prices with large levels
    base = rng.integers(-spread, spread + 1, n_m)
    scan = scorer.scan(np.arange(n_e), k, SCALE, base)
    dense = scorer.block(np.arange(n_e))
    value = np.where(np.isfinite(dense), weights(dense) + base, kernels.NEG)
    k = min(k, n_m)
    for i in range(n_e):
        # best first, ties to the lower column; -1 where fewer are feasible
        order = sorted((j for j in range(n_m) if np.isfinite(dense[i, j])),
                       key=lambda j: (-value[i, j], j))  # fmt: skip
        want = order[:k] + [-1] * (k - len(order[:k]))
        assert scan.cols[i].tolist() == want
        for q, j in enumerate(order[:k]):
            assert scan.w[i, q] == weights(dense[i, j : j + 1])[0]
            assert scan.score[i, q] == dense[i, j]
        left = [value[i, j] for j in order[k:]]
        assert scan.theta[i] == (max(left) if left else kernels.NEG)


@FAST
@given(st.integers(0, 10**6), st.integers(2, 14), st.integers(2, 9), st.booleans())
def test_check_finds_every_improving_pair_beyond_the_pool(seed, n_e, n_m, pair_by_pair):
    problem = random_problem(seed, n_e, n_m)
    scorer = scorer_for(problem)
    rng = np.random.default_rng(seed)
    dense = scorer.block(np.arange(n_e))
    w = weights(dense)
    pool = np.full((n_e, 2), -1, dtype=np.int64)
    pool[:, 0] = rng.integers(0, n_m, n_e)  # one pooled column per row
    solver = np.unique(rng.integers(0, n_e * n_m, 3))  # and a few pairs the solver has
    pi_row = rng.integers(0, 900, n_e)
    pi_col = rng.integers(-200, 200, n_m)
    delta = rng.integers(-5, 5, n_m)
    slack = rng.integers(-5, 5, n_e)
    top = 2
    count, cols, score, got_w = scorer.check(
        np.arange(n_e), (delta[None, :] > slack[:, None]).sum(axis=1), delta, slack, pi_row,
        pi_col, pool, solver, top, SCALE, pair_cost=0 if pair_by_pair else n_m,
    )  # fmt: skip
    for i in range(n_e):
        found = [
            (int(w[i, j] + pi_col[j] - pi_row[i]), j)
            for j in range(n_m)
            if delta[j] > slack[i]
            and j not in pool[i]
            and i * n_m + j not in solver
            and np.isfinite(dense[i, j])
            and w[i, j] + pi_col[j] > pi_row[i]
        ]
        assert count[i] == len(found)
        best = [j for _, j in sorted(found, key=lambda gj: (-gj[0], gj[1]))[:top]]
        assert cols[i].tolist() == best + [-1] * (top - len(best))
        for q, j in enumerate(best):
            assert score[i, q] == dense[i, j] and got_w[i, q] == w[i, j]


def test_each_mentor_keeps_its_best_entries():
    rng = np.random.default_rng(3)
    cols = rng.integers(-1, 6, (40, 5))
    w = rng.integers(0, 20, (40, 5))
    limit = np.array([0, 1, 2, 3, 50, 4])
    out = np.zeros(cols.shape, dtype=bool)
    kernels.best_per_column(cols, w, limit, 6, out)
    for c in range(6):
        entries = sorted(((-w[r, q], r, q) for r, q in zip(*np.nonzero(cols == c), strict=True)))
        want = {(r, q) for _, r, q in entries[: limit[c]]}
        assert {(r, q) for r, q in zip(*np.nonzero(out & (cols == c)), strict=True)} == want
    assert not out[cols < 0].any()


def test_untabulated_factors_give_the_same_scores_and_the_optimum(monkeypatch):
    # Factors with more codes than a table may hold are computed row by row in NumPy and added
    # to the kernels' rows: the same scores, and still the optimum.
    problem = random_problem(8, 30, 9)
    tabulated = scorer_for(problem).block(np.arange(30))
    monkeypatch.setattr(engine_features, "MAX_TABLE_ROWS", 1)
    scorer = scorer_for(problem)
    assert scorer.direct  # every factor is untabulated now
    assert np.allclose(scorer.block(np.arange(30)), tabulated, atol=1e-6)
    result = match(problem, Options(k=2, solve_k=1, chunk_cells=40))
    assert not result.pruning_may_have_cut_optimum
    assert result.objective == networkx_objective(problem)


@pytest.mark.parametrize("seed", range(12))
def test_rescans_and_pair_checks_stay_exact(seed, monkeypatch):
    # A rescan ordered by price at every round, or never, and checks pair by pair: the optimum.
    problem = random_problem(seed, 25, 8)
    for rescan in (0.0, 1e9):
        monkeypatch.setattr(kernels, "PAIR_COST", 0 if rescan else 40)
        result = match(problem, Options(k=2, solve_k=1, mentor_arcs=1, rescan=rescan))
        assert not result.pruning_may_have_cut_optimum
        assert result.objective == networkx_objective(problem)


WARM_CHECK = """
import numba
from mentorwise.matching.engine import kernels
from mentorwise.matching.engine.warm import warm_up
warm_up()
print(sorted(name for name, f in vars(kernels).items()
             if isinstance(f, numba.core.registry.CPUDispatcher) and not name.startswith("_")
             and not f.signatures))
"""


def test_the_warm_up_runs_every_kernel():
    # In a process of its own: kernels that other tests already ran here would hide one that
    # the warm-up misses (and its first match run would then compile it).
    done = subprocess.run(
        [sys.executable, "-c", WARM_CHECK],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")},
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_warm_matching_says_when_the_engine_is_ready():
    out = io.StringIO()
    call_command("warm_matching", stdout=out)
    assert "Matching engine ready" in out.getvalue()


# --- programs where many mentors are already full -------------------------------------------


def closed_problem(seed: int, n_e: int, n_m: int, closed: float):
    """A random program whose mentors are ``closed`` full (capacity 0), the others open."""
    problem = random_problem(seed, n_e, n_m)
    rng = np.random.default_rng(seed + 1)
    slots = rng.integers(1, 4, n_m)
    slots[rng.choice(n_m, round(closed * n_m), replace=False)] = 0
    return replace(problem, mentors=replace(problem.mentors, slots=slots))


@pytest.mark.parametrize(("seed", "k"), [(1, 60), (2, 4), (3, 1)])
def test_many_full_mentors_give_the_optimum_of_an_independent_solver(seed, k):
    # 30 % of the mentors full: the active columns fit in fewer than K + 1 blocks, where the
    # scan's filter takes its floor from the keys themselves. networkx on the full graph.
    problem = closed_problem(seed, 70, 90, 0.3)
    result = match(problem, Options(k=k))
    assert not result.pruning_may_have_cut_optimum
    assert result.objective == networkx_objective(problem)
    assert all(problem.mentors.slots[p.mentor] > 0 for p in result.pairs)


@pytest.mark.parametrize("n_m", [70, 1_500, 2_100])
def test_scan_with_few_blocks_and_many_ties_keeps_the_best_in_column_order(n_m):
    # Hundreds of mentors alike (ties), K = 60: up to K + 1 blocks of 32 columns (no floor from
    # the blocks) and just above (a weak one); the order must still be the exact one.
    rng = np.random.default_rng(n_m)
    people = People(
        name=[f"m{j}" for j in range(n_m)],
        tags=[["story"] if j % 3 else ["layout"] for j in range(n_m)],
        languages=[["English"]] * n_m,
        years=rng.choice([4.0, 12.0], n_m),
    )
    mentees = People(name=["a", "b", "c"], goals=[["story"], ["layout"], []],
                     languages=[["English"]] * 3, years=[1.0, 2.0, 3.0])  # fmt: skip
    scorer = scorer_for(Problem(mentees=mentees, mentors=people))
    for spread in (0, 2, 10**9):
        base = rng.integers(-spread, spread + 1, n_m)
        scan = scorer.scan(np.arange(3), 60, SCALE, base)
        dense = scorer.block(np.arange(3))
        value = np.where(np.isfinite(dense), weights(dense) + base, kernels.NEG)
        for i in range(3):
            order = sorted(range(n_m), key=lambda j: (-value[i, j], j))
            assert scan.cols[i].tolist() == order[:60]
            assert scan.w[i].tolist() == weights(dense[i, order[:60]]).tolist()
            assert scan.theta[i] == value[i, order[60]]
