"""The API refuses what it used to coerce or ignore, with the page forms' limits, and its
OpenAPI document states the rules."""

import json

import pytest

from mentorwise.profiles.forms import ProfileForm
from mentorwise.profiles.limits import YEARS_EXPERIENCE_MAX
from mentorwise.profiles.search import SORTS
from tests.api_helpers import API, assert_error, post
from tests.factories import make_mentorship, make_program

pytestmark = pytest.mark.django_db


def patch(client, path, body):
    return client.patch(API + path, json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("value", [True, False, 80, 71, -1])
def test_years_of_experience_outside_the_page_forms_limits_is_refused(world, as_user, value):
    client = as_user(world.mentee1.user)
    response = patch(
        client, f"/participants/{world.mentee1.public_id}", {"years_experience": value}
    )
    body = assert_error(response, 422)
    assert "years_experience" in json.dumps(body)
    world.mentee1.user.profile.refresh_from_db()
    assert world.mentee1.user.profile.years_experience is None


def test_years_of_experience_at_the_limit_is_taken(world, as_user):
    client = as_user(world.mentee1.user)
    response = patch(
        client,
        f"/participants/{world.mentee1.public_id}",
        {"years_experience": YEARS_EXPERIENCE_MAX},
    )
    assert response.status_code == 200, response.content
    assert response.json()["years_experience"] == YEARS_EXPERIENCE_MAX


def test_a_mentees_capacity_is_refused_not_ignored(world, as_user):
    client = as_user(world.mentee1.user)
    response = patch(client, f"/participants/{world.mentee1.public_id}", {"capacity": 3})
    body = assert_error(response, 400)
    assert "capacity" in body["errors"]


def test_joining_as_a_mentee_with_a_capacity_is_refused(world, as_user):
    program = make_program(world.org, actor=world.admin, name="Second Program")
    client = as_user(world.mentee1.user)
    response = post(
        client, f"/programs/{program.public_id}/participants", {"role": "mentee", "capacity": 2}
    )
    body = assert_error(response, 400)
    assert "capacity" in body["errors"]
    assert not program.participants.exists()


def test_a_mentors_capacity_must_be_a_number_not_a_boolean(world, as_user):
    client = as_user(world.mentor1.user)
    before = world.mentor1.capacity
    response = patch(client, f"/participants/{world.mentor1.public_id}", {"capacity": True})
    assert_error(response, 422)
    world.mentor1.refresh_from_db()
    assert world.mentor1.capacity == before
    ok = patch(client, f"/participants/{world.mentor1.public_id}", {"capacity": 4})
    assert ok.status_code == 200 and ok.json()["capacity"] == 4


def test_booleans_are_refused_for_every_number_field_of_every_input(world, as_user):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    client = as_user(world.mentee1.user)
    response = post(client, f"/mentorships/{pair.public_id}/checkins", {"score": True})
    assert_error(response, 422)


@pytest.mark.parametrize("sort", ["bogus", "RELEVANCE", ""])
def test_search_with_an_unknown_sort_is_refused(world, as_user, sort):
    client = as_user(world.mentee1.user)
    response = client.get(f"{API}/programs/{world.program.public_id}/mentors", {"sort": sort})
    assert_error(response, 422)


def test_search_with_a_known_sort_works(world, as_user):
    client = as_user(world.mentee1.user)
    for sort in SORTS:
        response = client.get(f"{API}/programs/{world.program.public_id}/mentors", {"sort": sort})
        assert response.status_code == 200, (sort, response.content)


def test_the_openapi_document_states_the_limits_the_server_enforces(client):
    doc = client.get(f"{API}/openapi.json").json()
    schemas = doc["components"]["schemas"]

    def number_rule(schema, field):
        prop = schemas[schema]["properties"][field]
        return next(s for s in prop.get("anyOf", [prop]) if s.get("type") == "integer")

    years = number_rule("ParticipantPatch", "years_experience")
    form_field = ProfileForm.base_fields["years_experience"]
    assert (years["minimum"], years["maximum"]) == (form_field.min_value, form_field.max_value)
    for schema in ("ParticipantPatch", "JoinIn"):
        capacity = number_rule(schema, "capacity")
        assert (capacity["minimum"], capacity["maximum"]) == (1, 50)
    assert schemas["ParticipantPatch"]["properties"]["bio"]["anyOf"][0]["maxLength"] == 5000
    mentors = next(p for path, p in doc["paths"].items() if path.endswith("/mentors"))
    params = {p["name"]: p["schema"] for p in mentors["get"]["parameters"]}
    assert params["sort"]["enum"] == list(SORTS)
    assert params["work_mode"]["enum"] == ["", "remote", "in_person", "either"]


def test_the_openapi_document_states_the_ranges_the_services_check(client):
    schemas = client.get(f"{API}/openapi.json").json()["components"]["schemas"]

    def rule(schema, field):
        prop = schemas[schema]["properties"][field]
        integer = next(s for s in prop.get("anyOf", [prop]) if s.get("type") == "integer")
        return integer.get("minimum", prop.get("minimum")), integer.get(
            "maximum", prop.get("maximum")
        )

    assert rule("GoalIn", "progress") == (0, 100)
    assert rule("GoalPatch", "progress") == (0, 100)
    assert rule("CheckInIn", "score") == (1, 4)
    assert rule("MeetingIn", "duration_minutes") == (5, 600)
    assert rule("MeetingPatch", "duration_minutes") == (5, 600)
