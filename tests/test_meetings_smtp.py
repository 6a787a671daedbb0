"""A meeting invitation through a real SMTP server (aiosmtpd): it arrives with its text and
HTML parts and a text/calendar attachment."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from mentorwise.meetings import services
from tests.meetings_helpers import T0, make_pair
from tests.test_outbox_smtp import smtp  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_the_invitation_arrives_with_a_calendar_part(world, smtp, time_machine, delivered):  # noqa: F811
    time_machine.move_to(T0, tick=False)
    smtp.accepting = True
    mentorship = make_pair(world)
    with delivered():
        meeting = services.meeting_plan(
            mentorship=mentorship,
            user=world.mentee1.user,
            starts_at=datetime(2027, 3, 20, 3, 30, tzinfo=UTC),
            duration_minutes=60,
            place="Studio B, 2nd floor",
        )
    assert smtp.recipients() == sorted([world.mentee1.user.email, world.mentor1.user.email])
    (maya,) = [m for m in smtp.received if m["To"] == world.mentor1.user.email]
    text = maya.get_body(("plain",)).get_content()
    html = maya.get_body(("html",)).get_content()
    la_time = "Fri 19 Mar 2027, 20:30 (America/Los_Angeles)"
    assert la_time in text and la_time in html and "Studio B" in text
    (part,) = [p for p in maya.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "invite.ics"
    calendar = Calendar.from_ical(part.get_content())
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == meeting.starts_at
    assert str(event["LOCATION"]) == "Studio B, 2nd floor"
