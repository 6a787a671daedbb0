"""The reminder that "How is it going?" is waiting: when a member's check-in falls due (the day
of the pair's first logged meeting, then 60 days after their last answer, read in their zone),
they are told in the app and, by their preference, by e-mail in their language; once per due
check-in, however often the sweep runs."""

import datetime

import pytest

from mentorwise.conversations.services import checkin_record
from mentorwise.core import sweeps
from mentorwise.meetings.services import meeting_log
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification, NotificationPreference, OutboxEmail
from mentorwise.profiles.models import Profile
from mentorwise.workspace.models import CheckInReminder
from tests.factories import make_mentorship

START = datetime.datetime(2026, 3, 2, 17, tzinfo=datetime.UTC)


def at(n: int, hour: int = 17) -> datetime.datetime:
    return START.replace(hour=hour) + datetime.timedelta(days=n)


@pytest.fixture
def pair(world, time_machine):
    """Maya (Los Angeles) mentors Lee from 2 March 2026."""
    time_machine.move_to(START)
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def run(time_machine, when: datetime.datetime) -> int:
    time_machine.move_to(when)
    return sweeps.run("checkin_due_reminder")


def log_meeting(pair, user, n: int, hour: int = 17):
    return meeting_log(
        mentorship=pair,
        user=user,
        starts_at=at(n, hour),
        duration_minutes=45,
        now=at(n, hour) + datetime.timedelta(hours=1),
    )


def test_nobody_is_reminded_before_the_first_logged_meeting(world, pair, time_machine):
    assert run(time_machine, at(60)) == 0
    assert not CheckInReminder.objects.exists()
    assert not OutboxEmail.objects.filter(kind="checkin_due").exists()


def test_both_are_reminded_once_after_the_first_logged_meeting(world, pair, time_machine):
    log_meeting(pair, world.mentee1.user, 5)
    assert run(time_machine, at(5, 20)) == 2
    assert run(time_machine, at(5, 21)) == 0  # the same day again
    assert run(time_machine, at(30)) == 0  # and later, while unanswered

    for member in (world.mentor1.user, world.mentee1.user):
        email = OutboxEmail.objects.get(kind="checkin_due", to_email=member.email)
        assert "have had your first meeting" in email.body_text
        assert f"/mentorships/{pair.public_id}/#checkin" in email.body_text
        assert "Only you can see your answer" in email.body_html
        notice = Notification.objects.get(kind="checkin_due", user=member)
        assert notice.url == f"/mentorships/{pair.public_id}/#checkin"
    assert "going?" in OutboxEmail.objects.get(to_email=world.mentee1.user.email).subject
    assert "Maya Mentor" in OutboxEmail.objects.get(to_email=world.mentee1.user.email).subject


def test_the_due_day_is_the_recipients_own(world, pair, time_machine):
    """A meeting at 03:00 UTC on day 6 started on day 5 in Los Angeles: Maya's check-in is due
    on day 5 of her calendar; Lee (UTC) is asked from day 6."""
    Profile.objects.filter(user=world.mentee1.user).update(time_zone="UTC")
    log_meeting(pair, world.mentor1.user, 6, hour=3)
    assert run(time_machine, at(6, 4)) == 2  # 04:00 UTC on day 6: both are due
    assert CheckInReminder.objects.get(member=world.mentor1.user).due_on == at(5).date()
    assert CheckInReminder.objects.get(member=world.mentee1.user).due_on == at(6).date()


def test_in_the_recipients_language(world, pair, time_machine):
    lee = world.mentee1.user
    lee.language = "es"
    lee.save(update_fields=["language"])
    log_meeting(pair, lee, 5)
    run(time_machine, at(5, 20))
    email = OutboxEmail.objects.get(kind="checkin_due", to_email=lee.email)
    assert "¿Qué tal va tu mentoría con Maya Mentor?" in email.subject
    assert "primera reunión" in email.body_text
    english = OutboxEmail.objects.get(kind="checkin_due", to_email=world.mentor1.user.email)
    assert "How is your mentorship with Lee Mentee going?" in english.subject


def test_an_answer_sets_the_next_reminder_sixty_days_on(world, pair, time_machine):
    lee = world.mentee1.user
    log_meeting(pair, lee, 5)
    run(time_machine, at(5, 20))
    time_machine.move_to(at(10))
    checkin_record(mentorship=pair, user=lee, score=3)
    assert run(time_machine, at(69)) == 0
    assert run(time_machine, at(70)) == 1
    again = OutboxEmail.objects.filter(kind="checkin_due", to_email=lee.email).order_by("pk")
    assert again.count() == 2
    assert "It has been a while" in again.last().body_text
    assert run(time_machine, at(71)) == 0


def test_no_email_when_reminders_are_off_but_the_notice_is_there(world, pair, time_machine):
    lee = world.mentee1.user
    NotificationPreference.objects.create(user=lee, category="reminders", mode="off")
    log_meeting(pair, lee, 5)
    run(time_machine, at(5, 20))
    assert not OutboxEmail.objects.filter(kind="checkin_due", to_email=lee.email).exists()
    assert Notification.objects.filter(kind="checkin_due", user=lee).exists()


def test_not_for_an_ended_mentorship(world, pair, time_machine):
    log_meeting(pair, world.mentee1.user, 5)
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.COMPLETED)
    assert run(time_machine, at(6)) == 0


def test_the_notice_leads_to_the_question_on_the_page(world, pair, as_user, time_machine):
    log_meeting(pair, world.mentee1.user, 5)
    run(time_machine, at(5, 20))
    lee = as_user(world.mentee1.user)
    notices = lee.get("/notifications/").content.decode()
    assert "How is your mentorship with Maya Mentor going?" in notices
    page = lee.get(f"/mentorships/{pair.public_id}/").content.decode()
    assert 'id="checkin"' in page and "How is it going?" in page
