"""``match()``: features in, proposals with explanations out."""

from __future__ import annotations

import gc
import time

import numpy as np
import scipy.sparse as sp

from . import kernels
from .explain import Reason, pair_reasons, unmatched_reasons
from .features import CRITERIA, Encoded, criteria_for_pairs, encode
from .flow import build, potentials, repair, solve
from .kernels import NEG
from .model import MatchResult, Options, Pair, Problem, Unmatched
from .scoring import Scan, Scorer, pair_matrix, same_key_pairs


def _pairs(values, n_e: int, n_m: int, what: str) -> np.ndarray:
    arr = np.asarray(list(values), dtype=np.int64).reshape(-1, 2)
    bad = (arr[:, 0] < 0) | (arr[:, 0] >= n_e) | (arr[:, 1] < 0) | (arr[:, 1] >= n_m)
    if bad.any():
        raise ValueError(f"{what}: index out of range in {arr[bad][0].tolist()}")
    return arr


def _unique_pairs(arr: np.ndarray) -> np.ndarray:
    if len(arr) == 0:
        return arr.reshape(0, 2)
    return np.unique(arr, axis=0)


class _Rules:
    """The hard rules, as sparse pair sets and key comparisons."""

    def __init__(self, problem: Problem, enc: Encoded):
        e, m = enc.mentees, enc.mentors
        self.enc = enc
        self.department = problem.exclude_same_department
        self.reporting = problem.exclude_same_reporting_line
        shape = (e.n, m.n)
        self.past = pair_matrix(_pairs(problem.past_pairs, *shape, "past_pairs"), *shape)
        self.blocked = pair_matrix(_pairs(problem.blocked_pairs, *shape, "blocked_pairs"), *shape)
        self.excluded = pair_matrix(
            _pairs(problem.excluded_pairs, *shape, "excluded_pairs"), *shape
        )
        if self.reporting:
            line = same_key_pairs(e.reporting, m.reporting)
            self.line = pair_matrix(line, *shape)
        else:
            self.line = sp.csr_matrix(shape, dtype=np.int8)

    def sparse(self) -> sp.csr_matrix:
        """Pairs forbidden by a pair rule (department is a factor of the scorer)."""
        return (self.past + self.blocked + self.excluded + self.line).tocsr()

    def pair_rules(self) -> dict[str, sp.csr_matrix]:
        """The pair rules in the order unmatched mentees' reasons count them."""
        rules = {"reporting_line": self.line} if self.reporting else {}
        return rules | {"past": self.past, "blocked": self.blocked, "excluded": self.excluded}

    def broken(self, pairs: np.ndarray) -> list[list[str]]:
        rows, cols = pairs[:, 0], pairs[:, 1]
        e, m = self.enc.mentees, self.enc.mentors
        out = []
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            why = []
            if not set(e.lang_sets[i]) & set(m.lang_sets[j]):
                why.append("no shared language")
            if self.department and e.department[i] >= 0 and e.department[i] == m.department[j]:
                why.append("same department")
            if self.reporting and self.line[i, j]:
                why.append("same reporting line")
            for name, matrix in (("matched before", self.past), ("blocked", self.blocked)):
                if matrix[i, j]:
                    why.append(name)
            out.append(why)
        return out


def _compatibility(enc: Encoded, mentee: np.ndarray, mentor: np.ndarray) -> np.ndarray:
    values = criteria_for_pairs(enc, mentee, mentor)
    total = np.zeros(len(mentee))
    for name in CRITERIA:
        total += enc.weights[name] * values[name]
    return np.clip(total, 0.0, 1.0)


def match(problem: Problem, options: Options | None = None, threads: int = 1) -> MatchResult:
    """Propose pairs: the most pairs (priority people first, then as many mentees as possible),
    then the highest total score; every hard rule holds for every proposed pair."""
    # A run makes hundreds of thousands of small objects (codes, reasons, pairs) and no cycles:
    # the cyclic garbage collector would walk them again and again (0.3 s of 4.4 at 50k).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _match(problem, options or Options(), threads)
    finally:
        if collecting:
            gc.enable()


