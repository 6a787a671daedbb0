"""The engine's inner loops, compiled with Numba: scoring rows of mentees against every mentor
with a top-K selection, and checking scattered pairs against node potentials.

Both compute a pair's score with the same float32 operations in the same order (factor tables
left to right, then each of the mentee's tags in order), so a pair scored by a whole row and the
same pair scored alone give the same bits, and the same integer weight
``w = rint(score * scale)``. The pruning certificate relies on that: a bound taken over a row
holds for every pair of it, whichever way the pair is scored later.

Columns are positions among the active mentors; rows are mentee indices. The caller passes, in
a ``Scoring`` bundle (named fields, so that two arrays cannot be swapped unnoticed):

- ``codes`` (factors x mentees) and ``table`` (all factor tables stacked): a mentee's factor
  part against mentor column j is ``table[codes[0, i], j] + table[codes[1, i], j] + ...``;
- the mentee topic rows as CSR (``t_*``, tags sorted), the mentor expertise by tag (``x_*``,
  tags x columns) and by mentor (``y_*``, columns x tags, tags sorted);
- the pairs a rule forbids as CSR (``b_*``, rows x columns, columns sorted);

and beside it ``extra`` (rows x columns, or an empty array): factors too large to tabulate,
precomputed for the rows of the call (then pairs are always scored by whole rows).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import NamedTuple

import numba as nb
import numpy as np

NEG = np.int64(-(1 << 62))  # "no value": an infeasible pair, or no left-out pair
BLOCK = 32  # columns per block in the top-K selection
PAIR_COST = 150  # a pair scored alone costs about this many columns of a whole row (measured)
WIDE_BASES = 1 << 16  # bases spanning more than this: the scan's keys in float64


class Scoring(NamedTuple):
    """What the kernels score pairs with, laid out by ``scoring.Scorer`` (see the module's
    docstring): the factor codes and tables, the mentee topics (CSR), the mentor expertise by
    tag and by mentor (CSR both ways), and the pairs a rule forbids (CSR)."""

    codes: np.ndarray  # (factors, mentees) int64 rows of ``table``
    table: np.ndarray  # (all factor codes, columns) float32
    t_ptr: np.ndarray
    t_idx: np.ndarray
    t_val: np.ndarray
    x_ptr: np.ndarray  # tags x columns
    x_idx: np.ndarray
    x_val: np.ndarray
    y_ptr: np.ndarray  # columns x tags
    y_idx: np.ndarray
    y_val: np.ndarray
    b_ptr: np.ndarray  # mentees x columns, forbidden
    b_idx: np.ndarray


class Best(NamedTuple):
    """Per row, the best few columns (column -1 where fewer), written by the kernels."""

    col: np.ndarray  # (rows, n) int64
    s: np.ndarray  # (rows, n) float32 score
    w: np.ndarray  # (rows, n) int64 weight


class Prices(NamedTuple):
    """What ``check_rows`` checks beyond the pool against (see ``run._gains``)."""

    n_check: np.ndarray  # per row: how many columns can gain
    delta: np.ndarray  # per column: price minus the scan's base
    slack: np.ndarray  # per row: the bound on delta below which a column cannot gain
    pi_row: np.ndarray  # per row: the mentee's potential
    pi_col: np.ndarray  # per column: the mentor's potential
    pool_cols: np.ndarray  # (rows, k) the pool's columns
    solver_keys: np.ndarray  # sorted row * n_cols + column of the solver's other arcs


class Residual(NamedTuple):
    """The arcs of a flow network (the return arc sink → source aside)."""

    tails: np.ndarray
    heads: np.ndarray
    caps: np.ndarray
    costs: np.ndarray


# Numba's default threading layer does not allow two parallel kernels at once: one at a time.
_LOCK = threading.Lock()


SERIAL_WORK = 1 << 21  # below this many cells (rows x columns), a kernel runs on one thread


@contextmanager
def running(threads: int, work: int | None = None):
    """Run a parallel kernel on ``threads`` threads, one kernel at a time in this process; on
    one when its ``work`` is small: waking the other threads costs more than it saves (a scan of
    1,000 x 180 took 22 ms on one thread and 110 ms on two while the machine was busy)."""
    if work is not None and work < SERIAL_WORK:
        threads = 1
    with _LOCK:
        nb.set_num_threads(max(1, min(int(threads), nb.config.NUMBA_NUM_THREADS)))
        yield


@nb.njit(cache=True, nogil=True)
def _fill_row(i, r, sc, extra, buf):
    """Scores of mentee i (row r of ``extra``) against every column into ``buf``: -inf where a
    rule forbids, at most 1."""
    codes, table = sc.codes, sc.table
    n_cols = table.shape[1]
    nf = codes.shape[0]
    a0 = table[codes[0, i]]
    if nf == 1:
        for j in range(n_cols):
            buf[j] = a0[j]
    elif nf == 2:
        a1 = table[codes[1, i]]
        for j in range(n_cols):
            buf[j] = a0[j] + a1[j]
    elif nf == 3:
        a1 = table[codes[1, i]]
        a2 = table[codes[2, i]]
        for j in range(n_cols):
            buf[j] = a0[j] + a1[j] + a2[j]
    else:
        a1 = table[codes[1, i]]
        a2 = table[codes[2, i]]
        a3 = table[codes[3, i]]
        for j in range(n_cols):
            buf[j] = a0[j] + a1[j] + a2[j] + a3[j]
        for f in range(4, nf):
            af = table[codes[f, i]]
            for j in range(n_cols):
                buf[j] = buf[j] + af[j]
    if extra.shape[0] > 0:
        e = extra[r]
        for j in range(n_cols):
            buf[j] = buf[j] + e[j]
    for p in range(sc.t_ptr[i], sc.t_ptr[i + 1]):
        t = sc.t_idx[p]
        wt = sc.t_val[p]
        for q in range(sc.x_ptr[t], sc.x_ptr[t + 1]):
            c = sc.x_idx[q]
            buf[c] = buf[c] + wt * sc.x_val[q]
    for p in range(sc.b_ptr[i], sc.b_ptr[i + 1]):
        buf[sc.b_idx[p]] = -np.inf
    one = np.float32(1.0)
    for j in range(n_cols):
        if buf[j] > one:
            buf[j] = one


@nb.njit(cache=True, nogil=True)
def _pair_score(i, j, sc):
    """The score of mentee i and column j, bit for bit as ``_fill_row`` (without ``extra``)."""
    codes, table, b_ptr, b_idx = sc.codes, sc.table, sc.b_ptr, sc.b_idx
    lo, hi = b_ptr[i], b_ptr[i + 1]
    while lo < hi:  # forbidden by a pair rule?
        mid = (lo + hi) >> 1
        if b_idx[mid] < j:
            lo = mid + 1
        else:
            hi = mid
    if lo < b_ptr[i + 1] and b_idx[lo] == j:
        return np.float32(-np.inf)
    s = table[codes[0, i], j]
    if codes.shape[0] > 1:
        s = s + table[codes[1, i], j]
    if codes.shape[0] > 2:
        s = s + table[codes[2, i], j]
    if codes.shape[0] > 3:
        s = s + table[codes[3, i], j]
    for f in range(4, codes.shape[0]):
        s = s + table[codes[f, i], j]
    t_idx, t_val, y_idx, y_val = sc.t_idx, sc.t_val, sc.y_idx, sc.y_val
    q, q_end = sc.y_ptr[j], sc.y_ptr[j + 1]
    for p in range(sc.t_ptr[i], sc.t_ptr[i + 1]):  # both tag lists sorted: a merge
        t = t_idx[p]
        while q < q_end and y_idx[q] < t:
            q += 1
        if q == q_end:
            break
        if y_idx[q] == t:
            s = s + t_val[p] * y_val[q]
    return min(s, np.float32(1.0))


@nb.njit(cache=True, nogil=True)
def _weight(s, scale):
    return np.int64(np.rint(np.float64(s) * scale))


@nb.njit(cache=True, parallel=True, nogil=True)
def scan_rows(rows, sc, extra, base, scale, k, out, theta):
    """For each row: the k columns with the largest ``w + base[column]`` (ties: lower column
    first) into ``out`` (a ``Best``; column -1 where fewer are feasible), and in ``theta`` the
    largest ``w + base`` left out (NEG if none)."""
    n_cols = sc.table.shape[1]
    # A tuple's arrays are taken out before the parallel loop: written through the tuple inside
    # it, the values were lost (seen with Numba 0.68).
    out_col, out_s, out_w = out.col, out.s, out.w
    # Blocks of 32 columns, narrower when there would be fewer than 2 (k + 1) of them (fewer
    # than about 4,000 active mentors with K = 60): the floor below needs k + 1 blocks above it.
    bw = BLOCK
    while bw > 4 and n_cols < 2 * (k + 1) * bw:
        bw //= 2
    n_blocks = (n_cols + bw - 1) // bw
    # Filter on key = score * scale + base (base shifted to end at 0), which is within
    # ``margin`` of the exact value w + base; exact values only for the few that count. Keys are
    # float32 while the bases span little; when they span much (prices with the priority and
    # person levels), float32's margin would let thousands of entries through each row, so
    # keys are float64 then.
    top = base.max() if n_cols else 0
    low = base.min() if n_cols else 0
    wide = top - low > WIDE_BASES
    base_f = np.zeros(n_blocks * bw, dtype=np.float32)
    base_d = np.zeros(n_blocks * bw, dtype=np.float64)
    for j in range(n_cols):
        base_f[j] = np.float32(base[j] - top)
        base_d[j] = np.float64(base[j] - top)
    if wide:
        margin = 1.0 + (np.float64(scale) + np.float64(top - low)) * 2.0**-48
    else:
        margin = 1.0 + (np.float64(scale) + np.float64(top - low)) * 2.0**-20
    scale_f = np.float32(scale)
    scale_d = np.float64(scale)
    for r in nb.prange(len(rows)):
        i = rows[r]
        buf = np.empty(n_blocks * bw, dtype=np.float32)
        _fill_row(i, r, sc, extra, buf)
        buf[n_cols:] = -np.inf
        block_max = np.empty(n_blocks, dtype=np.float64)
        for b in range(n_blocks):
            if wide:
                md = -np.inf
                for q in range(b * bw, b * bw + bw):
                    md = max(md, np.float64(buf[q]) * scale_d + base_d[q])
                block_max[b] = md
            else:
                mx = np.float32(-np.inf)
                for q in range(b * bw, b * bw + bw):
                    mx = max(mx, buf[q] * scale_f + base_f[q])
                block_max[b] = mx
        # The (k+1)-th largest block maximum is at most the (k+1)-th largest key (each of
        # those blocks holds a key that reaches it), so every value among the k+1 largest has
        # a key at least that minus twice the margin.
        floor = -np.inf
        if n_blocks > k + 1:
            floor = _select(block_max.copy(), n_blocks - k - 1) - 2 * margin
        n_hit = 0
        for b in range(n_blocks):
            if block_max[b] >= floor and block_max[b] > -np.inf:
                n_hit += 1
        hit_k = np.empty(n_hit * bw, dtype=np.float64)
        hit_c = np.empty(n_hit * bw, dtype=np.int64)
        n = 0
        for b in range(n_blocks):
            if block_max[b] >= floor and block_max[b] > -np.inf:
                for q in range(b * bw, b * bw + bw):
                    if wide:
                        key = np.float64(buf[q]) * scale_d + base_d[q]
                    else:
                        key = np.float64(buf[q] * scale_f + base_f[q])
                    if key >= floor and key > -np.inf:
                        hit_k[n] = key
                        hit_c[n] = q
                        n += 1
        # When the blocks are few (up to K + 1 of them: fewer than about 2,000 active mentors)
        # or their maxima close, most entries pass the block floor: the floor again from the
        # keys themselves, by the same argument (k + 1 keys reach the (k+1)-th largest), so
        # that exact weights are taken for a few entries only.
        if n > 2 * (k + 1):
            floor = _select(hit_k[:n].copy(), n - k - 1) - 2 * margin
            t = 0
            for q in range(n):  # in place, in column order
                if hit_k[q] >= floor:
                    hit_c[t] = hit_c[q]
                    t += 1
            n = t
        hit_v = np.empty(n, dtype=np.int64)
        for q in range(n):
            c = hit_c[q]
            hit_v[q] = _weight(buf[c], scale) + base[c]
        n = _keep_largest(hit_v, hit_c, n, k + 1)
        order = np.argsort(-hit_v[:n], kind="mergesort")  # stable: lower column first
        m = min(n, k)
        for q in range(m):
            c = hit_c[order[q]]
            out_col[r, q] = c
            out_s[r, q] = buf[c]
            out_w[r, q] = hit_v[order[q]] - base[c]
        for q in range(m, k):
            out_col[r, q] = -1
            out_s[r, q] = -np.inf
            out_w[r, q] = NEG
        theta[r] = hit_v[order[k]] if n > k else NEG


@nb.njit(cache=True, nogil=True)
def _select(a, kth):
    """The value a sort of ``a`` (ascending) puts at ``kth``, by Hoare's quickselect with a
    median of three; ``a`` is reordered. (NumPy's ``partition`` under Numba took four times as
    long on rows of a few hundred keys.)"""
    lo, hi = 0, len(a) - 1
    while hi > lo:
        mid = (lo + hi) >> 1
        if a[mid] < a[lo]:
            a[mid], a[lo] = a[lo], a[mid]
        if a[hi] < a[lo]:
            a[hi], a[lo] = a[lo], a[hi]
        if a[hi] < a[mid]:
            a[hi], a[mid] = a[mid], a[hi]
        pivot = a[mid]
        i, j = lo, hi
        while i <= j:
            while a[i] < pivot:
                i += 1
            while a[j] > pivot:
                j -= 1
            if i <= j:
                a[i], a[j] = a[j], a[i]
                i += 1
                j -= 1
        if kth <= j:
            hi = j
        elif kth >= i:
            lo = i
        else:
            break
    return a[kth]


@nb.njit(cache=True, nogil=True)
def _keep_largest(values, cols, n, keep):
    """Reduce the first ``n`` entries (in column order) to the ``keep`` largest values, ties to
    the earlier entry, still in column order; returns how many are left. A selection in linear
    time: the filter of ``scan_rows`` lets every feasible column through when the blocks are
    few (fewer than about 2,000 active mentors with K = 60), and sorting them all cost 1.8 s at
    10,000 x 2,000. The stable sort of what is left then orders them exactly as a stable sort
    of all ``n`` would order its first ``keep``."""
    if n <= keep:
        return n
    kth = _select(values[:n].copy(), n - keep)  # the keep-th largest
    ties = keep  # how many equal to it may stay: those not taken by larger ones
    for q in range(n):
        if values[q] > kth:
            ties -= 1
    t = 0
    for q in range(n):  # in place, in column order (t <= q)
        v = values[q]
        if v > kth or (v == kth and ties > 0):
            if v == kth:
                ties -= 1
            values[t] = v
            cols[t] = cols[q]
            t += 1
    return keep


@nb.njit(cache=True, nogil=True)
def _in_sorted(keys, lo, hi, key):
    while lo < hi:
        mid = (lo + hi) >> 1
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(keys) and keys[lo] == key


@nb.njit(cache=True, parallel=True, nogil=True)
def check_rows(rows, sc, extra, prices, pair_cost, scale, out, count):
    """For each row, the columns with ``delta[column] > slack[r]`` (``n_check[r]`` of them) not in
    the pool (``pool_cols[r]``, or ``row * n_cols + column`` in the sorted ``solver_keys``) whose
    pair improves the potentials (all in ``prices``, a ``Prices``):
    ``w + pi_col[column] > pi_row[r]``. ``count[r]``: how many; ``out`` (a ``Best``): the
    ``out.col.shape[1]`` with the largest gain (ties: lower column first), column -1 where
    fewer."""
    n_cols = sc.table.shape[1]
    out_col, out_s, out_w = out.col, out.s, out.w  # out of the tuple first (see scan_rows)
    top = out_col.shape[1]
    delta, pi_col = prices.delta, prices.pi_col
    pool_cols, extra_keys = prices.pool_cols, prices.solver_keys
    for r in nb.prange(len(rows)):
        i = rows[r]
        d = prices.n_check[r]
        slack_r, pi_r = prices.slack[r], prices.pi_row[r]
        whole = extra.shape[0] > 0 or d * pair_cost >= n_cols
        buf = np.empty(n_cols if whole else 0, dtype=np.float32)
        if whole:
            _fill_row(i, r, sc, extra, buf)
        in_pool = np.zeros(n_cols, dtype=np.bool_)
        for q in range(pool_cols.shape[1]):
            if pool_cols[r, q] >= 0:
                in_pool[pool_cols[r, q]] = True
        best_g = np.full(top, NEG, dtype=np.int64)
        best_c = np.full(top, -1, dtype=np.int64)
        best_s = np.zeros(top, dtype=np.float32)
        found = 0
        row_key = np.int64(i) * n_cols
        for j in range(n_cols):  # in column order: the tables are read forwards
            if delta[j] <= slack_r or in_pool[j]:
                continue
            s = buf[j] if whole else _pair_score(i, j, sc)
            if s == -np.inf:
                continue
            gain = _weight(s, scale) + pi_col[j] - pi_r
            if gain <= 0:
                continue
            if len(extra_keys) and _in_sorted(extra_keys, 0, len(extra_keys), row_key + j):
                continue
            found += 1
            # keep the `top` largest gains, ties to the lower column
            pos = top
            while pos > 0 and (
                best_g[pos - 1] < gain or (best_g[pos - 1] == gain and best_c[pos - 1] > j)
            ):
                pos -= 1
            if pos < top:
                for q in range(top - 1, pos, -1):
                    best_g[q] = best_g[q - 1]
                    best_c[q] = best_c[q - 1]
                    best_s[q] = best_s[q - 1]
                best_g[pos] = gain
                best_c[pos] = j
                best_s[pos] = s
        count[r] = found
        for q in range(top):
            out_col[r, q] = best_c[q]
            out_s[r, q] = best_s[q]
            out_w[r, q] = _weight(best_s[q], scale) if best_c[q] >= 0 else NEG


@nb.njit(cache=True, parallel=True, nogil=True)
def score_pairs(rows, cols, sc, out):
    """Scores of scattered pairs (rows[p], cols[p]); -inf where a pair rule forbids."""
    for p in nb.prange(len(rows)):
        out[p] = _pair_score(rows[p], cols[p], sc)


@nb.njit(cache=True, parallel=True, nogil=True)
def fill_rows(rows, sc, extra, out):
    """Dense scores of ``rows`` against every column into ``out``."""
    for r in nb.prange(len(rows)):
        _fill_row(rows[r], r, sc, extra, out[r])


@nb.njit(cache=True, nogil=True)
def in_sorted_rows(rows, cols, keys, n_cols, out):
    """``out[r, q]``: whether ``rows[r] * n_cols + cols[r, q]`` is among the sorted ``keys``
    (a row's keys found once by bisection, then each column within them). Serial: no lock."""
    for r in range(len(rows)):
        lo_key = np.int64(rows[r]) * n_cols
        lo = np.searchsorted(keys, lo_key)
        hi = np.searchsorted(keys, lo_key + n_cols)
        for q in range(cols.shape[1]):
            c = cols[r, q]
            out[r, q] = c >= 0 and hi > lo and _in_sorted(keys, lo, hi, lo_key + c)


@nb.njit(cache=True, nogil=True)
def pool_gains(cols, w, in_solver, pi_row, pi_col, out):
    """``out[r, q]``: the reduced-cost gain ``w + pi_col[c] - pi_row[r]`` of the pool's entry
    (r, q) with column ``c = cols[r, q]``, NEG where there is none or the solver has it.
    Serial: no lock."""
    for r in range(cols.shape[0]):
        for q in range(cols.shape[1]):
            c = cols[r, q]
            if c >= 0 and not in_solver[r, q]:
                out[r, q] = w[r, q] + pi_col[c] - pi_row[r]
            else:
                out[r, q] = NEG


@nb.njit(cache=True, nogil=True)
def best_per_column(cols, w, limit, n_cols, out):
    """``out[r, q]``: whether entry (r, q) is among the ``limit[c]`` best of its column
    ``c = cols[r, q]`` by weight (ties: lower row first); column -1 is never chosen."""
    counts = np.zeros(n_cols + 1, dtype=np.int64)
    for r in range(cols.shape[0]):
        for q in range(cols.shape[1]):
            if cols[r, q] >= 0:
                counts[cols[r, q] + 1] += 1
    for c in range(n_cols):
        counts[c + 1] += counts[c]
    at = counts[:-1].copy()
    flat_r = np.empty(counts[n_cols], dtype=np.int64)
    flat_q = np.empty(counts[n_cols], dtype=np.int64)
    for r in range(cols.shape[0]):  # rows in order: a column's entries stay sorted by row
        for q in range(cols.shape[1]):
            c = cols[r, q]
            if c >= 0:
                flat_r[at[c]] = r
                flat_q[at[c]] = q
                at[c] += 1
    top_w = np.empty(max(1, limit.max()) if n_cols else 1, dtype=np.int64)
    top_p = np.empty(len(top_w), dtype=np.int64)
    for c in range(n_cols):
        lo, hi, keep = counts[c], counts[c + 1], limit[c]
        if hi - lo <= keep:
            for p in range(lo, hi):
                out[flat_r[p], flat_q[p]] = True
            continue
        if keep <= 0:
            continue
        # the `keep` largest by selection (insertion into a short sorted list); entries come
        # in row order, so an equal weight never displaces an earlier one
        size = 0
        for p in range(lo, hi):
            wv = w[flat_r[p], flat_q[p]]
            if size == keep and wv <= top_w[keep - 1]:
                continue
            pos = size if size < keep else keep - 1
            while pos > 0 and top_w[pos - 1] < wv:
                top_w[pos] = top_w[pos - 1]
                top_p[pos] = top_p[pos - 1]
                pos -= 1
            top_w[pos] = wv
            top_p[pos] = p
            if size < keep:
                size += 1
        for t in range(size):
            out[flat_r[top_p[t]], flat_q[top_p[t]]] = True


@nb.njit(cache=True, nogil=True)
def shortest_path_repair(n, arcs, f, ret, ret_cost, pi, excess, max_phases):
    """Successive shortest paths on the circulation (``arcs``, a ``Residual``, plus the return arc sink → source of
    cost ``ret_cost`` carrying ``ret``), from the current flow ``f`` and potentials ``pi`` under
    which every residual arc has a non-negative reduced cost ``c + pi[u] - pi[v]``. Each phase
    runs one Dijkstra from every node with excess at once, sends one unit to each node of
    deficit it settled along its shortest path (nearest first; a path is skipped when an
    earlier one of the phase took its capacity or its root's excess), and lowers the
    potentials of the settled nodes so that every reduced cost stays non-negative and the used
    paths' become zero. ``f``, ``pi`` and ``excess`` are updated in place; returns the return
    arc's flow, or -1 if it gives up (more than ``max_phases`` phases, or a deficit it cannot
    reach: solving again is then the way)."""
    tails, heads, caps, costs = arcs.tails, arcs.heads, arcs.caps, arcs.costs
    m = len(tails)
    # Residual adjacency: for node u, arc a leaves u forwards (tail u) or backwards (head u);
    # index m is the return arc (tail 1 = sink, head 0 = source).
    deg = np.zeros(n + 1, dtype=np.int64)
    for a in range(m):
        deg[tails[a] + 1] += 1
        deg[heads[a] + 1] += 1
    deg[1 + 1] += 1
    deg[0 + 1] += 1
    for u in range(n):
        deg[u + 1] += deg[u]
    at = deg[:-1].copy()
    adj = np.empty(deg[n], dtype=np.int64)  # arc * 2 (+1 when traversed backwards)
    for a in range(m + 1):
        t = tails[a] if a < m else 1
        h = heads[a] if a < m else 0
        adj[at[t]] = 2 * a
        at[t] += 1
        adj[at[h]] = 2 * a + 1
        at[h] += 1
    inf = np.int64(1) << 62
    dist = np.full(n, inf, dtype=np.int64)
    pred = np.full(n, -1, dtype=np.int64)
    done = np.zeros(n, dtype=np.bool_)
    touched = np.empty(n, dtype=np.int64)
    reached = np.empty(n, dtype=np.int64)
    heap_d = np.empty(len(adj) + n + 8, dtype=np.int64)
    heap_v = np.empty(len(adj) + n + 8, dtype=np.int64)
    for _phase in range(max_phases):
        n_touched = 0
        size = 0
        wanted = 0
        for v in range(n):
            if excess[v] > 0:
                dist[v] = 0
                touched[n_touched] = v
                n_touched += 1
                heap_d[size] = 0
                heap_v[size] = v
                size += 1
            elif excess[v] < 0:
                wanted -= excess[v]
        if n_touched == 0:
            return ret
        n_reached = 0
        while size > 0 and n_reached < wanted:
            d, u = heap_d[0], heap_v[0]
            size -= 1
            if size > 0:  # sift the last item down from the root
                ld, lv = heap_d[size], heap_v[size]
                pos = 0
                while True:
                    c = 2 * pos + 1
                    if c >= size:
                        break
                    if c + 1 < size and heap_d[c + 1] < heap_d[c]:
                        c += 1
                    if heap_d[c] < ld:
                        heap_d[pos], heap_v[pos] = heap_d[c], heap_v[c]
                        pos = c
                    else:
                        break
                heap_d[pos], heap_v[pos] = ld, lv
            if done[u] or d > dist[u]:
                continue
            done[u] = True
            if excess[u] < 0:
                reached[n_reached] = u
                n_reached += 1
            for p in range(deg[u], deg[u + 1]):
                code = adj[p]
                a = code >> 1
                if a < m:
                    t, h, cost, cap, flow = tails[a], heads[a], costs[a], caps[a], f[a]
                else:
                    t, h, cost, cap, flow = 1, 0, ret_cost, inf, ret
                if code & 1 == 0:  # forwards along the arc
                    if flow >= cap:
                        continue
                    v = h
                    rc = cost + pi[t] - pi[h]
                else:  # backwards: cancel flow
                    if flow <= 0:
                        continue
                    v = t
                    rc = -(cost + pi[t] - pi[h])
                if rc < 0:
                    return -1  # the potentials do not certify the current flow
                nd = d + rc
                if nd < dist[v]:
                    if dist[v] == inf:
                        touched[n_touched] = v
                        n_touched += 1
                    dist[v] = nd
                    pred[v] = code
                    pos = size  # push, sift up
                    size += 1
                    while pos > 0:
                        par = (pos - 1) >> 1
                        if heap_d[par] <= nd:
                            break
                        heap_d[pos], heap_v[pos] = heap_d[par], heap_v[par]
                        pos = par
                    heap_d[pos], heap_v[pos] = nd, v
        if n_reached == 0:
            return -1
        reach = np.int64(0)
        for k in range(n_reached):  # nearest first
            target = reached[k]
            ok = excess[target] < 0
            v = target
            while ok and pred[v] >= 0:  # is the path still open?
                code = pred[v]
                a = code >> 1
                forward = code & 1 == 0
                if a < m:
                    ok = f[a] < caps[a] if forward else f[a] > 0
                    v = tails[a] if forward else heads[a]
                else:
                    ok = True if forward else ret > 0
                    v = 1 if forward else 0
            if not ok or excess[v] <= 0:
                continue
            v = target
            while pred[v] >= 0:  # one unit along it
                code = pred[v]
                a = code >> 1
                forward = code & 1 == 0
                if a < m:
                    f[a] += 1 if forward else -1
                    v = tails[a] if forward else heads[a]
                else:
                    ret += 1 if forward else -1
                    v = 1 if forward else 0
            excess[v] -= 1
            excess[target] += 1
            reach = max(reach, dist[target])
        # settled nodes closer than the farthest target used move by (reach - distance)
        for k in range(n_touched):
            v = touched[k]
            if done[v] and dist[v] < reach:
                pi[v] -= reach - dist[v]
            dist[v] = inf
            pred[v] = -1
            done[v] = False
    return -1


@nb.njit(cache=True, nogil=True)
def distances_to_anywhere(n, u, c, starts, max_relaxations, dist):
    """Shortest distances from every node to a virtual target that every node reaches at cost
    0, over the arcs (u, v, c) grouped by head (``starts``): a queue-based Bellman-Ford that
    relaxes the arcs into a node again only when its distance fell. Fills ``dist``; returns 0,
    1 for a negative cycle (a path of n arcs improved a node), 2 when it takes more than
    ``max_relaxations``."""
    queue = np.empty(n, dtype=np.int64)
    queued = np.ones(n, dtype=np.bool_)
    hops = np.zeros(n, dtype=np.int64)
    for x in range(n):
        queue[x] = x
        dist[x] = 0
    head, size = 0, n
    relaxed = 0
    while size > 0:
        x = queue[head]
        head = (head + 1) % n
        size -= 1
        queued[x] = False
        for p in range(starts[x], starts[x + 1]):  # arcs y -> x
            y = u[p]
            nd = c[p] + dist[x]
            relaxed += 1
            if nd < dist[y]:
                dist[y] = nd
                hops[y] = hops[x] + 1
                if hops[y] >= n:
                    return 1
                if not queued[y]:
                    queued[y] = True
                    queue[(head + size) % n] = y
                    size += 1
        if relaxed > max_relaxations:
            return 2
    return 0
