"""The administrator's side of the lifecycle at /manage/: a program's mentorships (pause, resume,
extend, end), its pending requests, concerns, and blocking a participant. Who may see each page,
what each action does and how a refusal is shown, query counts, and confidentiality."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest, add_months
from mentorwise.mentorships.services import (
    concern_report,
    mentorship_end,
    request_accept,
    request_create,
    request_remind,
)
from mentorwise.notifications.models import Notification
from mentorwise.organizations.models import Membership
from mentorwise.profiles.services import fifteen_answers_save
from mentorwise.programs.services import fifteen_questions_set
from tests.factories import make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(world):
    """Maya mentors Lee: an active mentorship formed by an accepted request."""
    request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hi Maya")
    return request_accept(request=request, user=world.mentor1.user)


@pytest.fixture
def concern(world, pair):
    return concern_report(
        user=world.mentee1.user,
        subject=world.mentor1,
        mentorship=pair,
        text="Missed three meetings without a word.",
    )


def pages(w, mentorship, concern):
    return {
        "mentorships": reverse("manage:mentorships", args=[w.program.public_id]),
        "mentorship": reverse("manage:mentorship", args=[mentorship.public_id]),
        "mentorship-end": reverse("manage:mentorship-end", args=[mentorship.public_id]),
        "requests": reverse("manage:requests", args=[w.program.public_id]),
        "concerns": reverse("manage:concerns", args=[w.program.public_id]),
        "participant-block": reverse("manage:participant-block", args=[w.mentor1.public_id]),
    }


def actions(w, mentorship, concern):
    """Every POST of the area, with valid data."""
    return {
        "pause": (reverse("manage:mentorship-pause", args=[mentorship.public_id]), {}),
        "resume": (reverse("manage:mentorship-resume", args=[mentorship.public_id]), {}),
        "extend": (
            reverse("manage:mentorship-extend", args=[mentorship.public_id]),
            {"until": str(mentorship.planned_end_on + datetime.timedelta(days=7))},
        ),
        "end": (
            reverse("manage:mentorship-end", args=[mentorship.public_id]),
            {"outcome": "completed", "confirm": "on"},
        ),
        "resolve": (reverse("manage:concern-resolve", args=[concern.public_id]), {"note": "x"}),
        "block": (
            reverse("manage:participant-block", args=[w.mentor1.public_id]),
            {"blocked": "yes"},
        ),
    }


PAGE_NAMES = ["mentorships", "mentorship", "mentorship-end", "requests", "concerns"]
PAGE_NAMES += ["participant-block"]
ACTION_NAMES = ["pause", "resume", "extend", "end", "resolve", "block"]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------------------------------------
# Who may see and do what


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_administrator_sees_each_lifecycle_page(world, as_user, pair, concern, page):
    response = as_user(world.admin).get(pages(world, pair, concern)[page])
    assert response.status_code == 200
    assert b"Story Mentoring" in response.content


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_member_gets_403_on_each_lifecycle_page(world, as_user, pair, concern, page):
    url = pages(world, pair, concern)[page]
    assert as_user(world.mentor2.user).get(url).status_code == 403
    # Even a member of the pair itself: these are the administrators' pages.
    assert as_user(world.mentee1.user).get(url).status_code == 403


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_administrator_of_another_organization_gets_404(world, as_user, pair, concern, page):
    assert as_user(world.other_admin).get(pages(world, pair, concern)[page]).status_code == 404


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_anonymous_visitor_is_sent_to_sign_in(world, client, pair, concern, page):
    response = client.get(pages(world, pair, concern)[page])
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("action", ACTION_NAMES)
def test_actions_are_refused_to_members_and_other_organizations(
    world, as_user, client, pair, concern, action
):
    url, data = actions(world, pair, concern)[action]
    assert as_user(world.mentor2.user).post(url, data).status_code == 403
    assert as_user(world.other_admin).post(url, data).status_code == 404
    assert client.post(url, data).status_code == 302
    pair.refresh_from_db()
    concern.refresh_from_db()
    assert pair.status == "active" and pair.planned_end_on == add_months(pair.started_on, 6)
    assert concern.status == "open"
    assert not Membership.objects.filter(is_blocked=True).exists()


def test_unknown_ids_are_404(world, as_user):
    client = as_user(world.admin)
    assert client.get(reverse("manage:mentorship", args=["nope"])).status_code == 404
    assert client.get(reverse("manage:mentorships", args=["nope"])).status_code == 404
    assert client.post(reverse("manage:concern-resolve", args=["nope"])).status_code == 404
    assert client.get(reverse("manage:participant-block", args=["nope"])).status_code == 404


@pytest.mark.parametrize("action", ["pause", "resume", "extend", "resolve"])
def test_actions_only_accept_post(world, as_user, pair, concern, action):
    url, _ = actions(world, pair, concern)[action]
    assert as_user(world.admin).get(url).status_code == 405


# ---------------------------------------------------------------------------------------------
# Mentorships list


def test_mentorships_list_shows_each_pair_with_its_dates(world, as_user, pair):
    ended = make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    mentorship_end(
        mentorship=ended,
        user=world.admin,
        outcome="ended_early",
        reason="Moved away",
        confirm=True,
    )
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    response = as_user(world.admin).get(
        reverse("manage:mentorships", args=[world.program.public_id])
    )
    html = response.content.decode()
    for text in ("Maya Mentor", "Lee Mentee", "Omar Mentor", "Ana Mentee", "Ended early", "Active"):
        assert text in html
    assert "Request" in html  # origin
    assert f"{pair.planned_end_on:%-d %b %Y}" in html
    assert f"{add_months(pair.started_on, world.program.auto_close_months):%-d %b %Y}" in html
    statuses = [row["m"].status for row in response.context["rows"]]
    assert statuses == ["active", "active", "ended_early"]  # open ones first
    assert "Otto Outsider" not in html
    assert "Active: 2" in html and "Ended early: 1" in html


def test_mentorships_list_filters_by_status(world, as_user, pair):
    paused = make_mentorship(mentor=world.mentor2, mentee=world.mentee2, status="paused")
    url = reverse("manage:mentorships", args=[world.program.public_id])
    client = as_user(world.admin)
    rows = client.get(url, {"status": "paused"}).context["rows"]
    assert [row["m"] for row in rows] == [paused]
    rows = client.get(url, {"status": "open"}).context["rows"]
    assert {row["m"] for row in rows} == {paused, pair}
    rows = client.get(url, {"status": "completed"}).context["rows"]
    assert rows == []
    response = client.get(url, {"status": "nonsense", "page": "x"})
    assert response.status_code == 200 and len(response.context["rows"]) == 2


def _program_with_mentorships(world, name, count):
    program = make_program(world.org, actor=world.admin, name=name)
    for _ in range(count):
        mentor = make_participant(program, role="mentor", capacity=1)
        mentee = make_participant(program, role="mentee")
        make_mentorship(mentor=mentor, mentee=mentee)
    return program


def test_mentorships_list_is_paginated(world, as_user):
    program = _program_with_mentorships(world, "Big", 26)
    client = as_user(world.admin)
    url = reverse("manage:mentorships", args=[program.public_id])
    first = client.get(url)
    assert len(first.context["rows"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    assert len(client.get(url, {"page": 2}).context["rows"]) == 1


def test_mentorships_list_uses_a_constant_number_of_queries(world, as_user):
    small = _program_with_mentorships(world, "Small", 5)
    large = _program_with_mentorships(world, "Large", 25)
    Mentorship.objects.filter(program=large).update(status="paused")
    client = as_user(world.admin)
    client.get(reverse("manage:home"))  # warm up: the last-active stamp is written once
    counts = []
    for program in (small, large):
        url = reverse("manage:mentorships", args=[program.public_id])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# ---------------------------------------------------------------------------------------------
# Pause, resume, extend, end


def test_administrator_pauses_a_mentorship_with_a_reason(world, as_user, pair):
    url = reverse("manage:mentorship-pause", args=[pair.public_id])
    response = as_user(world.admin).post(url, {"reason": "Looking into a concern"})
    assert response.status_code == 302
    assert response.url == reverse("manage:mentorship", args=[pair.public_id])
    pair.refresh_from_db()
    assert pair.status == "paused" and pair.paused_reason == "Looking into a concern"
    assert "is paused" in messages_of(response)[0]
    for member in (world.mentor1, world.mentee1):
        assert Notification.objects.filter(user=member.user, kind="mentorship_paused").exists()
    html = as_user(world.admin).get(response.url).content.decode()
    assert "Looking into a concern" in html and "Resume the mentorship" in html


def test_pausing_a_paused_mentorship_is_refused_with_a_message(world, as_user, pair):
    client = as_user(world.admin)
    url = reverse("manage:mentorship-pause", args=[pair.public_id])
    client.post(url)
    response = client.post(url, follow=True)
    assert "Only an active mentorship can be paused." in response.content.decode()
    assert Notification.objects.filter(kind="mentorship_paused").count() == 2


def test_resume_from_the_list_returns_to_the_list(world, as_user, pair):
    client = as_user(world.admin)
    client.post(reverse("manage:mentorship-pause", args=[pair.public_id]))
    list_url = reverse("manage:mentorships", args=[world.program.public_id]) + "?status=paused"
    response = client.post(
        reverse("manage:mentorship-resume", args=[pair.public_id]), {"next": list_url}
    )
    assert response.url == list_url
    pair.refresh_from_db()
    assert pair.status == "active" and pair.paused_reason == ""
    assert "active again" in messages_of(response)[-1]
    assert Notification.objects.filter(user=world.mentee1.user, kind="mentorship_resumed").exists()


def test_resuming_an_active_mentorship_is_refused_with_a_message(world, as_user, pair):
    response = as_user(world.admin).post(
        reverse("manage:mentorship-resume", args=[pair.public_id]), follow=True
    )
    assert "Only a paused mentorship can be resumed." in response.content.decode()


def test_actions_never_redirect_off_site(world, as_user, pair):
    response = as_user(world.admin).post(
        reverse("manage:mentorship-pause", args=[pair.public_id]),
        {"next": "https://evil.example/"},
    )
    assert response.url == reverse("manage:mentorship", args=[pair.public_id])


def test_administrator_extends_a_mentorship(world, as_user, pair):
    until = pair.planned_end_on + datetime.timedelta(days=30)
    response = as_user(world.admin).post(
        reverse("manage:mentorship-extend", args=[pair.public_id]), {"until": str(until)}
    )
    pair.refresh_from_db()
    assert pair.planned_end_on == until
    assert f"now runs until {until:%-d %B %Y}" in messages_of(response)[0]
    assert Notification.objects.filter(user=world.mentor1.user, kind="mentorship_extended").exists()


def test_extending_beyond_the_latest_end_is_refused_with_a_message(world, as_user, pair):
    latest = pair.latest_end_on()
    client = as_user(world.admin)
    url = reverse("manage:mentorship-extend", args=[pair.public_id])
    response = client.post(url, {"until": str(latest + datetime.timedelta(days=1))}, follow=True)
    html = response.content.decode()
    assert f"choose a date on or before {latest:%-d %B %Y}" in html
    response = client.post(url, {"until": str(pair.planned_end_on)}, follow=True)
    assert "Choose a date after the current end date" in response.content.decode()
    response = client.post(url, {"until": "next tuesday"}, follow=True)
    assert "valid date" in response.content.decode()
    pair.refresh_from_db()
    assert pair.planned_end_on == add_months(pair.started_on, 6)


def test_extend_form_is_bounded_by_the_latest_end(world, as_user, pair):
    html = as_user(world.admin).get(reverse("manage:mentorship", args=[pair.public_id]))
    html = html.content.decode()
    assert f'max="{pair.latest_end_on().isoformat()}"' in html


def test_ending_asks_for_confirmation_and_keeps_the_input(world, as_user, pair):
    client = as_user(world.admin)
    url = reverse("manage:mentorship-end", args=[pair.public_id])
    page = client.get(url).content.decode()
    assert "End the mentorship of Maya Mentor and Lee Mentee?" in page
    response = client.post(url, {"outcome": "ended_early", "reason": "A conflict of interest"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Confirm that you want to end the mentorship." in html
    assert "A conflict of interest" in html  # the form re-renders with the input
    pair.refresh_from_db()
    assert pair.is_open


def test_ending_early_needs_a_reason(world, as_user, pair):
    response = as_user(world.admin).post(
        reverse("manage:mentorship-end", args=[pair.public_id]),
        {"outcome": "ended_early", "confirm": "on"},
    )
    assert response.status_code == 200
    assert "Tell us briefly why the mentorship is ending early." in response.content.decode()
    pair.refresh_from_db()
    assert pair.is_open


def test_administrator_ends_a_mentorship_and_both_are_told(world, as_user, pair):
    client = as_user(world.admin)
    url = reverse("manage:mentorship-end", args=[pair.public_id])
    response = client.post(
        url, {"outcome": "ended_early", "reason": "Conflict of interest", "confirm": "on"}
    )
    assert response.url == reverse("manage:mentorship", args=[pair.public_id])
    assert "has ended" in messages_of(response)[0]
    pair.refresh_from_db()
    assert pair.status == "ended_early" and pair.ended_by == world.admin
    assert pair.ended_on == timezone.localdate() and pair.end_reason == "Conflict of interest"
    for member in (world.mentor1, world.mentee1):
        assert Notification.objects.filter(user=member.user, kind="mentorship_ended").exists()
    html = client.get(response.url).content.decode()
    assert "Conflict of interest" in html and "Ada Admin" in html
    assert "Pause the mentorship" not in html  # no actions on an ended mentorship


def test_ending_twice_is_refused_with_a_message(world, as_user, pair):
    client = as_user(world.admin)
    url = reverse("manage:mentorship-end", args=[pair.public_id])
    data = {"outcome": "completed", "confirm": "on"}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert "This mentorship has already ended (completed — goals met)." in (
        response.content.decode()
    )
    assert Notification.objects.filter(kind="mentorship_ended").count() == 2
    response = client.get(url, follow=True)  # the confirmation page is not offered again
    assert "already ended" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == "completed"


def test_a_mentorship_ended_in_another_tab_is_refused_on_post(world, as_user, pair):
    """The page was open before the pair ended it themselves."""
    client = as_user(world.admin)
    url = reverse("manage:mentorship-end", args=[pair.public_id])
    mentorship_end(mentorship=pair, user=world.mentee1.user, outcome="completed", confirm=True)
    response = client.post(url, {"outcome": "completed", "confirm": "on"}, follow=True)
    assert "already ended" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Pending requests


def test_pending_requests_are_listed_oldest_first_with_age_and_reminders(world, as_user):
    now = timezone.now()
    old = request_create(user=world.mentee1.user, to=world.mentor1, message="Secret hello")
    new = request_create(user=world.mentee2.user, to=world.mentor1)
    answered = request_create(user=world.mentee2.user, to=world.mentor2)
    MentorshipRequest.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=9))
    MentorshipRequest.objects.filter(pk=new.pk).update(created_at=now - datetime.timedelta(days=2))
    old.refresh_from_db()
    request_remind(request=old, user=world.mentee1.user)
    MentorshipRequest.objects.filter(pk=answered.pk).update(status="declined")

    response = as_user(world.admin).get(reverse("manage:requests", args=[world.program.public_id]))
    rows = response.context["rows"]
    assert [row["r"] for row in rows] == [old, new]
    assert [row["age_days"] for row in rows] == [9, 2]
    assert rows[0]["sender"] == world.mentee1 and rows[0]["recipient"] == world.mentor1
    html = response.content.decode()
    assert "9 days" in html and "2 days" in html
    assert "Yes, by the sender" in html
    assert "Omar Mentor" not in html  # the declined request is not pending
    assert "Secret hello" not in html  # the message is between the two people


def test_pending_requests_use_a_constant_number_of_queries(world, as_user):
    client = as_user(world.admin)
    client.get(reverse("manage:home"))  # warm up: the last-active stamp is written once
    counts = []
    for name, count in (("Small", 5), ("Large", 25)):
        program = make_program(world.org, actor=world.admin, name=name)
        for _ in range(count):
            mentor = make_participant(program, role="mentor", capacity=1)
            mentee = make_participant(program, role="mentee")
            request_create(user=mentee.user, to=mentor)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("manage:requests", args=[program.public_id]))
        assert len(response.context["rows"]) == count
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# ---------------------------------------------------------------------------------------------
# Concerns


def test_concerns_are_listed_open_first_with_their_details(world, as_user, pair, concern):
    older = concern_report(user=world.mentor2.user, subject=world.mentee2, text="Rude in a call.")
    Concern.objects.filter(pk=older.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    resolved = concern_report(user=world.mentor1.user, subject=world.mentee2, text="Old issue.")
    Concern.objects.filter(pk=resolved.pk).update(status="resolved", resolution_note="Talked")
    response = as_user(world.admin).get(reverse("manage:concerns", args=[world.program.public_id]))
    items = list(response.context["page"].object_list)
    assert items == [concern, older, resolved]
    html = response.content.decode()
    assert "Missed three meetings without a word." in html
    assert "Lee Mentee" in html and "About Maya Mentor" in html
    assert reverse("manage:mentorship", args=[pair.public_id]) in html
    assert reverse("manage:mentorship-end", args=[pair.public_id]) in html
    assert reverse("manage:participant-block", args=[world.mentor1.public_id]) in html
    assert "2 open concerns" in html and "Talked" in html


def test_administrator_resolves_a_concern_with_a_note(world, as_user, concern):
    client = as_user(world.admin)
    url = reverse("manage:concern-resolve", args=[concern.public_id])
    response = client.post(url, {"note": "Spoke with both; agreed a schedule."})
    assert response.url == reverse("manage:concerns", args=[world.program.public_id])
    assert "marked resolved" in messages_of(response)[0]
    concern.refresh_from_db()
    assert concern.status == "resolved" and concern.resolved_by == world.admin
    assert concern.resolution_note == "Spoke with both; agreed a schedule."
    response = client.post(url, {"note": "again"}, follow=True)
    assert "This concern is already resolved." in response.content.decode()
    concern.refresh_from_db()
    assert concern.resolution_note == "Spoke with both; agreed a schedule."


def test_concerns_list_uses_a_constant_number_of_queries(world, as_user):
    client = as_user(world.admin)
    client.get(reverse("manage:home"))  # warm up: the last-active stamp is written once
    counts = []
    for name, count in (("Small", 5), ("Large", 20)):
        program = make_program(world.org, actor=world.admin, name=name)
        for i in range(count):
            mentor = make_participant(program, role="mentor", capacity=1)
            mentee = make_participant(program, role="mentee")
            mentorship = make_mentorship(mentor=mentor, mentee=mentee) if i % 2 else None
            concern_report(user=mentee.user, subject=mentor, text="Hm", mentorship=mentorship)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("manage:concerns", args=[program.public_id]))
        assert len(response.context["page"].object_list) == count
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# ---------------------------------------------------------------------------------------------
# Blocking


def test_block_page_explains_what_happens(world, as_user, pair):
    request_create(user=world.mentee2.user, to=world.mentor1)
    url = reverse("manage:participant-block", args=[world.mentor1.public_id])
    html = as_user(world.admin).get(url).content.decode()
    assert "Block Maya Mentor?" in html
    assert "1 pending request" in html
    assert "1 open mentorship" in html
    assert reverse("manage:mentorship", args=[pair.public_id]) in html


def test_blocking_withdraws_pending_requests_and_tells_the_other_people(world, as_user):
    to_maya = request_create(user=world.mentee2.user, to=world.mentor1)
    from_lee = request_create(user=world.mentee1.user, to=world.mentor1)
    untouched = request_create(user=world.mentee1.user, to=world.mentor2)
    participants_url = reverse("manage:participants", args=[world.program.public_id])
    url = reverse("manage:participant-block", args=[world.mentor1.public_id])
    response = as_user(world.admin).post(url, {"blocked": "yes", "next": participants_url})
    assert response.url == participants_url
    assert "Maya Mentor is blocked" in messages_of(response)[0]
    assert Membership.objects.get(user=world.mentor1.user, organization=world.org).is_blocked
    for request in (to_maya, from_lee):
        request.refresh_from_db()
        assert request.status == "withdrawn" and request.closed_reason == "blocked"
    untouched.refresh_from_db()
    assert untouched.status == "pending"
    for person in (world.mentee1, world.mentee2):
        assert Notification.objects.filter(user=person.user, kind="request_auto_withdrawn").exists()
    assert not Notification.objects.filter(
        user=world.mentor1.user, kind="request_auto_withdrawn"
    ).exists()

    html = as_user(world.admin).get(participants_url).content.decode()
    assert 'class="blocked"' in html and ">Blocked<" in html
    assert "Unblock…" in html


def test_unblocking_restores_access(world, as_user):
    client = as_user(world.admin)
    url = reverse("manage:participant-block", args=[world.mentee1.public_id])
    client.post(url, {"blocked": "yes"})
    html = client.get(url).content.decode()
    assert "Unblock Lee Mentee?" in html
    response = client.post(url, {"blocked": "no"})
    assert response.url == reverse("manage:participants", args=[world.program.public_id])
    assert "unblocked" in messages_of(response)[0]
    assert not Membership.objects.get(user=world.mentee1.user, organization=world.org).is_blocked


def test_administrator_cannot_block_themselves(world, as_user):
    me = make_participant(world.program, role="mentor", user=world.admin, capacity=1)
    client = as_user(world.admin)
    response = client.post(
        reverse("manage:participant-block", args=[me.public_id]), {"blocked": "yes"}, follow=True
    )
    assert "You cannot block yourself." in response.content.decode()
    assert not Membership.objects.filter(user=world.admin, is_blocked=True).exists()
    html = client.get(reverse("manage:participants", args=[world.program.public_id]))
    html = html.content.decode()
    assert f'aria-label="Block {world.admin.name}"' not in html
    assert f'aria-label="Block {world.mentor1.user.name}"' in html


def test_block_page_ignores_an_off_site_next(world, as_user):
    url = reverse("manage:participant-block", args=[world.mentor1.public_id])
    html = as_user(world.admin).get(url, {"next": "javascript:alert(1)"}).content.decode()
    assert "javascript:" not in html


# ---------------------------------------------------------------------------------------------
# Links and confidentiality


def test_new_pages_are_linked_from_home_and_program_pages(world, as_user):
    client = as_user(world.admin)
    wanted = [
        reverse(name, args=[world.program.public_id])
        for name in ("manage:mentorships", "manage:requests", "manage:concerns")
    ]
    for url in (
        reverse("manage:home"),
        reverse("manage:participants", args=[world.program.public_id]),
        reverse("manage:program-edit", args=[world.program.public_id]),
    ):
        html = client.get(url).content.decode()
        for link in wanted:
            assert link in html, (url, link)


def test_administrators_see_metadata_but_never_the_pairs_private_content(world, as_user, pair):
    questions = fifteen_questions_set(
        program=world.program, actor=world.admin, texts=["What do you hope for?", "Boundaries?"]
    )
    secrets = {
        world.mentor1: "MENTOR-SECRET-ANSWER about my divorce",
        world.mentee1: "MENTEE-SECRET-ANSWER about my health",
    }
    for participant, text in secrets.items():
        fifteen_answers_save(
            participant=participant,
            actor=participant.user,
            answers={str(questions[0].pk): text, str(questions[1].pk): text + " (2)"},
        )
    concern = concern_report(
        user=world.mentee1.user, subject=world.mentor1, mentorship=pair, text="Please look."
    )
    client = as_user(world.admin)
    urls = [
        *pages(world, pair, concern).values(),
        reverse("manage:participant-block", args=[world.mentee1.public_id]),
        reverse("manage:participants", args=[world.program.public_id]),
        reverse("manage:home"),
    ]
    client.post(reverse("manage:mentorship-pause", args=[pair.public_id]), {"reason": "Check"})
    for url in urls:
        html = client.get(url).content.decode()
        for secret in ("MENTOR-SECRET-ANSWER", "MENTEE-SECRET-ANSWER", "Hi Maya"):
            assert secret not in html, (url, secret)

    # The end feedback is addressed to the administrators: that one they read.
    mentorship_end(
        mentorship=pair,
        user=world.mentee1.user,
        outcome="completed",
        reason="Goals met",
        feedback="FEEDBACK-FOR-ADMINS: a great mentor",
        confirm=True,
    )
    html = client.get(reverse("manage:mentorship", args=[pair.public_id])).content.decode()
    assert "FEEDBACK-FOR-ADMINS: a great mentor" in html and "Goals met" in html
    for url in urls:
        html = client.get(url).content.decode()
        for secret in ("MENTOR-SECRET-ANSWER", "MENTEE-SECRET-ANSWER", "Hi Maya"):
            assert secret not in html, (url, secret)


# ---------------------------------------------------------------------------------------------
# In a real browser, with screenshots at desktop and phone widths


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_administrator_walks_the_lifecycle_pages_in_a_browser(world, live_server):
    from tests.browser import CHROMIUM

    if CHROMIUM is None:
        pytest.skip("Debian's chromium package is not installed")
    import os

    from tests.browser import ARGS, shot

    pair = request_accept(
        request=request_create(user=world.mentee1.user, to=world.mentor1), user=world.mentor1.user
    )
    request_create(user=world.mentee2.user, to=world.mentor1, message="Private hello")
    earlier = make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    mentorship_end(
        mentorship=earlier,
        user=world.mentee2.user,
        outcome="completed",
        reason="We met every goal",
        feedback="Omar was generous with his time.",
        confirm=True,
    )
    concern_report(
        user=world.mentee1.user,
        subject=world.mentor1,
        mentorship=pair,
        text="Maya cancelled our last three meetings at the last minute.",
    )
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Email").fill(world.admin.email)
            page.get_by_label("Password").fill(world.password)
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_url(f"{live_server.url}/manage/")  # an administrator's landing page
            page.goto(f"{live_server.url}/manage/")
            shot(page, "manage-home-1280")
            page.get_by_role("link", name="Mentorships", exact=True).click()
            page.get_by_role("heading", name="Story Mentoring").wait_for()
            screens = {"mentorships": page.url}
            page.get_by_role("link", name="Maya Mentor mentoring Lee Mentee: details").click()
            screens["mentorship"] = page.url
            page.get_by_label("Why pause it?").fill("While we look into a concern")
            page.get_by_role("button", name="Pause the mentorship").click()
            page.get_by_text("is paused. Both are told.").wait_for()
            page.get_by_role("link", name="End the mentorship…").click()
            page.get_by_label("Ended early").check()
            page.get_by_label("Reason").fill("The pair asked to stop.")
            page.get_by_role("button", name="End the mentorship").click()
            page.locator(".field").get_by_text(
                "Confirm that you want to end the mentorship."
            ).wait_for()
            screens["mentorship-end"] = page.url
            for width in (1280, 390):
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(page.url)
                shot(page, f"manage-mentorship-end-{width}")
            screens["requests"] = (
                f"{live_server.url}/manage/programs/{world.program.public_id}/requests/"
            )
            screens["concerns"] = (
                f"{live_server.url}/manage/programs/{world.program.public_id}/concerns/"
            )
            screens["participants"] = (
                f"{live_server.url}/manage/programs/{world.program.public_id}/participants/"
            )
            screens["block"] = (
                f"{live_server.url}/manage/participants/{world.mentor1.public_id}/block/"
            )
            screens["ended"] = f"{live_server.url}/manage/mentorships/{earlier.public_id}/"
            for name, url in screens.items():
                if name == "mentorship-end":
                    continue
                for width in (1280, 390):
                    page.set_viewport_size({"width": width, "height": 900})
                    page.goto(url)
                    shot(page, f"manage-{name}-{width}")
                    assert "Private hello" not in page.content()
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(screens["block"])
            page.get_by_role("button", name="Block Maya Mentor").click()
            page.get_by_text("Maya Mentor is blocked").wait_for()
            shot(page, "manage-participants-after-block-1280")
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    assert Membership.objects.get(user=world.mentor1.user, organization=world.org).is_blocked
