"""Programs through the API: list, detail with policies, joining, searching."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorwise.profiles.models import Participant
from mentorwise.programs.services import question_save
from tests.factories import make_mentorship, make_participant, make_program

API = "/api/v1"


def post(client, path, data):
    return client.post(API + path, json.dumps(data), content_type="application/json")


def test_program_list_shows_the_programs_of_my_organizations(world, as_user):
    make_program(world.org, actor=world.admin, name="Hidden Draft", status="draft")
    response = as_user(world.mentee1.user).get(API + "/programs")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["page"] == 1 and data["pages"] == 1
    item = data["items"][0]
    assert item["id"] == world.program.public_id
    assert item["organization"] == {"id": world.org.public_id, "name": "Animation Guild"}
    assert item["my_roles"] == ["mentee"]


def test_admins_see_their_drafts_in_the_program_list(world, as_user):
    make_program(world.org, actor=world.admin, name="Hidden Draft", status="draft")
    names = [p["name"] for p in as_user(world.admin).get(API + "/programs").json()["items"]]
    assert names == ["Hidden Draft", "Story Mentoring"]


def test_program_list_is_paginated_and_clamps_page_size(world, as_user):
    for i in range(3):
        make_program(world.org, actor=world.admin, name=f"Extra {i}")
    client = as_user(world.admin)
    data = client.get(API + "/programs?page=2&page_size=2").json()
    assert data["count"] == 4 and data["pages"] == 2 and data["page"] == 2
    assert len(data["items"]) == 2
    clamped = client.get(API + "/programs?page_size=1000").json()
    assert clamped["page"] == 1 and len(clamped["items"]) == 4
    for bad in ("page=0", "page_size=0", "page=-1", "page_size=-5"):
        response = client.get(API + "/programs?" + bad)
        assert response.status_code == 422, bad
        assert response.json()["errors"]
    past_the_end = client.get(API + "/programs?page=9").json()
    assert past_the_end["items"] == [] and past_the_end["count"] == 4
    assert client.get(API + "/programs?page=abc").status_code == 422


def test_program_detail_has_every_policy(world, as_user):
    question_save(program=world.program, actor=world.admin, label="Why?", required=True)
    response = as_user(world.mentor1.user).get(f"{API}/programs/{world.program.public_id}")
    assert response.status_code == 200
    data = response.json()
    for field in [
        "format",
        "matching_mode",
        "status",
        "application_opens_on",
        "application_closes_on",
        "starts_on",
        "ends_on",
        "requires_approval",
        "mentors_can_invite",
        "mentors_outside_reporting_line",
        "partnership_months",
        "max_mentors_per_mentee",
        "default_mentor_capacity",
        "group_size",
        "request_reminder_days",
        "request_expiry_days",
        "open_request_cap",
        "profile_release_days",
        "auto_close_months",
        "expected_hours_per_month",
        "goals_due_days",
    ]:
        assert field in data, field
        assert data["policies"][field] == data[field], field
    assert data["max_mentors_per_mentee"] == 2
    assert data["request_expiry_days"] == 14
    assert data["expected_hours_per_month"] == 2.0
    assert data["questions"][0]["label"] == "Why?"
    assert len(data["fifteen_questions"]) == 15
    assert data["my_participants"][0]["id"] == world.mentor1.public_id


def test_joining_a_program_as_a_mentor(world, as_user):
    program = make_program(world.org, actor=world.admin, name="Second Program")
    question = question_save(program=program, actor=world.admin, label="Why?", required=True)
    client = as_user(world.mentee1.user)
    missing = post(client, f"/programs/{program.public_id}/participants", {"role": "mentor"})
    assert missing.status_code == 400
    assert question.public_id in missing.json()["errors"]
    response = post(
        client,
        f"/programs/{program.public_id}/participants",
        {"role": "mentor", "answers": {question.public_id: "To give back"}, "capacity": 3},
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["role"] == "mentor" and data["capacity"] == 3 and data["remaining_capacity"] == 3
    assert data["answers"] == {question.public_id: "To give back"}
    assert data["fifteen_questions"][0]["answer"] == ""  # the author sees their own
    again = post(client, f"/programs/{program.public_id}/participants", {"role": "mentor"})
    assert again.status_code == 409
    assert again.json()["code"] == "already_participant"


def test_joining_a_closed_program_is_409(world, as_user):
    program = make_program(world.org, actor=world.admin, name="Closed", status="closed")
    response = post(
        as_user(world.mentee1.user),
        f"/programs/{program.public_id}/participants",
        {"role": "mentee"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "program_closed"


def test_mentor_search_returns_remaining_capacity(world, as_user):
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    response = as_user(world.mentee2.user).get(f"{API}/programs/{world.program.public_id}/mentors")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    by_name = {i["user"]["name"]: i for i in data["items"]}
    assert by_name["Maya Mentor"]["capacity"] == 2
    assert by_name["Maya Mentor"]["remaining_capacity"] == 1
    assert by_name["Omar Mentor"]["remaining_capacity"] == 1
    assert by_name["Maya Mentor"]["expertise"] == ["Pitching", "Storyboarding"]
    assert "fifteen_questions" not in by_name["Maya Mentor"]


def test_mentor_search_filters(world, as_user):
    client = as_user(world.mentee1.user)
    url = f"{API}/programs/{world.program.public_id}/mentors"

    def names(query):
        response = client.get(url + query)
        assert response.status_code == 200, response.content
        return [i["user"]["name"] for i in response.json()["items"]]

    assert names("?q=rigging") == ["Omar Mentor"]
    assert names("?expertise=Storyboarding") == ["Maya Mentor"]
    assert names("?language=french") == ["Omar Mentor"]
    assert names("?industry=animation") == ["Maya Mentor"]
    assert names("?timezone=Europe/Paris") == ["Omar Mentor"]
    assert names("?location=burb") == ["Maya Mentor"]
    assert names("?remote=true") == ["Maya Mentor", "Omar Mentor"]  # both work either way
    assert names("?sort=name") == ["Maya Mentor", "Omar Mentor"]
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    assert names("?available=true") == ["Maya Mentor"]
    assert names("?available=true&sort=room") == ["Maya Mentor"]


def test_mentee_search_for_mentors(world, as_user):
    response = as_user(world.mentor1.user).get(f"{API}/programs/{world.program.public_id}/mentees")
    assert response.status_code == 200
    items = response.json()["items"]
    assert sorted(i["user"]["name"] for i in items) == ["Ana Mentee", "Lee Mentee"]
    assert "remaining_capacity" not in items[0] and "capacity" not in items[0]
    lee = next(i for i in items if i["user"]["name"] == "Lee Mentee")
    assert lee["interests"] == ["Storyboarding"]


def _count_search_queries(client, url) -> int:
    client.get(url)  # warm up: the first request of a session also records "last active"
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_queries_are_constant_in_number(world, as_user):
    client = as_user(world.mentee1.user)
    mentors_url = f"{API}/programs/{world.program.public_id}/mentors?page_size=100"
    mentees_url = f"{API}/programs/{world.program.public_id}/mentees?page_size=100"
    mentor_client = as_user(world.mentor1.user)
    make_participant(
        world.program,
        role="mentor",
        capacity=2,
        profile={"expertise": ["A"], "interests": ["B"], "languages": ["C"]},
    )
    small = _count_search_queries(client, mentors_url)
    small_mentees = _count_search_queries(mentor_client, mentees_url)
    assert len(client.get(mentors_url).json()["items"]) == 3
    for i in range(27):
        mentor = make_participant(
            world.program,
            role="mentor",
            capacity=3,
            profile={
                "expertise": [f"E{i}", "Shared"],
                "interests": [f"I{i}"],
                "languages": ["English", f"L{i}"],
            },
        )
        mentee = make_participant(
            world.program, role="mentee", profile={"interests": [f"I{i}"], "languages": ["English"]}
        )
        if i % 3 == 0:
            make_mentorship(mentor=mentor, mentee=mentee)
    assert len(client.get(mentors_url).json()["items"]) == 30
    assert _count_search_queries(client, mentors_url) == small
    assert _count_search_queries(mentor_client, mentees_url) == small_mentees


def test_program_list_queries_are_constant_in_number(world, as_user):
    client = as_user(world.admin)
    small = _count_search_queries(client, API + "/programs")
    for i in range(10):
        make_program(world.org, actor=world.admin, name=f"More {i}")
    assert _count_search_queries(client, API + "/programs") == small


def test_applied_participants_are_not_in_search(world, as_user):
    program = make_program(world.org, actor=world.admin, name="Approval", requires_approval=True)
    applied = make_participant(program, role="mentor", capacity=1)
    assert applied.status == Participant.Status.APPLIED
    data = as_user(world.admin).get(f"{API}/programs/{program.public_id}/mentors").json()
    assert data["count"] == 0
