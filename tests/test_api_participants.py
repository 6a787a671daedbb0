"""Profiles through the API: who sees what (the 15 Questions above all) and editing one's own."""

import json

import pytest

from mentorwise.profiles.services import fifteen_answers_save
from tests.factories import make_mentorship

API = "/api/v1"


def patch(client, path, data):
    return client.patch(API + path, json.dumps(data), content_type="application/json")


@pytest.fixture
def answered(world):
    """mentor1 has answered the first of the 15 Questions."""
    first = world.program.fifteen_questions.order_by("position").first()
    fifteen_answers_save(
        participant=world.mentor1, actor=world.mentor1.user, answers={first.pk: "Secret pre-read"}
    )
    return world


def test_a_participant_profile_for_another_participant(world, as_user):
    response = as_user(world.mentee1.user).get(f"{API}/participants/{world.mentor1.public_id}")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == world.mentor1.public_id
    assert data["user"]["name"] == "Maya Mentor"
    assert data["user"]["headline"] == "Storyboard supervisor"
    assert data["expertise"] == ["Pitching", "Storyboarding"]
    assert data["languages"] == ["English", "Spanish"]
    assert data["remaining_capacity"] == 2
    assert data["is_me"] is False
    for private in ("fifteen_questions", "answers", "department", "reports_to"):
        assert private not in data, private


def test_fifteen_questions_are_visible_to_their_author(answered, as_user):
    data = (
        as_user(answered.mentor1.user)
        .get(f"{API}/participants/{answered.mentor1.public_id}")
        .json()
    )
    assert data["fifteen_questions"][0]["answer"] == "Secret pre-read"
    assert len(data["fifteen_questions"]) == 15


def test_fifteen_questions_are_visible_to_a_partner_in_an_active_mentorship(answered, as_user):
    make_mentorship(mentor=answered.mentor1, mentee=answered.mentee1)
    data = (
        as_user(answered.mentee1.user)
        .get(f"{API}/participants/{answered.mentor1.public_id}")
        .json()
    )
    assert data["fifteen_questions"][0]["answer"] == "Secret pre-read"


@pytest.mark.parametrize("viewer", ["admin", "mentee2", "mentor2"])
def test_fifteen_questions_are_absent_for_admins_and_other_participants(answered, as_user, viewer):
    make_mentorship(mentor=answered.mentor1, mentee=answered.mentee1)
    user = answered.admin if viewer == "admin" else getattr(answered, viewer).user
    response = as_user(user).get(f"{API}/participants/{answered.mentor1.public_id}")
    assert response.status_code == 200
    assert "fifteen_questions" not in response.json()
    assert b"Secret pre-read" not in response.content


def test_fifteen_questions_are_absent_after_the_mentorship_ends(answered, as_user):
    make_mentorship(mentor=answered.mentor1, mentee=answered.mentee1, status="completed")
    data = (
        as_user(answered.mentee1.user)
        .get(f"{API}/participants/{answered.mentor1.public_id}")
        .json()
    )
    assert "fifteen_questions" not in data


def test_admins_see_application_answers_and_reporting_line(world, as_user):
    data = as_user(world.admin).get(f"{API}/participants/{world.mentee1.public_id}").json()
    assert data["answers"] == {}
    assert data["department"] == "" and data["reports_to"] == ""


def test_editing_my_own_profile(world, as_user):
    client = as_user(world.mentor1.user)
    response = patch(
        client,
        f"/participants/{world.mentor1.public_id}",
        {
            "name": "Maya M. Mentor",
            "headline": "Head of story",
            "expertise": ["Storyboarding", "Editing"],
            "time_zone": "Europe/Madrid",
            "work_mode": "remote",
            "capacity": 4,
            "fifteen_questions": {"1": "My own answer"},
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["user"]["name"] == "Maya M. Mentor"
    assert data["user"]["headline"] == "Head of story"
    assert data["expertise"] == ["Editing", "Storyboarding"]
    assert data["time_zone"] == "Europe/Madrid"
    assert data["work_mode"] == "remote"
    assert data["capacity"] == 4 and data["remaining_capacity"] == 4
    assert data["bio"] == "Twenty years of story work."  # untouched fields stay
    assert data["fifteen_questions"][0]["answer"] == "My own answer"
    world.mentor1.refresh_from_db()
    assert world.mentor1.capacity == 4


def test_editing_with_invalid_values_is_4xx_and_changes_nothing(world, as_user):
    client = as_user(world.mentor1.user)
    url = f"/participants/{world.mentor1.public_id}"
    bad_zone = patch(client, url, {"headline": "Changed", "time_zone": "Mars/Olympus"})
    assert bad_zone.status_code == 400
    assert bad_zone.json()["errors"] == {"time_zone": ["Choose a time zone from the list."]}
    bad_capacity = patch(client, url, {"headline": "Changed", "capacity": 0})
    assert bad_capacity.status_code == 422
    assert "capacity" in bad_capacity.json()["errors"]
    unknown = patch(client, url, {"favourite_colour": "blue"})
    assert unknown.status_code == 422
    assert "favourite_colour" in unknown.json()["errors"]
    bad_position = patch(client, url, {"headline": "Changed", "fifteen_questions": {"99": "x"}})
    assert bad_position.status_code == 400
    data = client.get(API + url).json()
    assert data["user"]["headline"] == "Storyboard supervisor"


def test_editing_someone_elses_profile_is_403(world, as_user):
    for user in (world.mentee1.user, world.admin):
        response = patch(
            as_user(user), f"/participants/{world.mentor1.public_id}", {"headline": "Hacked"}
        )
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"
    world.mentor1.user.profile.refresh_from_db()
    assert world.mentor1.user.profile.headline == "Storyboard supervisor"


def test_editing_another_organizations_participant_is_404(world, as_user):
    response = patch(
        as_user(world.mentor1.user),
        f"/participants/{world.outsider.public_id}",
        {"headline": "Hacked"},
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
