"""Telling people what happened: an in-app notice and, by their preference, an e-mail.

`notify()` is called by other apps' services inside their transaction, so the notice and the
outbox row commit (or roll back) with the change that caused them. Delivery happens after
commit, in the background, with retries (see delivery.py).
"""

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mentorwise.core.zones import zone_of
from mentorwise.notifications.models import (
    Category,
    Notification,
    NotificationPreference,
    OutboxEmail,
)

DEFAULT_MODE = NotificationPreference.Mode.IMMEDIATE


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL + path


def render_email(kind: str, context: dict) -> tuple[str, str, str]:
    """Renders the trio emails/<kind>-subject.txt, -body.txt, -body.html."""
    context = {"SITE_NAME": settings.SITE_NAME, "BASE_URL": settings.BASE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{kind}-subject.txt", context).split())
    text = render_to_string(f"emails/{kind}-body.txt", context).strip() + "\n"
    html = render_to_string(f"emails/{kind}-body.html", context)
    return subject[:300], text, html


def preference_modes(user) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("category", "mode"))
    modes = {c: chosen.get(c, DEFAULT_MODE) for c in Category.values}
    modes[Category.SECURITY] = DEFAULT_MODE
    return modes


def queue_email(
    *,
    to_email: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    category: str,
    kind: str,
    user=None,
    attachments: list[dict] | None = None,
) -> OutboxEmail:
    """Queues one e-mail. `attachments` are text files, each {"filename", "mimetype",
    "content"} (a calendar invitation, for example)."""
    email = OutboxEmail.objects.create(
        user=user,
        to_email=to_email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        category=category,
        kind=kind,
        attachments=[
            {"filename": a["filename"], "mimetype": a["mimetype"], "content": a["content"]}
            for a in attachments or []
        ],
        next_attempt_at=timezone.now(),
    )

    def enqueue():
        from mentorwise.notifications.tasks import deliver_email

        deliver_email.enqueue(email.pk)

    transaction.on_commit(enqueue)
    return email


def notify(
    *,
    user,
    kind: str,
    category: str,
    context: dict,
    url: str = "",
    summary: str | Callable[[], str] = "",
    attachments: list[dict] | None = None,
) -> Notification:
    """Records an in-app notice for `user` and, unless they chose otherwise, queues the e-mail
    rendered from the templates emails/<kind>-*. Security notices are always e-mailed.
    `attachments` (see `queue_email`) go with the e-mail, not with a daily digest.

    `summary`, the notice's line under its title, is stored as text in the recipient's language:
    pass a function of no arguments that says it (``lambda: _("%(name)s planned a meeting.") %
    {...}``), and it is called here in their language and time zone, like the e-mail; a lazy
    string (gettext_lazy) works too. A plain string is stored as it is (what a person wrote)."""
    link = absolute_url(url)
    # In the recipient's zone and language.
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    with timezone.override(zone_of(user)), translation.override(language):
        subject, text, html = render_email(kind, {**context, "recipient": user, "link": link})
        body = str(summary() if callable(summary) else summary or "")
    mode = preference_modes(user)[category]
    notice = Notification.objects.create(
        user=user,
        category=category,
        kind=kind,
        title=subject,
        body=body[:2000],
        url=url,
        digest_pending=mode == NotificationPreference.Mode.DIGEST,
    )
    if mode == NotificationPreference.Mode.IMMEDIATE:
        queue_email(
            to_email=user.email,
            subject=subject,
            body_text=text,
            body_html=html,
            category=category,
            kind=kind,
            user=user,
            attachments=attachments,
        )
    return notice


def shows_previews(user, category: str = Category.MESSAGES) -> bool:
    """Whether `user` wants a short preview of what was written in the e-mails of `category`
    (off unless they turned it on)."""
    return NotificationPreference.objects.filter(
        user=user, category=category, show_preview=True
    ).exists()


@transaction.atomic
def previews_set(*, user, show: bool, category: str = Category.MESSAGES) -> None:
    NotificationPreference.objects.update_or_create(
        user=user,
        category=category,
        defaults={"show_preview": bool(show)},
        create_defaults={"show_preview": bool(show), "mode": DEFAULT_MODE},
    )


@transaction.atomic
def preferences_set(*, user, modes: dict[str, str]) -> dict[str, str]:
    for category, mode in modes.items():
        if category not in Category.values or category == Category.SECURITY:
            continue
        if mode not in NotificationPreference.Mode.values:
            from mentorwise.core.errors import ValidationFailed

            raise ValidationFailed(_("Choose immediately, daily digest or off."), field=category)
        NotificationPreference.objects.update_or_create(
            user=user, category=category, defaults={"mode": mode}
        )
    return preference_modes(user)


def mark_read(*, user, public_ids=None) -> int:
    """Marks the user's notices read: those with these public ids, or all of them. Ids that are
    unknown or someone else's are ignored."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if public_ids is not None:
        qs = qs.filter(public_id__in=[str(i)[:16] for i in public_ids])
    return qs.update(read_at=timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
