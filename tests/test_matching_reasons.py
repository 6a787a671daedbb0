"""The engine's reasons for a pair, in the words each reader needs: both people by name for an
administrator reviewing a run, and "you" for the mentee or the mentor reading about themselves
("Your goal 'Storyboarding' matches Lee's expertise", "Ana's goal 'Storyboarding' matches your
expertise")."""

import dataclasses
import json
import math
import re

import numpy as np
import pytest

from mentorwise.matching.engine import CRITERIA, People, Problem, Weights
from mentorwise.matching.engine.explain import pair_reasons
from mentorwise.matching.engine.features import encode
from mentorwise.matching.features import build_market
from mentorwise.matching.services import run_create, suggestions_for
from mentorwise.programs.models import ApplicationQuestion
from mentorwise.programs.services import question_save
from tests.factories import make_participant, make_program
from tests.test_matching_engine import random_problem

NAN = math.nan


def only(criterion: str) -> Weights:
    """Weights where one criterion alone counts, so the pair's reason is that criterion's."""
    return Weights(**{c: (1.0 if c == criterion else 0.0) for c in CRITERIA})


def reasons(
    criterion: str,
    mentee: dict,
    mentor: dict,
    *,
    viewer=None,
    rank: int = 0,
    chose: bool = False,
    others: dict | None = None,
    other_mentor: dict | None = None,
    question_labels: dict | None = None,
) -> tuple[str, ...]:
    """The reasons for Ana (mentee) and Lee (mentor), asked the way the match run asks
    (no viewer) or for one of them. `others` adds a second mentee (Bo), `other_mentor` a second
    mentor (Kim), so that a criterion Ana or Lee leave blank still counts in the run."""

    def side(name: str, person: dict, other_name: str, other: dict | None) -> People:
        columns = {"name": [name], "languages": [["English"]], **person}
        if other:
            columns = {k: [*columns.get(k, [])] for k in columns}
            for key, value in {"name": other_name, "languages": ["English"], **other}.items():
                columns[key].append(value)
        return People(**columns)

    problem = Problem(
        mentees=side("Ana", mentee, "Bo", others),
        mentors=side("Lee", mentor, "Kim", other_mentor),
        weights=only(criterion),
        **({} if question_labels is None else {"question_labels": question_labels}),
    )
    (out,) = pair_reasons(
        encode(problem),
        np.array([0]),
        np.array([0]),
        np.array([rank]),
        np.array([chose]),
        **({} if viewer is None else {"viewer": viewer}),
    )
    return out


