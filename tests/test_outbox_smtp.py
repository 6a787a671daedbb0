"""The outbox against a real SMTP server (aiosmtpd) that refuses, is down, then accepts: nothing
is lost and nothing is sent twice."""

import datetime
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller

from mentorwise.mentorships.services import request_accept, request_create
from mentorwise.notifications import delivery
from mentorwise.notifications.delivery import deliver_due
from mentorwise.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


class MailServer:
    """An SMTP server on 127.0.0.1 that answers `451 try later` to DATA until told to accept,
    and that can be stopped and started again on the same port."""

    def __init__(self):
        self.accepting = False
        self.refused = 0
        self.received: list[email.message.EmailMessage] = []
        self.port = _free_port()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        if not self.accepting:
            self.refused += 1
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(message)
        return "250 2.0.0 OK"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def recipients(self) -> list[str]:
        return sorted(m["To"] for m in self.received)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    server = MailServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def at(time_machine):
    """at(minutes) freezes time that many minutes after T0 and returns it."""

    def move(minutes: float = 0) -> datetime.datetime:
        now = T0 + datetime.timedelta(minutes=minutes)
        time_machine.move_to(now, tick=False)
        return now

    move(0)
    return move


def _cause_notifications(world, capture) -> int:
    """Two requests and an acceptance: four e-mails, each handed to the worker after commit."""
    with capture(execute=True):
        request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hello!")
    with capture(execute=True):
        request_create(user=world.mentee2.user, to=world.mentor2)
    with capture(execute=True):
        request_accept(request=request, user=world.mentor1.user)
    return OutboxEmail.objects.count()


def _queued() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.order_by("pk"))


def test_a_refusing_server_loses_nothing_and_each_email_is_sent_once(
    world, smtp, at, django_capture_on_commit_callbacks
):
    total = _cause_notifications(world, django_capture_on_commit_callbacks)
    assert total == 4
    # the worker tried each one at once; the server refused
    assert smtp.refused == 4 and smtp.received == []
    for row in _queued():
        assert row.status == "queued" and row.attempts == 1
        assert "451" in row.last_error
        assert row.next_attempt_at == T0 + datetime.timedelta(minutes=1)

    # the scheduler runs the outbox sweep every 30 seconds for an hour; the server keeps refusing
    attempts_at = {1: 2, 3: 3, 8: 4, 18: 5, 38: 6}  # minute -> attempts after it (back-off)
    expected = 1
    for half_minutes in range(1, 121):
        minutes = half_minutes / 2
        assert deliver_due(at(minutes)) == 0
        expected = attempts_at.get(minutes, expected)
        for row in _queued():
            assert row.status == "queued", minutes
            assert row.attempts == expected, minutes
    assert smtp.refused == 4 * 6
    for row in _queued():
        assert row.next_attempt_at == T0 + datetime.timedelta(minutes=38 + 30)
        assert row.sent_at is None

    # the server accepts again; the rows go out when their back-off has passed, once each
    smtp.accepting = True
    assert deliver_due(at(61)) == 0
    assert smtp.received == []
    assert deliver_due(at(68)) == 4
    for minutes in (68, 68.5, 69, 120, 60 * 24):
        assert deliver_due(at(minutes)) == 0
    assert len(smtp.received) == 4
    assert smtp.recipients() == sorted(
        [
            world.mentor1.user.email,
            world.mentor2.user.email,
            world.mentor1.user.email,
            world.mentee1.user.email,
        ]
    )
    for row in _queued():
        assert row.status == "sent" and row.attempts == 7 and row.last_error == ""
        assert row.sent_at == T0 + datetime.timedelta(minutes=68)

    # each message arrives with both parts, in our words
    subject = OutboxEmail.objects.get(kind="request_received", to_email=world.mentor1.user.email)
    (request_mail,) = [m for m in smtp.received if m["Subject"] == subject.subject]
    text = request_mail.get_body(("plain",)).get_content()
    html = request_mail.get_body(("html",)).get_content()
    assert "Hello!" in text and "Story Mentoring" in text
    assert "Hello!" in html and "Story Mentoring" in html and "<html" in html
    assert request_mail["From"] == "Mentorwise <noreply@localhost>"


def test_a_server_down_for_an_hour_loses_nothing(
    world, smtp, at, django_capture_on_commit_callbacks
):
    smtp.stop()  # connection refused
    total = _cause_notifications(world, django_capture_on_commit_callbacks)
    for half_minutes in range(1, 121):
        deliver_due(at(half_minutes / 2))
    rows = _queued()
    assert all(r.status == "queued" and r.attempts == 6 for r in rows)
    assert all("ConnectionRefused" in r.last_error or "Errno" in r.last_error for r in rows), rows[
        0
    ].last_error
    smtp.accepting = True
    smtp.start()
    sent = sum(deliver_due(at(minutes)) for minutes in (61, 68, 68.5, 90))
    assert sent == total == len(smtp.received) == 4
    assert all(r.status == "sent" for r in _queued())


def test_a_worker_dying_mid_send_is_requeued_after_ten_minutes_and_sent_once(
    world, smtp, at, monkeypatch, django_capture_on_commit_callbacks
):
    smtp.accepting = True

    class WorkerKilled(BaseException):
        """Stands for the process dying: nothing after this line runs."""

    def die(self, *args, **kwargs):
        raise WorkerKilled

    with monkeypatch.context() as patch:
        patch.setattr(delivery.EmailMultiAlternatives, "send", die)
        with django_capture_on_commit_callbacks(execute=True):
            request_create(user=world.mentee1.user, to=world.mentor1)
    row = OutboxEmail.objects.get()
    assert row.status == "sending" and row.attempts == 1 and row.claimed_at == T0
    assert smtp.received == []

    # another worker's sweeps leave it alone while the first might still be sending
    for minutes in (0.5, 5, 9.5, 10):
        assert deliver_due(at(minutes)) == 0
        row.refresh_from_db()
        assert row.status == "sending"
    # after ten minutes it is put back in the queue and sent, once
    assert deliver_due(at(10.5)) == 1
    for minutes in (11, 20, 60):
        assert deliver_due(at(minutes)) == 0
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2
    assert len(smtp.received) == 1
    assert smtp.received[0]["To"] == world.mentor1.user.email


def test_delivery_gives_up_after_about_two_days_and_says_so(world, smtp, at):
    from mentorwise.notifications.services import queue_email

    queue_email(
        to_email="someone@example.org",
        subject="Hello",
        body_text="Text",
        category="program",
        kind="test",
    )
    minutes = 0.0
    while OutboxEmail.objects.get().status == "queued":
        row = OutboxEmail.objects.get()
        minutes = (row.next_attempt_at - T0).total_seconds() / 60
        deliver_due(at(minutes))
        assert minutes < 60 * 48
    row = OutboxEmail.objects.get()
    assert row.status == "failed" and row.attempts == delivery.MAX_ATTEMPTS
    assert 40 * 60 < minutes < 48 * 60  # retried for the better part of two days
    assert smtp.refused == delivery.MAX_ATTEMPTS and smtp.received == []
