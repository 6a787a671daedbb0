"""The mentorship endpoints of the API (list, detail, end, extend) and reporting a concern:
happy paths, refusals, who may do what, hostile input and confidentiality."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mentorwise.mentorships.models import Concern, Mentorship
from mentorwise.mentorships.services import request_accept, request_create
from mentorwise.notifications.models import Notification
from tests.api_helpers import API, HUGE, post
from tests.api_helpers import assert_error as _assert_error
from tests.factories import make_member, make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db


def _pair(world, mentor="mentor1", mentee="mentee1") -> Mentorship:
    """A mentorship made the way users make one: a request, then its acceptance."""
    request = request_create(user=getattr(world, mentee).user, to=getattr(world, mentor))
    return request_accept(request=request, user=getattr(world, mentor).user)


# ---------------------------------------------------------------- reading


def test_a_member_reads_the_mentorship_with_partner_contact_and_dates(world, as_user):
    mentorship = _pair(world)
    body = as_user(world.mentee1.user).get(f"{API}/mentorships/{mentorship.public_id}").json()
    assert body["id"] == mentorship.public_id
    assert body["status"] == "active" and body["my_role"] == "mentee"
    assert body["program"] == {"id": world.program.public_id, "name": "Story Mentoring"}
    assert body["mentor"]["id"] == world.mentor1.public_id
    assert body["mentee"]["id"] == world.mentee1.public_id
    partner = body["partner"]
    assert partner["email"] == "maya@guild.example" and partner["name"] == "Maya Mentor"
    assert partner["id"] == world.mentor1.public_id and partner["time_zone"]
    started = datetime.date.fromisoformat(body["started_on"])
    assert body["planned_end_on"] == mentorship.planned_end_on.isoformat()
    assert datetime.date.fromisoformat(body["latest_end_on"]) == started.replace(
        year=started.year + 2
    )
    assert body["ended_on"] is None and body["outcome"] is None and body["ended_by"] is None
    assert body["request_id"] == mentorship.request.public_id
    assert "end_feedback" not in body

    mentor_view = as_user(world.mentor1.user).get(f"{API}/mentorships/{mentorship.public_id}")
    assert mentor_view.json()["partner"]["email"] == "lee@guild.example"
    assert mentor_view.json()["my_role"] == "mentor"


def test_the_list_shows_the_users_mentorships_in_every_state(world, as_user):
    active = _pair(world)
    ended = make_mentorship(mentor=world.mentor2, mentee=world.mentee1, status="completed")
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)  # not mentee1's
    client = as_user(world.mentee1.user)

    def ids(query=""):
        response = client.get(f"{API}/mentorships{query}")
        assert response.status_code == 200, response.content
        return {m["id"] for m in response.json()["items"]}

    assert ids() == {active.public_id, ended.public_id}
    assert ids("?status=active") == ids("?status=open") == {active.public_id}
    assert ids("?status=completed") == ids("?status=ended") == {ended.public_id}
    assert ids("?status=closed") == set()
    items = client.get(f"{API}/mentorships").json()["items"]
    assert all(i["partner"]["email"] for i in items)
    assert as_user(world.admin).get(f"{API}/mentorships").json()["count"] == 0


@pytest.mark.parametrize("query", ["?status=finished", "?page=x", "?status=" + "a" * 3000])
def test_bad_list_filters_are_422(world, as_user, query):
    _assert_error(as_user(world.mentee1.user).get(f"{API}/mentorships{query}"), 422)


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_the_list_needs_the_same_number_of_queries_for_2_and_10_mentorships(world, as_user):
    world.mentor1.capacity = 20
    world.mentor1.save()
    client = as_user(world.mentor1.user)
    mentees = [world.mentee1, world.mentee2] + [
        make_participant(world.program, role="mentee") for _ in range(8)
    ]
    _pair(world)
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2, status="ended_early")
    client.get(f"{API}/mentorships")
    few = _count_queries(client, f"{API}/mentorships")
    for mentee in mentees[2:]:
        make_mentorship(mentor=world.mentor1, mentee=mentee)
    many = _count_queries(client, f"{API}/mentorships")
    assert client.get(f"{API}/mentorships").json()["count"] == 10
    assert few == many


# ---------------------------------------------------------------- ending


def test_a_member_ends_it_as_completed_and_the_mentor_place_is_freed(
    world, as_user, django_capture_on_commit_callbacks
):
    mentorship = _pair(world, "mentor2", "mentee1")  # mentor2 has capacity 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            as_user(world.mentee1.user),
            f"/mentorships/{mentorship.public_id}/end",
            {"outcome": "completed", "feedback": "Great program", "confirm": True},
        )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == body["outcome"] == "completed"
    assert body["ended_by"] == "mentee" and body["ended_on"]
    assert body["end_feedback"] == "Great program"  # its author sees it
    for user in (world.mentee1.user, world.mentor2.user):
        sent = [m for m in mail.outbox if user.email in m.to]
        assert len(sent) == 1 and "Story Mentoring" in sent[0].body
        assert "Story Mentoring" in sent[0].alternatives[0][0]
    # the place is free again: mentee2 can now ask mentor2
    response = post(as_user(world.mentee2.user), "/requests", {"to": world.mentor2.public_id})
    assert response.status_code == 201


def test_ending_early_needs_a_reason_and_a_confirmation(world, as_user):
    mentorship = _pair(world)
    client = as_user(world.mentor1.user)
    url = f"/mentorships/{mentorship.public_id}/end"
    body = _assert_error(post(client, url, {"outcome": "ended_early", "confirm": True}), 400)
    assert "reason" in body["errors"]
    body = _assert_error(post(client, url, {"outcome": "completed"}), 400)
    assert "confirm" in body["errors"]
    _assert_error(post(client, url, {"outcome": "completed", "confirm": False}), 400)
    _assert_error(post(client, url, {"outcome": "completed", "confirm": "yes"}), 422)
    _assert_error(post(client, url, {"outcome": "closed", "confirm": True}), 422)
    assert Mentorship.objects.get(pk=mentorship.pk).status == "active"
    response = post(
        client, url, {"outcome": "ended_early", "reason": "Moved abroad", "confirm": True}
    )
    assert response.status_code == 200
    assert response.json()["end_reason"] == "Moved abroad"
    assert response.json()["outcome"] == "ended_early"


def test_ending_an_ended_mentorship_is_409(world, as_user):
    mentorship = _pair(world)
    client = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/end"
    assert post(client, url, {"outcome": "completed", "confirm": True}).status_code == 200
    _assert_error(post(client, url, {"outcome": "completed", "confirm": True}), 409, "not_open")
    extend = f"/mentorships/{mentorship.public_id}/extend"
    _assert_error(post(client, extend, {"until": "2099-01-01"}), 409, "not_open")


def test_an_administrator_ends_it_and_gets_metadata_only(world, as_user):
    mentorship = _pair(world)
    response = post(
        as_user(world.admin),
        f"/mentorships/{mentorship.public_id}/end",
        {"outcome": "ended_early", "reason": "Reported concern", "confirm": True},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["my_role"] == "administrator" and body["ended_by"] == "administrator"
    assert "partner" not in body
    # and still cannot read it afterwards
    _assert_error(as_user(world.admin).get(f"{API}/mentorships/{mentorship.public_id}"), 404)


# ---------------------------------------------------------------- extending


def test_extending_moves_the_planned_end_within_the_programs_maximum(world, as_user):
    mentorship = _pair(world)
    client = as_user(world.mentor1.user)
    url = f"/mentorships/{mentorship.public_id}/extend"
    later = mentorship.planned_end_on + datetime.timedelta(days=60)
    response = post(client, url, {"until": later.isoformat()})
    assert response.status_code == 200
    assert response.json()["planned_end_on"] == later.isoformat()
    body = _assert_error(post(client, url, {"until": later.isoformat()}), 400)
    assert "until" in body["errors"]  # not after the current end
    too_late = mentorship.latest_end_on() + datetime.timedelta(days=1)
    _assert_error(post(client, url, {"until": too_late.isoformat()}), 400)
    latest = mentorship.latest_end_on()
    assert post(client, url, {"until": latest.isoformat()}).status_code == 200


def test_an_administrator_extends_it(world, as_user):
    mentorship = _pair(world)
    later = mentorship.planned_end_on + datetime.timedelta(days=30)
    response = post(
        as_user(world.admin),
        f"/mentorships/{mentorship.public_id}/extend",
        {"until": later.isoformat()},
    )
    assert response.status_code == 200
    assert response.json()["planned_end_on"] == later.isoformat()
    assert Notification.objects.filter(user=world.mentee1.user, kind="mentorship_extended").exists()


@pytest.mark.parametrize(
    "until", ["tomorrow", "2026-02-30", "31/12/2026", 20261231, None, "", "9" * 5000]
)
def test_extend_with_a_bad_date_is_422(world, as_user, until):
    mentorship = _pair(world)
    response = post(
        as_user(world.mentee1.user),
        f"/mentorships/{mentorship.public_id}/extend",
        {"until": until},
    )
    _assert_error(response, 422)


# ---------------------------------------------------------------- concerns


def test_a_participant_reports_a_concern_and_the_administrators_are_told(world, as_user):
    mentorship = _pair(world)
    response = post(
        as_user(world.mentee1.user),
        f"/participants/{world.mentor1.public_id}/concerns",
        {"text": "Missed three meetings without a word.", "mentorship": mentorship.public_id},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["subject"]["id"] == world.mentor1.public_id
    assert body["mentorship_id"] == mentorship.public_id and body["status"] == "open"
    concern = Concern.objects.get(public_id=body["id"])
    assert concern.reporter == world.mentee1.user
    assert Notification.objects.filter(user=world.admin, kind="concern_reported").exists()
    assert not Notification.objects.filter(user=world.mentor1.user, kind="concern_reported")


def test_any_participant_can_report_without_a_mentorship(world, as_user):
    response = post(
        as_user(world.mentee2.user),
        f"/participants/{world.mentor1.public_id}/concerns",
        {"text": "Inappropriate message."},
    )
    assert response.status_code == 201
    assert response.json()["mentorship_id"] is None


def test_concern_refusals(world, as_user):
    mine = _pair(world)
    theirs = make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    client = as_user(world.mentee1.user)
    url = f"/participants/{world.mentor1.public_id}/concerns"
    _assert_error(
        post(client, f"/participants/{world.mentee1.public_id}/concerns", {"text": "x"}), 400
    )
    _assert_error(post(client, url, {"text": "   "}), 400)
    _assert_error(post(client, url, {}), 422)
    _assert_error(post(client, url, {"text": HUGE}), 422)
    body = _assert_error(post(client, url, {"text": "x", "mentorship": theirs.public_id}), 404)
    assert "mentorship" in body["errors"]
    other_url = f"/participants/{world.mentor2.public_id}/concerns"
    body = _assert_error(post(client, other_url, {"text": "x", "mentorship": mine.public_id}), 400)
    assert "mentorship" in body["errors"]
    _assert_error(
        post(client, f"/participants/{world.outsider.public_id}/concerns", {"text": "x"}), 404
    )
    elsewhere = make_program(world.org, actor=world.admin, name="Elsewhere")
    stranger = make_participant(elsewhere, role="mentor", capacity=1)
    _assert_error(post(client, f"/participants/{stranger.public_id}/concerns", {"text": "x"}), 403)
    _assert_error(post(as_user(world.admin), url, {"text": "x"}), 403)
    assert Concern.objects.count() == 0


# ---------------------------------------------------------------- who may do what

PERSONAS = [
    "anonymous",
    "outsider",
    "other_admin",
    "other_participant",
    "admin",
    "mentor",
    "mentee",
]

MATRIX = {
    ("GET", "/mentorships"): [401, 200, 200, 200, 200, 200, 200],
    ("GET", "/mentorships/{id}"): [401, 404, 404, 404, 404, 200, 200],
    ("POST", "/mentorships/{id}/end"): [401, 404, 404, 404, 200, 200, 200],
    ("POST", "/mentorships/{id}/extend"): [401, 404, 404, 404, 200, 200, 200],
    ("POST", "/participants/{mentor}/concerns"): [401, 404, 404, 201, 403, 400, 201],
}

BODIES = {
    "/mentorships/{id}/end": {"outcome": "completed", "confirm": True},
    "/participants/{mentor}/concerns": {"text": "Something happened."},
}


def _persona(world, name):
    return {
        "anonymous": None,
        "outsider": world.outsider.user,
        "other_admin": world.other_admin,
        "other_participant": world.mentee2.user,
        "admin": world.admin,
        "mentor": world.mentor1.user,
        "mentee": world.mentee1.user,
    }[name]


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, method, path):
    for persona, expected in zip(PERSONAS, MATRIX[(method, path)], strict=True):
        Mentorship.objects.all().delete()
        mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
        client = Client()
        user = _persona(world, persona)
        if user is not None:
            client.force_login(user)
        url = API + path.format(id=mentorship.public_id, mentor=world.mentor1.public_id)
        body = BODIES.get(path)
        if path.endswith("/extend"):
            body = {"until": (mentorship.planned_end_on + datetime.timedelta(days=7)).isoformat()}
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, json.dumps(body), "application/json")
        assert response.status_code == expected, (persona, method, path, response.content)
        if expected >= 400:
            assert {"detail", "code"} <= set(response.json())


def test_a_blocked_member_no_longer_sees_their_mentorships(world, as_user):
    mentorship = _pair(world)
    world.mentee1.user.memberships.update(is_blocked=True)
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/mentorships").json()["count"] == 0
    _assert_error(client.get(f"{API}/mentorships/{mentorship.public_id}"), 404)
    _assert_error(
        post(
            client,
            f"/mentorships/{mentorship.public_id}/end",
            {"outcome": "completed", "confirm": True},
        ),
        404,
    )


# ---------------------------------------------------------------- confidentiality


def test_mentorship_detail_is_404_for_administrators_and_other_people(world, as_user):
    mentorship = _pair(world)
    member = make_member(world.org)
    for user in (world.admin, world.mentee2.user, world.mentor2.user, member, world.other_admin):
        response = as_user(user).get(f"{API}/mentorships/{mentorship.public_id}")
        missing = as_user(user).get(f"{API}/mentorships/doesnotexist")
        assert response.status_code == missing.status_code == 404
        assert response.json() == missing.json()


def test_end_feedback_is_for_its_author_and_the_administrators_not_the_partner(world, as_user):
    mentorship = _pair(world)
    post(
        as_user(world.mentee1.user),
        f"/mentorships/{mentorship.public_id}/end",
        {
            "outcome": "ended_early",
            "reason": "Schedules clash",
            "feedback": "SECRET-FEEDBACK",
            "confirm": True,
        },
    )
    author = as_user(world.mentee1.user).get(f"{API}/mentorships/{mentorship.public_id}").json()
    assert author["end_feedback"] == "SECRET-FEEDBACK"
    partner = as_user(world.mentor1.user)
    for url in (f"{API}/mentorships/{mentorship.public_id}", f"{API}/mentorships"):
        text = partner.get(url).content.decode()
        assert "SECRET-FEEDBACK" not in text and "Schedules clash" in text
    for user in (world.admin, world.mentee2.user, world.outsider.user):
        for url in (f"{API}/mentorships", f"{API}/mentorships/{mentorship.public_id}"):
            assert "SECRET" not in as_user(user).get(url).content.decode()


# ---------------------------------------------------------------- hostile input

WRONG_BODIES = [
    b"",
    b"{",
    b"not json",
    b"\xff\xfe\x00garbage",
    b"[]",
    b"123",
    b"null",
    b'"string"',
    b"{}",
    json.dumps({"unknown": 1}).encode(),
    json.dumps({"outcome": 5, "confirm": "true"}).encode(),
    json.dumps({"outcome": "completed", "confirm": True, "reason": HUGE}).encode(),
    json.dumps({"outcome": "completed", "confirm": True, "feedback": HUGE}).encode(),
    json.dumps({"outcome": ["completed"], "confirm": [True]}).encode(),
    json.dumps({"until": HUGE}).encode(),
    json.dumps({"until": {"y": 2026}}).encode(),
    json.dumps({"text": HUGE}).encode(),
    json.dumps({"text": 5, "mentorship": 7}).encode(),
    json.dumps({"text": "x", "mentorship": HUGE}).encode(),
    json.dumps({"text": None}).encode(),
]

ODD_IDS = ["doesnotexist", HUGE, "%00", "..%2F..%2Fetc", "123", "ünïcödé", "'; DROP TABLE x;--"]


def _assert_4xx(response, label):
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"], label
    assert isinstance(body["code"], str) and body["code"], label


def test_wrong_bodies_are_4xx_never_500(world, as_user):
    mentorship = _pair(world)
    client = as_user(world.mentee1.user)
    for path in (
        f"/mentorships/{mentorship.public_id}/end",
        f"/mentorships/{mentorship.public_id}/extend",
        f"/participants/{world.mentor1.public_id}/concerns",
    ):
        for body in WRONG_BODIES:
            response = client.post(API + path, body, content_type="application/json")
            _assert_4xx(response, (path, body[:60]))
    assert Mentorship.objects.get(pk=mentorship.pk).status == "active"
    assert Concern.objects.count() == 0


def test_odd_and_foreign_ids_are_404(world, as_user):
    foreign_mentor = make_participant(world.other_program, role="mentor", capacity=2)
    foreign = make_mentorship(mentor=foreign_mentor, mentee=world.outsider)
    client = as_user(world.admin)
    for odd in [*ODD_IDS, foreign.public_id]:
        response = client.get(f"{API}/mentorships/{odd}")
        _assert_4xx(response, odd[:20])
        assert response.status_code == 404
        for action, body in (
            ("end", {"outcome": "completed", "confirm": True}),
            ("extend", {"until": "2099-01-01"}),
        ):
            response = post(client, f"/mentorships/{odd}/{action}", body)
            assert response.status_code == 404, (odd[:20], action)
        response = post(client, f"/participants/{odd}/concerns", {"text": "x"})
        assert response.status_code == 404, odd[:20]
    assert Mentorship.objects.get(pk=foreign.pk).status == "active"