# Each sentence kind, as the administrator, the mentee and the mentor read it.
CASES = {
    "one goal": (
        "topics",
        {"goals": [["Storyboarding"]]},
        {"tags": [["storyboarding", "Layout"]]},
        {
            None: "Ana's goal 'Storyboarding' matches Lee's expertise",
            "mentee": "Your goal 'Storyboarding' matches Lee's expertise",
            "mentor": "Ana's goal 'Storyboarding' matches your expertise",
        },
    ),
    "two goals": (
        "topics",
        {"goals": [["Storyboarding", "Layout"]]},
        {"tags": [["Storyboarding", "Layout"]]},
        {
            None: "Ana's goals 'Storyboarding' and 'Layout' match Lee's expertise",
            "mentee": "Your goals 'Storyboarding' and 'Layout' match Lee's expertise",
            "mentor": "Ana's goals 'Storyboarding' and 'Layout' match your expertise",
        },
    ),
    "three goals": (
        "topics",
        {"goals": [["Storyboarding", "Layout", "Pitching"]]},
        {"tags": [["Storyboarding", "Layout", "Pitching"]]},
        {
            None: "Ana's goals 'Storyboarding', 'Layout' and 'Pitching' match Lee's expertise",
            "mentee": "Your goals 'Storyboarding', 'Layout' and 'Pitching' match Lee's expertise",
            "mentor": "Ana's goals 'Storyboarding', 'Layout' and 'Pitching' match your expertise",
        },
    ),
    "one interest": (
        "topics",
        {"tags": [["Layout"]]},
        {"tags": [["Storyboarding", "Layout"]]},
        {
            None: "Ana's interest in 'Layout' matches Lee's expertise",
            "mentee": "Your interest in 'Layout' matches Lee's expertise",
            "mentor": "Ana's interest in 'Layout' matches your expertise",
        },
    ),
    "two interests": (
        "topics",
        {"tags": [["Layout", "Color"]]},
        {"tags": [["Color", "Layout"]]},
        {
            None: "Ana's interest in 'Layout' and 'Color' matches Lee's expertise",
            "mentee": "Your interest in 'Layout' and 'Color' matches Lee's expertise",
            "mentor": "Ana's interest in 'Layout' and 'Color' matches your expertise",
        },
    ),
    "language": (
        "language",
        {"languages": [["Spanish", "English"]]},
        {"languages": [["English", "spanish"]]},
        {
            None: "Both speak Spanish",
            "mentee": "You both speak Spanish",
            "mentor": "You both speak Spanish",
        },
    ),
    "more senior mentor": (
        "seniority",
        {"years": [2]},
        {"years": [12]},
        {
            None: "Lee has 10 more years of experience than Ana",
            "mentee": "Lee has 10 more years of experience than you",
            "mentor": "You have 10 more years of experience than Ana",
        },
    ),
    "industry": (
        "industry",
        {"industry": ["Animation"]},
        {"industry": ["animation"]},
        {
            None: "Both work in Animation",
            "mentee": "You both work in Animation",
            "mentor": "You both work in Animation",
        },
    ),
    "meeting in person": (
        "meeting",
        {"location": ["Lisbon"], "work_mode": ["in_person"]},
        {"location": ["lisbon"]},
        {
            None: "Both can meet in person in Lisbon",
            "mentee": "You can both meet in person in Lisbon",
            "mentor": "You can both meet in person in Lisbon",
        },
    ),
    "meeting remotely": (
        "meeting",
        {"work_mode": ["remote"]},
        {"work_mode": ["either"]},
        {
            None: "Both can meet remotely",
            "mentee": "You can both meet remotely",
            "mentor": "You can both meet remotely",
        },
    ),
}


@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
@pytest.mark.parametrize("case", CASES)
def test_each_sentence_speaks_to_its_reader(case, viewer):
    criterion, mentee, mentor, expected = CASES[case]
    assert reasons(criterion, mentee, mentor, viewer=viewer) == (expected[viewer],)


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (None, "Lee has 1 more year of experience than Ana"),
        ("mentee", "Lee has 1 more year of experience than you"),
        ("mentor", "You have 1 more year of experience than Ana"),
    ],
)
def test_one_year_is_singular(viewer, expected):
    assert reasons("seniority", {"years": [3]}, {"years": [4]}, viewer=viewer) == (expected,)


@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
@pytest.mark.parametrize(
    ("mentee", "mentor", "others", "other_mentor"),
    [
        # Bo gives his years, so experience counts in the run; Ana does not give hers.
        ({"years": [NAN]}, {"years": [9]}, {"years": 1}, None),
        # Kim gives hers; Lee does not give his.
        ({"years": [2]}, {"years": [NAN]}, None, {"years": 12}),
    ],
    ids=["mentee", "mentor"],
)
def test_unknown_years_are_said_plainly(viewer, mentee, mentor, others, other_mentor):
    said = reasons(
        "seniority", mentee, mentor, viewer=viewer, others=others, other_mentor=other_mentor
    )
    assert said == ("Years of experience not given",)


BOTH = {None: "Both", "mentee": "You both", "mentor": "You both"}
TWO_ANSWERS = {"pace": ["fast"], "format": ["video"]}


@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"pace": ["fast"]}, "answered 'fast'"),
        (TWO_ANSWERS, "answered 'video' and 'fast'"),
    ],
)
def test_answers_alike_are_quoted_when_the_questions_are_not_known(viewer, answers, expected):
    said = reasons("answers", {"answers": answers}, {"answers": answers}, viewer=viewer)
    assert said == (f"{BOTH[viewer]} {expected}",)


@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (
            {"format": "Preferred format", "pace": "Pace"},
            "answered 'video' to 'Preferred format' and 'fast' to 'Pace'",
        ),
        ({"format": "Preferred format"}, "answered 'video' to 'Preferred format' and 'fast'"),
    ],
    ids=["both known", "one known"],
)
def test_answers_alike_name_their_question(viewer, labels, expected):
    said = reasons(
        "answers",
        {"answers": TWO_ANSWERS},
        {"answers": TWO_ANSWERS},
        viewer=viewer,
        question_labels=labels,
    )
    assert said == (f"{BOTH[viewer]} {expected}",)


