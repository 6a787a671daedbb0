"""The five stages of a mentoring relationship, which frame the workspace: rapport building,
setting direction, progression, winding down, moving on. Each says what it is about and what
to do; the activity library (activities.py) offers exercises for each."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stage:
    key: str
    name: Promise
    about: Promise
    to_do: tuple[Promise, ...]


STAGES = (
    Stage(
        "rapport",
        _("Building rapport"),
        _(
            "Getting to know each other: trust, respect and an easy way of talking. Everything "
            "else rests on it."
        ),
        (
            _("Read each other's 15 Questions before you meet."),
            _("Agree how you will work together, and confirm your agreement."),
            _("Share a little of your own story, not only your work."),
        ),
    ),
    Stage(
        "direction",
        _("Setting direction"),
        _(
            "Deciding what the mentee wants from the mentorship and how you will know you got "
            "there."
        ),
        (
            _("Write two or three SMART goals in the first month."),
            _("Agree on the first steps and who does what before the next meeting."),
            _("Check that the schedule you agreed still fits."),
        ),
    ),
    Stage(
        "progression",
        _("Progression"),
        _("The main part of the work: learning, trying, meeting obstacles and getting past them."),
        (
            _("Review the goals' progress at every meeting and note what changed."),
            _("Take on one task that stretches the mentee a little."),
            _("Talk about setbacks as openly as about successes."),
        ),
    ),
    Stage(
        "winding_down",
        _("Winding down"),
        _(
            "Goals are met or the end date is near: look back at the road travelled and prepare "
            "what comes after."
        ),
        (
            _("Mark the goals achieved, or say honestly which ones you drop and why."),
            _("List the people and resources the mentee will keep using."),
            _("Plan your last meeting as a review, and thank each other."),
        ),
    ),
    Stage(
        "moving_on",
        _("Moving on"),
        _(
            "The formal mentorship is over; the relationship can go on, lighter and on your own "
            "terms."
        ),
        (
            _("Download your record (below) to keep what you wrote together."),
            _("Agree whether and how you will stay in touch."),
            _("Consider mentoring someone yourself."),
        ),
    ),
)

BY_KEY = {stage.key: stage for stage in STAGES}
KEYS = tuple(BY_KEY)


@dataclass(frozen=True)
class Signals:
    """What the pair has done, read from the workspace apps, that the stage is inferred from."""

    is_open: bool
    days_in: int
    days_left: int
    agreement_confirmed: bool = False
    goals: int = 0
    goals_open: int = 0
    goals_achieved: int = 0
    meetings_held: int = 0


def infer_stage(signals: Signals) -> str:
    """The stage that fits what the pair has done and the time left:

    - an ended mentorship is moving on;
    - four weeks or less before the planned end, or goals achieved and none still open, is
      winding down;
    - with goals under way and a confirmed agreement (or a few meetings held), progression;
    - with an agreement or a meeting held but no goals yet, setting direction;
    - otherwise, building rapport.
    """
    if not signals.is_open:
        return "moving_on"
    if signals.days_left <= 28 or (signals.goals_achieved and not signals.goals_open):
        return "winding_down"
    if signals.goals and (signals.agreement_confirmed or signals.meetings_held >= 2):
        return "progression"
    if signals.agreement_confirmed or signals.meetings_held or signals.goals:
        return "direction"
    return "rapport"
