"""Calendar files (RFC 5545) for meetings, built with the `icalendar` library.

One meeting keeps one UID for its whole life; each change to the invitation raises its
SEQUENCE, so calendar programs replace the event instead of adding a second one. Times are
written in UTC (DTSTART ...Z): every calendar shows them in its owner's zone.
"""

from datetime import UTC, datetime, timedelta
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


def uid_of(meeting: Meeting) -> str:
    host = urlsplit(settings.BASE_URL).hostname or "mentorwise"
    return f"meeting-{meeting.public_id}@{host}"


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


def calendar_for(meetings, *, method: str = "PUBLISH", name: str = "") -> bytes:
    """A calendar with one event per meeting; `method` is REQUEST for an invitation or an
    update, CANCEL for a cancellation, PUBLISH for a download or a feed."""
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
    return calendar.to_ical()


def attachment_for(meeting: Meeting, *, method: str) -> dict:
    """The invitation as an outbox attachment (see notifications.services.queue_email)."""
    return {
        "filename": "cancel.ics" if method == "CANCEL" else "invite.ics",
        "mimetype": MIMETYPE,
        "content": calendar_for([meeting], method=method).decode(),
    }
