"""Plain-language reasons: the criteria that contributed most to each pair, and why each
unmatched mentee is unmatched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from .features import CRITERIA, Encoded, criteria_for_pairs
from .reason import Reason, _reason  # noqa: F401 (_reason: pickles of cached suggestions)

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

    def params(self) -> dict:
        return {"mentee": self.mentee, "mentor": self.mentor, "viewer": self.viewer}

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


def _topics(enc: Encoded, i: int, j: int, who: _Names) -> Reason:
    e, m = enc.mentees, enc.mentors
    expertise = set(m.topic_sets[j])
    goals = [enc.tags.labels[t] for t in e.topic_sets[i] if t in expertise]
    interests = [
        enc.tags.labels[t]
        for t in e.interest_sets[i]
        if t in expertise and enc.tags.labels[t] not in goals
    ]
    a, b = who.whose("mentee", first=True), who.whose("mentor")
    names = who.params()
    if goals:
        noun = "goal" if len(goals) == 1 else "goals"
        verb = "matches" if len(goals) == 1 else "match"
        return Reason(
            f"{a} {noun} {_quote_list(goals)} {verb} {b} expertise",
            "goals",
            items=goals[:3],
            **names,
        )
    return Reason(
        f"{a} interest in {_quote_list(interests)} matches {b} expertise",
        "interests",
        items=interests[:3],
        **names,
    )


def _seniority(gap: float, who: _Names) -> Reason:
    """For instance "Lee has 10 more years of experience than Ana" ("... than you", "You
    have ..."); unknown years are said as such, never as a number."""
    if not np.isfinite(gap):
        return Reason("Years of experience not given", "years_unknown")
    more = f"{gap:g} more {'year' if gap == 1 else 'years'} of experience"
    has = "have" if who.viewer == "mentor" else "has"
    return Reason(
        f"{who.subject('mentor')} {has} {more} than {who.object('mentee')}",
        "seniority",
        years=float(gap),
        **who.params(),
    )


def _answers(enc: Encoded, i: int, j: int, who: _Names) -> Reason:
    """The first two answers given alike, each with its question when the engine was told its
    wording ("Both answered 'video' to 'Preferred format'"), else the answer alone."""
    e, m = enc.mentees, enc.mentors
    same, data = [], []
    for q, key in enumerate(enc.questions):
        if e.answers[i, q] >= 0 and e.answers[i, q] == m.answers[j, q]:
            answer = f"'{enc.answer_vocab[q].labels[e.answers[i, q]]}'"
            label = enc.question_labels.get(key)
            same.append(f"{answer} to '{label}'" if label else answer)
            data.append([enc.answer_vocab[q].labels[e.answers[i, q]], label or ""])
    return Reason(
        _both(who.viewer, "answered", " and ".join(same[:2])),
        "answers",
        answers=data[:2],
        viewer=who.viewer,
    )


def _sentence(enc: Encoded, name: str, i: int, j: int, who: _Names) -> Reason:
    e, m = enc.mentees, enc.mentors
    viewer = who.viewer
    if name == "topics":
        return _topics(enc, i, j, who)
    if name == "language":
        theirs = set(m.lang_sets[j])
        shared = [x for x in e.lang_sets[i] if x in theirs]
        if not shared:
            return Reason("A shared language", "language_shared")
        language = enc.langs.labels[shared[0]]
        return Reason(
            _both(viewer, "speak", language), "language", language=language, viewer=viewer
        )
    if name == "time_zone":
        if not (np.isfinite(e.tz[i]) and np.isfinite(m.tz[j])):
            return Reason("Time zones not given", "time_zone_unknown")
        diff = abs(e.tz[i] - m.tz[j]) % 24
        diff = min(diff, 24 - diff)
        if diff == 0:
            return Reason("Same time zone", "time_zone_same")
        return Reason(_hours(diff), "hours_apart", hours=round(float(diff) * 4) / 4)
    if name == "seniority":
        return _seniority(m.years[j] - e.years[i], who)
    if name == "industry":
        industry = enc.industries.labels[e.industry[i]]
        return Reason(
            _both(viewer, "work in", industry), "industry", industry=industry, viewer=viewer
        )
    if name == "meeting":
        in_person = e.mode[i] != 0 and m.mode[j] != 0 and 1 in (e.mode[i], m.mode[j])
        if in_person and e.location[i] >= 0 and e.location[i] == m.location[j]:
            place = enc.locations.labels[e.location[i]]
            return Reason(
                _both(viewer, "can", f"meet in person in {place}"),
                "meet_in_person",
                place=place,
                viewer=viewer,
            )
        return Reason(_both(viewer, "can", "meet remotely"), "meet_remotely", viewer=viewer)
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
                Reason(
                    f"{who.subject('mentee')} ranked {who.object('mentor')} as choice "
                    f"#{int(mentee_rank[p])}",
                    "ranked",
                    rank=int(mentee_rank[p]),
                    **who.params(),
                )
            )
        if mentor_chose[p]:
            reasons.append(
                Reason(
                    f"{who.subject('mentor')} chose {who.object('mentee')}",
                    "chose",
                    **who.params(),
                )
            )
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
    same_department: bool,
    pair_rules: dict[str, sp.csr_matrix],  # rule name -> (mentees x mentors) forbidden pairs
    no_capacity: np.ndarray | None = None,  # per mentee: every suitable mentor has capacity 0
) -> list[tuple[str, str]]:
    """(code, sentence) for each of ``mentees``: the rules applied in order over all mentors
    (a shared language, then the department, then each pair rule in ``pair_rules`` order), each
    mentor counted by the first rule that rules them out.

    Counted without a mentee x mentor matrix: mentors sharing a language per distinct language
    set, those of the same department per (language set, department), and the pair rules on
    their few pairs."""
    e, m = enc.mentees, enc.mentors
    if m.n == 0:
        return [("no_mentors", Reason("There are no mentors in this run.", "no_mentors"))] * len(
            mentees
        )
    mentees = np.asarray(mentees, dtype=np.int64)
    # Language sets as codes on both sides, and which pairs of codes share a language.
    set_codes: dict[tuple[int, ...], int] = {}
    code_e = np.array([set_codes.setdefault(tuple(sorted(e.lang_sets[i])), len(set_codes))
                       for i in mentees.tolist()], dtype=np.int64)  # fmt: skip
    n_e_sets = len(set_codes)
    code_m = np.array([set_codes.setdefault(tuple(sorted(x)), len(set_codes)) for x in m.lang_sets],
                      dtype=np.int64)  # fmt: skip
    sets = list(set_codes)
    share = np.array([[bool(set(a) & set(b)) for b in sets] for a in sets[:n_e_sets]], dtype=bool)
    share = share.reshape(n_e_sets, len(sets))
    per_set = np.bincount(code_m, minlength=len(sets))
    n_lang = (share @ per_set)[code_e] if n_e_sets else np.zeros(0, dtype=np.int64)
    removed: dict[str, np.ndarray] = {}
    dep_m = m.department
    if same_department:
        # mentors sharing a language and of the mentee's department, per (language set, dept)
        deps = np.unique(np.concatenate([dep_m[dep_m >= 0], e.department[mentees]]))
        deps = deps[deps >= 0]
        if len(deps):
            at = np.searchsorted(deps, dep_m)
            known = (dep_m >= 0) & (at < len(deps))
            known[known] = deps[at[known]] == dep_m[known]
            counts = np.zeros((len(sets), len(deps)), dtype=np.int64)
            np.add.at(counts, (code_m[known], at[known]), 1)
            by_set_dep = share.astype(np.int64) @ counts  # (mentee sets, deps)
            dep_e = e.department[mentees]
            pos = np.searchsorted(deps, dep_e)
            has = dep_e >= 0
            removed["department"] = np.where(
                has, by_set_dep[code_e, np.minimum(pos, len(deps) - 1)], 0
            )
        else:
            removed["department"] = np.zeros(len(mentees), dtype=np.int64)
    # Pair rules: their pairs of these mentees, kept where the mentor shares a language and is
    # not ruled out by the department or an earlier rule.
    row_of = np.full(e.n, -1, dtype=np.int64)
    row_of[mentees] = np.arange(len(mentees))
    seen = np.zeros(0, dtype=np.int64)
    for rule, matrix in pair_rules.items():
        sub = matrix[mentees].tocoo()
        r, j = sub.row.astype(np.int64), sub.col.astype(np.int64)
        ok = share[code_e[r], code_m[j]]
        if same_department:
            dep_e = e.department[mentees][r]
            ok &= ~((dep_e >= 0) & (dep_e == dep_m[j]))
        key = np.unique(r[ok] * m.n + j[ok])
        key = key[~np.isin(key, seen)]
        seen = np.union1d(seen, key)
        removed[rule] = np.bincount(key // m.n, minlength=len(mentees))
    n_ok = n_lang - sum(removed.values(), np.zeros(len(mentees), dtype=np.int64))
    out: list[tuple[str, str]] = []
    for r, i in enumerate(mentees.tolist()):
        name = e.names[i]
        if n_lang[r] == 0:
            out.append(
                (
                    "no_language",
                    Reason(f"No mentor shares a language with {name}.", "no_language", name=name),
                )
            )
        elif n_ok[r] <= 0:
            parts = [
                f"{RULE_LABELS[rule]} ({int(removed[rule][r])})"
                for rule in removed
                if removed[rule][r]
            ]
            counts = [[rule, int(removed[rule][r])] for rule in removed if removed[rule][r]]
            out.append(
                (
                    "excluded",
                    Reason(
                        f"Every mentor who shares a language with {name} is ruled out: "
                        + ", ".join(parts)
                        + ".",
                        "excluded",
                        name=name,
                        rules=counts,
                    ),
                )
            )
        elif no_capacity is not None and no_capacity[r]:
            k = int(n_ok[r])
            noun = "mentor has" if k == 1 else f"{k} suitable mentors have"
            prefix = "The one suitable " if k == 1 else "All "
            out.append(
                (
                    "no_capacity",
                    Reason(f"{prefix}{noun} no capacity in this run.", "no_capacity", count=k),
                )
            )
        else:
            k = int(n_ok[r])
            noun = "mentor is" if k == 1 else f"{k} suitable mentors are"
            prefix = "The one suitable " if k == 1 else "All "
            out.append(
                (
                    "all_full",
                    Reason(
                        f"{prefix}{noun} full (their places went to other mentees).",
                        "all_full",
                        count=k,
                    ),
                )
            )
    return out
