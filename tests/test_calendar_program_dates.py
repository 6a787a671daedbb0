"""A person's calendar feed carries their programs' dates besides their planned meetings: the
day each program they take part in starts and ends, and an open selection round's deadline
for their side (mentees: choices close; mentors: picks close). Whole-day events with stable
UIDs, in the owner's language; nothing for a program they are not in, or one that blocked
them."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from mentorwise.matching.models import SelectionRound
from mentorwise.meetings import services
from mentorwise.programs.models import Program
from tests.factories import make_participant, make_program

pytestmark = pytest.mark.django_db


def feed_of(user) -> dict[str, object]:
    """The feed's events by UID (without the host)."""
    response = Client().get(f"/calendar/{services.feed_for(user).token}.ics")
    assert response.status_code == 200
    return {
        str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(response.content).walk("VEVENT")
    }


@pytest.fixture
def dated(world):
    Program.objects.filter(pk=world.program.pk).update(
        starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 6, 30)
    )
    world.program.refresh_from_db()
    return world


def test_the_programs_start_and_end_are_whole_day_events(dated):
    program = dated.program
    events = feed_of(dated.mentee1.user)
    start = events[f"program-{program.public_id}-starts"]
    assert str(start["SUMMARY"]) == "Story Mentoring starts"
    assert start.decoded("DTSTART") == datetime.date(2026, 9, 1)
    assert start.decoded("DTEND") == datetime.date(2026, 9, 2)
    assert f"/programs/{program.public_id}/" in str(start["URL"])
    end = events[f"program-{program.public_id}-ends"]
    assert str(end["SUMMARY"]) == "Story Mentoring ends"
    assert end.decoded("DTSTART") == datetime.date(2027, 6, 30)
    assert f"program-{program.public_id}-ends" in feed_of(dated.mentor1.user)


def test_a_changed_date_keeps_its_uid(dated):
    uid = f"program-{dated.program.public_id}-ends"
    Program.objects.filter(pk=dated.program.pk).update(ends_on=datetime.date(2027, 7, 31))
    assert feed_of(dated.mentee1.user)[uid].decoded("DTSTART") == datetime.date(2027, 7, 31)


def test_no_dates_no_events_and_nothing_of_programs_one_is_not_in(dated):
    assert not any(uid.startswith("program-") for uid in feed_of(dated.outsider.user))
    assert not any(uid.startswith("program-") for uid in feed_of(dated.admin))
    Program.objects.filter(pk=dated.program.pk).update(starts_on=None, ends_on=None)
    assert feed_of(dated.mentee1.user) == {}


def test_nothing_from_an_organization_that_blocked_the_person(dated):
    dated.mentee1.user.memberships.update(is_blocked=True)
    assert feed_of(dated.mentee1.user) == {}


def test_an_open_rounds_deadline_for_each_side(dated):
    round = SelectionRound.objects.create(
        program=dated.program,
        name="Spring round",
        selection_closes_on=datetime.date(2026, 9, 10),
        picking_closes_on=datetime.date(2026, 9, 17),
    )
    mentee = feed_of(dated.mentee1.user)
    choose = mentee[f"round-{round.public_id}-selection-closes"]
    assert str(choose["SUMMARY"]) == (
        "Last day to choose your mentors: Spring round (Story Mentoring)"
    )
    assert choose.decoded("DTSTART") == datetime.date(2026, 9, 10)
    assert f"round-{round.public_id}-picking-closes" not in mentee
    mentor = feed_of(dated.mentor1.user)
    pick = mentor[f"round-{round.public_id}-picking-closes"]
    assert str(pick["SUMMARY"]) == "Last day to choose your mentees: Spring round (Story Mentoring)"
    assert f"round-{round.public_id}-selection-closes" not in mentor
    round.status = SelectionRound.Status.PUBLISHED
    round.save()
    assert not any(uid.startswith("round-") for uid in feed_of(dated.mentee1.user))


def test_in_the_owners_language(dated):
    lee = dated.mentee1.user
    lee.language = "es"
    lee.save(update_fields=["language"])
    events = feed_of(lee)
    assert str(events[f"program-{dated.program.public_id}-ends"]["SUMMARY"]) == (
        "Story Mentoring termina"
    )


def test_the_feed_costs_the_same_queries_with_one_program_or_four(dated):
    url = f"/calendar/{services.feed_for(dated.mentee1.user).token}.ics"
    with CaptureQueriesContext(connection) as one:
        Client().get(url)
    for n in range(3):
        program = make_program(dated.org, actor=dated.admin, name=f"Extra {n}")
        Program.objects.filter(pk=program.pk).update(ends_on=datetime.date(2027, 1, 1 + n))
        make_participant(program, role="mentee", user=dated.mentee1.user)
        SelectionRound.objects.create(
            program=program, name=f"Round {n}", selection_closes_on=datetime.date(2026, 10, 1)
        )
    with CaptureQueriesContext(connection) as four:
        events = Calendar.from_ical(Client().get(url).content).walk("VEVENT")
    assert len(events) == 2 + 3 * 2
    assert len(four) == len(one)
