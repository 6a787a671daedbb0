"""The rules that two browser tabs could break, with real concurrent connections on PostgreSQL.

Each case starts its threads together on a barrier; every thread uses its own database connection
and closes it at the end. Where the window is narrow, `_lock` is slowed down so that both threads
hold their first locks before either goes on: the races happen every run, not by luck.
"""

import threading
import time
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from mentorwise.core import sweeps
from mentorwise.core.errors import Conflict
from mentorwise.mentorships import services
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import request_accept, request_create
from mentorwise.mentorships.sweeps import expire_pending_requests, release_idle_participants
from mentorwise.notifications.delivery import deliver_due
from mentorwise.notifications.models import OutboxEmail
from mentorwise.profiles.models import Participant

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency tests need PostgreSQL row locks: set DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]


def race(*calls, timeout: float = 30) -> list:
    """Runs the calls in threads started together; returns each one's result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # the outcome under test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
        assert not thread.is_alive(), "a thread hung (deadlock?)"
    return results


@pytest.fixture
def slow_locks(monkeypatch):
    """Both threads take their participant locks, then pause, before going on."""
    original = services.lock_participants

    def slow(*participants):
        locked = original(*participants)
        time.sleep(0.3)
        return locked

    monkeypatch.setattr(services.requests, "lock_participants", slow)


def _split(results):
    wins = [r for r in results if not isinstance(r, BaseException)]
    errors = [r for r in results if isinstance(r, BaseException)]
    return wins, errors


def test_two_mentors_accepting_the_same_mentee_at_once_make_one_mentorship(world, slow_locks):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    to_maya = request_create(user=world.mentee1.user, to=world.mentor1)
    to_omar = request_create(user=world.mentee1.user, to=world.mentor2)

    results = race(
        lambda: request_accept(request=to_maya, user=world.mentor1.user),
        lambda: request_accept(request=to_omar, user=world.mentor2.user),
    )

    wins, errors = _split(results)
    assert len(wins) == 1 and len(errors) == 1, results
    assert isinstance(errors[0], Conflict), repr(errors[0])
    assert errors[0].code == "mentee_full", errors[0].code
    assert Mentorship.objects.filter(mentee=world.mentee1).count() == 1
    statuses = sorted(MentorshipRequest.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "withdrawn"]


def test_two_mentees_taking_a_mentors_last_place_at_once(world, slow_locks):
    assert world.mentor2.capacity == 1
    first = request_create(user=world.mentee1.user, to=world.mentor2)
    second = request_create(user=world.mentee2.user, to=world.mentor2)

    results = race(
        lambda: request_accept(request=first, user=world.mentor2.user),
        lambda: request_accept(request=second, user=world.mentor2.user),
    )

    wins, errors = _split(results)
    assert len(wins) == 1 and len(errors) == 1, results
    assert isinstance(errors[0], Conflict) and errors[0].code == "mentor_full", repr(errors[0])
    assert Mentorship.objects.filter(mentor=world.mentor2).count() == 1
    assert MentorshipRequest.objects.filter(status="pending").count() == 1


def test_a_double_click_on_accept_makes_one_mentorship(world, slow_locks):
    request = request_create(user=world.mentee1.user, to=world.mentor1)

    results = race(
        lambda: request_accept(request=request, user=world.mentor1.user),
        lambda: request_accept(request=request, user=world.mentor1.user),
    )

    wins, errors = _split(results)
    assert len(wins) == 1 and len(errors) == 1, results
    assert isinstance(errors[0], Conflict) and errors[0].code == "not_pending", repr(errors[0])
    assert Mentorship.objects.count() == 1
    assert OutboxEmail.objects.filter(kind="mentorship_started").count() == 2


def test_the_same_request_sent_twice_at_once_is_one_row(world, slow_locks):
    results = race(
        lambda: request_create(user=world.mentee1.user, to=world.mentor1, message="one"),
        lambda: request_create(user=world.mentee1.user, to=world.mentor1, message="two"),
    )

    wins, errors = _split(results)
    assert len(wins) == 1 and len(errors) == 1, results
    assert isinstance(errors[0], Conflict) and errors[0].code == "duplicate", repr(errors[0])
    assert MentorshipRequest.objects.count() == 1
    assert OutboxEmail.objects.filter(kind="request_received").count() == 1


def test_the_invitation_and_the_request_crossing_are_one_row(world, slow_locks):
    results = race(
        lambda: request_create(user=world.mentee1.user, to=world.mentor1),
        lambda: request_create(user=world.mentor1.user, to=world.mentee1),
    )
    wins, errors = _split(results)
    assert len(wins) == 1 and isinstance(errors[0], Conflict), results
    assert MentorshipRequest.objects.count() == 1


def test_accepting_while_the_request_expires_does_one_or_the_other(world, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=UTC), tick=False)
    request = request_create(user=world.mentee1.user, to=world.mentor1)
    time_machine.move_to(datetime(2026, 3, 16, 9, tzinfo=UTC), tick=False)
    now = datetime(2026, 3, 16, 9, tzinfo=UTC)

    results = race(
        lambda: request_accept(request=request, user=world.mentor1.user),
        lambda: expire_pending_requests(now),
    )

    request.refresh_from_db()
    if request.status == "accepted":
        assert Mentorship.objects.count() == 1 and results[1] == 0
    else:
        assert request.status == "expired" and Mentorship.objects.count() == 0
        assert isinstance(results[0], Conflict) and results[0].code == "not_pending"


# ---------------------------------------------------------------------------------------------
# Sweeps, delivery and the scheduler's claim, run by several processes at once


def test_sweeps_run_concurrently_act_once_per_row(world, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=UTC), tick=False)
    Participant.objects.update(status_changed_at=timezone.now())  # everyone joined today
    for mentee in (world.mentee1, world.mentee2):
        request_create(user=mentee.user, to=world.mentor1)
    now = datetime(2026, 5, 20, 9, tzinfo=UTC)
    time_machine.move_to(now, tick=False)

    expired = race(*[lambda: expire_pending_requests(now)] * 4)
    assert sum(expired) == 2, expired
    released = race(*[lambda: release_idle_participants(now)] * 4)
    assert sum(released) == 1, released  # the other program's mentee; ours made requests
    assert OutboxEmail.objects.filter(kind="request_expired").count() == 2
    assert OutboxEmail.objects.filter(kind="release_warning").count() == 1

    # the e-mails went out on commit; queue them all again for four delivery sweeps at once
    mail.outbox.clear()
    due = OutboxEmail.objects.update(status="queued", next_attempt_at=now)
    assert due >= 5
    delivered = race(*[lambda: deliver_due(now)] * 4)
    assert sum(delivered) == due
    assert len(mail.outbox) == due
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        OutboxEmail.objects.values_list("to_email", flat=True)
    )


def test_schedulers_claiming_at_once_get_one_claim_per_interval(db):
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    claims = race(*[lambda: sweeps.claim_due("request_expiry", now=now)] * 6)
    assert claims.count(True) == 1, claims


def test_digests_run_concurrently_send_one_e_mail_per_person(world):
    from mentorwise.notifications.digests import send_digests
    from mentorwise.notifications.services import preferences_set

    for mentor in (world.mentor1, world.mentor2):
        preferences_set(user=mentor.user, modes={"requests": "digest"})
    for mentee in (world.mentee1, world.mentee2):
        request_create(user=mentee.user, to=world.mentor1)
    request_create(user=world.mentee1.user, to=world.mentor2)
    now = timezone.now()
    sent = race(*[lambda: send_digests(now)] * 4)
    assert sum(sent) == 2, sent
    digests = OutboxEmail.objects.filter(kind="digest")
    assert sorted(digests.values_list("to_email", flat=True)) == sorted(
        [world.mentor1.user.email, world.mentor2.user.email]
    )
    assert "2 updates" in digests.get(to_email=world.mentor1.user.email).subject
