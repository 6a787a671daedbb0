"""What counts in a match: each program's importance of the criteria, set by its administrators
on the Matching tab (0 to 10 each), used by the next run and recorded with it, and shown by the
API with the program's policies."""

import pytest
from django.test import Client
from django.urls import reverse

from mentorwise.core.errors import NotAllowed, ValidationFailed
from mentorwise.core.models import AuditEntry
from mentorwise.matching.services import match_importance, match_importance_set, run_create
from mentorwise.matching.services.criteria import DEFAULT_IMPORTANCE
from tests.factories import make_participant, make_program

pytestmark = pytest.mark.django_db


def _url(program) -> str:
    return reverse("manage:match-importance", args=[program.public_id])


def test_a_program_starts_with_the_defaults(world):
    assert match_importance(world.program) == DEFAULT_IMPORTANCE


def test_an_administrator_sets_some_criteria_and_the_others_stay(world):
    saved = match_importance_set(
        program=world.program, user=world.admin, importance={"topics": 5, "industry": 0}
    )
    world.program.refresh_from_db()
    assert (
        match_importance(world.program)
        == saved
        == {**DEFAULT_IMPORTANCE, "topics": 5, "industry": 0}
    )
    entry = AuditEntry.objects.get(action="program.match_importance")
    assert entry.actor == world.admin and entry.data["topics"] == 5


@pytest.mark.parametrize(
    "importance, field",
    [
        ({"topics": 11}, "topics"),
        ({"language": -1}, "language"),
        ({"time_zone": 2.5}, "time_zone"),
        ({"industry": True}, "industry"),
        ({"seniority": "3"}, "seniority"),
        ({"charisma": 3}, "importance"),
        (dict.fromkeys(DEFAULT_IMPORTANCE, 0), "importance"),
    ],
)
def test_bad_importance_is_refused_and_nothing_changes(world, importance, field):
    with pytest.raises(ValidationFailed) as refused:
        match_importance_set(program=world.program, user=world.admin, importance=importance)
    assert field in refused.value.errors
    world.program.refresh_from_db()
    assert match_importance(world.program) == DEFAULT_IMPORTANCE


def test_only_administrators_set_it(world):
    with pytest.raises(NotAllowed):
        match_importance_set(
            program=world.program, user=world.mentor1.user, importance={"topics": 1}
        )


def _chooser(admin, org):
    """Bo wants to learn rigging and works in animation; Xavi knows rigging but works in games,
    Yara works in animation but knows nothing of rigging. One place each, one mentor for Bo."""
    program = make_program(org, actor=admin, name="Weights program", max_mentors_per_mentee=1)
    english = {"languages": ["English"]}
    bo = make_participant(program, role="mentee", profile={**english, "interests": ["Rigging"],
                                                           "industry": "Animation"})  # fmt: skip
    xavi = make_participant(program, role="mentor", capacity=1, profile={
        **english, "expertise": ["Rigging"], "industry": "Games"})  # fmt: skip
    yara = make_participant(program, role="mentor", capacity=1, profile={
        **english, "expertise": ["Cooking"], "industry": "Animation"})  # fmt: skip
    return program, bo, xavi, yara


def test_the_next_run_follows_the_importance_and_records_it(world, delivered):
    program, _bo, xavi, yara = _chooser(world.admin, world.org)
    with delivered():
        first = run_create(program=program, user=world.admin)
    first.refresh_from_db()
    assert first.proposals.get().mentor == xavi  # goals and interests count most by default
    assert first.params["importance"] == DEFAULT_IMPORTANCE
    industry_only = dict.fromkeys(DEFAULT_IMPORTANCE, 0) | {"industry": 10}
    match_importance_set(program=program, user=world.admin, importance=industry_only)
    with delivered():
        second = run_create(program=program, user=world.admin)
    second.refresh_from_db()
    assert second.proposals.get().mentor == yara
    assert second.params["importance"] == industry_only
    page = Client()
    page.force_login(world.admin)
    shown = page.get(reverse("manage:run", args=[second.public_id])).content.decode()
    assert "What counted (0 to 10): Goals and interests 0 · Preferred language 0" in shown


def test_the_matching_tab_shows_the_form_and_the_shares(world, as_user):
    page = as_user(world.admin).get(reverse("manage:matching", args=[world.program.public_id]))
    text = page.content.decode()
    assert 'id="criteria-title">What counts in a match' in text
    assert '<label for="id_topics">Goals and interests' in text
    assert 'name="topics" value="8"' in text
    assert "40 %" in text  # goals and interests: 8 of 20


def test_saving_on_the_page_keeps_the_values_and_says_so(world, as_user):
    client = as_user(world.admin)
    data = {**DEFAULT_IMPORTANCE, "topics": 4, "meeting": 6}
    response = client.post(_url(world.program), data, follow=True)
    assert response.redirect_chain[-1][0].endswith("#criteria")
    assert "Saved. The next run weighs the criteria this way." in response.content.decode()
    world.program.refresh_from_db()
    assert match_importance(world.program)["meeting"] == 6


@pytest.mark.parametrize(
    "change, message",
    [
        ({"topics": "11"}, "Ensure this value is less than or equal to 10."),
        ({"language": "-2"}, "Ensure this value is greater than or equal to 0."),
        ({"industry": "lots"}, "Enter a whole number."),
        ({"seniority": ""}, "This field is required."),
        (dict.fromkeys(DEFAULT_IMPORTANCE, "0"), "At least one criterion must count"),
    ],
)
def test_bad_input_on_the_page_is_kept_with_a_message(world, as_user, change, message):
    data = {**{k: str(v) for k, v in DEFAULT_IMPORTANCE.items()}, "topics": "7", **change}
    response = as_user(world.admin).post(_url(world.program), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text
    for name, value in data.items():
        if value:
            assert f'name="{name}" value="{value}"' in text
    world.program.refresh_from_db()
    assert match_importance(world.program) == DEFAULT_IMPORTANCE


def test_reset_puts_back_the_defaults(world, as_user):
    match_importance_set(program=world.program, user=world.admin, importance={"topics": 1})
    response = as_user(world.admin).post(_url(world.program), {"reset": "1"}, follow=True)
    assert "(the defaults)" in response.content.decode()
    world.program.refresh_from_db()
    assert match_importance(world.program) == DEFAULT_IMPORTANCE


def test_the_api_shows_the_importance_with_the_policies(world, as_user):
    match_importance_set(program=world.program, user=world.admin, importance={"answers": 4})
    data = as_user(world.mentee1.user).get(f"/api/v1/programs/{world.program.public_id}").json()
    assert data["policies"]["match_importance"] == {**DEFAULT_IMPORTANCE, "answers": 4}
