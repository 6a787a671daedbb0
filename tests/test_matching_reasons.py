"""The engine's reasons for a pair, in the words each reader needs: both people by name for an
administrator reviewing a run, and "you" for the mentee or the mentor reading about themselves
("Your goal 'Storyboarding' matches Lee's expertise", "Ana's goal 'Storyboarding' matches your
expertise")."""

import math

import numpy as np
import pytest

from mentorwise.matching.engine import CRITERIA, People, Problem, Weights
from mentorwise.matching.engine.explain import pair_reasons
from mentorwise.matching.engine.features import encode
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
) -> tuple[str, ...]:
    """The reasons for Ana (mentee) and Lee (mentor), asked the way the match run asks
    (no viewer) or for one of them. `others` adds a second mentee (Bo) so that a criterion Ana
    or Lee leave blank still counts in the run."""
    mentees = {"name": ["Ana"], "languages": [["English"]], **mentee}
    if others:
        mentees = {k: [*mentees.get(k, [])] for k in mentees}
        for key, value in {"name": "Bo", "languages": ["English"], **others}.items():
            mentees[key].append(value)
    problem = Problem(
        mentees=People(**mentees),
        mentors=People(name=["Lee"], **{"languages": [["English"]], **mentor}),
        weights=only(criterion),
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
        ("mentee", "Lee has 1 more year of experience than you"),
        ("mentor", "You have 1 more year of experience than Ana"),
    ],
)
def test_one_year_is_singular(viewer, expected):
    assert reasons("seniority", {"years": [3]}, {"years": [4]}, viewer=viewer) == (expected,)


@pytest.mark.parametrize("viewer", ["mentee", "mentor"])
def test_unknown_years_are_said_plainly(viewer):
    # Bo gives his years, so experience counts in the run; Ana does not give hers.
    said = reasons(
        "seniority", {"years": [NAN]}, {"years": [9]}, viewer=viewer, others={"years": 1}
    )
    assert said == ("Years of experience not given",)


@pytest.mark.parametrize("viewer", ["mentee", "mentor"])
@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"pace": ["fast"]}, "You both answered 'fast'"),
        ({"pace": ["fast"], "format": ["video"]}, "You both answered 'video' and 'fast'"),
    ],
)
def test_answers_alike_are_quoted(viewer, answers, expected):
    said = reasons("answers", {"answers": answers}, {"answers": answers}, viewer=viewer)
    assert said == (expected,)


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
    problem = random_problem(seed, 30, 12)
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
            assert all("nan" not in r.split() for r in said[p])
