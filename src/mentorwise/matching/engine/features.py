"""Encoding people into arrays, and the criteria.

Every criterion except topics depends on a pair only through a small categorical code of the
mentee (her time zone, years, language set, industry, way of meeting...). Such a criterion is a
*factor*: one code per mentee and a table ``codes x mentors`` of weighted contributions, with
``-inf`` where a hard rule forbids the pair. Scoring a block of mentees is then a few row gathers
and additions, plus one sparse product for topics — no loop over pairs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from .model import EITHER, IN_PERSON, REMOTE, People, Problem, Weights

CRITERIA = ("topics", "language", "time_zone", "seniority", "industry", "meeting", "answers")
MAX_PRIORITY = 1000  # a priority weight; the app gives 1 to people left unpaired last round
MAX_FACTOR_ROWS = 512  # merge two factors while their joint codes stay below this


def _key(value: str | None) -> str:
    return value.strip().casefold() if value else ""


def _column(values, n: int, default):
    if values is None or len(values) == 0:
        return [default] * n
    if len(values) != n:
        raise ValueError(f"expected {n} values, got {len(values)}")
    return list(values)


def _numbers(values, n: int, default: float) -> np.ndarray:
    if values is None or len(values) == 0:
        return np.full(n, default, dtype=np.float64)
    arr = np.asarray(values, dtype=np.float64)
    if arr.shape != (n,):
        raise ValueError(f"expected {n} values, got shape {arr.shape}")
    return arr


class Vocabulary:
    """Stable codes for normalised strings: the first spelling seen is kept for display."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.labels: list[str] = []
        self._seen: dict[str | None, int] = {}  # raw spelling -> code: values repeat a lot

    def code(self, value: str | None) -> int:
        code = self._seen.get(value)
        if code is not None:
            return code
        key = _key(value)
        if not key:
            code = -1
        else:
            code = self.codes.get(key)
            if code is None:
                code = self.codes[key] = len(self.labels)
                self.labels.append(value.strip())
        self._seen[value] = code
        return code

    def __len__(self) -> int:
        return len(self.labels)


def _categorical(vocab: Vocabulary, values) -> np.ndarray:
    seen, code = vocab._seen, vocab.code
    return np.fromiter(
        (seen[v] if v in seen else code(v) for v in values), dtype=np.int64, count=len(values)
    )


def _sets(vocab: Vocabulary, lists) -> list[list[int]]:
    seen, code = vocab._seen, vocab.code
    out = []
    for items in lists:
        if not items:
            out.append([])
            continue
        codes = dict.fromkeys(seen[x] if x in seen else code(x) for x in items)
        codes.pop(-1, None)
        out.append(list(codes))
    return out


def _indicator(sets: list[list[int]], width: int, values=None) -> sp.csr_matrix:
    lengths = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    indices = np.fromiter((c for s in sets for c in s), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices)) if values is None else values
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(sets), width))
    matrix.sort_indices()
    return matrix


@dataclass
class Side:
    n: int
    names: list[str]
    topic_sets: list[list[int]]  # goals (mentees) / expertise (mentors)
    interest_sets: list[list[int]]  # mentees only
    lang_sets: list[list[int]]
    industry: np.ndarray
    department: np.ndarray
    reporting: np.ndarray
    years: np.ndarray
    tz: np.ndarray
    location: np.ndarray
    mode: np.ndarray  # 0 remote, 1 in person, 2 either
    answers: np.ndarray  # (n, questions), -1 unanswered
    slots: np.ndarray
    priority: np.ndarray  # integer levels


@dataclass
class Encoded:
    mentees: Side
    mentors: Side
    tags: Vocabulary
    langs: Vocabulary
    industries: Vocabulary
    locations: Vocabulary
    answer_vocab: list[Vocabulary]
    questions: list[str]
    weights: dict[str, float]  # normalised active weights, summing to 1
    params: Weights
    question_labels: dict[str, str] = field(default_factory=dict)  # key → question, when known


