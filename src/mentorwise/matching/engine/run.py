"""``match()``: features in, proposals with explanations out."""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from typing import NamedTuple

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


def _mentee_choices(values, n_e: int, n_m: int) -> np.ndarray:
    """``(mentee, mentor, rank)`` rows, one per pair at its best rank: a pair given twice
    counts once (its bonus would otherwise be added twice). A rank below 1 is refused."""
    arr = np.asarray(list(values), dtype=np.int64).reshape(-1, 3)
    _pairs(arr[:, :2], n_e, n_m, "mentee_choices")
    low = arr[:, 2] < 1
    if low.any():
        raise ValueError(f"mentee_choices: rank below 1 in {arr[low][0].tolist()}")
    order = np.lexsort((arr[:, 2], arr[:, 1], arr[:, 0]))  # by pair, best rank first
    arr = arr[order]
    first = np.ones(len(arr), dtype=bool)
    first[1:] = (arr[1:, 0] != arr[:-1, 0]) | (arr[1:, 1] != arr[:-1, 1])
    return arr[first]


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
    run = _Run(problem, opts, threads)
    run.prepare()
    run.score()
    run.first_arcs()
    run.first_solve()
    run.prove()
    return run.result()


class _Run:
    """One ``match()``: its steps, in the order ``_match`` calls them, and what they share.

    1. ``prepare``: encode, the hard rules, choices as bonuses, locked pairs out of the
       capacities;
    2. ``score``: scan each mentee's best K mentors among those with room;
    3. ``first_arcs``: the solver's first arcs (chosen pairs, each mentee's best few, each
       mentor's best few);
    4. ``first_solve``: one min-cost max-flow;
    5. ``prove``: certify by reduced costs that nothing beyond the arcs would do better, or add
       the pairs that would and solve (or repair) again, until proven or out of rounds;
    6. ``result``: the pairs, their reasons, the unmatched mentees and theirs.
    """

    def __init__(self, problem: Problem, opts: Options, threads: int):
        self.problem, self.opts, self.threads = problem, opts, threads
        self.scale = int(opts.scale)
        self.timings: dict[str, float] = {}
        self.started = self._clock = time.perf_counter()
        self._cpu_clock = time.process_time()
        self.warnings: list[str] = []
        self.may_cut = False
        self.note = "Nothing was pruned: every feasible pair was given to the solver."
        self.rounds = self.rescans = 0

    def lap(self, name: str) -> None:
        """Wall seconds since the last lap under ``name``, and CPU seconds under
        ``<name>_cpu``, summed over laps of the same name."""
        now, cpu = time.perf_counter(), time.process_time()
        self.timings[name] = round(self.timings.get(name, 0) + now - self._clock, 4)
        key = f"{name}_cpu"
        self.timings[key] = round(self.timings.get(key, 0) + cpu - self._cpu_clock, 4)
        self._clock, self._cpu_clock = now, cpu

    # 1 -------------------------------------------------------------------------------------

    def prepare(self) -> None:
        problem = self.problem
        self.enc = enc = encode(problem)
        e, m = enc.mentees, enc.mentors
        self.rules = _Rules(problem, enc)
        self._choices()
        locked = [_pairs(problem.locked_pairs, e.n, m.n, "locked_pairs")]
        if problem.lock_mentor_choices:
            locked.append(self.mentor_choices)
        self.locked_pairs = locked_pairs = _unique_pairs(np.concatenate(locked))
        slots = e.slots.copy()
        cap = m.slots.copy()
        np.subtract.at(slots, locked_pairs[:, 0], 1)
        np.subtract.at(cap, locked_pairs[:, 1], 1)
        for j in np.flatnonzero(cap < 0):
            self.warnings.append(
                Reason(
                    f"Locked pairs give {m.names[j]} more mentees than their capacity.",
                    "over_capacity",
                    name=m.names[j],
                )
            )
        for i in np.flatnonzero(slots < 0):
            self.warnings.append(
                Reason(
                    f"Locked pairs give {e.names[i]} more mentors than their maximum.",
                    "over_maximum",
                    name=e.names[i],
                )
            )
        self.broken: dict[tuple[int, int], tuple[str, ...]] = {}
        pairs, why_broken = locked_pairs.tolist(), self.rules.broken(locked_pairs)
        for (i, j), why in zip(pairs, why_broken, strict=True):
            if why:
                self.broken[(i, j)] = tuple(why)
                self.warnings.append(
                    Reason(
                        f"Locked pair {e.names[i]} and {m.names[j]} breaks a rule: {', '.join(why)}.",
                        "locked_breaks",
                        mentee=e.names[i],
                        mentor=m.names[j],
                        rules=list(why),
                    )
                )
        self.slots = np.maximum(slots, 0)
        self.cap = np.maximum(cap, 0)
        self.excluded = (self.rules.sparse() + pair_matrix(locked_pairs, e.n, m.n)).tocsr()
        self.lap("prepare")

    def _choices(self) -> None:
        """Choices as bonuses (and the mentors' as locked pairs when the caller says so)."""
        problem, e, m = self.problem, self.enc.mentees, self.enc.mentors
        self.mentee_choices = mentee_choices = _mentee_choices(problem.mentee_choices, e.n, m.n)
        mentor_choices = _unique_pairs(_pairs(problem.mentor_choices, m.n, e.n, "mentor_choices"))
        self.mentor_choices = mentor_choices = mentor_choices[:, ::-1]
        max_rank = int(mentee_choices[:, 2].max()) if len(mentee_choices) else 1
        rank_bonus = problem.weights.mentee_choice_bonus * (max_rank + 1 - mentee_choices[:, 2])
        self.rank = sp.csr_matrix(
            (mentee_choices[:, 2].astype(np.float64), (mentee_choices[:, 0], mentee_choices[:, 1])),
            (e.n, m.n),
        )
        self.bonus = sp.csr_matrix(
            (rank_bonus / max_rank, (mentee_choices[:, 0], mentee_choices[:, 1])), (e.n, m.n)
        ) + sp.csr_matrix(
            (
                np.full(len(mentor_choices), problem.weights.mentor_choice_bonus),
                (mentor_choices[:, 0], mentor_choices[:, 1]),
            ),
            (e.n, m.n),
        )
        self.chose = pair_matrix(mentor_choices, e.n, m.n)

    # 2 -------------------------------------------------------------------------------------

    def score(self) -> None:
        e, m, opts = self.enc.mentees, self.enc.mentors, self.opts
        self.mentee_ids = np.flatnonzero(self.slots > 0)
        self.mentor_ids = np.flatnonzero(self.cap > 0)
        rules = (self.problem.exclude_same_department, False)
        self.scorer = Scorer(self.enc, self.mentor_ids, self.excluded, rules, self.threads)
        self.n_cols = n_cols = len(self.mentor_ids)
        self.col_of = np.full(m.n, -1, dtype=np.int64)
        self.col_of[self.mentor_ids] = np.arange(n_cols)
        self.active_e = np.zeros(e.n, dtype=bool)
        self.active_e[self.mentee_ids] = True
        self.scan = self.scorer.scan(
            self.mentee_ids, opts.k, self.scale, chunk_cells=opts.chunk_cells
        )
        self.lap("score")

    # 3 -------------------------------------------------------------------------------------

    def first_arcs(self) -> None:
        """The solver's arcs, in the order they were added (the flows stay aligned with them):
        every feasible chosen pair, with its bonus, and each mentee's best ``solve_k`` of the
        scan."""
        opts, scan, col_of = self.opts, self.scan, self.col_of
        e, m = self.enc.mentees, self.enc.mentors
        forced = np.concatenate([self.mentee_choices[:, :2], self.mentor_choices])
        forced = _unique_pairs(forced.reshape(-1, 2))
        forced = forced[self.active_e[forced[:, 0]] & (col_of[forced[:, 1]] >= 0)]
        forced_s = self.scorer.pairs(forced[:, 0], col_of[forced[:, 1]])
        forced, forced_s = forced[np.isfinite(forced_s)], forced_s[np.isfinite(forced_s)]
        self.arcs = arcs = _Arcs(self.n_cols)
        arcs.add(forced[:, 0], col_of[forced[:, 1]], forced_s,
                 _weights(forced[:, 0], forced[:, 1], forced_s, self.bonus, self.scale))  # fmt: skip
        r, q = np.nonzero(scan.cols[:, : max(1, opts.solve_k)] >= 0)
        fresh = ~arcs.has(scan.rows[r], scan.cols[r, q])
        r, q = r[fresh], q[fresh]
        arcs.add(scan.rows[r], scan.cols[r, q], scan.score[r, q], scan.w[r, q])
        if opts.mentor_arcs:
            # and each mentor's best few among the mentees whose scan has them, so that mentors
            # few mentees rank highly have arcs too: the first solve then reaches (nearly) the
            # most pairs, and its potentials are close to the final ones.
            best = np.zeros(scan.cols.shape, dtype=bool)
            limit = opts.mentor_arcs * np.maximum(self.cap[self.mentor_ids], 1)
            kernels.best_per_column(scan.cols, scan.w, limit.astype(np.int64), self.n_cols, best)
            rr, qq = np.nonzero(best & ~arcs.has_matrix(scan))
            arcs.add(scan.rows[rr], scan.cols[rr, qq], scan.score[rr, qq], scan.w[rr, qq])
        self.in_solver = arcs.has_matrix(scan)
        # w_best: each mentee's largest weight on the full graph (the scan's first column, or a
        # chosen pair with its bonus), for the provably lexicographic bonus levels.
        self.w_best = np.zeros(e.n, dtype=np.int64)
        self.w_best[scan.rows] = np.maximum(scan.w[:, 0], 0) if scan.w.shape[1] else 0
        np.maximum.at(self.w_best, arcs.e, arcs.w)
        self.matched_before = np.zeros(e.n, dtype=bool)
        self.matched_before[self.locked_pairs[:, 0]] = True
        self.mentor_used = np.zeros(m.n, dtype=bool)
        self.mentor_used[self.locked_pairs[:, 1]] = True

    # 4 -------------------------------------------------------------------------------------

    def network(self):
        e, m, arcs = self.enc.mentees, self.enc.mentors, self.arcs
        return build(
            self.slots, self.cap, e.priority, m.priority, ~self.matched_before,
            ~self.mentor_used, arcs.e, self.mentor_ids[arcs.c], arcs.w, self.w_best,
            self.opts.fast_bonus if self.fast else 0,
        )  # fmt: skip

    def first_solve(self) -> None:
        """First with modest bonus levels (fewer cost-scaling phases); the certificate is taken
        under the true, provably lexicographic costs, and a failure falls back to them."""
        opts, scan = self.opts, self.scan
        self.pruned = bool((scan.theta > NEG).any() or ((scan.cols >= 0) & ~self.in_solver).any())
        self.fast = self.pruned and opts.verify_pruning and opts.fast_bonus > 0
        self.net = self.network()
        self.flows = solve(self.net, self.fast)
        self.lap("solve")

    # 5 -------------------------------------------------------------------------------------

    def prove(self) -> None:
        opts = self.opts
        if self.pruned and not opts.verify_pruning:
            self.may_cut = True  # pairs beyond the scan, or scanned ones the solver never got
            self.note = "Pruned to the top candidates; the optimality check was skipped."
        elif self.pruned:
            while True:
                pi = self._potentials()
                if pi is None:
                    self.may_cut = True
                    self.note = "Pruned, and the optimality check did not finish in time."
                    break
                found = self._improving(pi)
                n_bad = int((found.gain > 0).sum()) + int(found.count.sum())
                if n_bad == 0:
                    done = f" after {self.rounds} repair(s)" if self.rounds else ""
                    self.note = (
                        "Pruned to the top candidates; proven optimal on the full graph by "
                        f"reduced costs{done}."
                    )
                    break
                if self.rounds >= opts.repair_rounds:
                    self.may_cut = True
                    self.note = f"Pruning may have cut the optimum ({n_bad} improving pairs left)."
                    break
                self.rounds += 1
                self._add_improving(found)
                self._solve_again(pi)
        self.lap("verify")

    def _potentials(self) -> np.ndarray | None:
        """Node potentials that certify the current flow under the true costs (solving again
        under them if the modest levels were not lexicographic here); None if that takes too
        long."""
        pi = potentials(self.net, self.flows)
        if pi is None and self.fast and self.net.fast_costs is not None:
            self.fast = False  # the modest levels were not lexicographic here: true costs
            self.net = self.network()
            self.flows = solve(self.net)
            pi = potentials(self.net, self.flows)
        if pi is not None:
            self.lap("potentials")
        return pi

    def _improving(self, pi: np.ndarray) -> _Found:
        """The pairs that improve the potentials: scanned ones the solver lacks (``gain``), and
        beyond the scan, for the rows with none in it (``rows``, checked by ``Scorer.check``)."""
        opts, e = self.opts, self.enc.mentees
        pi_e, pi_col = pi[2 : 2 + e.n], pi[2 + e.n :][self.mentor_ids]
        gain, n_check = _gains(self.scan, self.in_solver, pi_e, pi_col)
        checking = int(n_check.sum()) * kernels.PAIR_COST
        too_costly = checking > opts.rescan * len(self.scan.rows) * self.n_cols
        if too_costly and self.rescans < opts.repair_rounds:
            # The potentials moved far from what the scan was ordered by: scan again, ordered
            # by w + π(mentor), so that the bound beyond the scan is tight again.
            self.rescans += 1
            self.scan = self.scorer.scan(self.mentee_ids, opts.k, self.scale, pi_col,
                                         opts.chunk_cells)  # fmt: skip
            self.in_solver = self.arcs.has_matrix(self.scan)
            gain, n_check = _gains(self.scan, self.in_solver, pi_e, pi_col)
            self.lap("rescan")
        scan = self.scan
        # Beyond the scan, only rows with no improving pair in it need a look now: the others
        # are not proven anyway, and their most improving scanned pairs join the solver.
        improving = (gain > 0).any(axis=1)
        rows = np.flatnonzero((n_check > 0) & ~improving)
        slack = pi_e[scan.rows[rows]] - scan.theta[rows]
        count, x_cols, x_s, x_w = self.scorer.check(
            scan.rows[rows], n_check[rows], pi_col - scan.base, slack, pi_e[scan.rows[rows]],
            pi_col, scan.cols[rows], self.arcs.sorted_keys(), max(1, opts.repair_k),
            self.scale, opts.chunk_cells,
        )  # fmt: skip
        self.lap("check")
        return _Found(gain, improving, rows, count, x_cols, x_s, x_w)

    def _add_improving(self, found: _Found) -> None:
        """Each mentee's most improving few join the solver (column generation); the others
        are checked again under the next potentials, which usually no longer want them."""
        opts, scan, gain = self.opts, self.scan, found.gain
        self._old = (self.net, self.flows, len(self.arcs))
        better = np.flatnonzero(found.improving)
        top = np.argsort(-gain[better], axis=1, kind="stable")[:, : max(1, opts.repair_k)]
        r = np.repeat(better, top.shape[1])
        q = top.ravel()
        keep = gain[r, q] > 0
        r, q = r[keep], q[keep]
        xr, xq = np.nonzero(found.x_cols >= 0)
        if opts.near > 0 and len(r) + len(xr) > opts.repair_local:
            # Solving again anyway: the scanned pairs within ``near`` of improving join too.
            # They cost the solver next to nothing, and they are the pairs the next potentials
            # would most likely want (a third solve, at 50k, without them).
            near = (gain > -round(opts.near * self.scale)) & ~self.in_solver
            near[r, q] = False
            nr, nq = np.nonzero(near)
            r, q = np.concatenate([r, nr]), np.concatenate([q, nq])
        self.arcs.add(scan.rows[r], scan.cols[r, q], scan.score[r, q], scan.w[r, q])
        self.in_solver[r, q] = True
        rows = found.rows[xr]
        self.arcs.add(scan.rows[rows], found.x_cols[xr, xq], found.x_s[xr, xq], found.x_w[xr, xq])

    def _solve_again(self, pi: np.ndarray) -> None:
        """With few new arcs, re-optimise from the current flow; otherwise solve again."""
        old_net, old_flows, old_n = self._old
        self.net = net = self.network()
        fixed = None
        if len(self.arcs) - old_n <= self.opts.repair_local:
            flows = np.zeros(len(net.tails), dtype=np.int64)
            start, old_pairs = net.pair_slice.start, old_net.pair_slice
            flows[:start] = old_flows[:start]
            flows[start : start + old_n] = old_flows[old_pairs]
            flows[net.pair_slice.stop :] = old_flows[old_pairs.stop :]
            fixed = repair(net, flows, pi)
        self.flows = fixed[0] if fixed is not None else solve(net, self.fast)
        self.lap("repair" if fixed is not None else "resolve")

    # 6 -------------------------------------------------------------------------------------

    def result(self) -> MatchResult:
        e, net, flows, arcs = self.enc.mentees, self.net, self.flows, self.arcs
        locked_pairs = self.locked_pairs
        chosen = np.flatnonzero(flows[net.pair_slice] > 0) if len(flows) else np.zeros(0, int)
        sel_e, sel_m = arcs.e[chosen], self.mentor_ids[arcs.c][chosen]
        all_e = np.concatenate([locked_pairs[:, 0], sel_e])
        all_m = np.concatenate([locked_pairs[:, 1], sel_m])
        locked_s = _compatibility(self.enc, locked_pairs[:, 0], locked_pairs[:, 1])
        all_s = np.concatenate([locked_s, arcs.s[chosen].astype(np.float64)])
        is_locked = np.concatenate([np.ones(len(locked_pairs), bool), np.zeros(len(sel_e), bool)])
        order = np.lexsort((all_m, all_e))
        all_e, all_m, all_s, is_locked = all_e[order], all_m[order], all_s[order], is_locked[order]
        pairs = self._pairs(all_e, all_m, all_s, is_locked)
        has_pair = np.zeros(e.n, dtype=bool)
        has_pair[all_e] = True
        unmatched = self._unmatched(np.flatnonzero(~has_pair & (e.slots > 0)))
        self.lap("explain")
        self.timings["total"] = round(time.perf_counter() - self.started, 4)
        return MatchResult(
            pairs=pairs,
            unmatched=unmatched,
            matched_count=len(pairs),
            mentees_matched=int(has_pair.sum()),
            mean_score=float(all_s.mean()) if len(all_s) else 0.0,
            objective=self._objective(chosen),
            timings=self.timings,
            pruning_may_have_cut_optimum=self.may_cut,
            pruning_note=self.note,
            candidates=len(arcs),
            warnings=self.warnings,
            repairs=self.rounds,
        )

    def _objective(self, chosen: np.ndarray) -> tuple[int, int, int, int]:
        """(pairs, priority, mentees matched, score units) of the solver's pairs."""
        e, m, net, flows = self.enc.mentees, self.enc.mentors, self.net, self.flows
        first_e = net.first_mentee[net.first_mentee >= 0]
        first_m = net.first_mentor[net.first_mentor >= 0]
        src_first_nodes = net.heads[first_e] - 2
        priority = int((e.priority[src_first_nodes] * flows[first_e]).sum()) if len(flows) else 0
        if len(first_m) and len(flows):
            priority += int((m.priority[net.tails[first_m] - 2 - e.n] * flows[first_m]).sum())
        return (
            len(chosen),
            priority,
            int(flows[first_e].sum()) if len(flows) else 0,
            int(self.arcs.w[chosen].sum()),
        )

    def _pairs(self, all_e, all_m, all_s, is_locked) -> list[Pair]:
        """The proposed pairs (locked ones included) with their reasons."""
        if self.opts.explain:
            ranks = np.asarray(self.rank[all_e, all_m]).ravel() if len(all_e) else np.zeros(0)
            chosen_by = np.asarray(self.chose[all_e, all_m]).ravel() if len(all_e) else np.zeros(0)
            reasons = pair_reasons(self.enc, all_e, all_m, ranks, chosen_by)
        else:
            reasons = [()] * len(all_e)
        return [
            Pair(
                mentee=int(i),
                mentor=int(j),
                score=round(float(s), 6),
                reasons=r,
                locked=bool(lk),
                broken=self.broken.get((i, j), ()) if lk else (),
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

    def _no_place(self, lonely: np.ndarray) -> np.ndarray | None:
        """Per mentee of ``lonely``: whether every suitable mentor has capacity 0. Counted again
        only for those whose scan found no feasible mentor with room (the others have one)."""
        if not (self.enc.mentors.slots <= 0).any():
            return None
        row_of = np.full(self.enc.mentees.n, -1, dtype=np.int64)
        row_of[self.scan.rows] = np.arange(len(self.scan.rows))
        r = row_of[lonely]
        has_room = np.zeros(len(lonely), dtype=bool)
        has_room[r >= 0] = self.scan.cols[r[r >= 0], 0] >= 0
        out = np.zeros(len(lonely), dtype=bool)
        found = _no_open_mentor(self.enc, lonely[~has_room], self.rules)
        if found is not None:
            out[~has_room] = found
        return out

    def _unmatched(self, lonely: np.ndarray) -> list[Unmatched]:
        """The mentees left without a pair, each with a code and a sentence."""
        why = []
        if self.opts.explain:
            rules = self.rules
            no_place = self._no_place(lonely)
            why = unmatched_reasons(
                self.enc, lonely, rules.department, rules.pair_rules(), no_place
            )
        return [
            Unmatched(mentee=int(i), code=c, reason=r)
            for i, (c, r) in zip(lonely.tolist(), why or [("", "")] * len(lonely), strict=True)
        ]


class _Found(NamedTuple):
    """What one look for improving pairs found (see ``_Run._improving``)."""

    gain: np.ndarray  # (scan rows, k): reduced-cost gain of the scanned pairs, NEG if in solver
    improving: np.ndarray  # per scan row: some scanned pair improves
    rows: np.ndarray  # scan rows checked beyond the scan
    count: np.ndarray  # per checked row: improving pairs beyond the scan
    x_cols: np.ndarray  # per checked row: the most improving ones (column -1 where fewer)
    x_s: np.ndarray
    x_w: np.ndarray


def _no_open_mentor(enc: Encoded, mentees: np.ndarray, rules: _Rules) -> np.ndarray | None:
    """Per mentee: whether every mentor the hard rules allow has capacity 0 (counted as the
    reasons count, with the mentors of capacity 0 left out); None when every mentor has some."""
    closed = enc.mentors.slots <= 0
    if not closed.any() or not len(mentees):
        return None
    langs = [[] if c else s for s, c in zip(enc.mentors.lang_sets, closed.tolist(), strict=True)]
    open_only = replace(enc, mentors=replace(enc.mentors, lang_sets=langs))
    codes = unmatched_reasons(open_only, mentees, rules.department, rules.pair_rules())
    return np.array([code != "all_full" for code, _ in codes], dtype=bool)


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
