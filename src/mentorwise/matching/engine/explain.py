"""Plain-language reasons: the criteria that contributed most to each pair, and why each
unmatched mentee is unmatched."""

from __future__ import annotations

import numpy as np

from .features import CRITERIA, Encoded, criteria_for_pairs

MAX_REASONS = 3


def _hours(d: float) -> str:
    d = round(d * 4) / 4
    text = f"{d:g}"
    return f"{text} hour apart" if d == 1 else f"{text} hours apart"


def _quote_list(items: list[str]) -> str:
    quoted = [f"'{x}'" for x in items[:3]]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _topics(enc: Encoded, i: int, j: int) -> str:
    e, m = enc.mentees, enc.mentors
    expertise = set(m.topic_sets[j])
    goals = [enc.tags.labels[t] for t in e.topic_sets[i] if t in expertise]
    interests = [
        enc.tags.labels[t]
        for t in e.interest_sets[i]
        if t in expertise and enc.tags.labels[t] not in goals
    ]
    a, b = e.names[i], m.names[j]
    if goals:
        noun = "goal" if len(goals) == 1 else "goals"
        verb = "matches" if len(goals) == 1 else "match"
        return f"{a}'s {noun} {_quote_list(goals)} {verb} {b}'s expertise"
    return f"{a}'s interest in {_quote_list(interests)} matches {b}'s expertise"


def _sentence(enc: Encoded, name: str, i: int, j: int) -> str:
    e, m = enc.mentees, enc.mentors
    a, b = e.names[i], m.names[j]
    if name == "topics":
        return _topics(enc, i, j)
    if name == "language":
        theirs = set(m.lang_sets[j])
        shared = [x for x in e.lang_sets[i] if x in theirs]
        return f"Both speak {enc.langs.labels[shared[0]]}" if shared else "A shared language"
    if name == "time_zone":
        if not (np.isfinite(e.tz[i]) and np.isfinite(m.tz[j])):
            return "Time zones not given"
        diff = abs(e.tz[i] - m.tz[j]) % 24
        diff = min(diff, 24 - diff)
        return "Same time zone" if diff == 0 else _hours(diff)
    if name == "seniority":
        gap = m.years[j] - e.years[i]
        return f"{b} has {gap:g} more years of experience than {a}"
    if name == "industry":
        return f"Both work in {enc.industries.labels[e.industry[i]]}"
    if name == "meeting":
        in_person = e.mode[i] != 0 and m.mode[j] != 0 and 1 in (e.mode[i], m.mode[j])
        if in_person and e.location[i] >= 0 and e.location[i] == m.location[j]:
            return f"Both can meet in person in {enc.locations.labels[e.location[i]]}"
        return "Both can meet remotely"
    if name == "answers":
        same = [
            f"'{enc.answer_vocab[q].labels[e.answers[i, q]]}' to {q}"
            for q in range(len(enc.questions))
            if e.answers[i, q] >= 0 and e.answers[i, q] == m.answers[j, q]
        ]
        return "Both answered " + " and ".join(same[:2])
    raise ValueError(name)


def pair_reasons(
    enc: Encoded,
    mentee: np.ndarray,
    mentor: np.ndarray,
    mentee_rank: np.ndarray,  # the mentee's rank for this mentor, 0 if not chosen
    mentor_chose: np.ndarray,
) -> list[tuple[str, ...]]:
    values = criteria_for_pairs(enc, mentee, mentor)
    weights = np.array([enc.weights[c] for c in CRITERIA])
    contrib = np.column_stack([values[c] for c in CRITERIA]) * weights if len(mentee) else None
    if contrib is None:
        return []
    order = np.argsort(-contrib, axis=1, kind="stable")[:, :MAX_REASONS]
    out = []
    for p, (i, j) in enumerate(zip(mentee.tolist(), mentor.tolist(), strict=True)):
        reasons = []
        if mentee_rank[p]:
            reasons.append(
                f"{enc.mentees.names[i]} ranked {enc.mentors.names[j]} as choice "
                f"#{int(mentee_rank[p])}"
            )
        if mentor_chose[p]:
            reasons.append(f"{enc.mentors.names[j]} chose {enc.mentees.names[i]}")
        for c in order[p]:
            if len(reasons) >= MAX_REASONS or contrib[p, c] <= 0:
                break
            reasons.append(_sentence(enc, CRITERIA[c], i, j))
        out.append(tuple(reasons))
    return out


RULE_LABELS = {
    "department": "in the same department",
    "reporting_line": "in the same reporting line",
    "past": "matched before",
    "blocked": "blocked",
    "excluded": "excluded by the administrator",
}


def unmatched_reasons(
    enc: Encoded,
    mentees: np.ndarray,
    rule_masks,  # callable(rows) -> dict of (len(rows), n_mentors) bool "forbidden by rule"
    chunk_cells: int,
) -> list[tuple[str, str]]:
    """(code, sentence) for each of ``mentees``, vectorised over blocks of rows."""
    e, m = enc.mentees, enc.mentors
    if m.n == 0:
        return [("no_mentors", "There are no mentors in this run.")] * len(mentees)
    width = max(len(enc.langs), 1)
    from .features import _indicator  # local: a helper shared with features

    mentor_langs = _indicator(m.lang_sets, width).toarray().T.astype(np.float32)
    step = max(1, chunk_cells // m.n)
    out: list[tuple[str, str]] = []
    for lo in range(0, len(mentees), step):
        rows = mentees[lo : lo + step]
        langs = _indicator([e.lang_sets[i] for i in rows], width).toarray().astype(np.float32)
        allowed = (langs @ mentor_langs) > 0
        n_lang = allowed.sum(axis=1)
        masks = rule_masks(rows)
        removed = {}
        for rule, forbidden in masks.items():
            removed[rule] = (allowed & forbidden).sum(axis=1)
            allowed &= ~forbidden
        n_ok = allowed.sum(axis=1)
        for r, i in enumerate(rows.tolist()):
            name = e.names[i]
            if n_lang[r] == 0:
                out.append(("no_language", f"No mentor shares a language with {name}."))
            elif n_ok[r] == 0:
                parts = [
                    f"{RULE_LABELS[rule]} ({int(removed[rule][r])})"
                    for rule in masks
                    if removed[rule][r]
                ]
                out.append(
                    (
                        "excluded",
                        f"Every mentor who shares a language with {name} is ruled out: "
                        + ", ".join(parts)
                        + ".",
                    )
                )
            else:
                k = int(n_ok[r])
                noun = "mentor is" if k == 1 else f"{k} suitable mentors are"
                prefix = "The one suitable " if k == 1 else "All "
                out.append(
                    (
                        "all_full",
                        f"{prefix}{noun} full (their places went to other mentees).",
                    )
                )
    return out
