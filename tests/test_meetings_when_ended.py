"""When a mentorship ends — a member or an administrator ends it, or the program closes it at
its maximum length — its meetings still planned for later are cancelled, and both members get
the cancellation (METHOD:CANCEL) that removes each from their calendars."""

from datetime import UTC, datetime, timedelta

import pytest

from mentorwise.core import sweeps
from mentorwise.meetings import services
from mentorwise.meetings.models import Meeting
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import OutboxEmail
from tests.api_helpers import post
from tests.meetings_helpers import T0, calendar_of, event_of, make_pair


@pytest.fixture
def pair(world, time_machine):
    """Lee and Maya: a meeting held yesterday, two planned for March."""
    time_machine.move_to(T0, tick=False)
    mentorship = make_pair(world)
    lee = world.mentee1.user
    held = services.meeting_log(
        mentorship=mentorship, user=lee, starts_at=T0 - timedelta(days=1), duration_minutes=30
    )
    first = services.meeting_plan(
        mentorship=mentorship,
        user=lee,
        starts_at=datetime(2027, 3, 10, 3, 30, tzinfo=UTC),
        duration_minutes=60,
    )
    second = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentor1.user,
        starts_at=datetime(2027, 3, 24, 3, 30, tzinfo=UTC),
        duration_minutes=45,
    )
    OutboxEmail.objects.all().delete()
    return world, mentorship, held, first, second


def assert_cancelled_for_both(world, held, planned):
    held.refresh_from_db()
    assert held.status == "held"  # what happened stays in the record
    for meeting in planned:
        meeting.refresh_from_db()
        assert meeting.status == "cancelled" and meeting.cancelled_at is not None
        assert meeting.ics_sequence == 1
    for user in (world.mentor1.user, world.mentee1.user):
        emails = OutboxEmail.objects.filter(to_email=user.email, kind="meeting_cancelled_ended")
        assert emails.count() == len(planned)
        uids = set()
        for email in emails:
            calendar = calendar_of(email)
            assert str(calendar["METHOD"]) == "CANCEL"
            event = event_of(calendar)
            assert str(event["STATUS"]) == "CANCELLED" and event.decoded("SEQUENCE") == 1
            uids.add(str(event["UID"]).split("@")[0])
            assert "has ended, so the meeting you had planned is cancelled" in email.body_text
            assert "cancelled" in email.subject.lower()
        assert uids == {f"meeting-{m.public_id}" for m in planned}


def test_ending_on_the_page_cancels_the_planned_meetings(pair, as_user):
    world, mentorship, held, first, second = pair
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{mentorship.public_id}/end/",
        {"outcome": "ended_early", "reason": "Moving abroad", "confirm": "on"},
    )
    assert response.status_code == 302
    assert_cancelled_for_both(world, held, [first, second])
    # the times are each recipient's own
    maya = OutboxEmail.objects.filter(
        to_email=world.mentor1.user.email, kind="meeting_cancelled_ended"
    ).order_by("pk")[0]
    assert "Tue 9 Mar 2027, 19:30 (America/Los_Angeles)" in maya.body_text
    assert "Lee Mentee" in maya.body_text


def test_ending_through_the_api_cancels_them_too(pair, as_user):
    world, mentorship, held, first, second = pair
    response = post(
        as_user(world.mentor1.user),
        f"/mentorships/{mentorship.public_id}/end",
        {"outcome": "completed", "confirm": True},
    )
    assert response.status_code == 200, response.json()
    assert_cancelled_for_both(world, held, [first, second])
    listed = as_user(world.mentee1.user).get(f"/api/v1/mentorships/{mentorship.public_id}/meetings")
    assert {m["status"] for m in listed.json()["items"]} == {"held", "cancelled"}


def test_an_administrator_ending_it_cancels_them(pair, as_user):
    world, mentorship, held, first, second = pair
    response = as_user(world.admin).post(
        f"/manage/mentorships/{mentorship.public_id}/end/",
        {"outcome": "ended_early", "reason": "Program decision", "confirm": "on"},
    )
    assert response.status_code == 302
    assert_cancelled_for_both(world, held, [first, second])


def test_the_program_closing_it_cancels_them(pair, time_machine):
    world, mentorship, held, first, second = pair
    months = world.program.auto_close_months
    Mentorship.objects.filter(pk=mentorship.pk).update(
        started_on=T0.date() - timedelta(days=31 * months + 1)
    )
    time_machine.move_to(T0 + timedelta(hours=1), tick=False)
    assert sweeps.run("mentorship_close") >= 1
    mentorship.refresh_from_db()
    assert mentorship.status == "closed"
    assert_cancelled_for_both(world, held, [first, second])


def test_a_meeting_already_past_is_left_alone(pair, time_machine, as_user):
    world, mentorship, _held, first, second = pair
    time_machine.move_to(datetime(2027, 3, 12, tzinfo=UTC), tick=False)  # the first has passed
    services.meeting_log(mentorship=mentorship, user=world.mentee1.user, meeting=first)
    OutboxEmail.objects.all().delete()
    post(
        as_user(world.mentor1.user),
        f"/mentorships/{mentorship.public_id}/end",
        {"outcome": "completed", "confirm": True},
    )
    first.refresh_from_db()
    assert first.status == "held"
    second.refresh_from_db()
    assert second.status == "cancelled"
    assert OutboxEmail.objects.filter(kind="meeting_cancelled_ended").count() == 2


def test_a_refused_ending_cancels_nothing(pair, as_user):
    world, mentorship, _held, _first, _second = pair
    response = post(
        as_user(world.mentor1.user),
        f"/mentorships/{mentorship.public_id}/end",
        {"outcome": "ended_early", "confirm": True},  # no reason: refused
    )
    assert response.status_code == 400
    assert Meeting.objects.planned().count() == 2
    assert not OutboxEmail.objects.exists()
