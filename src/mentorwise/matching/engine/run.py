"""``match()``: features in, proposals with explanations out."""

from __future__ import annotations

import time

import numpy as np
import scipy.sparse as sp

from .explain import pair_reasons, unmatched_reasons
from .features import CRITERIA, Encoded, criteria_for_pairs, encode
from .flow import build, potentials, repair, solve
from .model import MatchResult, Options, Pair, Problem, Unmatched
from .scoring import Candidates, Scorer, candidates, pair_matrix, same_key_pairs


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

    def masks(self, rows: np.ndarray) -> dict[str, np.ndarray]:
        e, m = self.enc.mentees, self.enc.mentors
        out = {}
        if self.department:
            dep = e.department[rows][:, None]
            out["department"] = (dep >= 0) & (dep == m.department[None, :])
        if self.reporting:
            out["reporting_line"] = self.line[rows].toarray() > 0
        out["past"] = self.past[rows].toarray() > 0
        out["blocked"] = self.blocked[rows].toarray() > 0
        out["excluded"] = self.excluded[rows].toarray() > 0
        return out

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
    opts = options or Options()
    timings: dict[str, float] = {}
    started = clock = time.perf_counter()
    cpu_clock = time.process_time()

    def lap(name: str) -> None:  # wall seconds, and CPU seconds under "<name>_cpu"
        nonlocal clock, cpu_clock
        now, cpu = time.perf_counter(), time.process_time()
        timings[name] = round(now - clock, 4)
        timings[f"{name}_cpu"] = round(cpu - cpu_clock, 4)
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
        warnings.append(f"Locked pairs give {m.names[j]} more mentees than their capacity.")
    for i in np.flatnonzero(slots < 0):
        warnings.append(f"Locked pairs give {e.names[i]} more mentors than their maximum.")
    for (i, j), why in zip(locked_pairs.tolist(), rules.broken(locked_pairs), strict=True):
        if why:
            warnings.append(
                f"Locked pair {e.names[i]} and {m.names[j]} breaks a rule: {', '.join(why)}."
            )
    slots = np.maximum(slots, 0)
    cap = np.maximum(cap, 0)
    excluded = (rules.sparse() + pair_matrix(locked_pairs, e.n, m.n)).tocsr()
    lap("prepare")

    mentee_ids = np.flatnonzero(slots > 0)
    mentor_ids = np.flatnonzero(cap > 0)
    scorer = Scorer(enc, mentor_ids, excluded, (problem.exclude_same_department, False))
    forced = _unique_pairs(np.concatenate([mentee_choices[:, :2], mentor_choices]).reshape(-1, 2))
    cand = candidates(
        scorer, mentee_ids, max(1, opts.k), opts.chunk_cells, forced, threads, opts.mentor_k
    )
    arc_e, arc_m, arc_s = _with_forced(cand, forced)
    lap("score")

    matched_before = np.zeros(e.n, dtype=bool)
    matched_before[locked_pairs[:, 0]] = True
    mentor_used = np.zeros(m.n, dtype=bool)
    mentor_used[locked_pairs[:, 1]] = True

    # The pool: every scored candidate, with its integer weight. The solver gets each mentee's
    # best ``solve_k`` of them (and every chosen pair); the others, and every pair beyond the
    # pool, are checked against the certificate and added only when they could improve it.
    pool_e, pool_m, pool_s = arc_e, arc_m, arc_s
    pool_w = _weights(pool_e, pool_m, pool_s, bonus, scale)
    w_best = np.zeros(e.n, dtype=np.int64)
    if len(pool_w):
        np.maximum.at(w_best, pool_e, pool_w)
    solve_k = opts.solve_k or (20 if len(mentee_ids) <= 20_000 else opts.k)
    work = _best_per_mentee(pool_e, pool_s, max(1, solve_k))
    if len(forced):
        fkey = forced[:, 0] * m.n + forced[:, 1]
        work |= np.isin(pool_e * m.n + pool_m, fkey)

    def network():
        idx = np.flatnonzero(work)
        net = build(
            slots, cap, e.priority, m.priority, ~matched_before, ~mentor_used,
            pool_e[idx], pool_m[idx], pool_w[idx], w_best, opts.fast_bonus if fast else 0,
        )  # fmt: skip
        return net, idx

    # First with modest bonus levels (fewer cost-scaling phases); the certificate below is taken
    # under the true, provably lexicographic costs, and a failure falls back to them.
    pruned = bool(np.isfinite(cand.theta).any()) or not work.all()
    fast = pruned and opts.verify_pruning and opts.fast_bonus > 0
    net, idx = network()
    flows = solve(net, fast)
    lap("solve")

    may_cut, note = False, "Nothing was pruned: every feasible pair was given to the solver."
    rounds = 0
    if pruned and not opts.verify_pruning:
        may_cut = bool(np.isfinite(cand.theta).any())
        note = "Pruned to the top candidates; the optimality check was skipped."
    elif pruned:
        while True:
            pi = potentials(net, flows)
            if pi is None and fast and net.fast_costs is not None:
                fast = False  # the modest levels were not lexicographic here: true costs
                net, idx = network()
                flows = solve(net)
                pi = potentials(net, flows)
            if pi is None:
                may_cut, note = True, "Pruned, and the optimality check did not finish in time."
                break
            pi_e, pi_m = pi[2 : 2 + e.n], pi[2 + e.n :]
            # pool pairs the solver did not get: reduced cost w + π(j) - π(i) must be ≤ 0
            bad = ~work & (pool_w + pi_m[pool_m] > pi_e[pool_e])
            extra = _violations(scorer, cand, e.n, pi, pool_e, pool_m, scale, opts.chunk_cells)
            if not bad.any() and extra is None:
                note = (
                    "Pruned to the top candidates; proven optimal on the full graph by reduced "
                    f"costs{' after ' + str(rounds) + ' repair(s)' if rounds else ''}."
                )
                break
            n_bad = int(bad.sum()) + (0 if extra is None else int(extra[3].sum()))
            if rounds >= opts.repair_rounds:
                may_cut = True
                note = f"Pruning may have cut the optimum ({n_bad} improving pairs left)."
                break
            rounds += 1
            if extra is not None:  # the violating pairs join the pool
                x_e, x_m, x_s, _ = extra
                pool_e = np.concatenate([pool_e, x_e])
                pool_m = np.concatenate([pool_m, x_m])
                pool_s = np.concatenate([pool_s, x_s])
                pool_w = np.concatenate([pool_w, _weights(x_e, x_m, x_s, bonus, scale)])
                work = np.concatenate([work, np.zeros(len(x_e), dtype=bool)])
                bad = np.concatenate([bad, np.ones(len(x_e), dtype=bool)])
            # the solver gets each mentee's most violating few (column generation); the others
            # stay in the pool and are checked again under the next potentials
            cand_idx = np.flatnonzero(bad)
            gain = pool_w[cand_idx] + pi_m[pool_m[cand_idx]] - pi_e[pool_e[cand_idx]]
            top = _best_per_mentee(pool_e[cand_idx], gain, max(1, opts.repair_k))
            work[cand_idx[top]] = True
            old_net, old_idx, old_flows = net, idx, flows
            net, idx = network()
            fixed = None
            if len(idx) - len(old_idx) <= opts.repair_local:
                # few new arcs: re-optimise from the current flow instead of solving again
                flows = np.zeros(len(net.tails), dtype=np.int64)
                flows[: net.pair_slice.start] = old_flows[: old_net.pair_slice.start]
                flows[net.pair_slice.stop :] = old_flows[old_net.pair_slice.stop :]
                pairs = flows[net.pair_slice]
                pairs[np.searchsorted(idx, old_idx)] = old_flows[old_net.pair_slice]
                flows[net.pair_slice] = pairs
                fixed = repair(net, flows, pi)
            flows = fixed[0] if fixed is not None else solve(net, fast)
    arc_e, arc_m, arc_s, arc_w = pool_e[idx], pool_m[idx], pool_s[idx], pool_w[idx]
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
        Pair(mentee=int(i), mentor=int(j), score=round(float(s), 6), reasons=r, locked=bool(lk))
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
    why = unmatched_reasons(enc, lonely, rules.masks, opts.chunk_cells) if opts.explain else []
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


