"""People choose per category how they hear about things: e-mail at once, one daily digest, or
in the app only; security notices are always e-mailed."""

import datetime

import pytest
from django.core import mail

from mentorwise.core.errors import ValidationFailed
from mentorwise.mentorships.services import request_create
from mentorwise.notifications.delivery import deliver_due
from mentorwise.notifications.digests import send_digests
from mentorwise.notifications.models import (
    Category,
    Notification,
    NotificationPreference,
    OutboxEmail,
)
from mentorwise.notifications.services import notify, preference_modes, preferences_set
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(T0, tick=False)
    return T0


def _requests_to(mentor, *senders):
    for sender in senders:
        request_create(user=sender.user, to=mentor, message=f"Hello from {sender.user.name}")


def test_every_category_defaults_to_immediate_e_mail(world):
    assert preference_modes(world.mentor1.user) == dict.fromkeys(Category.values, "immediate")


def test_digest_mode_gathers_the_notices_into_one_e_mail_per_person_per_run(
    world, now, time_machine
):
    preferences_set(user=world.mentor1.user, modes={"requests": "digest"})
    third = make_participant(world.program, role="mentee")
    _requests_to(world.mentor1, world.mentee1, world.mentee2, third)
    # no e-mail yet, but three notices in the app, waiting for the digest
    assert not OutboxEmail.objects.filter(to_email=world.mentor1.user.email).exists()
    notices = Notification.objects.filter(user=world.mentor1.user, kind="request_received")
    assert notices.count() == 3 and all(n.digest_pending for n in notices)

    time_machine.move_to(T0 + datetime.timedelta(hours=20), tick=False)
    later = T0 + datetime.timedelta(hours=20)
    assert send_digests(later) == 1
    assert send_digests(later) == 0  # a second run (or a second scheduler) sends nothing
    deliver_due(later)
    (digest,) = [m for m in mail.outbox if world.mentor1.user.email in m.to]
    assert digest.subject == "Your daily summary: 3 updates"
    html = digest.alternatives[0][0]
    for sender in (world.mentee1, world.mentee2, third):
        line = f"{sender.user.name} would like you as their mentor"
        assert line in digest.body and line in html
    assert "/mentorships/" in digest.body and "/notifications/" in digest.body
    assert "Story Mentoring" not in digest.subject
    assert not Notification.objects.filter(user=world.mentor1.user, digest_pending=True).exists()
    # the notices stay in the app, unread
    assert notices.filter(read_at__isnull=True).count() == 3

    # the next run only carries what happened since
    _requests_to(world.mentor2, world.mentee1)
    preferences_set(user=world.mentor2.user, modes={"requests": "digest"})
    _requests_to(world.mentor1, make_participant(world.program, role="mentee"))
    tomorrow = T0 + datetime.timedelta(days=1, hours=20)
    time_machine.move_to(tomorrow, tick=False)
    mail.outbox.clear()
    assert send_digests(tomorrow) == 1  # mentor1 only: mentor2's notice was e-mailed at once
    deliver_due(tomorrow)
    (second,) = [m for m in mail.outbox if "summary" in m.subject]
    assert second.to == [world.mentor1.user.email]
    assert second.subject == "Your daily summary: 1 update"


def test_digest_is_sent_per_person(world, now):
    for mentor in (world.mentor1, world.mentor2):
        preferences_set(user=mentor.user, modes={"requests": "digest"})
    _requests_to(world.mentor1, world.mentee1, world.mentee2)
    _requests_to(world.mentor2, world.mentee1)
    assert send_digests(now) == 2
    deliver_due(now)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.mentor1.user.email, world.mentor2.user.email]
    )
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[world.mentor1.user.email] == "Your daily summary: 2 updates"
    assert subjects[world.mentor2.user.email] == "Your daily summary: 1 update"


def test_off_mode_sends_no_e_mail_but_keeps_the_notice(world, now):
    preferences_set(user=world.mentor1.user, modes={"requests": "off"})
    _requests_to(world.mentor1, world.mentee1)
    notice = Notification.objects.get(user=world.mentor1.user, kind="request_received")
    assert not notice.digest_pending and not notice.is_read
    assert not OutboxEmail.objects.filter(to_email=world.mentor1.user.email).exists()
    assert send_digests(now) == 0
    deliver_due(now)
    assert [m for m in mail.outbox if world.mentor1.user.email in m.to] == []


def test_a_category_left_on_still_e_mails_at_once(world, now):
    preferences_set(user=world.mentor1.user, modes={"reminders": "off", "mentorships": "digest"})
    _requests_to(world.mentor1, world.mentee1)
    deliver_due(now)
    (email,) = [m for m in mail.outbox if world.mentor1.user.email in m.to]
    assert (
        "Hello from Lee Mentee" in email.body
        and "Hello from Lee Mentee" in email.alternatives[0][0]
    )


def test_security_notices_are_always_e_mailed(world, now):
    # the settings page cannot turn security off ...
    modes = preferences_set(user=world.mentee1.user, modes={"security": "off", "program": "off"})
    assert modes["security"] == "immediate" and modes["program"] == "off"
    assert not NotificationPreference.objects.filter(
        user=world.mentee1.user, category="security"
    ).exists()
    # ... and even a stored "off" (from an import or an old version) is ignored
    NotificationPreference.objects.create(user=world.mentee1.user, category="security", mode="off")
    notify(
        user=world.mentee1.user,
        kind="released",
        category=Category.SECURITY,
        context={"participant": world.mentee1, "program": world.program},
        summary="Security notice",
    )
    row = OutboxEmail.objects.get(to_email=world.mentee1.user.email)
    assert row.category == "security"
    deliver_due(now)
    (email,) = [m for m in mail.outbox if world.mentee1.user.email in m.to]
    assert "Story Mentoring" in email.body and "Story Mentoring" in email.alternatives[0][0]


def test_unknown_mode_is_refused(world):
    with pytest.raises(ValidationFailed):
        preferences_set(user=world.mentor1.user, modes={"requests": "weekly"})
    assert preference_modes(world.mentor1.user)["requests"] == "immediate"
