"""The meeting pages: the panel on the mentorship page (next meeting, hours bar, recent
meetings), planning, logging, changing and cancelling, the calendar file and the feed page."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from mentorwise.meetings import services
from mentorwise.meetings.models import Meeting
from mentorwise.notifications.models import OutboxEmail
from tests.meetings_helpers import T0, make_pair


@pytest.fixture
def pair(world, time_machine):
    time_machine.move_to(T0, tick=False)
    return world, make_pair(world)


def _held(mentorship, user, *, starts_at, minutes=60, topics=("Portfolio",)):
    return services.meeting_log(
        mentorship=mentorship,
        user=user,
        starts_at=starts_at,
        duration_minutes=minutes,
        topics=list(topics),
        notes="Went through the boards.",
        next_steps="Redo the second act.",
    )


def test_the_panel_shows_the_next_meeting_in_the_viewers_zone(pair, as_user):
    world, mentorship = pair
    services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=datetime(2027, 3, 4, 3, 30, tzinfo=UTC),
        duration_minutes=45,
    )
    page = as_user(world.mentor1.user).get(f"/mentorships/{mentorship.public_id}/")
    html = page.content.decode()
    assert 'id="meetings-h"' in html
    assert "Wed 3 Mar 2027, 19:30 (America/Los_Angeles)" in html
    assert "45 minutes" in html
    assert "Plan a meeting" in html and "Log a meeting" in html
    lee = as_user(world.mentee1.user).get(f"/mentorships/{mentorship.public_id}/")
    assert "Thu 4 Mar 2027, 09:00 (Asia/Kolkata)" in lee.content.decode()


def test_the_hours_bar_moves_after_logging_a_meeting(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/"
    html = lee.get(url).content.decode()
    assert "0 of 2 hours this month" in html
    assert "<meter" in html and 'value="0"' in html and "aria-labelledby" in html
    response = lee.post(
        f"/mentorships/{mentorship.public_id}/meetings/log/",
        {
            "day": "2027-03-01",
            "time": "10:00",
            "duration_minutes": "90",
            "channel": "in_person",
            "place": "The studio café",
            "topics": "Portfolio, pitching\nStoryboards",
            "notes": "Good first session.",
            "next_steps": "Send three thumbnails.",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.held and meeting.topics == ["Portfolio", "pitching", "Storyboards"]
    html = lee.get(url).content.decode()
    assert "1.5 of 2 hours this month" in html
    assert 'value="1.5"' in html
    assert "Portfolio, pitching, Storyboards" in html


def test_hours_count_the_month_in_the_viewers_zone(pair):
    world, mentorship = pair
    # 1 April 2027, 02:00 in Kolkata is still 31 March in Los Angeles
    _held(mentorship, world.mentee1.user, starts_at=datetime(2027, 2, 28, 20, 30, tzinfo=UTC))
    kolkata, la = ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Los_Angeles")
    assert services.hours_this_month(mentorship, today=date(2027, 3, 1), zone=kolkata) == 1
    assert services.hours_this_month(mentorship, today=date(2027, 3, 1), zone=la) == 0
    assert services.hours_this_month(mentorship, today=date(2027, 2, 28), zone=la) == 1
    assert services.expected_hours_per_month(mentorship.program) == Decimal(2)


def test_a_cancelled_or_planned_meeting_does_not_count_as_hours(pair):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(hours=2),
        duration_minutes=60,
    )
    assert services.hours_this_month(mentorship, today=date(2027, 3, 1), zone=UTC) == 0
    services.meeting_cancel(meeting=meeting, user=world.mentee1.user)
    assert services.hours_this_month(mentorship, today=date(2027, 3, 1), zone=UTC) == 0


def test_the_plan_form_names_the_zone_and_keeps_the_input_on_error(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/meetings/plan/"
    page = lee.get(url).content.decode()
    assert "In your time zone, Asia/Kolkata." in page
    assert '<label for="id_day">' in page and '<label for="id_time">' in page
    response = lee.post(
        url,
        {
            "day": "2027-02-20",
            "time": "09:00",
            "duration_minutes": "60",
            "channel": "video",
            "agenda": "My agenda stays here",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a time in the future" in html
    assert "My agenda stays here" in html and 'value="2027-02-20"' in html
    assert not Meeting.objects.exists()
    too_long = lee.post(url, {"day": "2027-03-20", "time": "09:00", "duration_minutes": "601"})
    assert too_long.status_code == 200 and "601" in too_long.content.decode()


def test_a_past_planned_meeting_is_logged_from_its_page(pair, as_user, time_machine):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=1),
        duration_minutes=60,
    )
    maya = as_user(world.mentor1.user)
    page = maya.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert "Change the plan" in page and "Log it as held" not in page
    early = maya.post(
        f"/meetings/{meeting.public_id}/log/", {"duration_minutes": "60"}, follow=True
    )
    assert "has not started yet" in early.content.decode()

    time_machine.move_to(T0 + timedelta(days=1, hours=2), tick=False)
    page = maya.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert "Log it as held" in page  # or reschedule it, or cancel it, if it did not happen
    panel = maya.get(f"/mentorships/{mentorship.public_id}/").content.decode()
    assert "has passed" in panel
    response = maya.post(
        f"/meetings/{meeting.public_id}/log/",
        {"duration_minutes": "75", "topics": "Career, pitching", "notes": "N", "next_steps": "S"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.duration_minutes == 75
    assert meeting.topics == ["Career", "pitching"]
    html = maya.get(f"/meetings/{meeting.public_id}/").content.decode()
    assert "Career, pitching" in html and "Edit the log" in html
    # Lee is told, in the app and by e-mail, with a link to the meeting
    told = OutboxEmail.objects.get(kind="meeting_logged")
    assert told.to_email == world.mentee1.user.email
    assert f"/meetings/{meeting.public_id}/" in told.body_text
    lee = as_user(world.mentee1.user)
    assert "Meeting logged as held" in lee.get("/notifications/").content.decode()


def test_changing_the_plan_on_the_page_sends_the_update(pair, as_user):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    maya = as_user(world.mentor1.user)
    response = maya.post(
        f"/meetings/{meeting.public_id}/update/",
        {"day": "2027-03-05", "time": "08:00", "duration_minutes": "30", "channel": "phone"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2027, 3, 5, 16, 0, tzinfo=UTC)  # 08:00 in LA (PST)
    assert meeting.ics_sequence == 1 and meeting.channel == "phone"
    assert OutboxEmail.objects.filter(kind="meeting_updated").count() == 2


def test_cancelling_asks_for_confirmation_first(pair, as_user):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    lee = as_user(world.mentee1.user)
    confirm = lee.get(f"/meetings/{meeting.public_id}/cancel/")
    assert confirm.status_code == 200
    assert "Cancel the meeting?" in confirm.content.decode()
    meeting.refresh_from_db()
    assert meeting.is_planned
    assert lee.post(f"/meetings/{meeting.public_id}/cancel/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    again = lee.post(f"/meetings/{meeting.public_id}/cancel/", follow=True)
    assert "Only a planned meeting can be cancelled" in again.content.decode()


def test_the_calendar_file_downloads_for_a_member(pair, as_user):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    response = as_user(world.mentor1.user).get(f"/meetings/{meeting.public_id}/meeting.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == T0 + timedelta(days=3)


def test_an_ended_mentorship_keeps_its_meetings_readable_but_hides_the_forms(pair, as_user):
    world, mentorship = pair
    meeting = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    past = _held(mentorship, world.mentee1.user, starts_at=T0 - timedelta(days=2))
    mentorship.status = "completed"
    mentorship.save(update_fields=["status"])
    lee = as_user(world.mentee1.user)
    panel = lee.get(f"/mentorships/{mentorship.public_id}/").content.decode()
    assert "Plan a meeting" not in panel and "Recent meetings" in panel
    for m in (meeting, past):
        page = lee.get(f"/meetings/{m.public_id}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "<form" not in html.split('id="facts-h"')[1].split("<footer")[0]
    plan = lee.get(f"/mentorships/{mentorship.public_id}/meetings/plan/")
    assert plan.status_code == 302
    lee.post(f"/meetings/{meeting.public_id}/cancel/")
    meeting.refresh_from_db()
    assert meeting.is_planned


def test_a_paused_mentorship_can_still_plan(pair, as_user):
    world, mentorship = pair
    mentorship.status = "paused"
    mentorship.save(update_fields=["status"])
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{mentorship.public_id}/meetings/plan/",
        {"day": "2027-03-20", "time": "09:00", "duration_minutes": "60", "channel": "video"},
    )
    assert response.status_code == 302 and Meeting.objects.count() == 1


def _panel_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_mentorship_page_costs_the_same_queries_with_1_or_20_meetings(
    pair, as_user, django_assert_num_queries
):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    url = f"/mentorships/{mentorship.public_id}/"
    lee.get(url)  # the session remembers the zone
    _held(mentorship, world.mentee1.user, starts_at=T0 - timedelta(hours=5))
    services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=1),
        duration_minutes=30,
    )
    with_one = _panel_queries(lee, url)
    for n in range(19):
        _held(mentorship, world.mentee1.user, starts_at=T0 - timedelta(days=n + 1))
        services.meeting_plan(
            mentorship=mentorship,
            user=world.mentee1.user,
            starts_at=T0 + timedelta(days=n + 2),
            duration_minutes=30,
        )
    with django_assert_num_queries(with_one):
        assert lee.get(url).status_code == 200


def test_the_calendar_page_shows_the_feed_and_rotates_it(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    page = lee.get("/calendar/").content.decode()
    feed = services.feed_for(world.mentee1.user)
    old_url = f"/calendar/{feed.token}.ics"
    assert old_url in page and '<label for="feed-url">' in page
    response = lee.get(old_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1

    unconfirmed = lee.post("/calendar/rotate/", follow=True)
    assert "Tick the box" in unconfirmed.content.decode()
    assert lee.get(old_url).status_code == 200
    assert lee.post("/calendar/rotate/", {"confirm": "1"}).status_code == 302
    feed.refresh_from_db()
    assert feed.rotated_at is not None
    assert lee.get(old_url).status_code == 404
    assert lee.get(f"/calendar/{feed.token}.ics").status_code == 200
    assert len(feed.token) >= 43  # 32 random bytes


def test_the_feed_lists_only_planned_meetings_and_empties_for_a_blocked_member(pair, client):
    world, mentorship = pair
    planned = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=3),
        duration_minutes=60,
    )
    cancelled = services.meeting_plan(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=4),
        duration_minutes=60,
    )
    services.meeting_cancel(meeting=cancelled, user=world.mentee1.user)
    _held(mentorship, world.mentee1.user, starts_at=T0 - timedelta(days=1))
    url = f"/calendar/{services.feed_for(world.mentor1.user).token}.ics"
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")  # no sign-in needed
    assert [str(e["UID"]).split("@")[0] for e in events] == [f"meeting-{planned.public_id}"]
    world.mentor1.user.memberships.update(is_blocked=True)
    assert Calendar.from_ical(client.get(url).content).walk("VEVENT") == []
    assert client.get("/calendar/not-the-token.ics").status_code == 404


def test_logging_a_meeting_tells_the_partner_by_their_preference(pair, as_user):
    from mentorwise.notifications.models import Notification, NotificationPreference

    world, mentorship = pair
    NotificationPreference.objects.create(
        user=world.mentor1.user, category="mentorships", mode="off"
    )
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{mentorship.public_id}/meetings/log/",
        {"day": "2027-02-27", "time": "10:00", "duration_minutes": "45", "channel": "video"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not OutboxEmail.objects.filter(kind="meeting_logged").exists()  # e-mail off
    notice = Notification.objects.get(kind="meeting_logged")
    assert notice.user == world.mentor1.user  # in the app all the same
    assert notice.body == "Lee Mentee logged your meeting as held."
    assert not Notification.objects.filter(user=world.mentee1.user).exists()
