"""The pair's private messages: the thread page, the panel on the mentorship page, the API,
the partner's notice (no words of the message unless they asked for previews), unread counts,
and the privacy gate for every page and endpoint."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorwise.conversations.models import Message
from mentorwise.conversations.services import message_post, preview_of
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification, NotificationPreference, OutboxEmail
from tests.api_helpers import API, assert_error, post
from tests.factories import make_mentorship
from tests.privacy import client_as

SECRET = "I am thinking of leaving the studio next spring"


@pytest.fixture
def pair(world):
    """Maya (mentor1) mentors Lee (mentee1); Omar and Ana are another pair."""
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def thread_url(m):
    return f"/mentorships/{m.public_id}/messages/"


# ---------------------------------------------------------------------------------- the page


def test_a_member_posts_a_message_and_reads_it_in_the_thread(world, pair, as_user):
    lee = as_user(world.mentee1.user)
    response = lee.post(thread_url(pair), {"body": "Hello Maya! When can we meet?"})
    assert response.status_code == 302
    assert response["Location"].endswith(thread_url(pair) + "#latest")
    page = as_user(world.mentor1.user).get(thread_url(pair)).content.decode()
    assert "Hello Maya! When can we meet?" in page
    assert "Lee Mentee" in page
    assert "(America/Los_Angeles)" in page  # the time, labelled with Maya's zone


def test_the_thread_shows_the_newest_last(world, pair):
    for text in ["first word", "second word", "third word"]:
        message_post(mentorship=pair, user=world.mentee1.user, body=text)
    client = Client()
    client.force_login(world.mentor1.user)
    page = client.get(thread_url(pair)).content.decode()
    assert page.index("first word") < page.index("second word") < page.index("third word")


def test_an_empty_message_is_refused_with_a_reason(world, pair, as_user):
    response = as_user(world.mentee1.user).post(thread_url(pair), {"body": "   "})
    assert response.status_code == 200
    assert "Write a message before sending it." in response.content.decode()
    assert not Message.objects.exists()


def test_a_message_too_long_keeps_its_text_on_the_page(world, pair, as_user):
    text = "Quite a lot to say. " * 300  # 6,000 characters
    response = as_user(world.mentee1.user).post(thread_url(pair), {"body": text})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quite a lot to say." in page and "5000" in page.replace(",", "")
    assert not Message.objects.exists()


def test_htmx_posts_without_a_reload_and_gets_the_conversation_back(world, pair, as_user):
    lee = as_user(world.mentee1.user)
    response = lee.post(thread_url(pair), {"body": "Sent from htmx"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="conversation"' in html and "Sent from htmx" in html and "<html" not in html
    poll = lee.get(thread_url(pair) + "?part=thread", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 20s"' in poll and "Sent from htmx" in poll


def test_an_ended_mentorship_keeps_its_thread_readable_but_closed(world, pair, as_user):
    message_post(mentorship=pair, user=world.mentee1.user, body="Thanks for everything")
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.COMPLETED)
    lee = as_user(world.mentee1.user)
    page = lee.get(thread_url(pair)).content.decode()
    assert "Thanks for everything" in page
    assert 'name="body"' not in page and "not add to it" in page
    refused = lee.post(thread_url(pair), {"body": "One more thing"})
    assert "has ended" in refused.content.decode()
    assert Message.objects.count() == 1
    api = post(lee, f"/mentorships/{pair.public_id}/messages", {"body": "Still there?"})
    assert_error(api, 409, "not_open")


def test_a_paused_mentorship_is_still_writable(world, pair, as_user):
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.PAUSED)
    response = post(
        as_user(world.mentor1.user), f"/mentorships/{pair.public_id}/messages", {"body": "Hi"}
    )
    assert response.status_code == 201


# ----------------------------------------------------------------------------------- the API


def test_api_posts_and_lists_the_thread_newest_last_with_pages(world, pair, as_user):
    lee, maya = as_user(world.mentee1.user), as_user(world.mentor1.user)
    path = f"/mentorships/{pair.public_id}/messages"
    created = post(lee, path, {"body": "  Hello from the API  "})
    assert created.status_code == 201
    body = created.json()
    assert body["body"] == "Hello from the API" and body["mine"] is True
    assert body["author"] == world.mentee1.public_id and body["author_name"] == "Lee Mentee"
    for n in range(4):
        post(maya if n % 2 else lee, path, {"body": f"message {n}"})
    listing = maya.get(API + path + "?page_size=2&page=3").json()
    assert listing["count"] == 5 and listing["pages"] == 3 and listing["page"] == 3
    assert [m["body"] for m in listing["items"]] == ["message 3"]
    first = maya.get(API + path + "?page_size=2").json()["items"]
    assert [m["body"] for m in first] == ["Hello from the API", "message 0"]
    assert first[0]["mine"] is False and first[0]["created_at"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"body": ""}, 400),
        ({"body": "   "}, 400),
        ({"body": "x" * 5001}, 400),
        ({"body": "bad \ud800 text"}, 422),
        ({}, 422),
        ({"body": "hi", "to": "someone"}, 422),
    ],
)
def test_api_refuses_bad_messages_with_the_field_named(world, pair, as_user, payload, status):
    response = post(as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/messages", payload)
    body = assert_error(response, status)
    assert body.get("errors")
    assert not Message.objects.exists()


def test_api_accepts_exactly_five_thousand_characters(world, pair, as_user):
    response = post(
        as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/messages", {"body": "y" * 5000}
    )
    assert response.status_code == 201


# ------------------------------------------------------------------------ telling the partner


def test_the_partner_is_e_mailed_without_the_words_by_default(world, pair):
    message_post(mentorship=pair, user=world.mentee1.user, body=SECRET)
    email = OutboxEmail.objects.get(kind="message_received")
    assert email.to_email == world.mentor1.user.email
    assert "Lee Mentee" in email.subject and "Lee Mentee" in email.body_text
    assert "Lee Mentee" in email.body_html
    assert f"/mentorships/{pair.public_id}/messages/" in email.body_text
    assert f"/mentorships/{pair.public_id}/messages/" in email.body_html
    for part in (email.subject, email.body_text, email.body_html):
        assert "leaving the studio" not in part
    notice = Notification.objects.get(user=world.mentor1.user, kind="message_received")
    assert notice.category == "messages" and "leaving" not in notice.body + notice.title
    assert not OutboxEmail.objects.filter(to_email=world.mentee1.user.email).exists()


def test_a_partner_who_wants_previews_gets_at_most_140_characters(world, pair):
    NotificationPreference.objects.create(
        user=world.mentor1.user, category="messages", show_preview=True
    )
    long_text = "Here is the plan for Thursday: " + "we storyboard the pitch together. " * 10
    message_post(mentorship=pair, user=world.mentee1.user, body=long_text)
    email = OutboxEmail.objects.get(kind="message_received")
    preview = preview_of(long_text)
    assert len(preview) <= 140 and preview.endswith("…")
    assert preview in email.body_text and preview in email.body_html
    assert long_text.strip() not in email.body_text
    assert "we storyboard the pitch together. " * 5 not in email.body_html


def test_messages_follow_the_daily_digest_or_off_preference(world, pair):
    NotificationPreference.objects.create(
        user=world.mentor1.user, category="messages", mode="digest"
    )
    NotificationPreference.objects.create(user=world.mentee1.user, category="messages", mode="off")
    message_post(mentorship=pair, user=world.mentee1.user, body="For the digest")
    message_post(mentorship=pair, user=world.mentor1.user, body="For the bell only")
    assert not OutboxEmail.objects.filter(kind="message_received").exists()
    assert Notification.objects.get(user=world.mentor1.user).digest_pending
    assert not Notification.objects.get(user=world.mentee1.user).digest_pending


def test_delivered_e_mail_has_both_parts(world, pair, delivered):
    from django.core import mail

    with delivered():
        message_post(mentorship=pair, user=world.mentor1.user, body=SECRET)
    sent = [m for m in mail.outbox if m.to == [world.mentee1.user.email]]
    assert len(sent) == 1
    html = sent[0].alternatives[0][0]
    assert "Maya Mentor" in sent[0].body and "Maya Mentor" in html
    assert "leaving" not in sent[0].body and "leaving" not in html


def test_the_preview_setting_is_on_the_notification_settings_page(world, as_user):
    maya = as_user(world.mentor1.user)
    page = maya.get("/notifications/settings/").content.decode()
    assert "Show a preview of messages in e-mails" in page
    assert "Messages from your mentorship partner" in page
    data = dict.fromkeys(["requests", "mentorships", "reminders", "program"], "immediate")
    data.update({"messages": "digest", "message_previews": "on"})
    assert maya.post("/notifications/settings/", data).status_code == 302
    pref = NotificationPreference.objects.get(user=world.mentor1.user, category="messages")
    assert pref.show_preview and pref.mode == "digest"
    data.pop("message_previews")
    maya.post("/notifications/settings/", data)
    pref.refresh_from_db()
    assert not pref.show_preview and pref.mode == "digest"


# ---------------------------------------------------------------------- unread and the panel


def test_the_panel_counts_the_partners_unread_messages_until_the_thread_is_read(
    world, pair, as_user
):
    message_post(mentorship=pair, user=world.mentee1.user, body="One")
    message_post(mentorship=pair, user=world.mentee1.user, body="Two")
    maya, lee = as_user(world.mentor1.user), as_user(world.mentee1.user)
    detail = f"/mentorships/{pair.public_id}/"
    page = maya.get(detail).content.decode()
    assert "2 new messages" in page and "Open the conversation" in page
    assert "new message" not in lee.get(detail).content.decode()  # her own are not new to her
    maya.get(thread_url(pair))
    assert "new message" not in maya.get(detail).content.decode()
    message_post(mentorship=pair, user=world.mentee1.user, body="Three")
    assert "1 new message" in maya.get(detail).content.decode()


def test_the_panel_shows_the_last_three_messages(world, pair, as_user):
    for n in range(1, 6):
        message_post(mentorship=pair, user=world.mentee1.user, body=f"note number {n}")
    page = as_user(world.mentor1.user).get(f"/mentorships/{pair.public_id}/").content.decode()
    assert "note number 1" not in page and "note number 2" not in page
    assert page.index("note number 3") < page.index("note number 4") < page.index("note number 5")


def test_the_mentorship_page_costs_the_same_queries_whatever_the_thread(world, pair, as_user):
    """The page with every panel of the workspace: as many queries for a thread of 20 messages
    as for a thread of 1."""
    maya = as_user(world.mentor1.user)
    maya.get(f"/mentorships/{pair.public_id}/")  # warm the session's zone
    counts = []
    for count in (1, 19):
        Message.objects.bulk_create(
            Message(
                mentorship=pair,
                author=world.mentee1.user if n % 2 else world.mentor1.user,
                body=f"message {len(counts)}-{n}",
                created_at=timezone.now() - datetime.timedelta(minutes=count - n),
            )
            for n in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            response = maya.get(f"/mentorships/{pair.public_id}/")
        assert f"message {len(counts)}-{count - 1}" in response.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# ------------------------------------------------------------------------- the privacy gate

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]
PAGE_STATUS = {
    "pair": 200,
    "other_pair": 404,
    "admin": 404,
    "other_admin": 404,
    "anonymous": 302,
    "blocked": 404,
}
API_STATUS = {**PAGE_STATUS, "anonymous": 401}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_reads_the_thread_page(world, pair, role):
    message_post(mentorship=pair, user=world.mentor1.user, body=SECRET)
    response = client_as(world, role).get(thread_url(pair))
    assert response.status_code == PAGE_STATUS[role]
    assert (SECRET in response.content.decode()) is (role == "pair")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_posts_on_the_thread_page(world, pair, role):
    response = client_as(world, role).post(thread_url(pair), {"body": "Let me in"})
    assert response.status_code == {**PAGE_STATUS, "pair": 302}[role]
    assert Message.objects.exists() is (role == "pair")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_reads_the_thread_through_the_api(world, pair, role):
    message_post(mentorship=pair, user=world.mentor1.user, body=SECRET)
    response = client_as(world, role).get(f"{API}/mentorships/{pair.public_id}/messages")
    assert response.status_code == API_STATUS[role]
    assert (SECRET in response.content.decode()) is (role == "pair")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_posts_through_the_api(world, pair, role):
    response = post(
        client_as(world, role), f"/mentorships/{pair.public_id}/messages", {"body": "x"}
    )
    assert response.status_code == {**API_STATUS, "pair": 201}[role]
    assert Message.objects.exists() is (role == "pair")


def test_the_administrators_page_shows_no_message(world, pair, as_user):
    message_post(mentorship=pair, user=world.mentor1.user, body=SECRET)
    page = as_user(world.admin).get(f"/manage/mentorships/{pair.public_id}/")
    assert page.status_code == 200 and SECRET not in page.content.decode()
