"""Matching engine at scale: synthetic programs of 1k, 10k and 50k mentees (mentors = mentees / 5)
and, when asked, 200k. Prints per size the scoring, solving and total time, peak memory, and the
greedy baseline with its optimality gap (plus SciPy's linear_sum_assignment on the expanded matrix
for sizes up to 2,000 mentees).

    .venv/bin/python benchmarks/matching.py                    # 1000, 10000, 50000; 2 threads
    .venv/bin/python benchmarks/matching.py --sizes 1000 200000
    .venv/bin/python benchmarks/matching.py --threads 1 --k 60
    .venv/bin/python benchmarks/matching.py --shapes                # program shapes, vs reference
    .venv/bin/python benchmarks/matching.py --shapes --shape 10000 2000 0.09 --repeat 5

``--shapes`` runs programs of 200 to 3,000 mentors of whom 5-30 % are already full, each in its
own process, and times the engine end to end (proof and explanations included) against a plain
top-50 + min-cost-flow reference (no proof, no explanations), alternating in the same minutes.

Each size runs in its own process so that peak memory (ru_maxrss) is that size's own.
Figures are printed, never asserted: record them in benchmarks/RESULTS.md when they change.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mentorwise.matching.engine import Options, People, Problem, match  # noqa: E402
from mentorwise.matching.engine.warm import warm_up  # noqa: E402

LANGUAGES = [("English", 0.85), ("Spanish", 0.25), ("French", 0.1), ("German", 0.08),
             ("Portuguese", 0.05), ("Japanese", 0.03)]  # fmt: skip
OFFSETS = np.array([-8, -7, -6, -5, -4, -3, 0, 1, 2, 3, 5.5, 8, 9, 10])


def _tags(rng, vocab: int, n: int, lo: int, hi: int) -> list[list[str]]:
    p = 1.0 / np.arange(1, vocab + 1) ** 0.9
    p /= p.sum()
    counts = rng.integers(lo, hi + 1, n)
    flat = rng.choice(vocab, counts.sum(), p=p)
    out, at = [], 0
    for c in counts.tolist():
        out.append([f"skill-{t}" for t in flat[at : at + c].tolist()])
        at += c
    return out


def _people(rng, n: int, mentor: bool) -> People:
    langs = []
    first = rng.choice(len(LANGUAGES), n, p=[0.75, 0.1, 0.05, 0.04, 0.04, 0.02])
    extra = rng.random((n, len(LANGUAGES))) < np.array([w for _, w in LANGUAGES])
    for i in range(n):
        spoken = [LANGUAGES[first[i]][0]]
        spoken += [LANGUAGES[k][0] for k in np.flatnonzero(extra[i]) if k != first[i]]
        langs.append(spoken)
    modes = rng.choice(["either", "remote", "in_person"], n, p=[0.7, 0.2, 0.1])
    return People(
        name=[f"{'Mentor' if mentor else 'Mentee'} {i}" for i in range(n)],
        tags=_tags(rng, 300, n, 3, 8) if mentor else _tags(rng, 300, n, 2, 5),
        goals=[] if mentor else _tags(rng, 300, n, 1, 3),
        languages=langs,
        industry=[f"industry-{k}" for k in rng.integers(0, 12, n)],
        department=[f"dept-{k}" for k in rng.integers(0, 30, n)],
        reporting_line=[f"line-{k}" for k in rng.integers(0, max(1, n // 8), n)],
        years=(rng.integers(5, 35, n) if mentor else rng.integers(0, 15, n)).astype(float),
        tz_offset=rng.choice(OFFSETS, n),
        location=[f"city-{k}" for k in rng.integers(0, 40, n)],
        work_mode=modes.tolist(),
        answers={
            "availability": [f"a{k}" for k in rng.integers(0, 4, n)],
            "style": [f"s{k}" for k in rng.integers(0, 3, n)],
        },
        slots=rng.integers(1, 6, n) if mentor else np.where(rng.random(n) < 0.1, 2, 1),
        priority=np.zeros(n) if mentor else (rng.random(n) < 0.05).astype(float),
    )


def make_problem(
    n_mentees: int, n_mentors: int | None = None, closed: float = 0.0, seed: int = 7
) -> Problem:
    """A synthetic program; ``closed``: the share of mentors with no place left (capacity 0)."""
    rng = np.random.default_rng(seed)
    n_mentors = max(1, n_mentees // 5) if n_mentors is None else n_mentors
    mentees = _people(rng, n_mentees, mentor=False)
    mentors = _people(rng, n_mentors, mentor=True)
    if closed > 0:
        slots = np.asarray(mentors.slots).copy()
        slots[rng.choice(n_mentors, round(closed * n_mentors), replace=False)] = 0
        mentors = replace(mentors, slots=slots)
    past = np.column_stack([rng.integers(0, n_mentees, n_mentees // 10),
                            rng.integers(0, n_mentors, n_mentees // 10)])  # fmt: skip
    blocked = np.column_stack([rng.integers(0, n_mentees, n_mentees // 100),
                               rng.integers(0, n_mentors, n_mentees // 100)])  # fmt: skip
    choosers = rng.choice(n_mentees, n_mentees // 10, replace=False)
    choices = [(int(i), int(j), r + 1) for i in choosers
               for r, j in enumerate(rng.choice(n_mentors, 3, replace=False))]  # fmt: skip
    return Problem(
        mentees=mentees,
        mentors=mentors,
        exclude_same_department=True,
        exclude_same_reporting_line=True,
        past_pairs=past.tolist(),
        blocked_pairs=blocked.tolist(),
        mentee_choices=choices,
    )


def greedy(problem: Problem, result, opts: Options):
    """Best-score-first greedy on the engine's candidate arcs (re-scored the same way)."""
    from mentorwise.matching.engine.features import encode
    from mentorwise.matching.engine.run import _Rules
    from mentorwise.matching.engine.scoring import Scorer

    enc = encode(problem)
    rules = _Rules(problem, enc)
    scorer = Scorer(enc, np.arange(enc.mentors.n), rules.sparse(),
                    (problem.exclude_same_department, False))  # fmt: skip
    scan = scorer.scan(np.arange(enc.mentees.n), opts.k, opts.scale)
    ok = scan.cols >= 0
    mentee = np.broadcast_to(scan.rows[:, None], ok.shape)[ok]
    mentor, score = scan.cols[ok], scan.score[ok]
    order = np.lexsort((-score, -enc.mentees.priority[mentee]))  # priority first
    slots, cap = enc.mentees.slots.copy(), enc.mentors.slots.copy()
    count, total = 0, 0
    matched = set()
    for i, j, s in zip(mentee[order].tolist(), mentor[order].tolist(),
                       score[order].tolist(), strict=True):  # fmt: skip
        if slots[i] and cap[j]:
            slots[i] -= 1
            cap[j] -= 1
            count += 1
            total += round(s * opts.scale)
            matched.add(i)
    return count, total, len(matched)


