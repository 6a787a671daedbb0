"""Who gets what from every endpoint: a table, one row per persona and endpoint.

Outsiders (another organization) get 404 and never learn that a thing exists; people of the
organization without the right get 403; nobody signed in gets 401.
"""

import json

import pytest
from django.test import Client

from tests.factories import make_member, make_program

API = "/api/v1"

PERSONAS = ["anonymous", "outsider", "other_admin", "member", "mentee", "mentor", "admin"]

# endpoint → expected status per persona (in the order of PERSONAS)
MATRIX = {
    ("GET", "/me"): [401, 200, 200, 200, 200, 200, 200],
    ("GET", "/programs"): [401, 200, 200, 200, 200, 200, 200],
    ("GET", "/programs/{program}"): [401, 404, 404, 200, 200, 200, 200],
    ("GET", "/programs/{program}/mentors"): [401, 404, 404, 403, 200, 200, 200],
    ("GET", "/programs/{program}/mentees"): [401, 404, 404, 403, 403, 200, 200],
    ("GET", "/participants/{mentor}"): [401, 404, 404, 403, 200, 200, 200],
    ("GET", "/participants/{mentee}"): [401, 404, 404, 403, 200, 200, 200],
    ("PATCH", "/participants/{mentor}"): [401, 404, 404, 403, 403, 200, 403],
    ("POST", "/programs/{program}/participants"): [401, 404, 404, 201, 201, 201, 201],
    ("DELETE", "/auth/token"): [401, 400, 400, 400, 400, 400, 400],
}

BODIES = {
    "PATCH": {"headline": "Edited"},
    "POST": {"role": "mentee"},
}


def _user(world, persona, member):
    return {
        "anonymous": None,
        "outsider": world.outsider.user,
        "other_admin": world.other_admin,
        "member": member,
        "mentee": world.mentee1.user,
        "mentor": world.mentor1.user,
        "admin": world.admin,
    }[persona]


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, method, path):
    member = make_member(world.org)
    url = API + path.format(
        program=world.program.public_id,
        mentor=world.mentor1.public_id,
        mentee=world.mentee1.public_id,
    )
    for persona, expected in zip(PERSONAS, MATRIX[(method, path)], strict=True):
        client = _client(_user(world, persona, member))
        body = BODIES.get(method)
        if method == "POST" and persona == "mentee":
            body = {"role": "mentor"}  # already a mentee there
        if method == "POST" and persona == "mentor":
            body = {"role": "mentee"}
        response = client.generic(
            method, url, json.dumps(body) if body else "", content_type="application/json"
        )
        assert response.status_code == expected, (persona, method, path, response.content)
        if expected >= 400:
            assert {"detail", "code"} <= set(response.json()), (persona, path)


def test_outsiders_get_the_same_404_for_existing_and_missing_ids(world, as_user):
    client = as_user(world.outsider.user)
    real = client.get(f"{API}/programs/{world.program.public_id}")
    fake = client.get(f"{API}/programs/doesnotexist")
    assert real.status_code == fake.status_code == 404
    assert real.json() == fake.json()


def test_members_do_not_see_draft_programs(world, as_user):
    draft = make_program(world.org, actor=world.admin, name="Draft", status="draft")
    assert as_user(world.mentee1.user).get(f"{API}/programs/{draft.public_id}").status_code == 404
    assert as_user(world.admin).get(f"{API}/programs/{draft.public_id}").status_code == 200


def test_mentors_cannot_browse_mentees_when_the_program_does_not_let_them(world, as_user):
    world.program.mentors_can_invite = False
    world.program.save()
    response = as_user(world.mentor1.user).get(f"{API}/programs/{world.program.public_id}/mentees")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_mentee_browsing_mentees_gets_403_with_a_reason(world, as_user):
    response = as_user(world.mentee1.user).get(f"{API}/programs/{world.program.public_id}/mentees")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only mentors can browse mentees.", "code": "forbidden"}


def test_a_blocked_member_is_treated_as_an_outsider(world, as_user):
    world.mentee1.user.memberships.update(is_blocked=True)
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/programs/{world.program.public_id}").status_code == 404
    assert client.get(f"{API}/participants/{world.mentor1.public_id}").status_code == 404