@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
@pytest.mark.parametrize(
    ("mentee", "mentor", "others", "expected"),
    [
        ({"tz_offset": [-5]}, {"tz_offset": [-7]}, None, "2 hours apart"),
        ({"tz_offset": [1]}, {"tz_offset": [0]}, None, "1 hour apart"),
        ({"tz_offset": [1]}, {"tz_offset": [1]}, None, "Same time zone"),
        ({"tz_offset": [NAN]}, {"tz_offset": [1]}, {"tz_offset": 1}, "Time zones not given"),
    ],
    ids=["apart", "one hour", "same", "not given"],
)
def test_time_zones_read_the_same_for_everyone(viewer, mentee, mentor, others, expected):
    said = reasons("time_zone", mentee, mentor, viewer=viewer, others=others)
    assert said == (expected,)


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        (None, ("Ana ranked Lee as choice #2", "Lee chose Ana")),
        ("mentee", ("You ranked Lee as choice #2", "Lee chose you")),
        ("mentor", ("Ana ranked you as choice #2", "You chose Ana")),
    ],
)
def test_choices_speak_to_their_reader(viewer, expected):
    said = reasons("language", {}, {}, viewer=viewer, rank=2, chose=True)
    assert said == (*expected, "Both speak English" if viewer is None else "You both speak English")


def test_an_unknown_viewer_is_refused():
    with pytest.raises(ValueError, match="viewer"):
        reasons("language", {}, {}, viewer="administrator")


@pytest.mark.parametrize("seed", range(3))
def test_on_any_market_the_reader_is_you_and_never_named(seed):
    """Across random markets: as many reasons for every reader; the reader's own name never
    appears, nor an unknown number, and the administrator's wording never says "you"."""
    problem = dataclasses.replace(random_problem(seed, 30, 12), question_labels={"pace": "Pace"})
    enc = encode(problem)
    rng = np.random.default_rng(seed)
    mentee = np.repeat(np.arange(30), 2)
    mentor = rng.integers(0, 12, len(mentee))
    rank = rng.integers(0, 3, len(mentee))
    chose = rng.random(len(mentee)) < 0.3
    admin = pair_reasons(enc, mentee, mentor, rank, chose)
    by = {v: pair_reasons(enc, mentee, mentor, rank, chose, viewer=v) for v in ("mentee", "mentor")}
    for p, (i, j) in enumerate(zip(mentee, mentor, strict=True)):
        names = {"mentee": problem.mentees.name[i], "mentor": problem.mentors.name[j]}
        assert not any({"you", "your"} & set(r.lower().split()) for r in admin[p])
        for viewer, said in by.items():
            assert len(said[p]) == len(admin[p])
            assert all(names[viewer] not in r for r in said[p])
        for said in (admin, *by.values()):
            assert not any("nan" in r.split() or re.search(r"\b1 more years", r) for r in said[p])
            assert all(r.endswith(" to 'Pace'") for r in said[p] if " answered " in r)


# Through the database: the program's own question reaches the sentence.


@pytest.fixture
def formats(world):
    """A program of its own with one mentee and one mentor who speak English and both answered
    'Video' to the matching question "Preferred format"."""
    program = make_program(world.org, actor=world.admin, name="Format Circle")
    question = question_save(
        program=program,
        actor=world.admin,
        kind=ApplicationQuestion.Kind.SINGLE_CHOICE,
        label="Preferred format",
        choices=["Video", "Chat"],
        used_for_matching=True,
    )
    answers = {question.public_id: "Video"}
    english = {"languages": ["English"]}
    mentee = make_participant(program, role="mentee", answers=answers, profile=english)
    mentor = make_participant(program, role="mentor", answers=answers, profile=english, capacity=1)
    return program, mentee, mentor


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", [None, "mentee", "mentor"])
def test_the_market_names_the_programs_question(formats, viewer):
    program, mentee, mentor = formats
    market = build_market(program, weights=only("answers"))
    said = pair_reasons(
        encode(market.problem),
        np.array([market.mentee_index[mentee.pk]]),
        np.array([market.mentor_index[mentor.pk]]),
        np.array([0]),
        np.array([False]),
        **({} if viewer is None else {"viewer": viewer}),
    )
    assert said == [(f"{BOTH[viewer]} answered 'Video' to 'Preferred format'",)]