def lsa(problem: Problem, opts: Options):
    """SciPy's linear_sum_assignment on the matrix expanded to one column per mentor place and
    one row per mentee slot (cardinality first through a large constant, then score)."""
    from scipy.optimize import linear_sum_assignment

    from mentorwise.matching.engine import score_matrix

    scores = score_matrix(problem)
    e_slots = np.asarray(problem.mentees.slots)
    m_slots = np.asarray(problem.mentors.slots)
    rows = np.repeat(np.arange(len(e_slots)), e_slots)
    cols = np.repeat(np.arange(len(m_slots)), m_slots)
    w = scores[rows][:, cols]
    feasible = np.isfinite(w)
    value = np.where(feasible, np.rint(w * opts.scale) + 10 * opts.scale, 0)
    # a mentee's two slots must not take the same mentor twice
    same = rows[:, None] == np.arange(len(e_slots))[None, :]
    del same
    t = time.perf_counter()
    r, c = linear_sum_assignment(value, maximize=True)
    elapsed = time.perf_counter() - t
    ok = feasible[r, c]
    pairs = set(zip(rows[r[ok]].tolist(), cols[c[ok]].tolist(), strict=True))
    total = int(sum(round(scores[i, j] * opts.scale) for i, j in pairs))
    return len(pairs), total, elapsed, int(ok.sum()) - len(pairs)


