"""The privacy gate: every page and endpoint that reads a mentorship or a request answers the
same for each role, because they all fetch through `mentorships.access`.

Roles: the pair itself, a member of another pair, the program's administrator, another
organization's administrator, someone not signed in, and a member of the pair who has since
been blocked (who must lose the pair everywhere alike: pages, API and "My mentorships").
"""

import pytest
from django.test import Client

from mentorwise.mentorships.access import can_read_fifteen_answers
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.profiles.models import FifteenAnswer
from tests.factories import make_mentorship
from tests.privacy import client_as as _client

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]
SECRET = "My boundaries: no calls after eight"


@pytest.fixture
def gate(world):
    """Lee and Maya work together (Maya's 15 Questions answered); Ana and Omar are another pair;
    Ana has asked Maya for a mentorship, still waiting."""
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    request = MentorshipRequest.objects.create(
        program=world.program, mentor=world.mentor1, mentee=world.mentee2, message="Hello"
    )
    question = world.program.fifteen_questions.first()
    FifteenAnswer.objects.create(participant=world.mentor1, question=question, answer=SECRET)
    return world, pair, request


# The member pages of one mentorship: the pair reads them; everyone else, administrators
# included, gets 404 (anonymous visitors are sent to sign in).
MEMBER_PAGES = ["/mentorships/{m}/", "/mentorships/{m}/end/", "/mentorships/{m}/concern/"]
MEMBER_PAGE_STATUS = {
    "pair": 200,
    "other_pair": 404,
    "admin": 404,
    "other_admin": 404,
    "anonymous": 302,
    "blocked": 404,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_of_a_mentorship_open_to_the_pair_only(gate, role, path):
    world, pair, _ = gate
    response = _client(world, role).get(path.format(m=pair.public_id))
    assert response.status_code == MEMBER_PAGE_STATUS[role]


# The API: the same answers, 401 for anonymous callers.
API_STATUS = {**MEMBER_PAGE_STATUS, "anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_api_mentorship_open_to_the_pair_only(gate, role):
    world, pair, _ = gate
    response = _client(world, role).get(f"/api/v1/mentorships/{pair.public_id}")
    assert response.status_code == API_STATUS[role]
    if response.status_code == 404:
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("role", ROLES)
def test_lists_of_mentorships_agree_between_page_and_api(gate, role):
    """My mentorships (the page) and `GET /mentorships` show the same pairs, through the same gate: a
    blocked member no longer sees the pair on either."""
    world, pair, _ = gate
    client = _client(world, role)
    page = client.get("/mentorships/")
    api = client.get("/api/v1/mentorships")
    if role == "anonymous":
        assert page.status_code == 302 and api.status_code == 401
        return
    ids = {item["id"] for item in api.json()["items"]}
    shown_on_page = f"/mentorships/{pair.public_id}/" in page.content.decode()
    assert shown_on_page == (pair.public_id in ids) == (role == "pair")


@pytest.mark.parametrize("role", ROLES)
def test_request_readable_by_its_two_people_only(gate, role):
    world, _, request = gate
    response = _client(world, role).get(f"/api/v1/requests/{request.public_id}")
    # Ana (other_pair) sent it; Lee's side (pair, blocked) has nothing to do with it.
    expected = {"other_pair": 200, "anonymous": 401}.get(role, 404)
    assert response.status_code == expected


def test_request_readable_by_its_recipient_and_not_once_blocked(gate):
    world, _, request = gate
    maya = Client()
    maya.force_login(world.mentor1.user)
    assert maya.get(f"/api/v1/requests/{request.public_id}").status_code == 200
    assert maya.get(f"/requests/{request.public_id}/decline/").status_code == 200
    world.mentor1.user.memberships.update(is_blocked=True)
    assert maya.get(f"/api/v1/requests/{request.public_id}").status_code == 404
    assert maya.get(f"/requests/{request.public_id}/decline/").status_code == 404
    assert MentorshipRequest.objects.visible_to(world.mentor1.user).count() == 0


# The administrators' page of a mentorship: metadata for the organization's administrators,
# 403 for its members, 404 beyond the organization.
ADMIN_PAGE_STATUS = {
    "pair": 403,
    "other_pair": 403,
    "admin": 200,
    "other_admin": 404,
    "anonymous": 302,
    "blocked": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_administrators_page_of_a_mentorship(gate, role):
    world, pair, _ = gate
    response = _client(world, role).get(f"/manage/mentorships/{pair.public_id}/")
    assert response.status_code == ADMIN_PAGE_STATUS[role]
    if role == "admin":
        assert SECRET not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_fifteen_answers_reach_the_partner_only_on_page_and_api(gate, role):
    world, _, _ = gate
    client = _client(world, role)
    page = client.get(f"/people/{world.mentor1.public_id}/")
    api = client.get(f"/api/v1/participants/{world.mentor1.public_id}")
    partner = role == "pair"
    assert (SECRET in page.content.decode()) is partner
    if api.status_code == 200:
        assert ("fifteen_questions" in api.json()) is partner
    if partner:
        assert api.json()["fifteen_questions"][0]["answer"] == SECRET


def test_fifteen_answers_close_when_the_mentorship_ends(gate):
    world, pair, _ = gate
    assert can_read_fifteen_answers(world.mentee1.user, world.mentor1)
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.COMPLETED)
    assert not can_read_fifteen_answers(world.mentee1.user, world.mentor1)
    assert can_read_fifteen_answers(world.mentor1.user, world.mentor1)  # the author, always


def test_visible_to_is_empty_for_anonymous_visitors(gate):
    from django.contrib.auth.models import AnonymousUser

    assert not Mentorship.objects.visible_to(AnonymousUser()).exists()
    assert not MentorshipRequest.objects.visible_to(AnonymousUser()).exists()