def _encode_side(
    people: People, vocabs: dict, questions: list[str], is_mentee: bool, default_slots: int
) -> Side:
    n = len(people.name)
    modes = {REMOTE: 0, IN_PERSON: 1, EITHER: 2}
    mode_values = _column(people.work_mode, n, EITHER)
    try:
        mode = np.fromiter((modes[m or EITHER] for m in mode_values), dtype=np.int64, count=n)
    except KeyError as exc:
        raise ValueError(f"unknown work mode {exc}") from None
    answers = np.full((n, len(questions)), -1, dtype=np.int64)
    for q, key in enumerate(questions):
        values = people.answers.get(key)
        if values:
            answers[:, q] = _categorical(vocabs["answers"][q], _column(values, n, None))
    slots = _numbers(people.slots, n, default_slots)
    if np.any(slots < 0) or np.any(slots != np.round(slots)):
        raise ValueError("slots must be non-negative integers")
    priority = np.rint(np.maximum(_numbers(people.priority, n, 0.0), 0.0)).astype(np.int64)
    if np.any(priority > MAX_PRIORITY):  # the objective's levels multiply it: keep costs exact
        raise ValueError(f"priority must be at most {MAX_PRIORITY}")
    return Side(
        n=n,
        names=[str(x) for x in people.name],
        topic_sets=_sets(
            vocabs["tags"], _column(people.goals if is_mentee else people.tags, n, ())
        ),
        interest_sets=_sets(vocabs["tags"], _column(people.tags, n, ()))
        if is_mentee
        else [[] for _ in range(n)],
        lang_sets=_sets(vocabs["langs"], _column(people.languages, n, ())),
        industry=_categorical(vocabs["industries"], _column(people.industry, n, None)),
        department=_categorical(vocabs["departments"], _column(people.department, n, None)),
        reporting=_categorical(vocabs["reporting"], _column(people.reporting_line, n, None)),
        years=np.round(_numbers(people.years, n, np.nan) * 2) / 2,  # half years
        tz=np.round(_numbers(people.tz_offset, n, np.nan) * 4) / 4,  # quarter hours
        location=_categorical(vocabs["locations"], _column(people.location, n, None)),
        mode=mode,
        answers=answers,
        slots=slots.astype(np.int64),
        priority=priority,
    )


def encode(problem: Problem) -> Encoded:
    questions = sorted(set(problem.mentees.answers) & set(problem.mentors.answers))
    vocabs = {
        "tags": Vocabulary(),
        "langs": Vocabulary(),
        "industries": Vocabulary(),
        "departments": Vocabulary(),
        "reporting": Vocabulary(),
        "locations": Vocabulary(),
        "answers": [Vocabulary() for _ in questions],
    }
    mentees = _encode_side(problem.mentees, vocabs, questions, True, 1)
    mentors = _encode_side(problem.mentors, vocabs, questions, False, 1)
    w = problem.weights
    raw = {name: max(float(getattr(w, name)), 0.0) for name in CRITERIA}
    # A criterion nobody on one side gives data for cannot tell pairs apart: drop it.
    has = {
        "time_zone": (mentees.tz, mentors.tz),
        "seniority": (mentees.years, mentors.years),
    }
    for name, (a, b) in has.items():
        if not (np.isfinite(a).any() and np.isfinite(b).any()):
            raw[name] = 0.0
    if not ((mentees.industry >= 0).any() and (mentors.industry >= 0).any()):
        raw["industry"] = 0.0
    if not questions:
        raw["answers"] = 0.0
    total = sum(raw.values())
    weights = {k: (v / total if total > 0 else 0.0) for k, v in raw.items()}
    return Encoded(
        mentees=mentees,
        mentors=mentors,
        tags=vocabs["tags"],
        langs=vocabs["langs"],
        industries=vocabs["industries"],
        locations=vocabs["locations"],
        answer_vocab=vocabs["answers"],
        questions=questions,
        weights=weights,
        params=w,
        question_labels=dict(problem.question_labels),
    )


