"""The reminder to set goals: once the program's deadline has passed with no goal, the mentee
is reminded by e-mail and in the app, once, however often the sweep runs."""

import datetime

import pytest

from mentorwise.core import sweeps
from mentorwise.goals.models import GoalReminder
from mentorwise.goals.services import goal_create
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification, OutboxEmail

START = datetime.date(2026, 3, 2)


def _at(day: datetime.date, hour=12):
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


@pytest.fixture
def pair(world):
    world.program.goals_due_days = 30
    world.program.save()
    return Mentorship.objects.create(
        program=world.program,
        mentor=world.mentor1,
        mentee=world.mentee1,
        started_on=START,
        planned_end_on=START + datetime.timedelta(days=180),
    )


def _run(time_machine, day):
    time_machine.move_to(_at(day))
    return sweeps.run("goals_due_reminder")


def test_no_reminder_until_the_deadline_has_passed(world, pair, time_machine):
    assert _run(time_machine, START + datetime.timedelta(days=30)) == 0
    assert not OutboxEmail.objects.exists()


def test_the_mentee_is_reminded_once_after_the_deadline(world, pair, time_machine):
    assert _run(time_machine, START + datetime.timedelta(days=31)) == 1
    assert _run(time_machine, START + datetime.timedelta(days=31)) == 0  # the same run twice
    assert _run(time_machine, START + datetime.timedelta(days=40)) == 0  # and later on

    email = OutboxEmail.objects.get(kind="goals_due_reminder")
    assert email.to_email == world.mentee1.user.email
    assert "set their goals by 1 April 2026" in email.body_text
    assert "Maya Mentor" in email.body_text
    assert f"/mentorships/{pair.public_id}/goals/new/" in email.body_text
    assert "set their goals by 1 April 2026" in email.body_html
    assert Notification.objects.filter(user=world.mentee1.user, kind="goals_due_reminder").count()
    assert GoalReminder.objects.get().mentorship == pair
    assert not OutboxEmail.objects.filter(to_email=world.mentor1.user.email).exists()


def test_no_reminder_when_the_pair_has_a_goal(world, pair, time_machine):
    time_machine.move_to(_at(START + datetime.timedelta(days=3)))
    goal_create(
        mentorship=pair,
        user=world.mentee1.user,
        title="Finish the animatic",
        measure="Cut and timed",
        due_on=START + datetime.timedelta(days=60),
    )
    assert _run(time_machine, START + datetime.timedelta(days=35)) == 0
    assert not OutboxEmail.objects.filter(kind="goals_due_reminder").exists()


def test_no_reminder_for_an_ended_mentorship(world, pair, time_machine):
    pair.status = Mentorship.Status.ENDED_EARLY
    pair.save()
    assert _run(time_machine, START + datetime.timedelta(days=35)) == 0


def test_the_deadline_follows_the_program_setting(world, pair, time_machine):
    world.program.goals_due_days = 10
    world.program.save()
    assert _run(time_machine, START + datetime.timedelta(days=10)) == 0
    assert _run(time_machine, START + datetime.timedelta(days=11)) == 1
