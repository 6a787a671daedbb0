"""The activity library: short exercises for a pair, each for one of the five stages and serving
either career growth (skills, direction, visibility) or psychosocial growth (confidence,
belonging, well-being). Written for Mentorwise; searchable by words, stage and kind."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CAREER, PSYCHOSOCIAL = "career", "psychosocial"
KINDS = {CAREER: _("Career growth"), PSYCHOSOCIAL: _("Psychosocial growth")}


@dataclass(frozen=True)
class Activity:
    slug: str
    stage: str
    kind: str
    title: Promise
    description: Promise
    minutes: int


def _a(slug, stage, kind, minutes, title, description) -> Activity:
    return Activity(slug, stage, kind, title, description, minutes)


ACTIVITIES = (
    # Building rapport
    _a(
        "two-truths",
        "rapport",
        PSYCHOSOCIAL,
        15,
        _("Two truths and a hope"),
        _(
            "Each of you shares two true things about your path so far and one hope for the next "
            "year. Ask one question about each."
        ),
    ),
    _a(
        "timeline",
        "rapport",
        CAREER,
        30,
        _("Career timelines"),
        _(
            "Draw your working life as a line with its turns and detours, then walk each other "
            "through it. Note one turn you would both like to hear more about."
        ),
    ),
    _a(
        "fifteen-walkthrough",
        "rapport",
        PSYCHOSOCIAL,
        30,
        _("Walk through the 15 Questions"),
        _(
            "Pick the three answers of your partner that surprised you most and talk about them. "
            "End with the question on boundaries."
        ),
    ),
    _a(
        "working-styles",
        "rapport",
        PSYCHOSOCIAL,
        20,
        _("How we like to work"),
        _(
            "Compare how each of you prefers to receive feedback, plan, and ask for help. Agree "
            "one habit to adopt for your meetings."
        ),
    ),
    _a(
        "agreement-draft",
        "rapport",
        CAREER,
        20,
        _("Draft the agreement together"),
        _(
            "Fill in your agreement during the meeting, field by field, and both confirm it before "
            "you leave."
        ),
    ),
    _a(
        "values-cards",
        "rapport",
        PSYCHOSOCIAL,
        25,
        _("What matters at work"),
        _(
            "Each of you names five things that make a working day good, then ranks them. Compare "
            "the top two and why."
        ),
    ),
    _a(
        "shared-ground",
        "rapport",
        PSYCHOSOCIAL,
        15,
        _("Find common ground"),
        _(
            "List things you have in common beyond work — places, books, habits. Three are "
            "enough; one good story is better."
        ),
    ),
    _a(
        "first-success",
        "rapport",
        CAREER,
        20,
        _("A first small win"),
        _(
            "Choose something the mentee can finish before the next meeting in under an hour, and "
            "start the next meeting with it."
        ),
    ),
    # Setting direction
    _a(
        "smart-goals",
        "direction",
        CAREER,
        45,
        _("Write SMART goals"),
        _(
            "Turn a wish into a goal that is specific, measurable, attainable, relevant and "
            "time-bound. Write two or three, not more."
        ),
    ),
    _a(
        "future-self",
        "direction",
        PSYCHOSOCIAL,
        30,
        _("A letter from your future self"),
        _(
            "The mentee writes a short letter dated a year from now describing what changed. "
            "Read it together and pick out the goals hidden in it."
        ),
    ),
    _a(
        "skills-map",
        "direction",
        CAREER,
        40,
        _("Map the skills"),
        _(
            "List the skills the mentee's next role needs, mark each as strong, growing or "
            "missing, and choose one to work on first."
        ),
    ),
    _a(
        "role-models",
        "direction",
        PSYCHOSOCIAL,
        20,
        _("Three role models"),
        _(
            "The mentee names three people whose careers they admire and what exactly they "
            "admire. Look for the pattern."
        ),
    ),
    _a(
        "job-ads",
        "direction",
        CAREER,
        30,
        _("Read job adverts together"),
        _(
            "Bring three adverts for the role the mentee wants. Underline what recurs; it is the "
            "real list of requirements."
        ),
    ),
    _a(
        "obstacles",
        "direction",
        PSYCHOSOCIAL,
        25,
        _("Name the obstacles"),
        _(
            "For each goal, name what could get in the way — time, confidence, access — and one "
            "way around it."
        ),
    ),
    _a(
        "measure-check",
        "direction",
        CAREER,
        15,
        _("How will we know?"),
        _(
            "For each goal, agree on the evidence that it is met: a document, a result, a "
            "conversation. Write it in the goal's measure."
        ),
    ),
    _a(
        "first-month-plan",
        "direction",
        CAREER,
        30,
        _("Plan the first month"),
        _(
            "Break the first goal into weekly steps for the next four weeks and put the next "
            "meeting's date in your calendars."
        ),
    ),
    # Progression
    _a(
        "stretch-task",
        "progression",
        CAREER,
        20,
        _("A stretch assignment"),
        _(
            "Pick a task just beyond what the mentee has done before — presenting, leading, "
            "writing — and plan it together."
        ),
    ),
    _a(
        "shadowing",
        "progression",
        CAREER,
        60,
        _("Shadow a working hour"),
        _(
            "The mentee follows the mentor through a real meeting or task (where confidentiality "
            "allows) and then asks about the choices made."
        ),
    ),
    _a(
        "feedback-loop",
        "progression",
        CAREER,
        30,
        _("Feedback on real work"),
        _(
            "The mentee brings a piece of work; the mentor gives feedback on one strength and one "
            "thing to change, with an example."
        ),
    ),
    _a(
        "introductions",
        "progression",
        CAREER,
        15,
        _("One introduction"),
        _(
            "The mentor introduces the mentee to one person who can help with a goal, with a "
            "short note on why they should talk."
        ),
    ),
    _a(
        "setback-review",
        "progression",
        PSYCHOSOCIAL,
        30,
        _("Learn from a setback"),
        _(
            "Talk through something that did not go well: what happened, what was in your hands, "
            "what you would do next time."
        ),
    ),
    _a(
        "confidence-log",
        "progression",
        PSYCHOSOCIAL,
        10,
        _("A confidence log"),
        _(
            "For two weeks the mentee notes one thing done well each day. Read a few entries "
            "together at the next meeting."
        ),
    ),
    _a(
        "mock-conversation",
        "progression",
        CAREER,
        40,
        _("Rehearse a hard conversation"),
        _(
            "Role-play a conversation the mentee dreads — asking for a raise, pushing back, "
            "pitching an idea — then swap roles."
        ),
    ),
    _a(
        "progress-review",
        "progression",
        CAREER,
        20,
        _("Review the goals"),
        _(
            "Go through each goal's progress, update it in the workspace, and decide whether a "
            "goal needs changing."
        ),
    ),
    _a(
        "reverse-teach",
        "progression",
        PSYCHOSOCIAL,
        30,
        _("Teach your mentor"),
        _(
            "The mentee teaches the mentor something they know well. It builds confidence and "
            "often shows a strength neither had noticed."
        ),
    ),
    _a(
        "energy-audit",
        "progression",
        PSYCHOSOCIAL,
        25,
        _("Energy audit"),
        _(
            "List the week's activities and mark what gives and what drains energy. Agree one "
            "change for the coming weeks."
        ),
    ),
    # Winding down
    _a(
        "journey-review",
        "winding_down",
        PSYCHOSOCIAL,
        40,
        _("Look back at the journey"),
        _(
            "Read your first goals and meeting notes together. Name what changed, what surprised "
            "you, and what you are proud of."
        ),
    ),
    _a(
        "next-goals",
        "winding_down",
        CAREER,
        30,
        _("Goals for after"),
        _(
            "The mentee writes the goals they will pursue on their own after the mentorship, and "
            "who else can help with each."
        ),
    ),
    _a(
        "network-map",
        "winding_down",
        CAREER,
        30,
        _("Map the network"),
        _(
            "List the people met through the mentorship and others worth keeping in touch with, "
            "and one way to stay connected to each."
        ),
    ),
    _a(
        "gratitude-notes",
        "winding_down",
        PSYCHOSOCIAL,
        15,
        _("Say thank you"),
        _(
            "Each of you writes a short note to the other about what you learned from them, and "
            "reads it aloud at your last meeting."
        ),
    ),
    _a(
        "resources-list",
        "winding_down",
        CAREER,
        20,
        _("A list to keep"),
        _(
            "Collect the books, courses, tools and habits that helped, in one list the mentee "
            "keeps."
        ),
    ),
    _a(
        "closing-meeting",
        "winding_down",
        PSYCHOSOCIAL,
        45,
        _("Plan the closing meeting"),
        _(
            "Decide where and how to hold your last formal meeting so that it feels like an "
            "ending, not a fade-out."
        ),
    ),
    _a(
        "feedback-to-program",
        "winding_down",
        CAREER,
        15,
        _("Tell the program"),
        _(
            "Agree what you would tell the program about what worked and what did not, and say it "
            "in the survey or when ending."
        ),
    ),
    _a(
        "independence-check",
        "winding_down",
        PSYCHOSOCIAL,
        20,
        _("Ready to go on alone?"),
        _(
            "Talk about which decisions the mentee now makes without asking, and which still feel "
            "hard. Plan for the hard ones."
        ),
    ),
    # Moving on
    _a(
        "stay-in-touch",
        "moving_on",
        PSYCHOSOCIAL,
        10,
        _("Agree how to stay in touch"),
        _(
            "Decide together whether you will meet again, how often, and on whose initiative — or "
            "agree that this is a good ending."
        ),
    ),
    _a(
        "pay-it-forward",
        "moving_on",
        CAREER,
        15,
        _("Pay it forward"),
        _(
            "The mentee considers mentoring someone a few steps behind them, and what they would "
            "do the same or differently."
        ),
    ),
    _a(
        "six-month-check",
        "moving_on",
        CAREER,
        10,
        _("A check-in in six months"),
        _(
            "Put a date six months away in both calendars to share how the goals for after are "
            "going."
        ),
    ),
    _a(
        "share-story",
        "moving_on",
        PSYCHOSOCIAL,
        20,
        _("Share your story"),
        _(
            "With both partners' agreement, tell others in the program what the mentorship "
            "brought you. It helps the next pairs."
        ),
    ),
    _a(
        "recommendation",
        "moving_on",
        CAREER,
        20,
        _("A recommendation"),
        _(
            "Where it is deserved, the mentor writes a short recommendation or endorsement the "
            "mentee can use."
        ),
    ),
    _a(
        "reflect-as-mentor",
        "moving_on",
        PSYCHOSOCIAL,
        20,
        _("Reflect as a mentor"),
        _(
            "The mentor notes what they learned about mentoring in this pair and what they will "
            "do differently next time."
        ),
    ),
)

BY_SLUG = {activity.slug: activity for activity in ACTIVITIES}


def search_activities(*, q: str = "", stage: str = "", kind: str = "") -> list[Activity]:
    """Activities matching every word of `q` (in the viewer's language) and the stage and kind
    when given, in the library's order."""
    words = [w for w in q.lower().split() if w][:10]
    found = []
    for activity in ACTIVITIES:
        if stage and activity.stage != stage:
            continue
        if kind and activity.kind != kind:
            continue
        text = f"{activity.title} {activity.description}".lower()
        if all(word in text for word in words):
            found.append(activity)
    return found