@pytest.mark.django_db
def test_the_run_review_and_the_suggestions_name_the_question(formats, world, delivered):
    program, mentee, mentor = formats
    with delivered():
        run = run_create(program=program, user=world.admin)
    run.refresh_from_db()
    (proposal,) = run.proposals.all()
    assert (proposal.mentee, proposal.mentor) == (mentee, mentor)
    assert "Both answered 'Video' to 'Preferred format'" in proposal.reasons
    (suggestion,) = suggestions_for(mentee)
    assert "You both answered 'Video' to 'Preferred format'" in suggestion["reasons"]


# Said again in the reader's language: the engine gives a code and its values with each English
# sentence, and the application renders them with gettext (services/reasons.py).


@pytest.mark.parametrize("seed", range(3))
def test_every_reason_said_again_in_english_is_the_engines_sentence(seed):
    """The English the pages render from a reason's code and values is, word for word, the
    sentence the engine wrote, for every kind of reason and every reader; stored as data and
    read back, it still is."""
    from django.utils import translation

    from mentorwise.matching.models import ReasonListField
    from mentorwise.matching.services.reasons import say

    problem = dataclasses.replace(random_problem(seed, 30, 12), question_labels={"pace": "Pace"})
    enc = encode(problem)
    rng = np.random.default_rng(seed)
    mentee = np.repeat(np.arange(30), 2)
    mentor = rng.integers(0, 12, len(mentee))
    rank = rng.integers(0, 3, len(mentee))
    chose = rng.random(len(mentee)) < 0.3
    field = ReasonListField()
    codes = set()
    with translation.override("en"):
        for viewer in (None, "mentee", "mentor"):
            said = pair_reasons(enc, mentee, mentor, rank, chose, viewer=viewer)
            for reasons_of_pair in said:
                stored = field.get_prep_value(list(reasons_of_pair))
                back = field.from_db_value(json.dumps(stored), None, None)
                for reason, again in zip(reasons_of_pair, back, strict=True):
                    codes.add(reason.code)
                    assert say(reason) == str(reason)
                    assert again == reason and again.code == reason.code
                    assert say(again) == str(reason)
    assert len(codes) >= 6  # many kinds of sentence were compared


def test_a_reason_is_said_in_spanish_and_an_older_plain_sentence_as_it_is():
    from django.utils import translation

    from mentorwise.matching.engine.reason import Reason
    from mentorwise.matching.services.reasons import say

    reason = Reason("Both speak English", "language", language="English", viewer=None)
    hours = Reason("1.5 hours apart", "hours_apart", hours=1.5)
    with translation.override("es"):
        assert say(reason) == "Ambos hablan English"
        assert say(hours) == "1,5 horas de diferencia"
        assert say("Both speak English") == "Both speak English"  # a run stored before
        assert say({"code": "unknown_code", "params": {}, "text": "As it was"}) == "As it was"
        assert say({"code": "language", "params": {}, "text": "Both speak Basque"}) == (
            "Both speak Basque"  # values missing: the English sentence stands
        )


def test_the_engines_warnings_on_locked_pairs_are_said_again_in_each_language():
    """A locked pair that breaks a rule and a mentor given more mentees than their capacity:
    the engine's English notes, said again from their codes, word for word in English and in
    Spanish for a Spanish reader."""
    from django.utils import translation

    from mentorwise.matching.engine import People, match
    from mentorwise.matching.services.reasons import say

    problem = Problem(
        mentees=People(name=["Ana", "Bea"], languages=[["Spanish"], ["English"]]),
        mentors=People(name=["Lee"], languages=[["English"]], slots=[1]),
        locked_pairs=[(0, 0), (1, 0)],
    )
    warnings = match(problem).warnings
    assert {w.code for w in warnings} == {"over_capacity", "locked_breaks"}
    with translation.override("en"):
        assert [say(w) for w in warnings] == [str(w) for w in warnings]
    with translation.override("es"):
        said = [say(w) for w in warnings]
    assert "La pareja fijada Ana y Lee incumple una regla: ningún idioma en común." in said
    assert "Las parejas fijadas dan a Lee más mentorados que su capacidad." in said