def _with_forced(cand: Candidates, forced: np.ndarray):
    """Candidate arcs plus the feasible chosen pairs (whatever their rank in the top K)."""
    ok = np.isfinite(cand.forced_score)
    e = np.concatenate([cand.mentee, forced[ok, 0]])
    m = np.concatenate([cand.mentor, forced[ok, 1]])
    s = np.concatenate([cand.score, cand.forced_score[ok]])
    if len(e) == 0:
        return e.astype(np.int64), m.astype(np.int64), s.astype(np.float32)
    key = e * (m.max() + 1) + m
    _, first = np.unique(key, return_index=True)
    first.sort()
    e, m, s = e[first], m[first], s[first]
    order = np.lexsort((m, e))
    return e[order], m[order], s[order]


def _weights(arc_e, arc_m, arc_s, bonus, scale) -> np.ndarray:
    """Integer pair weights: round(score * scale) + round(choice bonus * scale)."""
    w = np.rint(arc_s.astype(np.float64) * scale).astype(np.int64)
    if len(arc_e):
        w += np.rint(np.asarray(bonus[arc_e, arc_m]).ravel() * scale).astype(np.int64)
    return w


def _best_per_mentee(arc_e: np.ndarray, arc_s: np.ndarray, k: int) -> np.ndarray:
    """Mask of each mentee's ``k`` best arcs (ties: lower mentor first; arcs sorted by mentee)."""
    if len(arc_e) == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-arc_s, arc_e))  # stable: equal scores keep mentor order
    starts = np.searchsorted(arc_e[order], arc_e[order], side="left")
    keep = np.zeros(len(arc_e), dtype=bool)
    keep[order[np.arange(len(order)) - starts < k]] = True
    return keep


