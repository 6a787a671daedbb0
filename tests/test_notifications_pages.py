"""The bell, the list of notifications and the e-mail preferences page."""

import pytest
from django.test import Client

from mentorwise.mentorships.services import request_create
from mentorwise.notifications.models import Notification, NotificationPreference
from mentorwise.notifications.services import preference_modes

pytestmark = pytest.mark.django_db


def _notice(user, n=1, **extra):
    return [
        Notification.objects.create(
            user=user,
            category=extra.get("category", "requests"),
            kind="test",
            title=extra.get("title", f"Notice {i}"),
            body="Something happened.",
            url=extra.get("url", "/mentorships/"),
        )
        for i in range(n)
    ]


def test_bell_shows_the_unread_count_with_an_accessible_name(world, as_user):
    _notice(world.mentor1.user, 3)
    html = as_user(world.mentor1.user).get("/").content.decode()
    assert 'aria-label="Notifications, 3 unread"' in html
    assert 'href="/notifications/"' in html
    html = as_user(world.mentee1.user).get("/").content.decode()
    assert 'aria-label="Notifications, 0 unread"' in html


def test_list_is_newest_first_with_unread_highlighted(world, as_user):
    old, _new = _notice(world.mentor1.user, 2)
    old.read_at = old.created_at
    old.save()
    request_create(user=world.mentee1.user, to=world.mentor1, message="Hi")
    html = as_user(world.mentor1.user).get("/notifications/").content.decode()
    assert html.index("Lee Mentee") < html.index("Notice 1") < html.index("Notice 0")
    assert html.count('class="unread"') == 2
    assert "Mark all as read" in html


def test_list_is_paginated(world, as_user):
    _notice(world.mentor1.user, 25)
    client = as_user(world.mentor1.user)
    html = client.get("/notifications/").content.decode()
    assert "Page 1 of 2" in html
    assert client.get("/notifications/?page=2").status_code == 200
    for page in ["-1", "99999999999999999999", "abc", "%00"]:
        assert client.get(f"/notifications/?page={page}").status_code == 200


def test_opening_a_notification_marks_it_read_and_follows_its_link(world, as_user):
    (notice,) = _notice(world.mentor1.user)
    response = as_user(world.mentor1.user).get(f"/notifications/{notice.public_id}/")
    assert response.status_code == 302 and response["Location"] == "/mentorships/"
    notice.refresh_from_db()
    assert notice.is_read


def test_a_foreign_link_is_not_followed(world, as_user):
    (notice,) = _notice(world.mentor1.user, url="https://evil.example/")
    response = as_user(world.mentor1.user).get(f"/notifications/{notice.public_id}/")
    assert response["Location"] == "/notifications/"


def test_someone_elses_notification_is_404(world, as_user):
    (notice,) = _notice(world.mentor1.user)
    for user in (world.mentee1.user, world.admin, world.outsider.user):
        assert as_user(user).get(f"/notifications/{notice.public_id}/").status_code == 404
    notice.refresh_from_db()
    assert not notice.is_read


def test_mark_all_as_read(world, as_user):
    _notice(world.mentor1.user, 3)
    (other,) = _notice(world.mentee1.user)
    client = as_user(world.mentor1.user)
    assert client.get("/notifications/read-all/").status_code == 405
    response = client.post("/notifications/read-all/", follow=True)
    assert "Marked 3 notifications as read" in response.content.decode()
    assert not Notification.objects.filter(user=world.mentor1.user, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert not other.is_read
    assert 'aria-label="Notifications, 0 unread"' in response.content.decode()


def test_settings_page_shows_categories_and_security_is_fixed(world, as_user):
    html = as_user(world.mentee1.user).get("/notifications/settings/").content.decode()
    assert "Mentorship requests and answers" in html
    assert "One e-mail a day (digest)" in html
    assert "Account and safety (always by e-mail)" in html
    assert 'name="security"' not in html
    assert "disabled" in html


def test_settings_are_saved(world, as_user):
    client = as_user(world.mentee1.user)
    response = client.post(
        "/notifications/settings/",
        {
            "requests": "digest",
            "mentorships": "immediate",
            "messages": "immediate",
            "reminders": "off",
            "program": "digest",
            "security": "off",
        },
    )
    assert response.status_code == 302
    modes = preference_modes(world.mentee1.user)
    assert modes["requests"] == "digest" and modes["reminders"] == "off"
    assert modes["security"] == "immediate"
    assert not NotificationPreference.objects.filter(category="security").exists()


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"requests": "x" * 100_000},
        {"requests": ["off", "digest"], "mentorships": "\x00"},
        {"requests": "always", "mentorships": "off", "reminders": "off", "program": "off"},
    ],
)
def test_hostile_settings_posts_never_error(world, as_user, payload):
    response = as_user(world.mentee1.user).post("/notifications/settings/", payload)
    assert response.status_code == 200
    assert not NotificationPreference.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(world):
    (notice,) = _notice(world.mentor1.user)
    for url in [
        "/notifications/",
        "/notifications/settings/",
        f"/notifications/{notice.public_id}/",
    ]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    response = Client().post("/notifications/read-all/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
