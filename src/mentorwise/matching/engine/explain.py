"""Plain-language reasons: the criteria that contributed most to each pair, and why each
unmatched mentee is unmatched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


Viewer = Literal["mentee", "mentor"]
VIEWERS = ("mentee", "mentor")


@dataclass(slots=True)
class _Names:
    """The two people of a pair as a sentence names them: both by name for an administrator,
    the one reading (``viewer``) as "you"."""

    mentee: str
    mentor: str
    viewer: Viewer | None

    def subject(self, side: Viewer) -> str:
        return "You" if side == self.viewer else getattr(self, side)

    def object(self, side: Viewer) -> str:
        return "you" if side == self.viewer else getattr(self, side)

    def whose(self, side: Viewer, *, first: bool = False) -> str:
        if side == self.viewer:
            return "Your" if first else "your"
        return f"{getattr(self, side)}'s"


def _both(viewer: Viewer | None, verb: str, rest: str) -> str:
    """For an administrator "Both speak Spanish"; for one of the two "You both speak Spanish"
    (and "You can both meet ...")."""
    if viewer is None:
        return f"Both {verb} {rest}"
    return f"You can both {rest}" if verb == "can" else f"You both {verb} {rest}"


def _topics(enc: Encoded, i: int, j: int, who: _Names) -> str:
    e, m = enc.mentees, enc.mentors
    expertise = set(m.topic_sets[j])
    goals = [enc.tags.labels[t] for t in e.topic_sets[i] if t in expertise]
    interests = [
        enc.tags.labels[t]
        for t in e.interest_sets[i]
        if t in expertise and enc.tags.labels[t] not in goals
    ]
    a, b = who.whose("mentee", first=True), who.whose("mentor")
    if goals:
        noun = "goal" if len(goals) == 1 else "goals"
        verb = "matches" if len(goals) == 1 else "match"
        return f"{a} {noun} {_quote_list(goals)} {verb} {b} expertise"
    return f"{a} interest in {_quote_list(interests)} matches {b} expertise"


def _seniority(gap: float, who: _Names) -> str:
    """For instance "Lee has 10 more years of experience than Ana" ("... than you", "You
    have ..."); unknown years are said as such, never as a number."""
    if not np.isfinite(gap):
        return "Years of experience not given"
    more = f"{gap:g} more {'year' if gap == 1 else 'years'} of experience"
    has = "have" if who.viewer == "mentor" else "has"
    return f"{who.subject('mentor')} {has} {more} than {who.object('mentee')}"


def _answers(enc: Encoded, i: int, j: int, who: _Names) -> str:
    """The first two answers given alike, each with its question when the engine was told its
    wording ("Both answered 'video' to 'Preferred format'"), else the answer alone."""
    e, m = enc.mentees, enc.mentors
    same = []
    for q, key in enumerate(enc.questions):
        if e.answers[i, q] >= 0 and e.answers[i, q] == m.answers[j, q]:
            answer = f"'{enc.answer_vocab[q].labels[e.answers[i, q]]}'"
            label = enc.question_labels.get(key)
            same.append(f"{answer} to '{label}'" if label else answer)
    return _both(who.viewer, "answered", " and ".join(same[:2]))


def _sentence(enc: Encoded, name: str, i: int, j: int, who: _Names) -> str:
    e, m = enc.mentees, enc.mentors
    viewer = who.viewer
    if name == "topics":
        return _topics(enc, i, j, who)
    if name == "language":
        theirs = set(m.lang_sets[j])
        shared = [x for x in e.lang_sets[i] if x in theirs]
        if not shared:
            return "A shared language"
        return _both(viewer, "speak", enc.langs.labels[shared[0]])
    if name == "time_zone":
        if not (np.isfinite(e.tz[i]) and np.isfinite(m.tz[j])):
            return "Time zones not given"
        diff = abs(e.tz[i] - m.tz[j]) % 24
        diff = min(diff, 24 - diff)
        return "Same time zone" if diff == 0 else _hours(diff)
    if name == "seniority":
        return _seniority(m.years[j] - e.years[i], who)
    if name == "industry":
        return _both(viewer, "work in", enc.industries.labels[e.industry[i]])
    if name == "meeting":
        in_person = e.mode[i] != 0 and m.mode[j] != 0 and 1 in (e.mode[i], m.mode[j])
        if in_person and e.location[i] >= 0 and e.location[i] == m.location[j]:
            return _both(viewer, "can", f"meet in person in {enc.locations.labels[e.location[i]]}")
        return _both(viewer, "can", "meet remotely")
    if name == "answers":
        return _answers(enc, i, j, who)
    raise ValueError(name)


def pair_reasons(
    enc: Encoded,
    mentee: np.ndarray,
    mentor: np.ndarray,
    mentee_rank: np.ndarray,  # the mentee's rank for this mentor, 0 if not chosen
    mentor_chose: np.ndarray,
    *,
    viewer: Viewer | None = None,
) -> list[tuple[str, ...]]:
    """Up to MAX_REASONS sentences per pair: the choices made, then the criteria that
    contributed most. Without ``viewer`` they name both people (an administrator's review);
    with ``viewer="mentee"`` or ``"mentor"`` they speak to that person ("Your goal ...
    matches Lee's expertise", "Ana's goal ... matches your expertise")."""
    if viewer is not None and viewer not in VIEWERS:
        raise ValueError(f"viewer must be one of {VIEWERS} or None, not {viewer!r}")
    values = criteria_for_pairs(enc, mentee, mentor)
    weights = np.array([enc.weights[c] for c in CRITERIA])
    contrib = np.column_stack([values[c] for c in CRITERIA]) * weights if len(mentee) else None
    if contrib is None:
        return []
    order = np.argsort(-contrib, axis=1, kind="stable")[:, :MAX_REASONS]
    out = []
    for p, (i, j) in enumerate(zip(mentee.tolist(), mentor.tolist(), strict=True)):
        who = _Names(enc.mentees.names[i], enc.mentors.names[j], viewer)
        reasons = []
        if mentee_rank[p]:
            reasons.append(
                f"{who.subject('mentee')} ranked {who.object('mentor')} as choice "
                f"#{int(mentee_rank[p])}"
            )
        if mentor_chose[p]:
            reasons.append(f"{who.subject('mentor')} chose {who.object('mentee')}")
        for c in order[p]:
            if len(reasons) >= MAX_REASONS or contrib[p, c] <= 0:
                break
            reasons.append(_sentence(enc, CRITERIA[c], i, j, who))
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
