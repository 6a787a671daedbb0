"""Invitations, updates and cancellations: e-mails to both members with a calendar file that
calendar programs understand, at the right instant for people in different zones, across a
daylight-saving change."""

from datetime import UTC, datetime, timedelta

import pytest

from mentorwise.meetings import services
from mentorwise.meetings.models import Meeting
from mentorwise.notifications.models import OutboxEmail
from tests.meetings_helpers import T0, calendar_of, event_of, mail_to, make_pair


@pytest.fixture
def pair(world, time_machine):
    time_machine.move_to(T0, tick=False)
    return world, make_pair(world)


def _plan_on_the_page(world, mentorship, as_user, **overrides):
    """Lee, in Kolkata, enters 09:00 on 20 March 2027 (after the US daylight-saving change)."""
    data = {
        "day": "2027-03-20",
        "time": "09:00",
        "duration_minutes": "60",
        "channel": "video",
        "place": "https://meet.example.org/lee-maya",
        "agenda": "Portfolio review: the storyboard for the short",
        **overrides,
    }
    lee = as_user(world.mentee1.user)
    return lee.post(f"/mentorships/{mentorship.public_id}/meetings/plan/", data)


def test_time_entered_in_kolkata_becomes_the_right_instant_in_the_invitation(pair, as_user):
    world, mentorship = pair
    response = _plan_on_the_page(world, mentorship, as_user)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.public_id}/"
    assert meeting.starts_at == datetime(2027, 3, 20, 3, 30, tzinfo=UTC)

    for user in (world.mentor1.user, world.mentee1.user):  # the partner and the planner
        email = mail_to(user, "meeting_planned")
        calendar = calendar_of(email)
        assert str(calendar["METHOD"]) == "REQUEST"
        event = event_of(calendar)
        assert event.decoded("DTSTART") == datetime(2027, 3, 20, 3, 30, tzinfo=UTC)
        assert "DTSTART:20270320T033000Z" in email.attachments[0]["content"].replace("\r\n ", "")
        assert event.decoded("DURATION") == timedelta(minutes=60)
        assert str(event["UID"]).startswith(f"meeting-{meeting.public_id}@")
        assert event.decoded("SEQUENCE") == 0
        assert str(event["LOCATION"]) == "https://meet.example.org/lee-maya"
        assert str(event["URL"]) == "https://meet.example.org/lee-maya"
        assert "Maya Mentor" in str(event["SUMMARY"]) and "Lee Mentee" in str(event["SUMMARY"])
        assert str(event["ORGANIZER"]) == "mailto:lee@guild.example"
        attendees = sorted(str(a) for a in event["ATTENDEE"])
        assert attendees == ["mailto:lee@guild.example", "mailto:maya@guild.example"]


def test_each_member_reads_the_time_in_their_own_zone_after_the_dst_change(pair, as_user):
    world, mentorship = pair
    _plan_on_the_page(world, mentorship, as_user)
    # Los Angeles is on daylight time (UTC-7) on 19 March 2027, though it is not on 1 March
    maya = mail_to(world.mentor1.user, "meeting_planned")
    la_time = "Fri 19 Mar 2027, 20:30 (America/Los_Angeles)"
    assert la_time in maya.subject
    assert la_time in maya.body_text and la_time in maya.body_html
    assert "Lee Mentee planned a meeting with you." in maya.body_text
    assert "Lee Mentee planned a meeting with you." in maya.body_html
    assert "Portfolio review" in maya.body_text and "Portfolio review" in maya.body_html
    lee = mail_to(world.mentee1.user, "meeting_planned")
    kolkata_time = "Sat 20 Mar 2027, 09:00 (Asia/Kolkata)"
    assert kolkata_time in lee.body_text and kolkata_time in lee.body_html
    assert "You planned a meeting with Maya Mentor." in lee.body_text


def test_a_meeting_before_the_dst_change_shows_standard_time(pair):
    world, mentorship = pair
    services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 10, 3, 30, tzinfo=UTC),
        duration_minutes=45,
    )
    maya = mail_to(world.mentor1.user, "meeting_planned")
    assert "Tue 9 Mar 2027, 19:30 (America/Los_Angeles)" in maya.body_text


def test_an_update_sends_the_same_uid_with_a_higher_sequence(pair):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 20, 3, 30, tzinfo=UTC),
        duration_minutes=60,
    )
    services.meeting_update(
        meeting=meeting, user=world.mentor1.user, starts_at=datetime(2027, 3, 21, 16, 0, tzinfo=UTC)
    )
    services.meeting_update(meeting=meeting, user=world.mentor1.user, duration_minutes=90)
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 2
    assert OutboxEmail.objects.filter(kind="meeting_updated").count() == 4
    for user in (world.mentor1.user, world.mentee1.user):
        event = event_of(calendar_of(mail_to(user, "meeting_updated")))
        assert str(event["UID"]).startswith(f"meeting-{meeting.public_id}@")
        assert event.decoded("SEQUENCE") == 2
        assert event.decoded("DTSTART") == datetime(2027, 3, 21, 16, 0, tzinfo=UTC)
        assert event.decoded("DURATION") == timedelta(minutes=90)
    lee = mail_to(world.mentee1.user, "meeting_updated")
    assert "Maya Mentor changed your meeting." in lee.body_text
    assert "Maya Mentor changed your meeting." in lee.body_html
    assert "Sun 21 Mar 2027, 21:30 (Asia/Kolkata)" in lee.body_text


def test_an_update_that_changes_nothing_sends_nothing(pair):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 20, 3, 30, tzinfo=UTC),
        duration_minutes=60,
    )
    services.meeting_update(meeting=meeting, user=world.mentee1.user, duration_minutes=60)
    meeting.refresh_from_db()
    assert meeting.ics_sequence == 0
    assert not OutboxEmail.objects.filter(kind="meeting_updated").exists()


def test_cancelling_sends_method_cancel_to_both(pair):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 20, 3, 30, tzinfo=UTC),
        duration_minutes=60,
    )
    services.meeting_cancel(meeting=meeting, user=world.mentor1.user)
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.ics_sequence == 1
    for user in (world.mentor1.user, world.mentee1.user):
        email = mail_to(user, "meeting_cancelled")
        calendar = calendar_of(email)
        assert str(calendar["METHOD"]) == "CANCEL"
        event = event_of(calendar)
        assert str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("SEQUENCE") == 1
        assert str(event["UID"]).startswith(f"meeting-{meeting.public_id}@")
        assert "cancelled" in email.subject.lower()
    lee = mail_to(world.mentee1.user, "meeting_cancelled")
    assert "Maya Mentor cancelled your meeting." in lee.body_text
    assert "Maya Mentor cancelled your meeting." in lee.body_html


def test_invitations_carry_no_content_in_the_audit_trail(pair):
    from mentorwise.core.models import AuditEntry

    world, mentorship = pair
    services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 20, 3, 30, tzinfo=UTC),
        duration_minutes=60,
        agenda="Something private",
    )
    entry = AuditEntry.objects.get(action="meeting.plan")
    assert "Something private" not in str(entry.data)
    assert entry.data["duration_minutes"] == 60