def _match(problem: Problem, opts: Options, threads: int) -> MatchResult:
    timings: dict[str, float] = {}
    started = clock = time.perf_counter()
    cpu_clock = time.process_time()

    def lap(name: str) -> None:  # wall seconds, and CPU seconds under "<name>_cpu", summed
        nonlocal clock, cpu_clock
        now, cpu = time.perf_counter(), time.process_time()
        timings[name] = round(timings.get(name, 0) + now - clock, 4)
        timings[f"{name}_cpu"] = round(timings.get(f"{name}_cpu", 0) + cpu - cpu_clock, 4)
        clock, cpu_clock = now, cpu

    enc = encode(problem)
    e, m = enc.mentees, enc.mentors
    rules = _Rules(problem, enc)
    warnings: list[str] = []
    scale = int(opts.scale)

    # Choices: bonuses, and locked pairs when the caller says so.
    mentee_choices = np.asarray(list(problem.mentee_choices), dtype=np.int64).reshape(-1, 3)
    _pairs(mentee_choices[:, :2], e.n, m.n, "mentee_choices")
    mentor_choices = _pairs(problem.mentor_choices, m.n, e.n, "mentor_choices")[:, ::-1]
    max_rank = int(mentee_choices[:, 2].max()) if len(mentee_choices) else 1
    rank_bonus = problem.weights.mentee_choice_bonus * (max_rank + 1 - mentee_choices[:, 2])
    rank = sp.csr_matrix(
        (mentee_choices[:, 2].astype(np.float64), (mentee_choices[:, 0], mentee_choices[:, 1])),
        (e.n, m.n),
    )
    bonus = sp.csr_matrix(
        (rank_bonus / max_rank, (mentee_choices[:, 0], mentee_choices[:, 1])), (e.n, m.n)
    ) + sp.csr_matrix(
        (
            np.full(len(mentor_choices), problem.weights.mentor_choice_bonus),
            (mentor_choices[:, 0], mentor_choices[:, 1]),
        ),
        (e.n, m.n),
    )
    chose = pair_matrix(mentor_choices, e.n, m.n)

    locked = [_pairs(problem.locked_pairs, e.n, m.n, "locked_pairs")]
    if problem.lock_mentor_choices:
        locked.append(mentor_choices)
    locked_pairs = _unique_pairs(np.concatenate(locked))
    slots = e.slots.copy()
    cap = m.slots.copy()
    np.subtract.at(slots, locked_pairs[:, 0], 1)
    np.subtract.at(cap, locked_pairs[:, 1], 1)
    for j in np.flatnonzero(cap < 0):
        warnings.append(
            Reason(
                f"Locked pairs give {m.names[j]} more mentees than their capacity.",
                "over_capacity",
                name=m.names[j],
            )
        )
    for i in np.flatnonzero(slots < 0):
        warnings.append(
            Reason(
                f"Locked pairs give {e.names[i]} more mentors than their maximum.",
                "over_maximum",
                name=e.names[i],
            )
        )
    broken: dict[tuple[int, int], tuple[str, ...]] = {}
    for (i, j), why in zip(locked_pairs.tolist(), rules.broken(locked_pairs), strict=True):
        if why:
            broken[(i, j)] = tuple(why)
            warnings.append(
                Reason(
                    f"Locked pair {e.names[i]} and {m.names[j]} breaks a rule: {', '.join(why)}.",
                    "locked_breaks",
                    mentee=e.names[i],
                    mentor=m.names[j],
                    rules=list(why),
                )
            )
    slots = np.maximum(slots, 0)
    cap = np.maximum(cap, 0)
    excluded = (rules.sparse() + pair_matrix(locked_pairs, e.n, m.n)).tocsr()
    lap("prepare")

    mentee_ids = np.flatnonzero(slots > 0)
    mentor_ids = np.flatnonzero(cap > 0)
    scorer = Scorer(enc, mentor_ids, excluded, (problem.exclude_same_department, False), threads)
    n_cols = len(mentor_ids)
    col_of = np.full(m.n, -1, dtype=np.int64)
    col_of[mentor_ids] = np.arange(n_cols)
    active_e = np.zeros(e.n, dtype=bool)
    active_e[mentee_ids] = True
    scan = scorer.scan(mentee_ids, opts.k, scale, chunk_cells=opts.chunk_cells)
    lap("score")

    # The solver's arcs, in the order they were added (the flows stay aligned with them): every
    # feasible chosen pair, with its bonus, and each mentee's best ``solve_k`` of the scan.
    forced = _unique_pairs(np.concatenate([mentee_choices[:, :2], mentor_choices]).reshape(-1, 2))
    forced = forced[active_e[forced[:, 0]] & (col_of[forced[:, 1]] >= 0)]
    forced_s = scorer.pairs(forced[:, 0], col_of[forced[:, 1]])
    forced, forced_s = forced[np.isfinite(forced_s)], forced_s[np.isfinite(forced_s)]
    arcs = _Arcs(n_cols)
    arcs.add(forced[:, 0], col_of[forced[:, 1]], forced_s,
             _weights(forced[:, 0], forced[:, 1], forced_s, bonus, scale))  # fmt: skip
    r, q = np.nonzero(scan.cols[:, : max(1, opts.solve_k)] >= 0)
    fresh = ~arcs.has(scan.rows[r], scan.cols[r, q])
    r, q = r[fresh], q[fresh]
    arcs.add(scan.rows[r], scan.cols[r, q], scan.score[r, q], scan.w[r, q])
    if opts.mentor_arcs:
        # and each mentor's best few among the mentees whose scan has them, so that mentors
        # few mentees rank highly have arcs too: the first solve then reaches (nearly) the most
        # pairs, and its potentials are close to the final ones.
        best = np.zeros(scan.cols.shape, dtype=bool)
        limit = opts.mentor_arcs * np.maximum(cap[mentor_ids], 1)
        kernels.best_per_column(scan.cols, scan.w, limit.astype(np.int64), n_cols, best)
        rr, qq = np.nonzero(best & ~arcs.has_matrix(scan))
        arcs.add(scan.rows[rr], scan.cols[rr, qq], scan.score[rr, qq], scan.w[rr, qq])
    in_solver = arcs.has_matrix(scan)

    # w_best: each mentee's largest weight on the full graph (the scan's first column, or a
    # chosen pair with its bonus), for the provably lexicographic bonus levels.
    w_best = np.zeros(e.n, dtype=np.int64)
    w_best[scan.rows] = np.maximum(scan.w[:, 0], 0) if scan.w.shape[1] else 0
    np.maximum.at(w_best, arcs.e, arcs.w)
    matched_before = np.zeros(e.n, dtype=bool)
    matched_before[locked_pairs[:, 0]] = True
    mentor_used = np.zeros(m.n, dtype=bool)
    mentor_used[locked_pairs[:, 1]] = True

    def network():
        return build(
            slots, cap, e.priority, m.priority, ~matched_before, ~mentor_used,
            arcs.e, mentor_ids[arcs.c], arcs.w, w_best, opts.fast_bonus if fast else 0,
        )  # fmt: skip

    # First with modest bonus levels (fewer cost-scaling phases); the certificate below is taken
    # under the true, provably lexicographic costs, and a failure falls back to them.
    pruned = bool((scan.theta > NEG).any() or ((scan.cols >= 0) & ~in_solver).any())
    fast = pruned and opts.verify_pruning and opts.fast_bonus > 0
    net = network()
    flows = solve(net, fast)
    lap("solve")

    may_cut, note = False, "Nothing was pruned: every feasible pair was given to the solver."
    rounds = rescans = 0
    if pruned and not opts.verify_pruning:
        may_cut = True  # pairs beyond the scan, or scanned ones the solver never got
        note = "Pruned to the top candidates; the optimality check was skipped."
    elif pruned:
        while True:
            pi = potentials(net, flows)
            if pi is None and fast and net.fast_costs is not None:
                fast = False  # the modest levels were not lexicographic here: true costs
                net = network()
                flows = solve(net)
                pi = potentials(net, flows)
            if pi is None:
                may_cut, note = True, "Pruned, and the optimality check did not finish in time."
                break
            lap("potentials")
            pi_e, pi_col = pi[2 : 2 + e.n], pi[2 + e.n :][mentor_ids]
            gain, n_check = _gains(scan, in_solver, pi_e, pi_col)
            checking = int(n_check.sum()) * kernels.PAIR_COST
            if checking > opts.rescan * len(scan.rows) * n_cols and rescans < opts.repair_rounds:
                # The potentials moved far from what the scan was ordered by: scan again,
                # ordered by w + π(mentor), so that the bound beyond the scan is tight again.
                rescans += 1
                scan = scorer.scan(mentee_ids, opts.k, scale, pi_col, opts.chunk_cells)
                in_solver = arcs.has_matrix(scan)
                gain, n_check = _gains(scan, in_solver, pi_e, pi_col)
                lap("rescan")
            # Beyond the scan, only rows with no improving pair in it need a look now: the others
            # are not proven anyway, and their most improving scanned pairs join the solver.
            improving = (gain > 0).any(axis=1)
            rows = np.flatnonzero((n_check > 0) & ~improving)
            slack = pi_e[scan.rows[rows]] - scan.theta[rows]
            count, x_cols, x_s, x_w = scorer.check(
                scan.rows[rows], n_check[rows], pi_col - scan.base, slack, pi_e[scan.rows[rows]],
                pi_col,
                scan.cols[rows], arcs.sorted_keys(), max(1, opts.repair_k), scale,
                opts.chunk_cells,
            )  # fmt: skip
            lap("check")
            n_bad = int((gain > 0).sum()) + int(count.sum())
            if n_bad == 0:
                done = f" after {rounds} repair(s)" if rounds else ""
                note = (
                    "Pruned to the top candidates; proven optimal on the full graph by reduced "
                    f"costs{done}."
                )
                break
            if rounds >= opts.repair_rounds:
                may_cut = True
                note = f"Pruning may have cut the optimum ({n_bad} improving pairs left)."
                break
            rounds += 1
            # Each mentee's most improving few join the solver (column generation); the others
            # are checked again under the next potentials, which usually no longer want them.
            old_net, old_flows, old_n = net, flows, len(arcs)
            better = np.flatnonzero(improving)
            top = np.argsort(-gain[better], axis=1, kind="stable")[:, : max(1, opts.repair_k)]
            r = np.repeat(better, top.shape[1])
            q = top.ravel()
            keep = gain[r, q] > 0
            r, q = r[keep], q[keep]
            xr, xq = np.nonzero(x_cols >= 0)
            if opts.near > 0 and len(r) + len(xr) > opts.repair_local:
                # Solving again anyway: the scanned pairs within ``near`` of improving join too.
                # They cost the solver next to nothing, and they are the pairs the next
                # potentials would most likely want (a third solve, at 50k, without them).
                near = (gain > -round(opts.near * scale)) & ~in_solver
                near[r, q] = False
                nr, nq = np.nonzero(near)
                r, q = np.concatenate([r, nr]), np.concatenate([q, nq])
            arcs.add(scan.rows[r], scan.cols[r, q], scan.score[r, q], scan.w[r, q])
            in_solver[r, q] = True
            arcs.add(scan.rows[rows[xr]], x_cols[xr, xq], x_s[xr, xq], x_w[xr, xq])
            net = network()
            fixed = None
            if len(arcs) - old_n <= opts.repair_local:
                # few new arcs: re-optimise from the current flow instead of solving again
                flows = np.zeros(len(net.tails), dtype=np.int64)
                start, old_pairs = net.pair_slice.start, old_net.pair_slice
                flows[:start] = old_flows[:start]
                flows[start : start + old_n] = old_flows[old_pairs]
                flows[net.pair_slice.stop :] = old_flows[old_pairs.stop :]
                fixed = repair(net, flows, pi)
            flows = fixed[0] if fixed is not None else solve(net, fast)
            lap("repair" if fixed is not None else "resolve")
    arc_e, arc_m, arc_s, arc_w = arcs.e, mentor_ids[arcs.c], arcs.s, arcs.w
    lap("verify")

    chosen = np.flatnonzero(flows[net.pair_slice] > 0) if len(flows) else np.zeros(0, int)
    sel_e, sel_m, sel_s = arc_e[chosen], arc_m[chosen], arc_s[chosen].astype(np.float64)
    first_e = net.first_mentee[net.first_mentee >= 0]
    first_m = net.first_mentor[net.first_mentor >= 0]
    src_first_nodes = net.heads[first_e] - 2
    priority = int((e.priority[src_first_nodes] * flows[first_e]).sum()) if len(flows) else 0
    if len(first_m) and len(flows):
        priority += int((m.priority[net.tails[first_m] - 2 - e.n] * flows[first_m]).sum())
    objective = (
        len(chosen),
        priority,
        int(flows[first_e].sum()) if len(flows) else 0,
        int(arc_w[chosen].sum()),
    )

    all_e = np.concatenate([locked_pairs[:, 0], sel_e])
    all_m = np.concatenate([locked_pairs[:, 1], sel_m])
    all_s = np.concatenate([_compatibility(enc, locked_pairs[:, 0], locked_pairs[:, 1]), sel_s])
    is_locked = np.concatenate([np.ones(len(locked_pairs), bool), np.zeros(len(sel_e), bool)])
    order = np.lexsort((all_m, all_e))
    all_e, all_m, all_s, is_locked = all_e[order], all_m[order], all_s[order], is_locked[order]
    if opts.explain:
        ranks = np.asarray(rank[all_e, all_m]).ravel() if len(all_e) else np.zeros(0)
        chosen_by = np.asarray(chose[all_e, all_m]).ravel() if len(all_e) else np.zeros(0)
        reasons = pair_reasons(enc, all_e, all_m, ranks, chosen_by)
    else:
        reasons = [()] * len(all_e)
    pairs = [
        Pair(
            mentee=int(i),
            mentor=int(j),
            score=round(float(s), 6),
            reasons=r,
            locked=bool(lk),
            broken=broken.get((i, j), ()) if lk else (),
        )
        for i, j, s, r, lk in zip(
            all_e.tolist(),
            all_m.tolist(),
            all_s.tolist(),
            reasons,
            is_locked.tolist(),
            strict=True,
        )
    ]
    has_pair = np.zeros(e.n, dtype=bool)
    has_pair[all_e] = True
    lonely = np.flatnonzero(~has_pair & (e.slots > 0))
    why = (
        unmatched_reasons(enc, lonely, rules.department, rules.pair_rules()) if opts.explain else []
    )
    unmatched = [
        Unmatched(mentee=int(i), code=c, reason=r)
        for i, (c, r) in zip(lonely.tolist(), why or [("", "")] * len(lonely), strict=True)
    ]
    lap("explain")
    timings["total"] = round(time.perf_counter() - started, 4)
    return MatchResult(
        pairs=pairs,
        unmatched=unmatched,
        matched_count=len(pairs),
        mentees_matched=int(has_pair.sum()),
        mean_score=float(all_s.mean()) if len(all_s) else 0.0,
        objective=objective,
        timings=timings,
        pruning_may_have_cut_optimum=may_cut,
        pruning_note=note,
        candidates=len(arc_e),
        warnings=warnings,
        repairs=rounds,
    )


