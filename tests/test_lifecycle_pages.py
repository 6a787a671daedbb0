"""The member pages of the request and mentorship lifecycle: every page and action for the right
person, the wrong person (403), an outsider (404) and anonymous visitors; refusals shown with the
input kept; hostile input never a 500; confidentiality of mentorship pages."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest
from mentorwise.mentorships.services import (
    mentorship_end,
    request_accept,
    request_create,
    request_decline,
    request_withdraw,
)
from mentorwise.notifications.models import Notification
from tests.factories import make_mentorship, make_participant

pytestmark = pytest.mark.django_db

HUGE = "x" * 100_000


def _request(world, message="Hello Maya"):
    return request_create(user=world.mentee1.user, to=world.mentor1, message=message)


def _mentorship(world):
    return request_accept(request=_request(world), user=world.mentor1.user)


# ---------------------------------------------------------------------------------------------
# Sending a request from a person's page


def test_participant_page_shows_the_request_form(world, as_user):
    response = as_user(world.mentee1.user).get(f"/people/{world.mentor1.public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ask Maya to mentor you" in html
    assert f"/people/{world.mentor1.public_id}/request/" in html
    assert "Report a concern about Maya" in html


def test_mentee_sends_a_request_with_a_message(world, as_user):
    client = as_user(world.mentee1.user)
    response = client.post(
        f"/people/{world.mentor1.public_id}/request/", {"message": "I love storyboards."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/people/{world.mentor1.public_id}/"
    request = MentorshipRequest.objects.get()
    assert request.mentee == world.mentee1 and request.mentor == world.mentor1
    assert request.message == "I love storyboards."
    assert Notification.objects.filter(user=world.mentor1.user, kind="request_received").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Your request is on its way to Maya Mentor" in page
    assert "Request sent" in page and "Withdraw" in page
    assert "A reminder is possible from" in page
    assert "Send a reminder" not in page


def test_reminder_button_appears_once_the_delay_has_passed(world, as_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC))
    request = _request(world)
    client = as_user(world.mentee1.user)
    days = world.program.request_reminder_days
    time_machine.move_to(
        datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC) + datetime.timedelta(days=days - 1)
    )
    assert (
        "Send a reminder" not in client.get(f"/people/{world.mentor1.public_id}/").content.decode()
    )
    time_machine.move_to(
        datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC) + datetime.timedelta(days=days)
    )
    page = client.get(f"/people/{world.mentor1.public_id}/").content.decode()
    assert "Send a reminder" in page
    response = client.post(
        f"/requests/{request.public_id}/remind/", {"next": f"/people/{world.mentor1.public_id}/"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/people/")
    request.refresh_from_db()
    assert request.reminded_at is not None
    assert Notification.objects.filter(user=world.mentor1.user, kind="request_reminder").exists()


def test_reminder_too_soon_is_a_message_not_an_error(world, as_user):
    request = _request(world)
    client = as_user(world.mentee1.user)
    response = client.post(f"/requests/{request.public_id}/remind/", follow=True)
    assert response.status_code == 200
    assert "You can send a reminder from" in response.content.decode()
    request.refresh_from_db()
    assert request.reminded_at is None


def test_refusal_is_shown_with_the_message_kept(world, as_user):
    world.program.open_request_cap = 1
    world.program.save()
    request_create(user=world.mentee1.user, to=world.mentor2)
    response = as_user(world.mentee1.user).post(
        f"/people/{world.mentor1.public_id}/request/", {"message": "Please take me on."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "the most this program allows at once" in html
    assert "Please take me on." in html
    assert MentorshipRequest.objects.filter(mentor=world.mentor1).count() == 0


def test_too_long_message_is_a_form_error_with_text_kept(world, as_user):
    text = "y" * 2001
    response = as_user(world.mentee1.user).post(
        f"/people/{world.mentor1.public_id}/request/", {"message": text}
    )
    assert response.status_code == 200
    assert text in response.content.decode()
    assert not MentorshipRequest.objects.exists()


def test_mentee_cannot_request_a_mentee(world, as_user):
    response = as_user(world.mentee1.user).post(
        f"/people/{world.mentee2.public_id}/request/", {"message": "hi"}
    )
    assert response.status_code == 200
    assert "Join Story Mentoring as a mentor" in response.content.decode()
    assert not MentorshipRequest.objects.exists()


def test_request_to_oneself_is_forbidden(world, as_user):
    response = as_user(world.mentee1.user).post(f"/people/{world.mentee1.public_id}/request/")
    assert response.status_code == 403


def test_request_pages_for_outsiders_and_anonymous(world, as_user):
    url = f"/people/{world.mentor1.public_id}/request/"
    assert as_user(world.outsider.user).post(url, {"message": "x"}).status_code == 404
    assert as_user(world.outsider.user).get(url).status_code == 404
    response = Client().post(url, {"message": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not MentorshipRequest.objects.exists()


def test_search_results_have_a_request_button_for_mentees(world, as_user):
    html = (
        as_user(world.mentee1.user)
        .get(f"/programs/{world.program.public_id}/mentors/")
        .content.decode()
    )
    assert f'href="/people/{world.mentor1.public_id}/#request"' in html
    assert f'aria-describedby="name-{world.mentor1.public_id}">Request</a>' in html
    admin_html = (
        as_user(world.admin).get(f"/programs/{world.program.public_id}/mentors/").content.decode()
    )
    assert "#request" not in admin_html


# ---------------------------------------------------------------------------------------------
# My mentorships


def test_my_mentorships_lists_every_state(world, as_user):
    incoming = request_create(user=world.mentee1.user, to=world.mentor1, message="Please")
    declined = request_create(user=world.mentee2.user, to=world.mentor1)
    request_decline(request=declined, user=world.mentor1.user, reason="Too busy this spring")
    open_one = make_mentorship(
        mentor=world.mentor1, mentee=make_participant(world.program, role="mentee")
    )
    ended = make_mentorship(mentor=world.mentor1, mentee=world.mentee2, status="completed")
    page = as_user(world.mentor1.user).get("/mentorships/").content.decode()
    assert page.index("Waiting for your answer") < page.index("Current mentorships")
    assert f"/requests/{incoming.public_id}/accept/" in page
    assert f"/requests/{incoming.public_id}/decline/" in page
    assert f"/mentorships/{open_one.public_id}/" in page
    assert f"/mentorships/{open_one.public_id}/end/" in page
    assert "Past mentorships" in page and f"/mentorships/{ended.public_id}/" in page
    assert "Past requests" in page and "Too busy this spring" in page
    mentee_page = as_user(world.mentee1.user).get("/mentorships/").content.decode()
    assert "Requests you sent" in mentee_page
    assert f"/requests/{incoming.public_id}/withdraw/" in mentee_page
    assert "A reminder is possible from" in mentee_page


def test_expired_request_links_to_mentors_with_room(world, as_user):
    request = _request(world)
    MentorshipRequest.objects.filter(pk=request.pk).update(status="expired")
    page = as_user(world.mentee1.user).get("/mentorships/").content.decode()
    assert f"/programs/{world.program.public_id}/mentors/?has_room=on" in page
    assert "Find another mentor" in page


def _rows(world, n):
    for i in range(n):
        mentor = make_participant(world.program, role="mentor", capacity=5)
        mentee = make_participant(world.program, role="mentee")
        make_mentorship(mentor=mentor, mentee=world.mentee1 if i == 0 else mentee)
        request_create(user=mentee.user, to=world.mentor1) if i < 2 else None
        MentorshipRequest.objects.create(
            program=world.program, mentor=mentor, mentee=world.mentee1, status="declined"
        )
        if i:
            Mentorship.objects.create(
                program=world.program,
                mentor=mentor,
                mentee=world.mentee1,
                status="completed",
                started_on=datetime.date(2025, 1, 1),
                planned_end_on=datetime.date(2025, 7, 1),
                ended_on=datetime.date(2025, 6, 1),
            )


def test_my_mentorships_uses_a_constant_number_of_queries(
    world, as_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(world.mentee1.user)
    client.get("/mentorships/")  # warm-up: the throttled "last active" update
    _rows(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/mentorships/").status_code == 200
    _rows(world, 8)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/mentorships/").status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# ---------------------------------------------------------------------------------------------
# Request actions


def test_mentor_accepts_from_my_mentorships(world, as_user):
    request = _request(world)
    response = as_user(world.mentor1.user).post(f"/requests/{request.public_id}/accept/")
    mentorship = Mentorship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mentorships/{mentorship.public_id}/"
    request.refresh_from_db()
    assert request.status == "accepted"


def test_sender_cannot_accept_own_request(world, as_user):
    request = _request(world)
    assert (
        as_user(world.mentee1.user).post(f"/requests/{request.public_id}/accept/").status_code
        == 403
    )
    assert (
        as_user(world.mentee1.user).post(f"/requests/{request.public_id}/decline/").status_code
        == 403
    )
    assert (
        as_user(world.mentee1.user).get(f"/requests/{request.public_id}/decline/").status_code
        == 403
    )
    assert (
        as_user(world.mentor1.user).post(f"/requests/{request.public_id}/withdraw/").status_code
        == 403
    )
    assert (
        as_user(world.mentor1.user).post(f"/requests/{request.public_id}/remind/").status_code
        == 403
    )
    request.refresh_from_db()
    assert request.status == "pending"


@pytest.mark.parametrize("action", ["accept", "decline", "withdraw", "remind"])
def test_request_actions_for_strangers(world, as_user, action):
    request = _request(world)
    url = f"/requests/{request.public_id}/{action}/"
    assert as_user(world.mentee2.user).post(url).status_code == 404
    assert as_user(world.admin).post(url).status_code == 404
    assert as_user(world.outsider.user).post(url).status_code == 404
    response = Client().post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    request.refresh_from_db()
    assert request.status == "pending"


@pytest.mark.parametrize("action", ["accept", "remind"])
def test_request_actions_need_post(world, as_user, action):
    request = _request(world)
    client = as_user(world.mentor1.user if action == "accept" else world.mentee1.user)
    assert client.get(f"/requests/{request.public_id}/{action}/").status_code == 405


def test_withdrawing_a_request_asks_for_confirmation_first(world, as_user):
    request = _request(world)
    client = as_user(world.mentee1.user)
    mine = client.get(reverse("mentorships:mine")).content.decode()
    url = f"/requests/{request.public_id}/withdraw/"
    assert f'href="{url}"' in mine  # a link to the confirmation page, not a button that acts
    for asked in (client.get(url), client.post(url)):  # a POST without `confirm` only asks
        assert asked.status_code == 200
        page = asked.content.decode()
        assert "Withdraw your request to Maya Mentor?" in page
        assert 'name="confirm" value="1"' in page and "Keep it" in page
    request.refresh_from_db()
    assert request.status == "pending"
    assert as_user(world.mentor1.user).get(url).status_code == 403
    response = client.post(url, {"confirm": "1"})
    assert response["Location"] == reverse("mentorships:mine")
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert client.get(url, follow=True).redirect_chain  # no longer pending: back with a message


def test_decline_with_reason(world, as_user):
    request = _request(world)
    client = as_user(world.mentor1.user)
    assert client.get(f"/requests/{request.public_id}/decline/").status_code == 200
    response = client.post(f"/requests/{request.public_id}/decline/", {"reason": "Full spring"})
    assert response.status_code == 302 and response["Location"] == "/mentorships/"
    request.refresh_from_db()
    assert request.status == "declined" and request.decline_reason == "Full spring"


def test_decline_with_huge_reason_keeps_the_text(world, as_user):
    request = _request(world)
    response = as_user(world.mentor1.user).post(
        f"/requests/{request.public_id}/decline/", {"reason": "z" * 3000}
    )
    assert response.status_code == 200
    assert "z" * 3000 in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_withdraw(world, as_user):
    request = _request(world)
    response = as_user(world.mentee1.user).post(
        f"/requests/{request.public_id}/withdraw/", {"confirm": "1"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_action_on_a_request_that_is_no_longer_pending_is_a_message(world, as_user):
    request = _request(world)
    request_withdraw(request=request, user=world.mentee1.user)
    response = as_user(world.mentor1.user).post(
        f"/requests/{request.public_id}/accept/", follow=True
    )
    assert response.status_code == 200
    assert "no longer waiting for an answer" in response.content.decode()
    assert not Mentorship.objects.exists()


def test_accept_when_full_is_a_message(world, as_user):
    request = request_create(user=world.mentee1.user, to=world.mentor2)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar's only place is taken
    response = as_user(world.mentor2.user).post(
        f"/requests/{request.public_id}/accept/", follow=True
    )
    assert "You have no room for another mentee" in response.content.decode()


def test_unsafe_next_is_ignored(world, as_user):
    request = _request(world)
    response = as_user(world.mentee1.user).post(
        f"/requests/{request.public_id}/withdraw/",
        {"next": "https://evil.example/", "confirm": "1"},
    )
    assert response["Location"] == "/mentorships/"


# ---------------------------------------------------------------------------------------------
# The mentorship page


def test_mentorship_page_for_both_members(world, as_user):
    mentorship = _mentorship(world)
    for member, partner in ((world.mentee1, world.mentor1), (world.mentor1, world.mentee1)):
        html = as_user(member.user).get(f"/mentorships/{mentorship.public_id}/").content.decode()
        assert partner.user.name in html and partner.user.email in html
        assert "Story Mentoring" in html
        assert f"{mentorship.planned_end_on:%-d %B %Y}" in html
        assert f"{mentorship.latest_end_on():%-d %B %Y}" in html
        assert f"/people/{partner.public_id}/#fifteen-h" in html
        assert f"/people/{member.public_id}/15-questions/" in html
        assert f"/mentorships/{mentorship.public_id}/end/" in html
        assert f"/mentorships/{mentorship.public_id}/concern/" in html
        assert 'id="workspace"' in html


@pytest.mark.parametrize("who", ["admin", "mentee2", "mentor2", "other_admin"])
def test_mentorship_page_is_404_for_everyone_else(world, as_user, who):
    mentorship = _mentorship(world)
    user = getattr(world, who) if who.endswith("admin") else getattr(world, who).user
    client = as_user(user)
    for suffix in ["", "end/", "concern/"]:
        assert client.get(f"/mentorships/{mentorship.public_id}/{suffix}").status_code == 404
    assert (
        client.post(
            f"/mentorships/{mentorship.public_id}/extend/", {"until": "2030-01-01"}
        ).status_code
        == 404
    )
    response = client.post(
        f"/mentorships/{mentorship.public_id}/end/", {"outcome": "completed", "confirm": "on"}
    )
    assert response.status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.status == "active"


def test_mentorship_pages_for_anonymous(world):
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    for url in [
        "/mentorships/",
        f"/mentorships/{mentorship.public_id}/",
        f"/mentorships/{mentorship.public_id}/end/",
    ]:
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_ids_are_404(world, as_user):
    client = as_user(world.mentee1.user)
    for url in [
        "/mentorships/nope/",
        "/mentorships/nope/end/",
        "/requests/nope/decline/",
        "/people/nope/request/",
        "/people/nope/concern/",
        "/notifications/999999/",
    ]:
        assert client.get(url).status_code == 404, url
    for url in ["/requests/nope/accept/", "/requests/nope/withdraw/", "/mentorships/nope/extend/"]:
        assert client.post(url).status_code == 404, url


def test_extend_within_the_bounds(world, as_user):
    mentorship = _mentorship(world)
    client = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/extend/"
    too_late = mentorship.latest_end_on() + datetime.timedelta(days=1)
    response = client.post(url, {"until": too_late.isoformat()})
    assert response.status_code == 200
    assert "choose a date on or before" in response.content.decode()
    too_early = mentorship.planned_end_on
    assert (
        "Choose a date after" in client.post(url, {"until": too_early.isoformat()}).content.decode()
    )
    assert client.post(url, {"until": "not a date" * 1000}).status_code == 200
    good = mentorship.planned_end_on + datetime.timedelta(days=30)
    response = client.post(url, {"until": good.isoformat()})
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.planned_end_on == good


# ---------------------------------------------------------------------------------------------
# Ending


def test_end_page_and_completed(world, as_user):
    mentorship = _mentorship(world)
    client = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/end/"
    html = client.get(url).content.decode()
    assert "Completed" in html and "Ended early" in html
    assert "Only the program&#x27;s administrators can read this" in html
    response = client.post(url, {"outcome": "completed", "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/mentorships/"
    mentorship.refresh_from_db()
    assert mentorship.status == "completed" and mentorship.ended_by == world.mentee1.user
    page = client.get("/mentorships/").content.decode()
    assert "has ended" in page and "Past mentorships" in page


def test_ending_early_needs_a_reason_and_keeps_the_input(world, as_user):
    mentorship = _mentorship(world)
    url = f"/mentorships/{mentorship.public_id}/end/"
    response = as_user(world.mentor1.user).post(
        url, {"outcome": "ended_early", "feedback": "Private words", "confirm": "on"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tell us briefly why" in html and "Private words" in html
    mentorship.refresh_from_db()
    assert mentorship.status == "active"


def test_ending_needs_the_confirmation(world, as_user):
    mentorship = _mentorship(world)
    response = as_user(world.mentor1.user).post(
        f"/mentorships/{mentorship.public_id}/end/", {"outcome": "completed"}
    )
    assert "Confirm that you want to end" in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.is_open


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"outcome": "deleted", "confirm": "on"},
        {"outcome": "ended_early", "reason": HUGE, "feedback": HUGE, "confirm": "on"},
        {"outcome": ["completed", "ended_early"], "confirm": "maybe"},
        {"outcome": "\x00", "reason": "<script>alert(1)</script>"},
    ],
)
def test_hostile_end_posts_never_error(world, as_user, payload):
    mentorship = _mentorship(world)
    response = as_user(world.mentor1.user).post(
        f"/mentorships/{mentorship.public_id}/end/", payload
    )
    assert response.status_code < 500
    mentorship.refresh_from_db()
    assert mentorship.is_open


def test_end_feedback_is_never_shown_on_member_pages(world, as_user):
    mentorship = _mentorship(world)
    mentorship_end(
        mentorship=mentorship,
        user=world.mentee1.user,
        outcome="ended_early",
        reason="Moving abroad",
        feedback="SECRET-FEEDBACK-FOR-ADMINS",
        confirm=True,
    )
    for user in (world.mentee1.user, world.mentor1.user):
        client = as_user(user)
        for url in [
            "/mentorships/",
            f"/mentorships/{mentorship.public_id}/",
            "/",
            "/notifications/",
        ]:
            assert "SECRET-FEEDBACK-FOR-ADMINS" not in client.get(url).content.decode(), url
    assert as_user(world.admin).get(f"/mentorships/{mentorship.public_id}/").status_code == 404


def test_ended_mentorship_page_has_no_actions(world, as_user):
    mentorship = _mentorship(world)
    mentorship_end(
        mentorship=mentorship, user=world.mentor1.user, outcome="completed", confirm=True
    )
    client = as_user(world.mentee1.user)
    html = client.get(f"/mentorships/{mentorship.public_id}/").content.decode()
    assert "End the mentorship" not in html and "Extend the mentorship" not in html
    response = client.get(f"/mentorships/{mentorship.public_id}/end/")
    assert response.status_code == 302
    response = client.post(f"/mentorships/{mentorship.public_id}/extend/", {"until": "2099-01-01"})
    assert response.status_code == 200


# ---------------------------------------------------------------------------------------------
# Concerns


def test_report_a_concern_from_a_profile(world, as_user):
    client = as_user(world.mentee1.user)
    url = f"/people/{world.mentor2.public_id}/concern/"
    html = client.get(url).content.decode()
    assert "only to the program's administrators" in html
    assert client.post(url, {"text": ""}).status_code == 200
    response = client.post(url, {"text": "Rude messages at night."})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.subject == world.mentor2 and concern.reporter == world.mentee1.user
    assert concern.mentorship is None


def test_report_a_concern_from_a_mentorship(world, as_user):
    mentorship = _mentorship(world)
    response = as_user(world.mentor1.user).post(
        f"/mentorships/{mentorship.public_id}/concern/", {"text": "Missed three meetings."}
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.subject == world.mentee1 and concern.mentorship == mentorship


def test_concern_pages_for_the_wrong_people(world, as_user):
    assert (
        as_user(world.mentee1.user).get(f"/people/{world.mentee1.public_id}/concern/").status_code
        == 403
    )
    assert (
        as_user(world.outsider.user).get(f"/people/{world.mentor1.public_id}/concern/").status_code
        == 404
    )
    response = as_user(world.mentee1.user).post(
        f"/people/{world.mentor1.public_id}/concern/", {"text": HUGE}
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()


# ---------------------------------------------------------------------------------------------
# Dashboard and header


def test_dashboard_shows_pending_requests_and_mentorships(world, as_user):
    _request(world)
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    html = as_user(world.mentor1.user).get("/").content.decode()
    assert "Waiting for your answer" in html and "Lee Mentee" in html
    assert f"/mentorships/{mentorship.public_id}/" in html
    assert 'href="/mentorships/"' in html


def test_other_organizations_ids_are_404(world, as_user):
    other_mentor = make_participant(world.other_program, role="mentor", capacity=2)
    other = make_mentorship(mentor=other_mentor, mentee=world.outsider)
    other_request = MentorshipRequest.objects.create(
        program=world.other_program, mentor=other_mentor, mentee=world.outsider
    )
    client = as_user(world.mentee1.user)
    assert client.get(f"/mentorships/{other.public_id}/").status_code == 404
    assert client.post(f"/requests/{other_request.public_id}/accept/").status_code == 404
    assert (
        client.post(f"/people/{other_mentor.public_id}/request/", {"message": "x"}).status_code
        == 404
    )
    assert (
        client.post(f"/people/{other_mentor.public_id}/concern/", {"text": "x"}).status_code == 404
    )


def test_the_dashboard_uses_a_constant_number_of_queries(world, as_user):
    """The dashboard reads only the fields it shows of requests and mentorships: none is read
    later, one row at a time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for user in (world.mentee1.user, world.mentor1.user):
        as_user(user).get("/")  # warm-up: the throttled "last active" update
    for n in (1, 6):
        _rows(world, n)
        for user in (world.mentee1.user, world.mentor1.user):
            with CaptureQueriesContext(connection) as queries:
                response = as_user(user).get("/")
            assert response.status_code == 200
            counts.setdefault(user.pk, []).append(len(queries))
    html = response.content.decode()
    assert "Waiting for your answer" in html
    for first, second in counts.values():
        assert first == second
