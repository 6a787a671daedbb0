"""The time-based rules (core/sweeps.py registry, mentorships/sweeps.py), day by day with
frozen time. Every sweep is run twice a day to show that it acts once per row, and some rules are
checked again after weeks of downtime."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail

from mentorwise.core import sweeps
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import (
    mentorship_extend,
    request_accept,
    request_create,
)
from mentorwise.mentorships.sweeps import (
    close_long_mentorships,
    expire_pending_requests,
    prompt_at_planned_end,
    release_idle_participants,
    remind_pending_requests,
)
from mentorwise.notifications.delivery import deliver_due
from mentorwise.notifications.models import Notification
from mentorwise.profiles.services import participant_set_status
from tests.factories import make_mentorship

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


class Clock:
    """Frozen time that the test moves by whole days (09:00 UTC each day)."""

    def __init__(self, traveller):
        self.traveller = traveller
        self.now = T0
        traveller.move_to(T0, tick=False)

    def day(self, n: int) -> datetime.datetime:
        self.now = T0 + datetime.timedelta(days=n)
        self.traveller.move_to(self.now, tick=False)
        return self.now


@pytest.fixture
def clock(time_machine):
    return Clock(time_machine)


@pytest.fixture
def world(clock, world):
    """The personas, created on day 0 (so that joining dates are T0)."""
    mail.outbox.clear()
    return world


def run_twice(sweep, now) -> int:
    """Runs a sweep twice at the same moment, then delivers the outbox; returns the first run's
    count and checks that the second found nothing left to do."""
    first = sweep(now)
    assert sweep(now) == 0, f"{sweep.__name__} acted twice"
    deliver_due(now)
    return first


def sent(subject_part: str, to=None) -> list:
    return [
        m
        for m in mail.outbox
        if subject_part in m.subject and (to is None or to.user.email in m.to)
    ]


def html_of(message) -> str:
    (html, mimetype), *_ = message.alternatives
    assert mimetype == "text/html"
    return html


# ---------------------------------------------------------------------------------------------
# Automatic reminders


def test_automatic_reminder_is_sent_once_after_the_reminder_delay(world, clock):
    request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hi")
    assert world.program.request_reminder_days == 7
    for day in range(1, 14):
        now = clock.day(day)
        acted = run_twice(remind_pending_requests, now)
        assert acted == (1 if day == 7 else 0), f"day {day}"
        assert len(sent("Reminder:", to=world.mentor1)) == (1 if day >= 7 else 0), f"day {day}"
    (email,) = sent("Reminder:")
    assert email.to == [world.mentor1.user.email]
    assert email.subject == "Reminder: Lee Mentee is waiting for your answer"
    assert "Story Mentoring" in email.body
    assert "This reminder is sent automatically." in email.body
    assert "expire after 14 days" in email.body
    assert "/mentorships/" in email.body
    html = html_of(email)
    assert "This reminder is sent automatically." in html and "Story Mentoring" in html
    request.refresh_from_db()
    assert request.status == "pending"
    assert request.auto_reminded_at == T0 + datetime.timedelta(days=7)
    assert request.reminded_at is None  # the sender's own reminder stays available
    assert (
        Notification.objects.filter(user=world.mentor1.user, kind="request_reminder").count() == 1
    )


def test_no_automatic_reminder_when_the_program_turns_it_off(world, clock):
    world.program.auto_remind_requests = False
    world.program.save()
    request_create(user=world.mentee1.user, to=world.mentor1)
    for day in range(1, 14):
        assert run_twice(remind_pending_requests, clock.day(day)) == 0
    assert sent("Reminder:") == []
    assert not Notification.objects.filter(kind="request_reminder").exists()


def test_an_invitation_reminds_the_invited_mentee(world, clock):
    request_create(user=world.mentor1.user, to=world.mentee1)
    assert run_twice(remind_pending_requests, clock.day(7)) == 1
    (email,) = sent("Reminder:")
    assert email.to == [world.mentee1.user.email]
    assert "Maya Mentor" in email.subject


# ---------------------------------------------------------------------------------------------
# Expiry


def test_unanswered_request_expires_and_the_sender_is_pointed_to_mentors_with_room(
    world, clock, as_user
):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar has no room left
    request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hi")
    for day in range(1, 20):
        acted = run_twice(expire_pending_requests, clock.day(day))
        assert acted == (1 if day == 14 else 0), f"day {day}"
        request.refresh_from_db()
        assert request.status == ("expired" if day >= 14 else "pending"), f"day {day}"
    assert request.closed_reason == "expired"
    assert request.responded_at == T0 + datetime.timedelta(days=14)
    (email,) = sent("expired")
    assert email.to == [world.mentee1.user.email]
    assert email.subject == "Your request to Maya Mentor expired"
    assert "had no answer within 14 days" in email.body
    assert "other people in the program with room" in email.body
    search = f"/programs/{world.program.public_id}/mentors/"
    assert search in email.body and "has_room=on" in email.body
    html = html_of(email)
    assert "had no answer within 14 days" in html and "has_room=on" in html
    notice = Notification.objects.get(user=world.mentee1.user, kind="request_expired")
    assert "has_room=on" in notice.url
    # the link shows mentors with room, not the full one
    page = as_user(world.mentee1.user).get(notice.url)
    assert page.status_code == 200
    assert "Maya Mentor" in page.content.decode()
    assert "Omar Mentor" not in page.content.decode()
    # the recipient can no longer accept it
    assert MentorshipRequest.objects.pending().count() == 0


def test_an_expired_invitation_points_the_mentor_to_mentees(world, clock):
    request_create(user=world.mentor1.user, to=world.mentee1)
    assert run_twice(expire_pending_requests, clock.day(14)) == 1
    (email,) = sent("expired")
    assert email.to == [world.mentor1.user.email]
    path = urlsplit(email.body.split("See who has room: ")[1].split()[0]).path
    assert path == f"/programs/{world.program.public_id}/mentees/"


def test_after_weeks_of_downtime_a_request_expires_once_without_a_late_reminder(world, clock):
    request_create(user=world.mentee1.user, to=world.mentor1)
    now = clock.day(40)
    for _ in range(2):
        sweeps.run_all(now=now)
    deliver_due(now)
    assert len(sent("expired")) == 1
    assert sent("Reminder:") == []
    assert MentorshipRequest.objects.get().status == "expired"


# ---------------------------------------------------------------------------------------------
# Profile release


def _status(participant) -> str:
    participant.refresh_from_db()
    return participant.status


def test_idle_mentee_is_warned_a_week_ahead_then_released(world, clock):
    assert world.program.profile_release_days == 60
    for day in range(1, 70):
        now = clock.day(day)
        run_twice(release_idle_participants, now)
        warnings = sent("keep your place", to=world.mentee1)
        released = sent("was released", to=world.mentee1)
        assert len(warnings) == (1 if day >= 53 else 0), f"day {day}"
        assert len(released) == (1 if day >= 60 else 0), f"day {day}"
        assert _status(world.mentee1) == ("released" if day >= 60 else "accepted"), f"day {day}"
    (warning,) = sent("keep your place", to=world.mentee1)
    assert warning.subject == "Request a mentor within a week to keep your place"
    assert "within 60 days" in warning.body
    assert "released on 1 May 2026" in warning.body  # 2 March + 60 days
    assert f"/programs/{world.program.public_id}/mentors/" in warning.body
    assert "released on 1 May 2026" in html_of(warning)
    (released,) = sent("was released", to=world.mentee1)
    assert released.subject == "Your place in Story Mentoring was released"
    assert "ask the program's administrators to reinstate you" in released.body
    assert "ask the program's administrators to reinstate you" in html_of(released)
    # mentors are never released for not requesting
    assert _status(world.mentor1) == "accepted" and _status(world.mentor2) == "accepted"


def test_a_request_after_the_warning_keeps_the_place(world, clock):
    run_twice(release_idle_participants, clock.day(53))
    assert len(sent("keep your place", to=world.mentee1)) == 1
    clock.day(55)
    request_create(user=world.mentee1.user, to=world.mentor1)
    for day in range(56, 90):
        run_twice(release_idle_participants, clock.day(day))
    assert _status(world.mentee1) == "accepted"
    assert sent("was released", to=world.mentee1) == []
    assert _status(world.mentee2) == "released"  # who made no request


def test_a_pending_invitation_or_a_mentorship_keeps_the_place(world, clock):
    request_create(user=world.mentor1.user, to=world.mentee1)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    for day in (53, 60, 70):
        run_twice(release_idle_participants, clock.day(day))
    for mentee in (world.mentee1, world.mentee2):
        assert sent("keep your place", to=mentee) == []
    assert _status(world.mentee1) == "accepted" and _status(world.mentee2) == "accepted"


def test_after_downtime_the_warning_still_gives_a_full_week(world, clock):
    now = clock.day(80)  # the scheduler was down for the whole window
    run_twice(release_idle_participants, now)
    (warning,) = sent("keep your place", to=world.mentee1)
    assert "released on 28 May 2026" in warning.body  # day 87, a week after the warning
    assert _status(world.mentee1) == "accepted"
    for day in range(81, 87):
        run_twice(release_idle_participants, clock.day(day))
        assert _status(world.mentee1) == "accepted", f"day {day}"
    run_twice(release_idle_participants, clock.day(87))
    assert _status(world.mentee1) == "released"
    assert len(sent("was released", to=world.mentee1)) == 1


def test_a_reinstated_participant_starts_a_new_window(world, clock):
    for day in (53, 60):
        run_twice(release_idle_participants, clock.day(day))
    assert _status(world.mentee1) == "released"
    clock.day(65)
    participant_set_status(participant=world.mentee1, status="accepted", actor=world.admin)
    world.mentee1.refresh_from_db()
    assert world.mentee1.release_warned_at is None
    for day in range(66, 130):
        run_twice(release_idle_participants, clock.day(day))
        warned = len(sent("keep your place", to=world.mentee1))
        assert warned == (2 if day >= 65 + 53 else 1), f"day {day}"
        assert _status(world.mentee1) == ("released" if day >= 125 else "accepted"), f"day {day}"


def test_selection_round_programs_do_not_release(world, clock):
    world.program.matching_mode = "selection_round"
    world.program.save()
    for day in (53, 60, 90):
        run_twice(release_idle_participants, clock.day(day))
    assert sent("keep your place", to=world.mentee1) == []
    assert _status(world.mentee1) == "accepted" and _status(world.mentee2) == "accepted"
    assert _status(world.outsider) == "released"  # the other, self-service program


# ---------------------------------------------------------------------------------------------
# Automatic close and the planned-end prompt


def _pair(world) -> Mentorship:
    request = request_create(user=world.mentee1.user, to=world.mentor1)
    mentorship = request_accept(request=request, user=world.mentor1.user)
    mail.outbox.clear()
    return mentorship


def test_mentorship_is_closed_at_the_maximum_with_two_weeks_notice(world, clock):
    world.program.auto_close_months = 7
    world.program.save()
    mentorship = _pair(world)
    assert mentorship.started_on == datetime.date(2026, 3, 2)
    assert mentorship.planned_end_on == datetime.date(2026, 9, 2)
    notice_day = (datetime.date(2026, 9, 18) - T0.date()).days
    close_day = (datetime.date(2026, 10, 2) - T0.date()).days
    for day in range(1, close_day + 10):
        now = clock.day(day)
        closed = run_twice(close_long_mentorships, now)
        prompted = run_twice(prompt_at_planned_end, now)
        assert closed == (1 if day in (notice_day, close_day) else 0), f"day {day}"
        assert prompted == (1 if now.date() == mentorship.planned_end_on else 0), f"day {day}"
        mentorship.refresh_from_db()
        assert mentorship.status == ("closed" if day >= close_day else "active"), f"day {day}"
    assert mentorship.ended_on == datetime.date(2026, 10, 2)
    assert "maximum of 7 months" in mentorship.end_reason
    for member, partner in ((world.mentor1, "Lee Mentee"), (world.mentee1, "Maya Mentor")):
        (notice,) = sent("will close", to=member)
        assert notice.subject == "Your mentorship will close on 2 October 2026"
        assert f"Your mentorship with {partner} will be closed on 2 October 2026" in notice.body
        assert "closes mentorships after 7 months" in html_of(notice)
        (closed,) = sent("was closed", to=member)
        assert closed.subject == f"Your mentorship with {partner} was closed"
        assert "after the program's maximum of 7 months" in closed.body
        assert "you may of course keep meeting" in html_of(closed)
        (prompt,) = sent("wrap up", to=member)
        assert "planned end date, 2 September 2026" in prompt.body
        assert "2 September 2026" in html_of(prompt)
    # the mentor's place is free again
    assert Mentorship.objects.filter(mentor=world.mentor1, status="active").count() == 0


def test_planned_end_prompts_once_and_extension_clears_it(world, clock):
    mentorship = _pair(world)
    end_day = (mentorship.planned_end_on - T0.date()).days
    for day in range(end_day - 2, end_day + 5):
        assert run_twice(prompt_at_planned_end, clock.day(day)) == (day == end_day), f"day {day}"
    assert len(sent("wrap up")) == 2  # mentor and mentee
    mentorship_extend(
        mentorship=mentorship, user=world.mentee1.user, until=datetime.date(2026, 10, 15)
    )
    mentorship.refresh_from_db()
    assert mentorship.end_prompted_at is None
    new_end_day = (datetime.date(2026, 10, 15) - T0.date()).days
    for day in range(end_day + 5, new_end_day + 10):
        acted = run_twice(prompt_at_planned_end, clock.day(day))
        assert acted == (day == new_end_day), f"day {day}"
    assert len(sent("wrap up")) == 4
    assert "planned end date, 15 October 2026" in sent("wrap up")[-1].body


def test_ended_or_paused_mentorships_are_not_prompted(world, clock):
    done = make_mentorship(mentor=world.mentor1, mentee=world.mentee1, status="completed")
    paused = make_mentorship(mentor=world.mentor2, mentee=world.mentee2, status="paused")
    day = (paused.planned_end_on - T0.date()).days
    assert run_twice(prompt_at_planned_end, clock.day(day)) == 0
    done.refresh_from_db()
    assert done.end_prompted_at is None


# ---------------------------------------------------------------------------------------------
# Downtime: every sweep at once, weeks late, twice


def test_every_sweep_acts_once_per_row_after_weeks_of_downtime(world, clock):
    world.program.auto_close_months = 7
    world.program.save()
    mentorship = _pair(world)  # mentee1 with mentor1
    request_create(user=world.mentee2.user, to=world.mentor2)
    first = sweeps.run_all(now=clock.day(0))
    assert first["request_expiry"] == first["profile_release"] == first["mentorship_close"] == 0
    now = clock.day(300)  # ten months of downtime
    results = [sweeps.run_all(now=now), sweeps.run_all(now=now)]
    assert results[0]["request_expiry"] == 1
    assert results[0]["request_reminders"] == 0
    assert results[0]["mentorship_close"] == 1
    assert results[0]["mentorship_end_prompt"] == 0  # closed first: nothing left to complete
    assert results[0]["profile_release"] == 1  # the other program's idle mentee, warned
    assert all(v == 0 for k, v in results[1].items() if k != "outbox"), results[1]
    deliver_due(now)
    mentorship.refresh_from_db()
    assert mentorship.status == "closed"
    assert len(sent("was closed")) == 2
    assert len(sent("expired")) == 1
    assert len(sent("keep your place", to=world.outsider)) == 1
    assert sent("Reminder:") == [] and sent("wrap up") == []
