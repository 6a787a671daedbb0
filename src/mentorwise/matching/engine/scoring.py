"""Scoring mentees against the active mentors: the inputs of the compiled kernels, the top-K scan
and the check of pairs beyond it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from . import kernels
from .features import Encoded, Factor, factors, topic_matrices


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
class Scan:
    """The result of scanning rows: each row's ``k`` best columns by ``w + base[column]``
    (sorted best first; column -1 where fewer are feasible) and the best value left out."""

    rows: np.ndarray  # mentee indices, one per row
    cols: np.ndarray  # (rows, k) int64 positions among the active mentors
    score: np.ndarray  # (rows, k) float32 compatibility
    w: np.ndarray  # (rows, k) int64 integer weight, round(score * scale)
    theta: np.ndarray  # (rows,) int64: the largest w + base left out, kernels.NEG if none
    base: np.ndarray  # (columns,) int64 the base the order and theta refer to


class Scorer:
    """Scores mentees against the active mentors (``mentor_ids``): the factor tables, topic
    matrices and pair rules laid out for the compiled kernels (see kernels.py)."""

    def __init__(
        self,
        enc: Encoded,
        mentor_ids: np.ndarray,
        excluded: sp.csr_matrix,
        rules: tuple[bool, bool],
        threads: int = 1,
    ):
        self.enc = enc
        self.mentor_ids = mentor_ids
        self.n_cols = len(mentor_ids)
        self.threads = max(1, int(threads))
        found: list[Factor] = factors(enc, mentor_ids, rules) if self.n_cols else []
        tables = [f for f in found if f.table is not None]
        self.direct = [f for f in found if f.table is None]
        if not tables:
            tables = [
                Factor(np.zeros(enc.mentees.n, np.int64), np.zeros((1, self.n_cols), np.float32))
            ]
        offsets = np.cumsum([0] + [len(f.table) for f in tables])[:-1]
        self.table = np.ascontiguousarray(np.concatenate([f.table for f in tables]), np.float32)
        self.codes = np.stack([f.codes + o for f, o in zip(tables, offsets, strict=True)])
        self.codes = np.ascontiguousarray(self.codes, dtype=np.int64)
        topics, expertise = topic_matrices(enc, mentor_ids)
        self.topics = _csr(topics)
        self.expertise = _csr(expertise)  # tags x columns
        self.expertise_by_mentor = _csr(expertise.T)  # columns x tags
        self.excluded = _csr(excluded[:, mentor_ids] if self.n_cols else excluded)
        self.data = self._data()

    def _data(self) -> kernels.Scoring:
        t, x, y, b = self.topics, self.expertise, self.expertise_by_mentor, self.excluded
        return kernels.Scoring(
            codes=self.codes, table=self.table,
            t_ptr=t.indptr, t_idx=t.indices, t_val=t.data,
            x_ptr=x.indptr, x_idx=x.indices, x_val=x.data,
            y_ptr=y.indptr, y_idx=y.indices, y_val=y.data,
            b_ptr=b.indptr, b_idx=b.indices,
        )  # fmt: skip

    def _extra(self, rows: np.ndarray) -> np.ndarray:
        """The untabulated factors for ``rows`` (an empty array when every factor is a table)."""
        if not self.direct:
            return np.zeros((0, 0), dtype=np.float32)
        out = self.direct[0].rows(rows).astype(np.float32)
        for factor in self.direct[1:]:
            out += factor.rows(rows)
        return out

    def _steps(self, rows: np.ndarray, chunk_cells: int):
        """Slices of ``rows`` to run at once: all of them, unless untabulated factors must be
        computed block by block."""
        step = len(rows) if not self.direct else max(1, chunk_cells // max(1, self.n_cols))
        for lo in range(0, len(rows), max(1, step)):
            yield slice(lo, lo + max(1, step))

    def scan(
        self, rows: np.ndarray, k: int, scale: int, base: np.ndarray | None = None,
        chunk_cells: int = 4_000_000,
    ) -> Scan:  # fmt: skip
        """Each row's ``k`` best columns by ``w + base`` and the best value left out."""
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        base = np.zeros(self.n_cols, np.int64) if base is None else base.astype(np.int64)
        k = max(1, min(k, self.n_cols))
        # The kernel writes every entry: no need to fill them first (at 50k, 0.1 s a scan).
        written = bool(self.n_cols and len(rows))

        def make(shape, fill, dtype):
            return np.empty(shape, dtype) if written else np.full(shape, fill, dtype)

        cols = make((len(rows), k), -1, np.int64)
        score = make((len(rows), k), -np.inf, np.float32)
        w = make((len(rows), k), kernels.NEG, np.int64)
        theta = make(len(rows), kernels.NEG, np.int64)
        if self.n_cols and len(rows):
            for part in self._steps(rows, chunk_cells):
                with kernels.running(self.threads, len(rows[part]) * self.n_cols):
                    kernels.scan_rows(
                        rows[part], self.data, self._extra(rows[part]), base, scale, k,
                        kernels.Best(cols[part], score[part], w[part]), theta[part],
                    )  # fmt: skip
        return Scan(rows, cols, score, w, theta, base)

    def check(
        self, rows, n_check, delta, slack, pi_row, pi_col, pool_cols, solver_keys, top: int,
        scale: int, chunk_cells: int = 4_000_000, pair_cost: int | None = None,
    ):  # fmt: skip
        """Pairs beyond the pool that improve the potentials (see ``kernels.check_rows``):
        (per row: how many, and the ``top`` best as columns, scores and weights)."""
        pair_cost = kernels.PAIR_COST if pair_cost is None else pair_cost
        count = np.zeros(len(rows), dtype=np.int64)
        cols = np.full((len(rows), top), -1, dtype=np.int64)
        score = np.zeros((len(rows), top), dtype=np.float32)
        w = np.full((len(rows), top), kernels.NEG, dtype=np.int64)
        for part in self._steps(rows, chunk_cells):
            prices = kernels.Prices(
                n_check=n_check[part], delta=delta, slack=slack[part], pi_row=pi_row[part],
                pi_col=pi_col, pool_cols=pool_cols[part], solver_keys=solver_keys,
            )  # fmt: skip
            work = len(rows[part]) * self.n_cols  # each row walks every column
            with kernels.running(self.threads, work):
                kernels.check_rows(
                    rows[part], self.data, self._extra(rows[part]), prices, pair_cost, scale,
                    kernels.Best(cols[part], score[part], w[part]), count[part],
                )  # fmt: skip
        return count, cols, score, w

    def block(self, rows: np.ndarray) -> np.ndarray:
        """Scores (len(rows), n_cols) float32 in [0, 1], -inf where a hard rule forbids."""
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        out = np.zeros((len(rows), self.n_cols), dtype=np.float32)
        if self.n_cols and len(rows):
            for part in self._steps(rows, 4_000_000):
                with kernels.running(self.threads, len(rows[part]) * self.n_cols):
                    kernels.fill_rows(rows[part], self.data, self._extra(rows[part]), out[part])
        return out

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Scores of the pairs (rows[p], active mentor position cols[p]), as ``block``."""
        rows = np.ascontiguousarray(rows, dtype=np.int64)
        cols = np.ascontiguousarray(cols, dtype=np.int64)
        if self.direct:  # whole rows of the few mentees concerned
            uniq, inverse = np.unique(rows, return_inverse=True)
            return self.block(uniq)[inverse, cols] if len(rows) else np.zeros(0, np.float32)
        out = np.zeros(len(rows), dtype=np.float32)
        if len(rows):
            with kernels.running(self.threads, len(rows) * kernels.PAIR_COST):
                kernels.score_pairs(rows, cols, self.data, out)
        return out


def _csr(matrix) -> sp.csr_matrix:
    """CSR with sorted int64 indices and float32 data, as the kernels expect."""
    m = sp.csr_matrix(matrix)
    m.sum_duplicates()
    m.sort_indices()
    return sp.csr_matrix(
        (
            np.ascontiguousarray(m.data, dtype=np.float32),
            np.ascontiguousarray(m.indices, dtype=np.int64),
            np.ascontiguousarray(m.indptr, dtype=np.int64),
        ),
        shape=m.shape,
    )