def reference(problem: Problem, opts: Options, threads: int, k: int = 50):
    """A plain top-k + min-cost-flow reference: each mentee's ``k`` best open mentors by score
    (dense rows, ``np.argpartition``), the choice bonuses on those arcs, one OR-Tools solve with
    the engine's lexicographic costs. No proof that the cut kept the optimum, no explanations.
    Returns (pairs, mentees matched, objective score units, seconds)."""
    from mentorwise.matching.engine.features import encode
    from mentorwise.matching.engine.flow import build, solve
    from mentorwise.matching.engine.run import _Rules
    from mentorwise.matching.engine.scoring import Scorer

    t = time.perf_counter()
    enc = encode(problem)
    e, m = enc.mentees, enc.mentors
    rules = _Rules(problem, enc)
    mentor_ids = np.flatnonzero(m.slots > 0)
    scorer = Scorer(enc, mentor_ids, rules.sparse(), (problem.exclude_same_department, False),
                    threads)  # fmt: skip
    rows = np.flatnonzero(e.slots > 0)
    kk = max(1, min(k, len(mentor_ids)))
    arc_e, arc_c, arc_s = [], [], []
    step = max(1, 4_000_000 // max(1, len(mentor_ids)))
    for lo in range(0, len(rows) if len(mentor_ids) else 0, step):
        part = rows[lo : lo + step]
        block = scorer.block(part)
        top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        score = np.take_along_axis(block, top, 1)
        ok = np.isfinite(score)
        arc_e.append(np.broadcast_to(part[:, None], top.shape)[ok])
        arc_c.append(top[ok])
        arc_s.append(score[ok])
    arc_e = np.concatenate(arc_e) if arc_e else np.zeros(0, np.int64)
    arc_m = mentor_ids[np.concatenate(arc_c)] if arc_c else np.zeros(0, np.int64)
    arc_s = np.concatenate(arc_s) if arc_s else np.zeros(0, np.float32)
    bonus = {}
    choices = list(problem.mentee_choices)
    max_rank = max((r for _, _, r in choices), default=1)
    for i, j, r in choices:
        bonus[(i, j)] = problem.weights.mentee_choice_bonus * (max_rank + 1 - r) / max_rank
    for j, i in problem.mentor_choices:
        bonus[(i, j)] = bonus.get((i, j), 0) + problem.weights.mentor_choice_bonus
    w = np.rint(arc_s.astype(np.float64) * opts.scale).astype(np.int64)
    if bonus:
        extra = [bonus.get(key, 0.0) for key in zip(arc_e.tolist(), arc_m.tolist(), strict=True)]
        w += np.rint(np.asarray(extra) * opts.scale).astype(np.int64)
    yes_e, yes_m = np.ones(e.n, bool), np.ones(m.n, bool)
    net = build(e.slots, m.slots, e.priority, m.priority, yes_e, yes_m, arc_e, arc_m, w)
    flows = solve(net)
    chosen = np.flatnonzero(flows[net.pair_slice] > 0)
    elapsed = time.perf_counter() - t
    return len(chosen), len(np.unique(arc_e[chosen])), int(w[chosen].sum()), elapsed


# Program shapes as they come: (mentees, mentors, share of mentors already full). Most programs
# have a few hundred to a few thousand mentors, and some of them have no place left.
SHAPES = [
    (1_000, 200, 0.10),
    (2_000, 400, 0.30),
    (3_000, 1_000, 0.05),
    (5_000, 1_000, 0.20),
    (10_000, 2_000, 0.09),
    (10_000, 3_000, 0.30),
    (20_000, 3_000, 0.15),
]


def run_shape(shape: tuple[int, int, float], args) -> dict:
    """The engine (end to end: proof and explanations) and the reference side by side, in the
    same process and the same minutes, alternating, ``args.repeat`` times each."""
    warm_up()
    n_e, n_m, closed = shape
    problem = make_problem(n_e, n_m, closed)
    opts = Options(k=args.k)
    engine, ref = [], []
    result = out = None
    for _ in range(args.repeat):
        t = time.perf_counter()
        result = match(problem, opts, threads=args.threads)
        engine.append(time.perf_counter() - t)
        out = reference(problem, opts, args.threads)
        ref.append(out[3])
    e_med, r_med = float(np.median(engine)), float(np.median(ref))
    return {
        "shape": f"{n_e:,} x {n_m:,}",
        "open_mentors": int(np.count_nonzero(np.asarray(problem.mentors.slots) > 0)),
        "engine_s": round(e_med, 3),
        "engine_min_s": round(min(engine), 3),
        "reference_s": round(r_med, 3),
        "reference_min_s": round(min(ref), 3),
        "ratio": round(e_med / r_med, 2),
        "engine_pairs": result.matched_count,
        "reference_pairs": out[0],
        "engine_mentees": result.mentees_matched,
        "reference_mentees": out[1],
        "engine_units": result.objective[3],
        "reference_units": out[2],
        "proven": not result.pruning_may_have_cut_optimum,
        "repairs": result.repairs,
        "timings": result.timings,
    }


def shapes_main(args) -> None:
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; "
          f"{args.threads} threads; median of {args.repeat}")  # fmt: skip
    head = ("mentees x mentors", "open", "engine s", "reference s", "ratio", "pairs e/r",
            "mentees e/r", "units e/r", "proven")  # fmt: skip
    print(" | ".join(head))
    for shape in args.shape_list:
        cmd = [sys.executable, __file__, "--one-shape", *map(str, shape), "--k", str(args.k),
               "--threads", str(args.threads), "--repeat", str(args.repeat)]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode:
            print(proc.stderr)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        if args.verbose:
            print(json.dumps(row))
        print(" | ".join([
            row["shape"], f"{row['open_mentors']:,}",
            f"{row['engine_s']:.3f} (min {row['engine_min_s']:.3f})",
            f"{row['reference_s']:.3f} (min {row['reference_min_s']:.3f})",
            f"{row['ratio']:.2f}x",
            f"{row['engine_pairs']}/{row['reference_pairs']}",
            f"{row['engine_mentees']}/{row['reference_mentees']}",
            f"{row['engine_units']}/{row['reference_units']}",
            "yes" if row["proven"] else "NO",
        ]), flush=True)  # fmt: skip


