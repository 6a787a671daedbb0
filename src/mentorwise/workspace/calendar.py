"""Program dates in a person's calendar feed, besides their planned meetings.

Programs have no events of their own yet (API.md's "events" are planned, not built), so the
feed carries the dated steps that exist and that concern the person:

- for each program they take part in (accepted, in an organization that has not blocked them):
  the day it starts and the day it ends, when the program has those dates;
- for an open selection round of such a program: the day mentees' choices close (for its
  mentees) and the day mentors' picks close (for its mentors), when set.

Each is a whole-day event with a stable UID, so a changed date moves the event in the
subscriber's calendar. Registered with the meetings app's feed (`meetings.ics.FEED_SOURCES`),
which cannot import this layer. Two queries, whatever the number of programs.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Event

from mentorwise.matching.models import SelectionRound
from mentorwise.meetings.ics import all_day_event
from mentorwise.notifications.services import absolute_url
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role


def _participations(user):
    return (
        Participant.objects.filter(
            user=user,
            status=Participant.Status.ACCEPTED,
            program__organization__memberships__user=user,
            program__organization__memberships__is_blocked=False,
        )
        .select_related("program")
        .order_by("program_id", "role")
    )


def program_events(user) -> list[Event]:
    roles: dict[int, set[str]] = {}
    programs = {}
    for participant in _participations(user):
        roles.setdefault(participant.program_id, set()).add(participant.role)
        programs[participant.program_id] = participant.program
    events: list[Event] = []
    for program in programs.values():
        page = absolute_url(reverse("programs:detail", args=[program.public_id]))
        if program.starts_on:
            events.append(
                all_day_event(
                    uid=f"program-{program.public_id}-starts",
                    on=program.starts_on,
                    summary=_("%(program)s starts") % {"program": program.name},
                    url=page,
                )
            )
        if program.ends_on:
            events.append(
                all_day_event(
                    uid=f"program-{program.public_id}-ends",
                    on=program.ends_on,
                    summary=_("%(program)s ends") % {"program": program.name},
                    url=page,
                )
            )
    rounds = SelectionRound.objects.filter(
        program_id__in=list(programs), status__in=SelectionRound.OPEN
    ).select_related("program")
    for round in rounds:
        mine = roles.get(round.program_id, set())
        page = absolute_url(reverse("programs:detail", args=[round.program.public_id]))
        names = {"round": round.name, "program": round.program.name}
        if Role.MENTEE in mine and round.selection_closes_on:
            events.append(
                all_day_event(
                    uid=f"round-{round.public_id}-selection-closes",
                    on=round.selection_closes_on,
                    summary=_("Last day to choose your mentors: %(round)s (%(program)s)") % names,
                    url=page,
                )
            )
        if Role.MENTOR in mine and round.picking_closes_on:
            events.append(
                all_day_event(
                    uid=f"round-{round.public_id}-picking-closes",
                    on=round.picking_closes_on,
                    summary=_("Last day to choose your mentees: %(round)s (%(program)s)") % names,
                    url=page,
                )
            )
    return events
