"""What counts in a match: each program's importance of the engine's criteria, 0 (ignored) to
10, set by its administrators. The engine normalises them, so only their proportions matter; the
defaults (8, 2, 3, 3, 2, 1, 1) are the engine's default weights."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorwise.core.errors import ValidationFailed
from mentorwise.core.models import audit
from mentorwise.matching.services.common import _require_admin
from mentorwise.programs.models import Program

MOST = 10
DEFAULT_IMPORTANCE = {
    "topics": 8,
    "language": 2,
    "time_zone": 3,
    "seniority": 3,
    "industry": 2,
    "meeting": 1,
    "answers": 1,
}
# What each criterion compares, in the administrator's words (the form's labels and help).
CRITERIA_WORDS = {
    "topics": (
        gettext_lazy("Goals and interests"),
        gettext_lazy("The mentee's goals and interests against the mentor's expertise."),
    ),
    "language": (
        gettext_lazy("Preferred language"),
        gettext_lazy(
            "The mentor speaks the mentee's first language (of several, the first alphabetically: "
            "profiles do not say which one people prefer). Sharing one at least is always required."
        ),
    ),
    "time_zone": (
        gettext_lazy("Time zone"),
        gettext_lazy("Close time zones score higher; 8 hours apart or more, nothing."),
    ),
    "seniority": (
        gettext_lazy("Experience"),
        gettext_lazy("The mentor has 3 to 15 more years of experience than the mentee."),
    ),
    "industry": (gettext_lazy("Industry"), gettext_lazy("Both work in the same industry.")),
    "meeting": (
        gettext_lazy("Way of meeting"),
        gettext_lazy("Both meet remotely, or both can meet in person in the same place."),
    ),
    "answers": (
        gettext_lazy("Application answers"),
        gettext_lazy("The same answers to the application questions marked for matching."),
    ),
}
# The engine's criteria, in its order (tests/test_web_imports.py checks them against the engine's
# CRITERIA: the web pages that show them do not import the engine).
CRITERIA = tuple(DEFAULT_IMPORTANCE)
assert set(CRITERIA) == set(CRITERIA_WORDS)


def match_importance(program: Program) -> dict[str, int]:
    """The program's importance of each criterion, the defaults where it set none."""
    stored = program.match_importance or {}
    return {name: int(stored.get(name, DEFAULT_IMPORTANCE[name])) for name in CRITERIA}


def weights_for(program: Program):
    """The engine's weights for the program (a criterion of importance 0 is ignored)."""
    from mentorwise.matching.engine import Weights

    return Weights(**{name: float(value) for name, value in match_importance(program).items()})


@transaction.atomic
def match_importance_set(*, program: Program, user, importance: dict) -> dict[str, int]:
    """Sets how much each criterion counts in the program's matching. Criteria left out keep
    their current value; each is a whole number from 0 to 10, and one at least must count."""
    _require_admin(user, program)
    given = program
    program = Program.objects.select_for_update().get(pk=program.pk)
    unknown = sorted(set(importance) - set(CRITERIA))
    if unknown:
        raise ValidationFailed(
            _("Unknown criteria: %(unknown)s. Known: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(CRITERIA)},
            field="importance",
        )
    merged = match_importance(program)
    for name, value in importance.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MOST:
            label = CRITERIA_WORDS[name][0]
            raise ValidationFailed(
                _("%(label)s: give a whole number from 0 (ignored) to %(most)d.")
                % {"label": label, "most": MOST},
                field=name,
            )
        merged[name] = value
    if not any(merged.values()):
        raise ValidationFailed(
            _("At least one criterion must count: give one of them a number above 0."),
            field="importance",
        )
    program.match_importance = given.match_importance = merged
    program.save(update_fields=["match_importance", "updated_at"])
    audit(
        actor=user,
        action="program.match_importance",
        target=program,
        organization_id=program.organization_id,
        **merged,
    )
    return merged
