"""The notification endpoints: the list with its unread count, marking read, and e-mail
preferences per category; each person sees only their own."""

import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mentorwise.mentorships.services import request_create
from mentorwise.notifications.models import Notification, NotificationPreference, OutboxEmail
from tests.api_helpers import API, HUGE, post

pytestmark = pytest.mark.django_db


def put(client, path, body):
    return client.put(API + path, json.dumps(body), content_type="application/json")


def _notice(user, title="Something happened", category="requests", **extra):
    return Notification.objects.create(
        user=user, category=category, kind="test", title=title, url="/mentorships/", **extra
    )


def _assert_4xx(response, label=""):
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"], label
    assert isinstance(body["code"], str) and body["code"], label
    return body


def test_the_list_has_the_users_notices_newest_first_with_the_unread_count(world, as_user):
    request_create(user=world.mentee1.user, to=world.mentor1, message="Hello")
    _notice(world.mentor2.user, title="Not Maya's")
    response = as_user(world.mentor1.user).get(f"{API}/notifications")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["unread"] == 1
    item = body["items"][0]
    assert item["kind"] == "request_received" and item["category"] == "requests"
    assert "Lee Mentee" in item["title"] and not item["is_read"] and item["read_at"] is None
    assert item["url"].startswith("http") and item["url"].endswith("/mentorships/")
    assert not item["id"].isdigit()
    assert str(Notification.objects.get(user=world.mentor1.user).pk) not in item["id"]


def test_the_list_is_paginated_and_filters_unread(world, as_user):
    user = world.mentee1.user
    notices = [_notice(user, title=f"Notice {i}") for i in range(5)]
    Notification.objects.filter(pk=notices[0].pk).update(read_at=notices[0].created_at)
    client = as_user(user)
    body = client.get(f"{API}/notifications?page=2&page_size=2").json()
    assert body["count"] == 5 and body["pages"] == 3 and len(body["items"]) == 2
    assert body["unread"] == 4
    assert client.get(f"{API}/notifications?unread=true").json()["count"] == 4
    assert client.get(f"{API}/notifications?unread=false").json()["count"] == 1
    titles = [i["title"] for i in client.get(f"{API}/notifications").json()["items"]]
    assert titles == [f"Notice {i}" for i in reversed(range(5))]


def test_marking_some_read_leaves_the_others(world, as_user):
    user = world.mentee1.user
    _notice(user, title="A")
    _notice(user, title="B")
    _notice(user, title="C")
    client = as_user(user)
    items = client.get(f"{API}/notifications").json()["items"]
    ids = [i["id"] for i in items if i["title"] in {"A", "C"}]
    response = post(client, "/notifications/read", {"ids": ids})
    assert response.status_code == 200
    assert response.json() == {"marked": 2, "unread": 1}
    unread = client.get(f"{API}/notifications?unread=true").json()["items"]
    assert [i["title"] for i in unread] == ["B"]
    # marking again changes nothing
    assert post(client, "/notifications/read", {"ids": ids}).json() == {"marked": 0, "unread": 1}


@pytest.mark.parametrize("body", [None, {}, {"ids": None}])
def test_an_empty_body_marks_everything_read(world, as_user, body):
    user = world.mentee1.user
    for _ in range(3):
        _notice(user)
    other = _notice(world.mentee2.user)
    response = post(as_user(user), "/notifications/read", body)
    assert response.status_code == 200
    assert response.json() == {"marked": 3, "unread": 0}
    other.refresh_from_db()
    assert other.read_at is None


def test_other_peoples_and_unknown_ids_are_ignored(world, as_user):
    mine = _notice(world.mentee1.user)
    theirs = _notice(world.mentee2.user)
    their_id = as_user(world.mentee2.user).get(f"{API}/notifications").json()["items"][0]["id"]
    response = post(
        as_user(world.mentee1.user),
        "/notifications/read",
        {"ids": [their_id, "doesnotexist", "1", str(theirs.pk), "", "ü" * 13, "a" * 13]},
    )
    assert response.status_code == 200
    assert response.json() == {"marked": 0, "unread": 1}
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.read_at is None and mine.read_at is None


def test_the_list_needs_the_same_number_of_queries_for_2_and_10_notices(world, as_user):
    user = world.mentee1.user
    client = as_user(user)
    for _ in range(2):
        _notice(user)
    client.get(f"{API}/notifications")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{API}/notifications").status_code == 200
        return len(ctx)

    few = count()
    for _ in range(8):
        _notice(user)
    assert count() == few
    assert client.get(f"{API}/notifications").json()["count"] == 10


# ---------------------------------------------------------------- preferences


def test_preferences_default_to_immediate_and_security_cannot_change(world, as_user):
    body = as_user(world.mentee1.user).get(f"{API}/notifications/preferences").json()
    assert body["modes"] == {
        "requests": "immediate",
        "mentorships": "immediate",
        "messages": "immediate",
        "reminders": "immediate",
        "program": "immediate",
        "security": "immediate",
    }
    locked = {c["category"]: c["can_change"] for c in body["categories"]}
    assert locked["security"] is False and locked["requests"] is True


