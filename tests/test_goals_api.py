"""The goals endpoints of API.md ("The pair's workspace"): list and add, read with history,
update with a note, delete; errors as JSON; the pair alone reads and writes."""

import datetime
import json

import pytest

from mentorwise.goals.models import Goal
from mentorwise.goals.services import goal_create
from mentorwise.notifications.models import OutboxEmail
from tests.api_helpers import API, assert_error, post
from tests.factories import make_mentorship
from tests.privacy import client_as as _client

FUTURE = (datetime.date.today() + datetime.timedelta(days=45)).isoformat()
BODY = {
    "title": "Pitch a storyboard to the development team",
    "measure": "A 10-panel board pitched in the monthly review",
    "why": "Story lead roles ask for pitching experience",
    "due_on": FUTURE,
}


@pytest.fixture
def pair(world):
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def patch(client, path, body):
    return client.patch(API + path, json.dumps(body), content_type="application/json")


def _goal(pair, user, **extra):
    return goal_create(
        mentorship=pair,
        user=user,
        **{**BODY, "due_on": datetime.date.fromisoformat(FUTURE), **extra},
    )


def test_post_adds_a_goal_and_answers_201_with_it(world, pair, as_user):
    response = post(as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/goals", BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == BODY["title"] and body["due_on"] == FUTURE
    assert (body["status"], body["progress"], body["overdue"]) == ("not_started", 0, False)
    assert body["created_by"] == {"id": world.mentee1.public_id, "name": "Lee Mentee"}
    assert len(body["history"]) == 1 and body["history"][0]["changed"] == ["created"]
    assert Goal.objects.get().public_id == body["id"]
    assert OutboxEmail.objects.filter(kind="goal_added", to_email=world.mentor1.user.email)


def test_get_lists_the_pairs_goals_paginated(world, pair, as_user):
    for n in range(3):
        _goal(pair, world.mentee1.user, title=f"Goal {n}")
    client = as_user(world.mentor1.user)
    body = client.get(f"{API}/mentorships/{pair.public_id}/goals?page_size=2").json()
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 2)
    assert [g["title"] for g in body["items"]] == ["Goal 0", "Goal 1"]
    assert set(body["items"][0]) >= {"id", "title", "measure", "why", "due_on", "status"}
    last = client.get(f"{API}/mentorships/{pair.public_id}/goals?page=2&page_size=2").json()
    assert [g["title"] for g in last["items"]] == ["Goal 2"]


def test_get_one_goal_returns_its_history(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    client = as_user(world.mentor1.user)
    patch(client, f"/goals/{goal.public_id}", {"progress": 40, "note": "Thumbnails done"})
    body = client.get(f"{API}/goals/{goal.public_id}").json()
    assert body["progress"] == 40 and body["status"] == "in_progress"
    first, second = body["history"]
    assert first["by"]["name"] == "Lee Mentee" and first["changed"] == ["created"]
    assert second["by"] == {"id": world.mentor1.public_id, "name": "Maya Mentor"}
    assert (second["progress"], second["status"], second["note"]) == (
        40,
        "in_progress",
        "Thumbnails done",
    )
    assert "T" in second["at"] and ("+" in second["at"] or second["at"].endswith("Z"))


def test_patch_achieved_sets_progress_100(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    body = patch(as_user(world.mentee1.user), f"/goals/{goal.public_id}", {"status": "achieved"})
    assert body.status_code == 200
    assert body.json()["progress"] == 100


@pytest.mark.parametrize("progress", [-5, 101])
def test_progress_outside_0_to_100_is_a_400_on_field_progress(world, pair, as_user, progress):
    goal = _goal(pair, world.mentee1.user)
    client = as_user(world.mentee1.user)
    body = assert_error(patch(client, f"/goals/{goal.public_id}", {"progress": progress}), 400)
    assert "progress" in body["errors"]
    created = post(client, f"/mentorships/{pair.public_id}/goals", {**BODY, "progress": progress})
    assert "progress" in assert_error(created, 400)["errors"]


def test_invalid_fields_answer_with_errors_never_a_500(world, pair, as_user):
    client = as_user(world.mentee1.user)
    url = f"/mentorships/{pair.public_id}/goals"
    assert "due_on" in assert_error(post(client, url, {**BODY, "due_on": "soon"}), 422)["errors"]
    assert "status" in assert_error(post(client, url, {**BODY, "status": "won"}), 422)["errors"]
    assert "title" in assert_error(post(client, url, {**BODY, "title": ""}), 400)["errors"]
    assert "colour" in assert_error(post(client, url, {**BODY, "colour": "red"}), 422)["errors"]
    goal = _goal(pair, world.mentee1.user)
    body = assert_error(patch(client, f"/goals/{goal.public_id}", {"note": "x" * 501}), 400)
    assert "note" in body["errors"]
    assert_error(post(client, url, {**BODY, "title": "\ud800"}), 422)


def test_delete_answers_204_and_the_goal_is_gone(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    client = as_user(world.mentor1.user)
    assert client.delete(f"{API}/goals/{goal.public_id}").status_code == 204
    assert_error(client.get(f"{API}/goals/{goal.public_id}"), 404, "not_found")


def test_an_ended_mentorship_is_readable_and_refuses_writes_with_409(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    pair.status = "ended_early"
    pair.save()
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/goals/{goal.public_id}").status_code == 200
    assert client.get(f"{API}/mentorships/{pair.public_id}/goals").json()["count"] == 1
    assert_error(post(client, f"/mentorships/{pair.public_id}/goals", BODY), 409, "not_open")
    assert_error(patch(client, f"/goals/{goal.public_id}", {"progress": 5}), 409, "not_open")
    assert_error(client.delete(f"{API}/goals/{goal.public_id}"), 409, "not_open")


# ------------------------------------------------------------------------------ privacy matrix

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]
STATUS = {
    "pair": 200,
    "other_pair": 404,
    "admin": 404,
    "other_admin": 404,
    "anonymous": 401,
    "blocked": 404,
}


def _calls(pair, goal):
    m, g = pair.public_id, goal.public_id
    return {
        "list": lambda c: c.get(f"{API}/mentorships/{m}/goals"),
        "add": lambda c: post(c, f"/mentorships/{m}/goals", BODY),
        "get": lambda c: c.get(f"{API}/goals/{g}"),
        "patch": lambda c: patch(c, f"/goals/{g}", {"progress": 77, "note": "mine"}),
        "delete": lambda c: c.delete(f"{API}/goals/{g}"),
    }


SUCCESS = {"list": 200, "add": 201, "get": 200, "patch": 200, "delete": 204}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("call", list(SUCCESS))
def test_goal_endpoints_open_to_the_pair_only(world, pair, role, call):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    goal = _goal(pair, world.mentee1.user, title="A very private aim")
    response = _calls(pair, goal)[call](_client(world, role))
    if role == "pair":
        assert response.status_code == SUCCESS[call], response.content
        return
    body = assert_error(response, STATUS[role])
    assert "A very private aim" not in json.dumps(body)
    goal.refresh_from_db()
    assert goal.progress == 0 and Goal.objects.count() == 1