# --- the criteria, elementwise (used by the factor tables and by the explanations) -------------


def tz_score(a: np.ndarray, b: np.ndarray, p: Weights) -> np.ndarray:
    diff = np.abs(a - b) % 24.0
    dist = np.minimum(diff, 24.0 - diff)
    span = max(p.tz_zero_hours - p.tz_full_hours, 1e-9)
    score = np.clip((p.tz_zero_hours - dist) / span, 0.0, 1.0)
    return np.where(np.isfinite(dist), score, 0.5)


def seniority_score(mentee_years: np.ndarray, mentor_years: np.ndarray, p: Weights) -> np.ndarray:
    lo, hi = p.seniority_ideal
    gap = mentor_years - mentee_years
    with np.errstate(invalid="ignore", divide="ignore"):
        below = np.clip(gap / max(lo, 1e-9), 0.0, 1.0)
        above = np.maximum(0.5, 1.0 - (gap - hi) / 20.0)
    score = np.where(gap < lo, below, np.where(gap > hi, above, 1.0))
    return np.where(np.isfinite(gap), score, 0.5)


def meeting_score(mode_e, loc_e, mode_m, loc_m) -> np.ndarray:
    remote_ok = (mode_e != 1) & (mode_m != 1)
    in_person_ok = (mode_e != 0) & (mode_m != 0) & (loc_e >= 0) & (loc_e == loc_m)
    return (remote_ok | in_person_ok).astype(np.float64)


# --- factors: (mentee codes, table codes x mentors) ----------------------------------------------


@dataclass
class Factor:
    """Rows of ``table`` by mentee ``codes``; or, when a factor has too many distinct codes to
    tabulate, ``build`` applied to the mentees' ``keys`` block by block."""

    codes: np.ndarray
    table: np.ndarray | None  # (rows, n_mentors) float32, -inf where forbidden
    keys: np.ndarray | None = None
    build: object = None

    def rows(self, mentees: np.ndarray) -> np.ndarray:
        if self.table is not None:
            return self.table[self.codes[mentees]]
        return np.asarray(self.build(self.keys[mentees]), dtype=np.float32)


NAN_KEY = 1e12
MAX_TABLE_ROWS = 4096


