from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField


class Category(models.TextChoices):
    """What a notification is about; people choose per category how they hear about it."""

    REQUESTS = "requests", _("Mentorship requests and answers")
    MENTORSHIPS = "mentorships", _("Your mentorships (start, end, extensions)")
    MESSAGES = "messages", _("Messages from your mentorship partner")
    REMINDERS = "reminders", _("Reminders and deadlines")
    PROGRAM = "program", _("Program news and administration")
    SECURITY = "security", _("Account and safety (always by e-mail)")


class Notification(models.Model):
    """An in-app notice (the bell). E-mail copies go through `OutboxEmail`."""

    public_id = PublicIdField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    kind = models.CharField(max_length=60, help_text=_("Machine name of the event."))
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digest_pending = models.BooleanField(
        default=False, help_text=_("Waiting to be sent in the next daily digest.")
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(
                fields=["user"], condition=Q(digest_pending=True), name="notification_digest"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", _("E-mail me at once")
        DIGEST = "digest", _("One e-mail a day (digest)")
        OFF = "off", _("No e-mail (in the app only)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)
    show_preview = models.BooleanField(
        default=False,
        help_text=_(
            "For categories whose news carries someone's words (messages): include a "
            "short preview in the e-mail. Off by default."
        ),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="notification_pref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.category} → {self.mode}"


class OutboxEmail(models.Model):
    """Every e-mail the platform sends. Written in the same transaction as the change that
    caused it; delivered by a background task with retries and back-off."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    public_id = PublicIdField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Files sent with the e-mail: [{"filename", "mimetype", "content"}], text only '
            "(a calendar invitation, for example)."
        ),
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    kind = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email} ({self.status})"
