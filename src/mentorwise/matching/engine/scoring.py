"""Scoring blocks of mentees against all mentors, and keeping the top K candidates per mentee."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .features import Encoded, Factor, factors, topic_matrices

try:  # adds a CSR matrix into a dense array in place (toarray(out=) zeroes it first)
    from scipy.sparse._sparsetools import csr_todense as _csr_add_into
except ImportError:  # pragma: no cover - older or newer SciPy layouts
    _csr_add_into = None


def pair_matrix(pairs, n_rows: int, n_cols: int) -> sp.csr_matrix:
    arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    ok = (arr[:, 0] >= 0) & (arr[:, 0] < n_rows) & (arr[:, 1] >= 0) & (arr[:, 1] < n_cols)
    arr = arr[ok]
    m = sp.csr_matrix((np.ones(len(arr), dtype=np.int8), (arr[:, 0], arr[:, 1])), (n_rows, n_cols))
    m.sum_duplicates()
    m.data[:] = 1
    return m


def same_key_pairs(keys_e: np.ndarray, keys_m: np.ndarray) -> np.ndarray:
    """All (mentee, mentor) with equal non-negative keys, by a sort-merge join."""
    order = np.argsort(keys_m, kind="stable")
    sorted_keys = keys_m[order]
    lo = np.searchsorted(sorted_keys, keys_e, side="left")
    hi = np.searchsorted(sorted_keys, keys_e, side="right")
    counts = np.where(keys_e >= 0, hi - lo, 0)
    rows = np.repeat(np.arange(len(keys_e)), counts)
    starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    cols = order[starts + np.arange(len(rows))]
    return np.column_stack([rows, cols])


@dataclass
class Candidates:
    mentee: np.ndarray  # int64, sorted by (mentee, mentor)
    mentor: np.ndarray  # int64, global mentor index
    score: np.ndarray  # float32 compatibility
    theta: np.ndarray  # per mentee: best score among feasible mentors left out, -inf if none
    forced_score: np.ndarray  # float32 score of each forced pair, -inf if forbidden


class Scorer:
    """Scores any block of mentees against the active mentors (``mentor_ids``)."""

    def __init__(
        self,
        enc: Encoded,
        mentor_ids: np.ndarray,
        excluded: sp.csr_matrix,
        rules: tuple[bool, bool],
    ):
        self.enc = enc
        self.mentor_ids = mentor_ids
        self.n_cols = len(mentor_ids)
        self.factors: list[Factor] = factors(enc, mentor_ids, rules) if self.n_cols else []
        self.topics, self.expertise = topic_matrices(enc, mentor_ids)
        self.excluded = excluded[:, mentor_ids].tocsr() if self.n_cols else excluded
        self._expertise_rows = None  # mentor x tag, for scoring scattered pairs

    def _topics_of_pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Topic contributions of scattered pairs: each pair's few mentee tags against a dense
        mentor x tag matrix (sparse when that would be large), in slices of pairs."""
        if self._expertise_rows is None:
            e = self.expertise.T.tocsr()
            dense = e.shape[0] * e.shape[1] <= 25_000_000
            self._expertise_rows = e.toarray() if dense else e
        e_rows, t = self._expertise_rows, self.topics
        if not isinstance(e_rows, np.ndarray):  # pragma: no cover - very large vocabularies
            product = t[rows].multiply(e_rows[cols]).sum(axis=1)
            return np.asarray(product, dtype=np.float32).ravel()
        out = np.zeros(len(rows), dtype=np.float32)
        for lo in range(0, len(rows), 500_000):
            r, c = rows[lo : lo + 500_000], cols[lo : lo + 500_000]
            lengths = (t.indptr[r + 1] - t.indptr[r]).astype(np.int64)
            pair = np.repeat(np.arange(len(r), dtype=np.int64), lengths)
            at = np.repeat(t.indptr[r].astype(np.int64) - np.cumsum(lengths) + lengths, lengths)
            at += np.arange(len(pair), dtype=np.int64)
            values = t.data[at] * e_rows[c[pair], t.indices[at]]
            out[lo : lo + 500_000] = np.bincount(pair, weights=values, minlength=len(r))
        return out

    def block(self, rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """Scores (len(rows), n_cols) float32 in [0, 1], -inf where a hard rule forbids; with
        ``cols`` (positions among the active mentors) only those columns."""
        width = self.n_cols if cols is None else len(cols)
        if not width:
            return np.zeros((len(rows), 0), dtype=np.float32)
        first, *others = self.factors
        scores = _factor_rows(first, rows, cols)
        for factor in others:
            scores += _factor_rows(factor, rows, cols)
        expertise = self.expertise if cols is None else self.expertise[:, cols]
        product = (self.topics[rows] @ expertise).tocsr()
        if _csr_add_into is not None:
            _csr_add_into(len(rows), width, product.indptr, product.indices, product.data, scores)
        else:  # pragma: no cover
            scores += product.toarray()
        banned = self.excluded[rows]
        if cols is not None:
            banned = banned[:, cols]
        banned = banned.tocoo()
        scores[banned.row, banned.col] = -np.inf
        np.clip(scores, None, 1.0, out=scores)
        return scores

    def pairs(
        self, rows: np.ndarray, cols: np.ndarray, chunk_cells: int, check_excluded: bool = True
    ) -> np.ndarray:
        """Scores of the pairs (rows[p], active mentor position cols[p]), like ``block``
        (without ``check_excluded`` the pair rules are left to the caller: see ``banned``)."""
        out = np.zeros(len(rows), dtype=np.float32)
        if not len(rows):
            return out
        for factor in self.factors:
            if factor.table is not None:
                out += factor.table[factor.codes[rows], cols]
            else:  # an untabulated factor: whole rows of each distinct mentee, block by block
                uniq, inverse = np.unique(rows, return_inverse=True)
                step = max(1, chunk_cells // max(1, self.n_cols))
                for lo in range(0, len(uniq), step):
                    sel = (inverse >= lo) & (inverse < lo + step)
                    block = factor.rows(uniq[lo : lo + step])
                    out[sel] += block[inverse[sel] - lo, cols[sel]]
        out += self._topics_of_pairs(rows, cols)
        if check_excluded:
            out[self.banned(rows, cols)] = -np.inf
        np.clip(out, None, 1.0, out=out)
        return out

    def banned(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Whether a pair rule forbids each pair (rows[p], active mentor position cols[p])."""
        if not len(rows):
            return np.zeros(0, dtype=bool)
        return np.asarray(self.excluded[rows, cols]).ravel() > 0


def _factor_rows(factor: Factor, rows: np.ndarray, cols: np.ndarray | None) -> np.ndarray:
    if cols is None:
        return factor.rows(rows)
    if factor.table is not None:
        return factor.table[factor.codes[rows][:, None], cols[None, :]]
    return factor.rows(rows)[:, cols]


def candidates(
    scorer: Scorer,
    mentees: np.ndarray,
    k: int,
    chunk_cells: int,
    forced: np.ndarray,
    threads: int = 1,
    mentor_k: int = 0,
) -> Candidates:
    """Top-k feasible mentors for each of ``mentees`` (k ≥ 1), plus each mentor's top
    ``mentor_k`` mentees (so that no mentor is left without candidates), plus the scores of
    ``forced`` (mentee, mentor) pairs, scoring blocks of rows in turn."""
    n_e = scorer.enc.mentees.n
    n_cols = scorer.n_cols
    theta = np.full(n_e, -np.inf, dtype=np.float32)
    col_of = np.full(scorer.enc.mentors.n, -1, dtype=np.int64)
    col_of[scorer.mentor_ids] = np.arange(n_cols)
    forced = np.asarray(forced, dtype=np.int64).reshape(-1, 2)
    forced_score = np.full(len(forced), -np.inf, dtype=np.float32)
    if n_cols == 0 or len(mentees) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, np.zeros(0, np.float32), theta, forced_score)
    step = max(1, chunk_cells // n_cols)
    keep = min(k, n_cols)
    forced_by_row = {}
    if len(forced):
        position = np.full(n_e, -1, dtype=np.int64)
        position[mentees] = np.arange(len(mentees))
        fpos = position[forced[:, 0]]
        for idx in np.flatnonzero((fpos >= 0) & (col_of[forced[:, 1]] >= 0)):
            forced_by_row.setdefault(int(fpos[idx]) // step, []).append(idx)

    def run(b: int):
        rows = mentees[b * step : (b + 1) * step]
        scores = scorer.block(rows)
        if keep < n_cols:
            part = np.argpartition(scores, n_cols - keep - 1, axis=1)
            top = part[:, n_cols - keep :]
            left_out = scores[np.arange(len(rows)), part[:, n_cols - keep - 1]]
        else:
            top = np.broadcast_to(np.arange(n_cols), (len(rows), n_cols))
            left_out = np.full(len(rows), -np.inf, dtype=np.float32)
        values = np.take_along_axis(scores, top, axis=1)
        ok = np.isfinite(values)
        r = np.broadcast_to(rows[:, None], top.shape)[ok]
        picked = (r, scorer.mentor_ids[top[ok]], values[ok])
        if mentor_k and len(rows) > mentor_k:
            by_col = np.ascontiguousarray(scores.T)  # partitions along contiguous rows
            part_c = np.argpartition(by_col, len(rows) - mentor_k, axis=1)[:, -mentor_k:]
            best_c = np.take_along_axis(by_col, part_c, axis=1)
            cols_c = np.broadcast_to(np.arange(n_cols)[:, None], part_c.shape)
        else:
            part_c = np.broadcast_to(np.arange(len(rows))[:, None], scores.shape)
            best_c, cols_c = scores, np.broadcast_to(np.arange(n_cols), scores.shape)
        ok_c = np.isfinite(best_c) if mentor_k else np.zeros(best_c.shape, dtype=bool)
        reverse = (rows[part_c[ok_c]], cols_c[ok_c], best_c[ok_c])
        fixed = []
        for idx in forced_by_row.get(b, ()):
            local = np.searchsorted(rows, forced[idx, 0])
            fixed.append((idx, scores[local, col_of[forced[idx, 1]]]))
        return rows, left_out, picked, fixed, reverse

    n_blocks = -(-len(mentees) // step)
    if threads > 1 and n_blocks > 1:
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(run, range(n_blocks)))
    else:
        results = [run(b) for b in range(n_blocks)]
    parts_e, parts_m, parts_s = [], [], []
    rev_e, rev_c, rev_s = (np.concatenate([res[4][x] for res in results]) for x in range(3))
    if len(rev_e):  # each mentor's best mentor_k over all blocks
        order = np.lexsort((rev_e, -rev_s, rev_c))
        rev_e, rev_c, rev_s = rev_e[order], rev_c[order], rev_s[order]
        starts = np.searchsorted(rev_c, rev_c, side="left")
        top = np.arange(len(rev_c)) - starts < mentor_k
        parts_e.append(rev_e[top])
        parts_m.append(scorer.mentor_ids[rev_c[top]])
        parts_s.append(rev_s[top])
    for rows, left_out, (r, c, s), fixed, _ in results:
        theta[rows] = left_out
        parts_e.append(r)
        parts_m.append(c)
        parts_s.append(s)
        for idx, value in fixed:
            forced_score[idx] = value
    e = np.concatenate(parts_e).astype(np.int64)
    m = np.concatenate(parts_m).astype(np.int64)
    s = np.concatenate(parts_s).astype(np.float32)
    _, first = np.unique(e * scorer.enc.mentors.n + m, return_index=True)  # sorted by (e, m)
    return Candidates(e[first], m[first], s[first], theta, forced_score)
