"""Filling a selection round's remaining places, through the administrator's pages: only the
mentees who chose take part (as the confirmation page promises), a mentee's maximum of mentors
counts every program of the organization, and the pairs are shown for review before anything
is published."""

import re

import pytest
from django.urls import reverse

from mentorwise.matching.models import MatchRun, SelectionRound
from mentorwise.mentorships.models import Mentorship
from tests.factories import make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db

ENGLISH = {"languages": ["English"], "interests": ["Storyboarding"]}


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_filling_a_round_pairs_only_the_mentees_who_chose_and_waits_for_review(
    world, as_user, delivered
):
    program = make_program(
        world.org,
        actor=world.admin,
        name="Spring selection",
        matching_mode="selection_round",
        max_mentors_per_mentee=2,
    )
    mentors = [
        make_participant(
            program,
            role="mentor",
            capacity=4,
            profile={"languages": ["English"], "expertise": ["Storyboarding"]},
        )
        for _ in range(10)
    ]
    mentees = [make_participant(program, role="mentee", profile=ENGLISH) for _ in range(20)]
    admin = as_user(world.admin)
    with delivered():
        admin.post(
            reverse("manage:round-open", args=[program.public_id]),
            {"name": "Spring 2026", "max_choices": "2"},
        )
    round = SelectionRound.objects.get(program=program)

    # Six of the twenty mentees choose two mentors each.
    choosers = mentees[:6]
    for n, mentee in enumerate(choosers):
        first, second = mentors[n % 10], mentors[(n + 1) % 10]
        response = as_user(mentee.user).post(
            reverse("matching:round-choose", args=[round.public_id]),
            {f"rank_{first.public_id}": "1", f"rank_{second.public_id}": "2"},
        )
        assert response.status_code == 302

    advance = reverse("manage:round-advance", args=[round.public_id])
    confirm = _text(admin.get(advance))
    assert "6 of 20 mentees have chosen" in confirm
    assert "those who have not chosen take no part in this round" in confirm
    with delivered():
        admin.post(advance, {"step": "selecting"})
    # The first mentor picks the first mentee.
    as_user(mentors[0].user).post(
        reverse("matching:round-pick", args=[round.public_id]),
        {"mentees": [choosers[0].public_id]},
    )
    admin.post(advance, {"step": "picking"})
    # The last chooser is paired twice meanwhile in another program of the organization: she has
    # the maximum of mentors now.
    elsewhere = make_program(world.org, actor=world.admin, name="Leadership circle")
    there = make_participant(elsewhere, role="mentee", user=choosers[5].user)
    for _ in range(2):
        make_mentorship(mentor=make_participant(elsewhere, role="mentor", capacity=3), mentee=there)
    round.refresh_from_db()
    assert round.status == "review"

    with delivered():
        response = admin.post(reverse("manage:round-finish", args=[round.public_id]), {"fill": "1"})
    run = MatchRun.objects.get(round=round)
    assert response["Location"] == reverse("manage:run", args=[run.public_id])
    run.refresh_from_db()
    # Shown for review: nothing is created until the administrator publishes.
    assert run.status == "done"
    assert not Mentorship.objects.filter(program=program).exists()
    review = admin.get(response["Location"])
    assert review.status_code == 200
    assert "Publish" in review.content.decode()

    pairs = list(run.proposals.values_list("mentee_id", "mentor_id"))
    paired = [mentee for mentee, _ in pairs]
    # One mentor each for the five choosers with room, the first one's being the mentor's pick;
    # none for the fourteen who did not choose, nor for the one who is full.
    assert sorted(paired) == sorted(m.pk for m in choosers[:5])
    assert (choosers[0].pk, mentors[0].pk) in pairs

    with delivered():
        admin.post(reverse("manage:run-publish", args=[run.public_id]))
    made = Mentorship.objects.filter(program=program)
    assert made.count() == 5
    assert not made.filter(mentee__in=mentees[6:]).exists()
    for mentee in choosers:
        open_ones = Mentorship.objects.filter(
            mentee__user=mentee.user, status__in=Mentorship.ESTABLISHED
        ).count()
        assert open_ones <= program.max_mentors_per_mentee


def test_a_mentee_with_the_maximum_in_another_program_does_not_choose_in_a_round(
    world, as_user, delivered
):
    program = make_program(
        world.org,
        actor=world.admin,
        name="Spring selection",
        matching_mode="selection_round",
        max_mentors_per_mentee=1,
    )
    mentor = make_participant(program, role="mentor", capacity=2, profile=ENGLISH)
    mentee = make_participant(program, role="mentee", user=world.mentee1.user)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    with delivered():
        as_user(world.admin).post(
            reverse("manage:round-open", args=[program.public_id]),
            {"name": "Spring 2026", "max_choices": "1"},
        )
    round = SelectionRound.objects.get(program=program)
    response = as_user(mentee.user).post(
        reverse("matching:round-choose", args=[round.public_id]),
        {f"rank_{mentor.public_id}": "1"},
        follow=True,
    )
    assert "the program&#x27;s maximum" in response.content.decode()
    assert not round.choices.exists()
