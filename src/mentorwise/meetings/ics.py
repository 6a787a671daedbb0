"""Calendar files (RFC 5545) for meetings, built with the `icalendar` library.

One meeting keeps one UID for its whole life; each change to the invitation raises its
SEQUENCE, so calendar programs replace the event instead of adding a second one. Times are
written in UTC (DTSTART ...Z): every calendar shows them in its owner's zone.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from mentorwise.meetings.models import Meeting
from mentorwise.notifications.services import absolute_url

PRODID = "-//Mentorwise//Meetings//EN"
MIMETYPE = "text/calendar"

# Other dated things a person's calendar feed carries besides their planned meetings (the
# program's dates, a selection round's deadlines): apps above this one — which it cannot
# import — register a function `source(user) -> list[Event]` here, in their
# AppConfig.ready(). See workspace/calendar.py.
FEED_SOURCES: list[Callable] = []


def register_feed_source(source: Callable) -> Callable:
    if source not in FEED_SOURCES:
        FEED_SOURCES.append(source)
    return source


def feed_extras(user) -> list[Event]:
    events: list[Event] = []
    for source in FEED_SOURCES:
        events.extend(source(user))
    return events


def host() -> str:
    return urlsplit(settings.BASE_URL).hostname or "mentorwise"


def all_day_event(*, uid: str, on: date, summary: str, description: str = "", url: str = ""):
    """A whole-day event (DTSTART;VALUE=DATE, DTEND the day after) with a stable UID."""
    event = Event()
    event.add("uid", f"{uid}@{host()}")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("transp", "TRANSPARENT")  # a date to know, not a busy day
    return event


def uid_of(meeting: Meeting) -> str:
    return f"meeting-{meeting.public_id}@{host()}"


def summary_of(meeting: Meeting) -> str:
    mentorship = meeting.mentorship
    return _("Mentoring: %(mentor)s and %(mentee)s") % {
        "mentor": mentorship.mentor.user.name,
        "mentee": mentorship.mentee.user.name,
    }


def _address(user, *, role: str | None = None, accepted: bool = False) -> vCalAddress:
    address = vCalAddress(f"mailto:{user.email}")
    address.params["CN"] = vText(user.name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("ACCEPTED" if accepted else "NEEDS-ACTION")
        address.params["RSVP"] = vText("FALSE" if accepted else "TRUE")
    return address


def event_for(meeting: Meeting, *, now: datetime | None = None) -> Event:
    mentorship = meeting.mentorship
    organizer = meeting.created_by or mentorship.mentee.user
    page = absolute_url(reverse("meetings:detail", args=[meeting.public_id]))
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("sequence", meeting.ics_sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("duration", timedelta(minutes=meeting.duration_minutes))
    event.add("summary", summary_of(meeting))
    description = [meeting.agenda.strip()] if meeting.agenda.strip() else []
    description.append(_("Channel: %(channel)s") % {"channel": meeting.get_channel_display()})
    description.append(_("In Mentorwise: %(link)s") % {"link": page})
    event.add("description", "\n\n".join(description))
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", meeting.place if meeting.place_is_link else page)
    event.add("organizer", _address(organizer))
    for member in (mentorship.mentor.user, mentorship.mentee.user):
        event.add(
            "attendee",
            _address(member, role="REQ-PARTICIPANT", accepted=member.pk == organizer.pk),
        )
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def calendar_for(meetings, *, method: str = "PUBLISH", name: str = "", extras=()) -> bytes:
    """A calendar with one event per meeting (and the `extras`, already built events); `method`
    is REQUEST for an invitation or an update, CANCEL for a cancellation, PUBLISH for a
    download or a feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    now = timezone.now()
    for meeting in meetings:
        calendar.add_component(event_for(meeting, now=now))
    for event in extras:
        calendar.add_component(event)
    return calendar.to_ical()


def attachment_for(meeting: Meeting, *, method: str) -> dict:
    """The invitation as an outbox attachment (see notifications.services.queue_email)."""
    return {
        "filename": "cancel.ics" if method == "CANCEL" else "invite.ics",
        "mimetype": MIMETYPE,
        "content": calendar_for([meeting], method=method).decode(),
    }