def _violations(scorer, cand, n_e, pi, arc_e, arc_m, scale, chunk_cells):
    """Pairs beyond the pool (``arc_e``, ``arc_m``) that could have a negative reduced cost under
    the potentials ``pi``, scored: (mentee, mentor, score, violates); None when none violates
    (then, with the pool checked too, the pruned optimum is optimal on the full graph)."""
    pi_e = pi[2 : 2 + n_e]
    pi_m = pi[2 + n_e :][scorer.mentor_ids]
    has_left_out = np.isfinite(cand.theta)
    theta_w = np.where(has_left_out, np.rint(cand.theta.astype(np.float64) * scale), 0)
    # A left-out pair (i, j) has w ≤ theta_i, so it can only violate w + π_j ≤ π_i
    # when π_j > π_i - theta_i.
    tau = pi_e - theta_w.astype(np.int64)
    by_price = np.argsort(-pi_m, kind="stable")  # mentor positions, dearest first
    desc = pi_m[by_price]
    # dangerous[i]: how many of the dearest mentors have π_j > τ_i (a prefix of by_price)
    dangerous = np.where(has_left_out, np.searchsorted(-desc, -tau, side="left"), 0)
    suspects = np.flatnonzero(dangerous > 0)
    if len(suspects) == 0:
        return None
    n_m = scorer.enc.mentors.n
    given = np.sort(arc_e * n_m + arc_m)  # pool pairs are checked one by one elsewhere
    # every (suspect, dangerous mentor) pair, in blocks of about chunk_cells pairs
    counts = dangerous[suspects]
    ends = np.cumsum(counts)
    found_e, found_m, found_s = [], [], []
    lo = 0
    while lo < len(suspects):
        hi = max(lo + 1, int(np.searchsorted(ends, ends[lo] - counts[lo] + chunk_cells, "right")))
        rows_b, counts_b = suspects[lo:hi], counts[lo:hi]
        lo = hi
        rows = np.repeat(rows_b, counts_b)
        offsets = np.arange(len(rows)) - np.repeat(np.cumsum(counts_b) - counts_b, counts_b)
        cols = by_price[offsets]
        scores = scorer.pairs(rows, cols, chunk_cells, check_excluded=False)
        w = np.rint(scores.astype(np.float64) * scale)
        bad = np.flatnonzero(w + pi_m[cols] > pi_e[rows])  # only these are kept: flat memory
        # pool pairs (checked one by one elsewhere) and pair rules: on the few only
        key = rows[bad] * n_m + scorer.mentor_ids[cols[bad]]
        at = np.minimum(np.searchsorted(given, key), max(len(given) - 1, 0))
        fresh = given[at] != key if len(given) else np.ones(len(key), dtype=bool)
        bad = bad[fresh]
        bad = bad[~scorer.banned(rows[bad], cols[bad])]
        found_e.append(rows[bad])
        found_m.append(scorer.mentor_ids[cols[bad]])
        found_s.append(scores[bad])
    e = np.concatenate(found_e)
    if len(e) == 0:
        return None
    bad = np.ones(len(e), dtype=bool)
    return e, np.concatenate(found_m), np.concatenate(found_s).astype(np.float32), bad


def score_matrix(problem: Problem) -> np.ndarray:
    """The full compatibility matrix (mentees x mentors), ``-inf`` where a hard rule forbids the
    pair (capacities aside). Dense: for tests and small programs."""
    enc = encode(problem)
    rules = _Rules(problem, enc)
    scorer = Scorer(
        enc, np.arange(enc.mentors.n), rules.sparse(), (problem.exclude_same_department, False)
    )
    return scorer.block(np.arange(enc.mentees.n))