def _weights(arc_e, arc_m, arc_s, bonus, scale) -> np.ndarray:
    """Integer pair weights: round(score * scale) + round(choice bonus * scale)."""
    w = np.rint(arc_s.astype(np.float64) * scale).astype(np.int64)
    if len(arc_e):
        w += np.rint(np.asarray(bonus[arc_e, arc_m]).ravel() * scale).astype(np.int64)
    return w


class _Arcs:
    """The solver's arcs, append-only: mentee, column, score, weight, and their keys."""

    def __init__(self, n_cols: int):
        self.n_cols = max(1, n_cols)
        self.e = np.zeros(0, dtype=np.int64)
        self.c = np.zeros(0, dtype=np.int64)
        self.s = np.zeros(0, dtype=np.float32)
        self.w = np.zeros(0, dtype=np.int64)
        self._sorted: np.ndarray | None = np.zeros(0, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.e)

    def add(self, e, c, s, w) -> None:
        self.e = np.concatenate([self.e, np.asarray(e, dtype=np.int64)])
        self.c = np.concatenate([self.c, np.asarray(c, dtype=np.int64)])
        self.s = np.concatenate([self.s, np.asarray(s, dtype=np.float32)])
        self.w = np.concatenate([self.w, np.asarray(w, dtype=np.int64)])
        self._sorted = None

    def sorted_keys(self) -> np.ndarray:
        if self._sorted is None:
            self._sorted = np.sort(self.e * self.n_cols + self.c)
        return self._sorted

    def has(self, e: np.ndarray, c: np.ndarray) -> np.ndarray:
        keys, wanted = self.sorted_keys(), e * self.n_cols + c
        if len(keys) == 0:
            return np.zeros(len(wanted), dtype=bool)
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return keys[at] == wanted

    def has_matrix(self, scan: Scan) -> np.ndarray:
        """Which of the scan's entries the solver has."""
        out = np.zeros(scan.cols.shape, dtype=bool)
        kernels.in_sorted_rows(scan.rows, scan.cols, self.sorted_keys(), self.n_cols, out)
        return out