def run_one(n: int, args) -> dict:
    # The compiled kernels load once per process (from Numba's cache, or compiled on the first
    # run after a change): timed apart, as a worker pays it once (`manage.py warm_matching`).
    warm = warm_up()
    t0 = time.perf_counter()
    problem = make_problem(n)
    build = time.perf_counter() - t0
    opts = Options(k=args.k)
    out_threads = args.threads
    cpu0 = time.process_time()
    result = match(problem, opts, threads=args.threads)
    cpu = time.process_time() - cpu0
    out = {
        "mentees": n,
        "mentors": len(problem.mentors),
        "threads": out_threads,
        "kernels_load_s": round(warm, 2),
        "build_s": round(build, 2),
        **{f"{k}_s": v for k, v in result.timings.items()},
        "cpu_s": round(cpu, 2),
        "pairs": result.matched_count,
        "mentees_matched": result.mentees_matched,
        "unmatched": len(result.unmatched),
        "mean_score": round(result.mean_score, 4),
        "candidates": result.candidates,
        "objective": list(result.objective),
        "repairs": result.repairs,
        "may_cut": result.pruning_may_have_cut_optimum,
        "note": result.pruning_note,
        "example": [result.pairs[0].reasons, result.unmatched[0].reason]
        if result.pairs and result.unmatched
        else None,
    }
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if not args.no_baselines:
        t = time.perf_counter()
        g_count, g_total, g_mentees = greedy(problem, result, opts)
        out["greedy_s"] = round(time.perf_counter() - t, 2)
        # the engine's score units without choice bonuses, for a like-for-like gap
        e_total = sum(round(p.score * opts.scale) for p in result.pairs)
        out["greedy_pairs"] = g_count
        out["greedy_gap_pairs"] = result.matched_count - g_count
        out["greedy_gap_mentees"] = result.mentees_matched - g_mentees
        out["greedy_gap_score_pct"] = round(100 * (e_total - g_total) / max(e_total, 1), 2)
        if n <= 2000:
            l_pairs, _l_total, l_time, dup = lsa(problem, opts)
            out["lsa_s"] = round(l_time, 2)
            out["lsa_pairs"] = l_pairs
            out["lsa_duplicate_pairs"] = dup
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--k", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--shapes", action="store_true",
                        help="program shapes (mentors partly full), engine vs reference")  # fmt: skip
    parser.add_argument("--shape", nargs=3, action="append", metavar=("MENTEES", "MENTORS", "CLOSED"),
                        help="with --shapes: this shape instead of the default ones (repeatable)")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-shape", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_shape:
        n_e, n_m, closed = args.one_shape
        print(json.dumps(run_shape((int(n_e), int(n_m), float(closed)), args)))
        return
    if args.shapes:
        args.shape_list = (
            [(int(a), int(b), float(c)) for a, b, c in args.shape] if args.shape else SHAPES
        )
        shapes_main(args)
        return
    if args.one:
        print(json.dumps(run_one(args.one, args)))
        return
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--k", str(args.k),
               "--threads", str(args.threads)] + (["--no-baselines"] * args.no_baselines)  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode:
            print(proc.stderr)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        print(json.dumps(row, indent=1))


if __name__ == "__main__":
    main()
