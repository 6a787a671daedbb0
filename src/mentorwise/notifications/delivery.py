"""Delivering the outbox: claim one row at a time with a conditional UPDATE, send, record.

A failed send is retried with growing back-off (1 min, 2, 5, 10, 20, 30, then hourly) for about
two days before the row is marked failed. A row stuck in "sending" (a worker died mid-send) is
put back in the queue after ten minutes. Running this twice at once never sends a row twice.
"""

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from mentorwise.core import sweeps
from mentorwise.notifications.models import OutboxEmail

log = logging.getLogger(__name__)

BACKOFF_MINUTES = [1, 2, 5, 10, 20, 30] + [60] * 44
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
STUCK_AFTER = timedelta(minutes=10)


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def deliver(pk: int, *, now: datetime | None = None) -> bool:
    """Sends one queued e-mail if it is due and nobody else claimed it. True when sent."""
    now = now or timezone.now()
    claimed = OutboxEmail.objects.filter(
        pk=pk, status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=OutboxEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutboxEmail.objects.get(pk=pk)
    message = EmailMultiAlternatives(email.subject, email.body_text, to=[email.to_email])
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send()
    except Exception as exc:  # any transport failure: retry later
        failed = email.attempts >= MAX_ATTEMPTS
        # only our own claim goes back to the queue (a send that outlived STUCK_AFTER may have
        # been requeued and claimed again meanwhile)
        OutboxEmail.objects.filter(pk=pk, status=OutboxEmail.Status.SENDING, claimed_at=now).update(
            status=OutboxEmail.Status.FAILED if failed else OutboxEmail.Status.QUEUED,
            next_attempt_at=now + backoff(email.attempts),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        log.warning("E-mail %s not sent (attempt %s): %s", email.public_id, email.attempts, exc)
        return False
    OutboxEmail.objects.filter(pk=pk).update(
        status=OutboxEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


@sweeps.register("outbox", every=timedelta(seconds=30))
def deliver_due(now: datetime, *, limit: int = 200) -> int:
    """Sends what is due (retries included) and requeues rows stuck in "sending"."""
    OutboxEmail.objects.filter(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    ).update(status=OutboxEmail.Status.QUEUED)
    due = (
        OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(deliver(pk, now=now) for pk in list(due))