def _gains(scan: Scan, in_solver: np.ndarray, pi_e: np.ndarray, pi_col: np.ndarray):
    """Reduced-cost gains ``w + π(mentor) - π(mentee)`` of the scanned pairs the solver does not
    have (NEG elsewhere), and for the pairs beyond the scan, which columns to check: a pair
    beyond has ``w + base(j) ≤ θ``, so it can gain only where ``π(j) - base(j) > π(i) - θ``:
    ``n_check`` per row counts those columns."""
    pi_row = pi_e[scan.rows]
    gain = np.empty(scan.cols.shape, dtype=np.int64)
    kernels.pool_gains(scan.cols, scan.w, in_solver, pi_row, pi_col, gain)
    delta = pi_col - scan.base
    order = np.argsort(-delta, kind="stable")
    slack = pi_row - scan.theta
    n_check = np.searchsorted(-delta[order], -slack, side="left")
    n_check = np.where(scan.theta > NEG, n_check, 0).astype(np.int64)
    return gain, n_check


def compatibility(problem: Problem, pairs) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """The compatibility in [0, 1] of the given (mentee, mentor) pairs, whatever the hard rules
    say (as for a locked pair), and their reasons for an administrator."""
    enc = encode(problem)
    arr = _pairs(pairs, enc.mentees.n, enc.mentors.n, "pairs")
    e, m = arr[:, 0], arr[:, 1]
    none = np.zeros(len(arr), dtype=np.int64)
    return _compatibility(enc, e, m), pair_reasons(enc, e, m, none, none.astype(bool))


def score_matrix(problem: Problem) -> np.ndarray:
    """The full compatibility matrix (mentees x mentors), ``-inf`` where a hard rule forbids the
    pair (capacities aside). Dense: for tests and small programs."""
    enc = encode(problem)
    rules = _Rules(problem, enc)
    scorer = Scorer(
        enc, np.arange(enc.mentors.n), rules.sparse(), (problem.exclude_same_department, False)
    )
    return scorer.block(np.arange(enc.mentees.n))