def _unique_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, axis=0, return_inverse=True)``, faster: each column coded on its own,
    the codes packed into one integer per row (the same order: lexicographic by columns)."""
    packed = np.zeros(len(keys), dtype=np.int64)
    size = 1
    for c in range(keys.shape[1]):
        values, inverse = np.unique(keys[:, c], return_inverse=True)
        size *= max(len(values), 1)
        if size >= 1 << 62:  # pragma: no cover - too many combinations to pack
            uniq, codes = np.unique(keys, axis=0, return_inverse=True)
            return uniq, codes.reshape(-1).astype(np.int64)
        packed = packed * len(values) + inverse.reshape(-1)
    _, first, codes = np.unique(packed, return_index=True, return_inverse=True)
    return keys[first], codes.reshape(-1).astype(np.int64)


def _factor(keys: np.ndarray, build) -> Factor:
    """keys: (n_mentees, d) array (NaN allowed); build(keys) → (len(keys), n_mentors) values."""
    keys = np.where(np.isnan(keys), NAN_KEY, keys) if keys.dtype.kind == "f" else keys

    def build_keys(k):
        return build(np.where(k == NAN_KEY, np.nan, k) if k.dtype.kind == "f" else k)

    uniq, codes = _unique_rows(keys)
    if len(uniq) > MAX_TABLE_ROWS:
        return Factor(codes=codes, table=None, keys=keys, build=build_keys)
    return Factor(codes=codes, table=np.asarray(build_keys(uniq), dtype=np.float32))


def _lang_matrix(sets: list[list[int]], width: int) -> np.ndarray:
    return _indicator(sets, max(width, 1)).toarray().astype(bool)


def factors(enc: Encoded, mentor_ids: np.ndarray, rules: tuple[bool, bool]) -> list[Factor]:
    """The factors over the given mentors (columns). rules: (same department, same line)."""
    e, m, w, p = enc.mentees, enc.mentors, enc.weights, enc.params
    out: list[Factor] = []
    # Language: hard rule (share one) and criterion (the mentee's first language).
    n_lang = len(enc.langs)
    mentor_langs = _lang_matrix([m.lang_sets[j] for j in mentor_ids], n_lang)  # (M, L)
    mentee_langs = _lang_matrix(e.lang_sets, n_lang)  # (N, L)
    first = np.array([s[0] if s else -1 for s in e.lang_sets], dtype=np.int64)
    keys = np.column_stack([first, mentee_langs.astype(np.int64)])

    def build_lang(uniq):
        share = (uniq[:, 1:].astype(np.float32) @ mentor_langs.T.astype(np.float32)) > 0
        first_ok = np.zeros_like(share)
        has_first = uniq[:, 0] >= 0
        first_ok[has_first] = mentor_langs[:, uniq[has_first, 0]].T
        value = w["language"] * np.where(first_ok, 1.0, 0.5)
        return np.where(share, value, -np.inf)

    out.append(_factor(keys, build_lang))
    if w["time_zone"] > 0:
        out.append(
            _factor(
                e.tz.reshape(-1, 1),
                lambda u: w["time_zone"] * tz_score(u[:, :1], m.tz[mentor_ids][None, :], p),
            )
        )
    if w["seniority"] > 0:
        out.append(
            _factor(
                e.years.reshape(-1, 1),
                lambda u: (
                    w["seniority"] * seniority_score(u[:, :1], m.years[mentor_ids][None, :], p)
                ),
            )
        )
    if w["industry"] > 0:
        ind = m.industry[mentor_ids][None, :]
        out.append(
            _factor(
                e.industry.reshape(-1, 1),
                lambda u: w["industry"] * ((u[:, :1] >= 0) & (u[:, :1] == ind)),
            )
        )
    if w["meeting"] > 0:
        mm, ml = m.mode[mentor_ids][None, :], m.location[mentor_ids][None, :]
        out.append(
            _factor(
                np.column_stack([e.mode, np.where(e.mode == 0, -1, e.location)]),
                lambda u: w["meeting"] * meeting_score(u[:, :1], u[:, 1:2], mm, ml),
            )
        )
    if w["answers"] > 0:
        ma = m.answers[mentor_ids]  # (M, Q)

        def build_answers(uniq):
            same = np.zeros((len(uniq), len(mentor_ids)))
            for q in range(uniq.shape[1]):  # loop over questions, not pairs
                same += (uniq[:, q : q + 1] >= 0) & (uniq[:, q : q + 1] == ma[None, :, q])
            return w["answers"] * same / uniq.shape[1]

        out.append(_factor(e.answers, build_answers))
    if rules[0]:
        dep = m.department[mentor_ids][None, :]
        out.append(
            _factor(
                e.department.reshape(-1, 1),
                lambda u: np.where((u[:, :1] >= 0) & (u[:, :1] == dep), -np.inf, 0.0),
            )
        )
    return _merge(out)


def _merge(items: list[Factor]) -> list[Factor]:
    """Merge tabulated factors pairwise (smallest first) while the joint table stays small."""
    direct = [f for f in items if f.table is None]
    items = sorted((f for f in items if f.table is not None), key=lambda f: len(f.table))
    merged: list[Factor] = []
    while items:
        current = items.pop(0)
        rest = []
        for other in items:
            joint = current.codes * len(other.table) + other.codes
            uniq, codes = np.unique(joint, return_inverse=True)
            if len(uniq) <= MAX_FACTOR_ROWS:
                table = current.table[uniq // len(other.table)]
                table += other.table[uniq % len(other.table)]
                current = Factor(codes=codes.reshape(-1), table=table)
            else:
                rest.append(other)
        merged.append(current)
        items = rest
    return merged + direct


def topic_matrices(enc: Encoded, mentor_ids: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Mentee topic rows (goals weigh goal_weight, interests interest_weight), L2-normalised and
    scaled by the topics weight; mentor expertise columns, L2-normalised. Their product is the
    weighted cosine contribution."""
    e, m, p = enc.mentees, enc.mentors, enc.params
    width = max(len(enc.tags), 1)
    goals = _indicator(e.topic_sets, width) * p.goal_weight
    interests = _indicator(e.interest_sets, width) * p.interest_weight
    mentee = goals.maximum(interests).tocsr()
    norms = np.sqrt(np.asarray(mentee.multiply(mentee).sum(axis=1)).ravel())
    scale = np.divide(enc.weights["topics"], norms, out=np.zeros_like(norms), where=norms > 0)
    mentee = sp.diags(scale) @ mentee
    expertise = _indicator([m.topic_sets[j] for j in mentor_ids], width)
    counts = np.asarray(expertise.sum(axis=1)).ravel()
    inv = np.divide(1.0, np.sqrt(counts), out=np.zeros_like(counts), where=counts > 0)
    expertise = (sp.diags(inv) @ expertise).T.tocsr()
    mentee = mentee.astype(np.float32).tocsr()
    mentee.sort_indices()
    return mentee, expertise.astype(np.float32)


