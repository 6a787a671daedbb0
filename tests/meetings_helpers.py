"""Shared set-up for the meetings tests: Lee (mentee, Asia/Kolkata) and Maya (mentor,
America/Los_Angeles) work together."""

from datetime import UTC, datetime

from icalendar import Calendar

from mentorwise.mentorships.access import MEMBER_RELATED
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import OutboxEmail
from mentorwise.profiles.services import profile_update
from tests.factories import make_mentorship

T0 = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # before the US daylight-saving change (14 March)


def make_pair(world):
    profile_update(user=world.mentee1.user, time_zone="Asia/Kolkata")
    profile_update(user=world.mentor1.user, time_zone="America/Los_Angeles")
    made = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    # fresh from the database, as a page would read it (the people's zones included)
    return Mentorship.objects.select_related(*MEMBER_RELATED).get(pk=made.pk)


def calendar_of(email: OutboxEmail) -> Calendar:
    (attachment,) = email.attachments
    assert attachment["mimetype"] == "text/calendar"
    assert attachment["filename"].endswith(".ics")
    return Calendar.from_ical(attachment["content"])


def event_of(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def mail_to(user, kind: str) -> OutboxEmail:
    return OutboxEmail.objects.filter(to_email=user.email, kind=kind).latest("pk")
