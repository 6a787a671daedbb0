"""The daily digest: one e-mail per person gathering the notices they chose to receive so."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from mentorwise.core import sweeps
from mentorwise.notifications.models import Category, Notification
from mentorwise.notifications.services import absolute_url, queue_email, render_email


@sweeps.register("digests", every=timedelta(hours=24))
def send_digests(now: datetime) -> int:
    """One e-mail per person who has notices waiting for the digest. Each person's notices are
    taken under row locks (others skip them) and unflagged in the transaction that queues the
    e-mail, so concurrent or repeated runs send each notice once."""
    sent = 0
    user_ids = (
        Notification.objects.filter(digest_pending=True)
        .values_list("user_id", flat=True)
        .distinct()
    )
    for user_id in list(user_ids):
        with transaction.atomic():
            notices = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(user_id=user_id, digest_pending=True)
                .order_by("created_at")
            )
            if not notices:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in notices], digest_pending=True).update(
                digest_pending=False
            )
            user = get_user_model().objects.get(pk=user_id)
            items = [
                {"title": n.title, "body": n.body, "link": absolute_url(n.url)} for n in notices
            ]
            subject, text, html = render_email(
                "digest",
                {"recipient": user, "items": items, "link": absolute_url("/notifications/")},
            )
            queue_email(
                to_email=user.email,
                subject=subject,
                body_text=text,
                body_html=html,
                category=Category.PROGRAM,
                kind="digest",
                user=user,
            )
            sent += 1
    return sent