def test_changing_a_preference_changes_how_mail_is_sent(
    world, as_user, django_capture_on_commit_callbacks
):
    client = as_user(world.mentor1.user)
    response = put(client, "/notifications/preferences", {"requests": "digest"})
    assert response.status_code == 200
    assert response.json()["modes"]["requests"] == "digest"
    assert response.json()["modes"]["mentorships"] == "immediate"
    assert put(client, "/notifications/preferences", {"reminders": "off"}).json()["modes"] == {
        "requests": "digest",
        "mentorships": "immediate",
        "messages": "immediate",
        "reminders": "off",
        "program": "immediate",
        "security": "immediate",
    }
    with django_capture_on_commit_callbacks(execute=True):
        request_create(user=world.mentee1.user, to=world.mentor1)
    assert not OutboxEmail.objects.filter(to_email=world.mentor1.user.email).exists()
    assert not [m for m in mail.outbox if world.mentor1.user.email in m.to]
    notice = Notification.objects.get(user=world.mentor1.user)
    assert notice.digest_pending  # in the app now, by e-mail in the daily digest


@pytest.mark.parametrize(
    "body",
    [
        {"security": "off"},
        {"requests": "weekly"},
        {"requests": 1},
        {"unknown": "off"},
        {"requests": HUGE},
        {"requests": ["off"]},
    ],
)
def test_bad_preferences_are_422_and_change_nothing(world, as_user, body):
    client = as_user(world.mentee1.user)
    _assert_4xx(put(client, "/notifications/preferences", body))
    assert not NotificationPreference.objects.filter(user=world.mentee1.user).exists()


def test_security_immediate_is_accepted(world, as_user):
    response = put(
        as_user(world.mentee1.user), "/notifications/preferences", {"security": "immediate"}
    )
    assert response.status_code == 200


# ---------------------------------------------------------------- who may do what

PERSONAS = ["anonymous", "outsider", "other_admin", "member", "admin"]

MATRIX = {
    ("GET", "/notifications"): [401, 200, 200, 200, 200],
    ("POST", "/notifications/read"): [401, 200, 200, 200, 200],
    ("GET", "/notifications/preferences"): [401, 200, 200, 200, 200],
    ("PUT", "/notifications/preferences"): [401, 200, 200, 200, 200],
}


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, method, path):
    users = {
        "anonymous": None,
        "outsider": world.outsider.user,
        "other_admin": world.other_admin,
        "member": world.mentee1.user,
        "admin": world.admin,
    }
    for persona, expected in zip(PERSONAS, MATRIX[(method, path)], strict=True):
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        body = json.dumps({"requests": "digest"} if method == "PUT" else {})
        response = client.generic(method, API + path, body, content_type="application/json")
        assert response.status_code == expected, (persona, method, path, response.content)
        if expected >= 400:
            assert {"detail", "code"} <= set(response.json())


def test_nobody_sees_anyone_elses_notices(world, as_user):
    request_create(user=world.mentee1.user, to=world.mentor1, message="PRIVATE-NOTE")
    _notice(world.mentor1.user, title="SECRET-TITLE")
    for user in (world.admin, world.mentee2.user, world.outsider.user, world.other_admin):
        text = as_user(user).get(f"{API}/notifications").content.decode()
        assert "SECRET-TITLE" not in text and "Lee Mentee" not in text


# ---------------------------------------------------------------- hostile input

WRONG_BODIES = [
    b"{",
    b"not json",
    b"\xff\xfe\x00garbage",
    b"[]",
    b"123",
    b'"string"',
    json.dumps({"unknown": 1}).encode(),
    json.dumps({"ids": "all"}).encode(),
    json.dumps({"ids": [1, 2]}).encode(),
    json.dumps({"ids": [{"id": "x"}]}).encode(),
    json.dumps({"ids": ["x"] * 10_000}).encode(),
    json.dumps({"ids": HUGE}).encode(),
    json.dumps({"ids": [HUGE]}).encode(),
]


def test_wrong_bodies_are_4xx_never_500(world, as_user):
    _notice(world.mentee1.user)
    client = as_user(world.mentee1.user)
    for body in WRONG_BODIES:
        for method, path in (
            ("POST", "/notifications/read"),
            ("PUT", "/notifications/preferences"),
        ):
            response = client.generic(method, API + path, body, content_type="application/json")
            _assert_4xx(response, (method, path, body[:60]))
    assert Notification.objects.get(user=world.mentee1.user).read_at is None
    _assert_4xx(put(client, "/notifications/preferences", None))  # JSON null: not an object


@pytest.mark.parametrize("query", ["?unread=maybe", "?page=abc", "?page_size=" + "9" * 5000])
def test_bad_query_strings_are_4xx(world, as_user, query):
    _assert_4xx(as_user(world.mentee1.user).get(f"{API}/notifications{query}"))