def criteria_for_pairs(enc: Encoded, mentee: np.ndarray, mentor: np.ndarray) -> dict:
    """Each criterion's value in [0, 1] for the given pairs (vectorised over the pairs)."""
    e, m, p = enc.mentees, enc.mentors, enc.params
    out: dict[str, np.ndarray] = {}
    if len(mentee) == 0:
        return {name: np.zeros(0) for name in CRITERIA}
    width = max(len(enc.tags), 1)
    goals = _indicator(e.topic_sets, width) * p.goal_weight
    a = goals.maximum(_indicator(e.interest_sets, width) * p.interest_weight).tocsr()
    b = _indicator(m.topic_sets, width).tocsr()
    dot = np.asarray(a[mentee].multiply(b[mentor]).sum(axis=1)).ravel()
    na = np.sqrt(np.asarray(a.multiply(a).sum(axis=1)).ravel())[mentee]
    nb = np.sqrt(np.asarray(b.sum(axis=1)).ravel())[mentor]
    out["topics"] = np.divide(dot, na * nb, out=np.zeros_like(dot), where=(na * nb) > 0)
    first = np.array([s[0] if s else -1 for s in e.lang_sets], dtype=np.int64)[mentee]
    ml = _indicator(m.lang_sets, max(len(enc.langs), 1)).tocsr()
    has_first = np.zeros(len(mentee), dtype=bool)
    ok = first >= 0
    has_first[ok] = np.asarray(ml[mentor[ok], first[ok]]).ravel() > 0
    # sharing none is a hard rule; a locked pair that breaks it gets nothing for language
    el = _indicator(e.lang_sets, max(len(enc.langs), 1)).tocsr()
    shares = np.asarray(el[mentee].multiply(ml[mentor]).sum(axis=1)).ravel() > 0
    out["language"] = np.where(has_first, 1.0, np.where(shares, 0.5, 0.0))
    out["time_zone"] = tz_score(e.tz[mentee], m.tz[mentor], p)
    out["seniority"] = seniority_score(e.years[mentee], m.years[mentor], p)
    ind = e.industry[mentee]
    out["industry"] = ((ind >= 0) & (ind == m.industry[mentor])).astype(np.float64)
    out["meeting"] = meeting_score(
        e.mode[mentee], e.location[mentee], m.mode[mentor], m.location[mentor]
    )
    if enc.questions:
        ea, ma = e.answers[mentee], m.answers[mentor]
        out["answers"] = ((ea >= 0) & (ea == ma)).mean(axis=1)
    else:
        out["answers"] = np.zeros(len(mentee))
    return out
