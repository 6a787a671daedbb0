"""The exact solver: one min-cost max-flow on OR-Tools, and the certificate for pruning.

Network: source → mentee (capacity = remaining slots) → mentor (capacity 1) → sink (capacity =
remaining capacity). ``solve_max_flow_with_min_cost`` first maximises the flow (the number of
pairs), so no cost is spent on "most pairs"; the cost orders the rest lexicographically:

    priority  >  distinct mentees matched  >  total score

A pair arc costs ``-w`` (``w = round((score + choice bonus) * scale)``). A mentee's *first* slot
arc costs ``-PRI * priority``, each further slot arc ``+PER`` (for flows of equal value this is
the same as a ``-PER`` bonus on first slots, and it leaves the big constants on few arcs); a
mentor's first capacity unit costs ``-PRI * priority``. A simple cycle of the residual graph
enters and leaves each mentee once, so its pair arcs gain or lose at most
``S = min(sum_i max_j w_ij, active mentors * max w)``, and it passes the source once, so it
changes the number of mentees matched by at most one: ``PER = S + 1`` and ``PRI = PER + S + 1``
keep the objective lexicographic. See docs/decisions/0007-matching-engine.md.
See docs/decisions/0007-matching-engine.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from . import kernels

SOURCE, SINK = 0, 1


@dataclass
class Network:
    n_e: int
    n_m: int
    tails: np.ndarray
    heads: np.ndarray
    caps: np.ndarray
    costs: np.ndarray
    pair_slice: slice
    first_mentee: np.ndarray  # arc index of each mentee's first-slot arc (-1 if none)
    first_mentor: np.ndarray
    per: int
    pri: int
    big: int  # Λ: the return arc's cost for the max-flow certificate
    fast_costs: np.ndarray | None = None  # same arcs, bonus levels at a few times max w


def build(
    slots_e: np.ndarray,
    cap_m: np.ndarray,
    prio_e: np.ndarray,
    prio_m: np.ndarray,
    bonus_e: np.ndarray,  # mentee may still earn the "matched" and priority bonuses
    bonus_m: np.ndarray,
    arc_e: np.ndarray,
    arc_m: np.ndarray,
    arc_w: np.ndarray,
    w_best: np.ndarray | None = None,
    fast_factor: int = 0,
) -> Network:
    """``w_best``: per mentee, the largest ``w`` of any feasible pair on the *full* graph (the
    default, the largest among ``arc_w``, is right when the arcs hold each mentee's best pair).
    ``fast_factor``: also give ``fast_costs`` with PER and PRI at most this many times max w
    (cost scaling then needs fewer phases; whether the result is still lexicographic is for the
    certificate of ``potentials`` to prove, under the true costs)."""
    n_e, n_m = len(slots_e), len(cap_m)
    active_m = int(np.count_nonzero(cap_m))
    if w_best is None:
        w_best = np.zeros(n_e, dtype=np.int64)
        if len(arc_w):
            np.maximum.at(w_best, arc_e, arc_w.astype(np.int64))
    w_best = np.maximum(np.where(slots_e > 0, w_best, 0), 0)
    w_max = max(int(w_best.max(initial=0)), 1)
    cycle = min(int(w_best.sum()), active_m * w_max) + 1  # S + 1 > any cycle's score change
    # A level nobody can move is left out: smaller costs, fewer cost-scaling phases.
    persons_vary = bool(np.any(slots_e > 1) or np.any((slots_e > 0) & ~bonus_e))
    priority_used = bool(np.any(prio_e[(slots_e > 0) & bonus_e] > 0))
    priority_used |= bool(np.any(prio_m[(cap_m > 0) & bonus_m] > 0))
    per = cycle if persons_vary else 0
    pri = per + cycle if priority_used else 0
    p_max = int(max(prio_e.max(initial=0), prio_m.max(initial=0)))
    big = 2 * pri * (p_max + 1) + 2 * per + cycle + 1

    mentee_node = 2 + np.arange(n_e)
    mentor_node = 2 + n_e + np.arange(n_m)
    # Source arcs: the first slot carries the bonuses, the others cost nothing.
    first_e = (slots_e > 0) & bonus_e
    rest_e = slots_e - first_e
    src_first = np.flatnonzero(first_e)
    src_rest = np.flatnonzero(rest_e > 0)
    first_m = (cap_m > 0) & bonus_m & (prio_m > 0)
    rest_m = cap_m - first_m
    snk_first = np.flatnonzero(first_m)
    snk_rest = np.flatnonzero(rest_m > 0)
    tails = np.concatenate(
        [
            np.full(len(src_first) + len(src_rest), SOURCE),
            mentee_node[arc_e],
            mentor_node[snk_first],
            mentor_node[snk_rest],
        ]
    )
    heads = np.concatenate(
        [
            mentee_node[src_first],
            mentee_node[src_rest],
            mentor_node[arc_m],
            np.full(len(snk_first) + len(snk_rest), SINK),
        ]
    )
    caps = np.concatenate(
        [
            np.ones(len(src_first), dtype=np.int64),
            rest_e[src_rest],
            np.ones(len(arc_e), dtype=np.int64),
            np.ones(len(snk_first), dtype=np.int64),
            rest_m[snk_rest],
        ]
    )

    def cost_array(per: int, pri: int) -> np.ndarray:
        return np.concatenate(
            [
                -(pri * prio_e[src_first]),
                np.full(len(src_rest), per, dtype=np.int64),
                -arc_w.astype(np.int64),
                -(pri * prio_m[snk_first]),
                np.zeros(len(snk_rest), dtype=np.int64),
            ]
        ).astype(np.int64)

    costs = cost_array(per, pri)
    fast_costs = None
    if fast_factor > 0:
        per_f = min(per, fast_factor * w_max)
        pri_f = min(pri, per_f + fast_factor * w_max)
        if (per_f, pri_f) != (per, pri):
            fast_costs = cost_array(per_f, pri_f)
    n_src = len(src_first) + len(src_rest)
    first_mentee = np.full(n_e, -1, dtype=np.int64)
    first_mentee[src_first] = np.arange(len(src_first))
    first_mentor = np.full(n_m, -1, dtype=np.int64)
    first_mentor[snk_first] = n_src + len(arc_e) + np.arange(len(snk_first))
    return Network(
        n_e=n_e,
        n_m=n_m,
        tails=tails.astype(np.int64),
        heads=heads.astype(np.int64),
        caps=caps.astype(np.int64),
        costs=costs.astype(np.int64),
        pair_slice=slice(n_src, n_src + len(arc_e)),
        first_mentee=first_mentee,
        first_mentor=first_mentor,
        per=per,
        pri=pri,
        big=big,
        fast_costs=fast_costs,
    )


def solve(net: Network, fast: bool = False) -> np.ndarray:
    """Flows on every arc of an optimal max-flow min-cost solution (under ``fast_costs`` when
    ``fast`` and the network has them)."""
    if len(net.tails) == 0:
        return np.zeros(0, dtype=np.int64)
    costs = net.fast_costs if fast and net.fast_costs is not None else net.costs
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(net.tails, net.heads, net.caps, costs)
    supply = int(net.caps[net.tails == SOURCE].sum())
    flow.set_node_supply(SOURCE, supply)
    flow.set_node_supply(SINK, -supply)
    flow.set_node_supply(2 + net.n_e + net.n_m - 1, 0)  # make sure every node exists
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    return np.asarray(flow.flows(np.arange(len(net.tails))), dtype=np.int64)


def potentials(
    net: Network, flows: np.ndarray, max_relaxations: int = 2_000_000_000
) -> np.ndarray | None:
    """Node potentials π with ``c(u, v) + π(u) - π(v) ≥ 0`` on every residual arc, plus the
    return arc sink → source of cost ``-Λ`` (which makes "maximum flow" part of the certificate).

    π(v) = -(shortest distance from v to anywhere), found by a queue-based Bellman-Ford towards
    a virtual target (``kernels.distances_to_anywhere``): it gives mentees potentials as high and
    mentors as low as the residual graph allows, which is what the pruning check needs. None if
    it does not settle within ``max_relaxations`` or if the residual graph has a negative cycle
    (the flow is not optimal under ``net.costs``): a shortest path of n arcs proves one.
    """
    n = 2 + net.n_e + net.n_m
    fwd = flows < net.caps
    bwd = flows > 0
    total = int(flows[net.tails == SOURCE].sum())
    u = np.concatenate([net.tails[fwd], net.heads[bwd], [SINK], [SOURCE] if total else []])
    v = np.concatenate([net.heads[fwd], net.tails[bwd], [SOURCE], [SINK] if total else []])
    c = np.concatenate([net.costs[fwd], -net.costs[bwd], [-net.big], [net.big] if total else []])
    u, v, c = u.astype(np.int64), v.astype(np.int64), c.astype(np.int64)
    order = np.argsort(v, kind="stable")  # arcs grouped by head
    u, v, c = u[order], v[order], c[order]
    starts = np.searchsorted(v, np.arange(n + 1))
    dist = np.zeros(n, dtype=np.int64)
    status = kernels.distances_to_anywhere(n, u, c, starts, max_relaxations, dist)
    return -dist if status == 0 else None


def repair(
    net: Network, flows: np.ndarray, pi: np.ndarray, max_phases: int = 40
) -> tuple[np.ndarray, np.ndarray] | None:
    """Re-optimise after arcs were added, without solving again: ``pi`` must keep every residual
    arc of ``flows`` non-negative under ``net.costs`` except the new ones. The arcs of negative
    reduced cost are saturated, and the units they moved are sent back along shortest paths of
    reduced cost (``kernels.shortest_path_repair``) on the circulation with the return arc
    sink → source of cost -Λ. The result is optimal under ``net.costs`` with the potentials
    returned alongside. None when it takes more than ``max_phases`` phases (then solving again
    is cheaper) or the potentials do not hold.
    """
    n = 2 + net.n_e + net.n_m
    f = flows.astype(np.int64).copy()
    pi = pi.astype(np.int64).copy()
    tails, heads, caps, costs = net.tails, net.heads, net.caps, net.costs
    ret = int(f[tails == SOURCE].sum())  # flow on the return arc sink → source
    rc = costs + pi[tails] - pi[heads]
    f[(rc < 0) & (f < caps)] = caps[(rc < 0) & (f < caps)]
    f[(rc > 0) & (f > 0)] = 0
    excess = np.zeros(n, dtype=np.int64)
    np.add.at(excess, heads, f - flows)
    np.add.at(excess, tails, -(f - flows))
    arcs = kernels.Residual(tails=tails, heads=heads, caps=caps, costs=costs)
    out = kernels.shortest_path_repair(n, arcs, f, ret, -net.big, pi, excess, max_phases)
    return None if out < 0 else (f, pi)
