"""The matching's reasons and warnings in the reader's language.

The engine imports no Django, so it cannot translate: it says each reason in English and
carries what it says as data (`engine.explain.Reason`: a ``code`` and its ``params``). A run
stores that data (``{"code", "params", "text"}``) on its rows, and the pages and the API say
it again here, with gettext, in the language of whoever reads it. Rows stored before reasons
carried a code hold plain English sentences: they are shown as they are.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.matching.engine.reason import Reason


def to_data(items) -> list:
    """What a row stores: each reason or warning as a code, its values and its English text
    (a plain string stays a plain string)."""
    return [item.as_data() if isinstance(item, Reason) else item for item in items or ()]


def say(item) -> str:
    """One reason or warning in the current language: a `Reason`, its stored data, or a plain
    (older, or already translated) sentence, returned as it is."""
    if isinstance(item, Reason):
        code, params, text = item.code, item.params, str(item)
    elif isinstance(item, dict):
        code, params, text = item.get("code"), item.get("params") or {}, item.get("text", "")
    else:
        return str(item or "")
    render = _RENDER.get(code)
    if render is None:
        return text
    try:
        return render(params)
    except (KeyError, TypeError, ValueError, IndexError):
        return text  # data from another version: the English sentence is still right


def say_all(items) -> list[str]:
    return [say(item) for item in items or ()]


def _quoted(items) -> str:
    quoted = [_("'%(item)s'") % {"item": x} for x in list(items)[:3]]
    if len(quoted) == 1:
        return quoted[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(quoted[:-1]), "last": quoted[-1]}


def _number(value) -> str:
    value = float(value)
    return number_format(int(value)) if value == int(value) else number_format(value)


def _count(value) -> int:
    """The number a plural form is chosen by (1.5 hours is plural)."""
    value = float(value)
    return int(value) if value == int(value) else 2


def _goals(p) -> str:
    n, items, viewer = len(p["items"]), _quoted(p["items"]), p.get("viewer")
    values = {"items": items, "mentee": p["mentee"], "mentor": p["mentor"]}
    if viewer == "mentee":
        text = ngettext(
            "Your goal %(items)s matches %(mentor)s's expertise",
            "Your goals %(items)s match %(mentor)s's expertise",
            n,
        )
    elif viewer == "mentor":
        text = ngettext(
            "%(mentee)s's goal %(items)s matches your expertise",
            "%(mentee)s's goals %(items)s match your expertise",
            n,
        )
    else:
        text = ngettext(
            "%(mentee)s's goal %(items)s matches %(mentor)s's expertise",
            "%(mentee)s's goals %(items)s match %(mentor)s's expertise",
            n,
        )
    return text % values


def _interests(p) -> str:
    values = {"items": _quoted(p["items"]), "mentee": p["mentee"], "mentor": p["mentor"]}
    viewer = p.get("viewer")
    if viewer == "mentee":
        return _("Your interest in %(items)s matches %(mentor)s's expertise") % values
    if viewer == "mentor":
        return _("%(mentee)s's interest in %(items)s matches your expertise") % values
    return _("%(mentee)s's interest in %(items)s matches %(mentor)s's expertise") % values


def _seniority(p) -> str:
    n = _count(p["years"])
    values = {"years": _number(p["years"]), "mentee": p["mentee"], "mentor": p["mentor"]}
    viewer = p.get("viewer")
    if viewer == "mentee":
        text = ngettext(
            "%(mentor)s has %(years)s more year of experience than you",
            "%(mentor)s has %(years)s more years of experience than you",
            n,
        )
    elif viewer == "mentor":
        text = ngettext(
            "You have %(years)s more year of experience than %(mentee)s",
            "You have %(years)s more years of experience than %(mentee)s",
            n,
        )
    else:
        text = ngettext(
            "%(mentor)s has %(years)s more year of experience than %(mentee)s",
            "%(mentor)s has %(years)s more years of experience than %(mentee)s",
            n,
        )
    return text % values


def _answers(p) -> str:
    said = []
    for answer, question in p["answers"][:2]:
        if question:
            said.append(
                _("'%(answer)s' to '%(question)s'") % {"answer": answer, "question": question}
            )
        else:
            said.append(_("'%(answer)s'") % {"answer": answer})
    answers = (
        said[0]
        if len(said) == 1
        else _("%(items)s and %(last)s")
        % {
            "items": said[0],
            "last": said[1],
        }
    )
    if p.get("viewer"):
        return _("You both answered %(answers)s") % {"answers": answers}
    return _("Both answered %(answers)s") % {"answers": answers}


def _both(p, both: str, you: str, **values) -> str:
    return (you if p.get("viewer") else both) % values


def _ranked(p) -> str:
    values = {"mentee": p["mentee"], "mentor": p["mentor"], "rank": p["rank"]}
    if p.get("viewer") == "mentee":
        return _("You ranked %(mentor)s as choice #%(rank)s") % values
    if p.get("viewer") == "mentor":
        return _("%(mentee)s ranked you as choice #%(rank)s") % values
    return _("%(mentee)s ranked %(mentor)s as choice #%(rank)s") % values


def _chose(p) -> str:
    values = {"mentee": p["mentee"], "mentor": p["mentor"]}
    if p.get("viewer") == "mentee":
        return _("%(mentor)s chose you") % values
    if p.get("viewer") == "mentor":
        return _("You chose %(mentee)s") % values
    return _("%(mentor)s chose %(mentee)s") % values


def _rule(rule: str, count: int) -> str:
    labels = {
        "department": _("in the same department (%(count)s)"),
        "reporting_line": _("in the same reporting line (%(count)s)"),
        "past": _("matched before (%(count)s)"),
        "blocked": _("blocked (%(count)s)"),
        "excluded": _("excluded by the administrator (%(count)s)"),
    }
    return labels[rule] % {"count": count}


def _broken_rule(rule: str) -> str:
    """A rule a locked pair breaks, as engine.run names it (unknown names stay as they are)."""
    labels = {
        "no shared language": _("no shared language"),
        "same department": _("same department"),
        "same reporting line": _("same reporting line"),
        "matched before": _("matched before"),
        "blocked": _("blocked"),
    }
    return str(labels.get(rule, rule))


def _excluded(p) -> str:
    rules = ", ".join(_rule(rule, count) for rule, count in p["rules"])
    return _("Every mentor who shares a language with %(name)s is ruled out: %(rules)s.") % {
        "name": p["name"],
        "rules": rules,
    }


def _all_full(p) -> str:
    return ngettext(
        "The one suitable mentor is full (their places went to other mentees).",
        "All %(count)s suitable mentors are full (their places went to other mentees).",
        p["count"],
    ) % {"count": p["count"]}


def _no_capacity(p) -> str:
    return ngettext(
        "The one suitable mentor has no capacity in this run.",
        "All %(count)s suitable mentors have no capacity in this run.",
        p["count"],
    ) % {"count": p["count"]}


_RENDER = {
    # Why a pair fits (engine.explain.pair_reasons).
    "goals": _goals,
    "interests": _interests,
    "years_unknown": lambda p: _("Years of experience not given"),
    "seniority": _seniority,
    "answers": _answers,
    "language_shared": lambda p: _("A shared language"),
    "language": lambda p: _both(
        p, _("Both speak %(language)s"), _("You both speak %(language)s"), language=p["language"]
    ),
    "time_zone_unknown": lambda p: _("Time zones not given"),
    "time_zone_same": lambda p: _("Same time zone"),
    "hours_apart": lambda p: (
        ngettext("%(hours)s hour apart", "%(hours)s hours apart", _count(p["hours"]))
        % {"hours": _number(p["hours"])}
    ),
    "industry": lambda p: _both(
        p,
        _("Both work in %(industry)s"),
        _("You both work in %(industry)s"),
        industry=p["industry"],
    ),
    "meet_in_person": lambda p: _both(
        p,
        _("Both can meet in person in %(place)s"),
        _("You can both meet in person in %(place)s"),
        place=p["place"],
    ),
    "meet_remotely": lambda p: _both(
        p, _("Both can meet remotely"), _("You can both meet remotely")
    ),
    "ranked": _ranked,
    "chose": _chose,
    # Why a mentee is unpaired (engine.explain.unmatched_reasons, and the run's services).
    "no_mentors": lambda p: _("There are no mentors in this run."),
    "no_language": lambda p: _("No mentor shares a language with %(name)s.") % {"name": p["name"]},
    "excluded": _excluded,
    "all_full": _all_full,
    "no_capacity": _no_capacity,
    "removed": lambda p: (
        _("An administrator removed the proposed pair with %(mentor)s.") % {"mentor": p["mentor"]}
    ),
    # Rules a pair breaks (services.runs.pairs_warnings) and notes on the run.
    "not_accepted": lambda p: _("One of the two is no longer an accepted participant."),
    "no_shared_language": lambda p: _("They share no language."),
    "together": lambda p: _("They already have a mentorship together."),
    "together_elsewhere": lambda p: (
        _("They already have a mentorship together in %(program)s.") % {"program": p["program"]}
    ),
    "paired_before": lambda p: _("They have been paired before."),
    "no_place": lambda p: _("%(name)s has no place left.") % {"name": p["name"]},
    "most_mentors": lambda p: (
        _("%(name)s already has the most mentors the program allows.") % {"name": p["name"]}
    ),
    # The engine's notes on a run (engine.run).
    "over_capacity": lambda p: (
        _("Locked pairs give %(name)s more mentees than their capacity.") % {"name": p["name"]}
    ),
    "over_maximum": lambda p: (
        _("Locked pairs give %(name)s more mentors than their maximum.") % {"name": p["name"]}
    ),
    "locked_breaks": lambda p: (
        _("Locked pair %(mentee)s and %(mentor)s breaks a rule: %(rules)s.")
        % {
            "mentee": p["mentee"],
            "mentor": p["mentor"],
            "rules": ", ".join(_broken_rule(rule) for rule in p["rules"]),
        }
    ),
    "locked_kept": lambda p: (
        _(
            "The locked pair %(mentee)s and %(mentor)s is kept, but the algorithm could not "
            "consider it: %(why)s"
        )
        % {
            "mentee": p["mentee"],
            "mentor": p["mentor"],
            "why": " ".join(say_all(p["why"])) or _("one of them is full."),
        }
    ),
}
