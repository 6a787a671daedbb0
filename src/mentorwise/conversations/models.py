"""The pair's private conversation (messages, and who read up to when), the pulse check-ins,
and the mentee's quiet request for a new match.

What a pair writes here is theirs: every read starts from a mentorship fetched through the
privacy gate (`mentorships.access.get_mentorship`). Administrators learn only that a re-match
was asked for, and when (`RematchRequest`), never a score, a comment or a message.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.mentorships.models import Mentorship

BODY_MAX = 5000
COMMENT_MAX = 1000
PREVIEW_MAX = 140


class Message(models.Model):
    """One message in a mentorship's thread (the thread is read oldest first, newest last)."""

    public_id = PublicIdField()
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_written"
    )
    body = models.TextField(max_length=BODY_MAX)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["mentorship", "created_at"], name="message_thread")]

    def __str__(self) -> str:
        return f"Message {self.public_id}"


class ThreadRead(models.Model):
    """Up to when one member of the pair has read the thread (their unread count reads it)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "user"], name="thread_read_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.mentorship_id} up to {self.last_read_at:%Y-%m-%d %H:%M}"


class CheckIn(models.Model):
    """A member's answer to "How is it going?" (1 = not well … 4 = very well). Private to the
    person who gave it: not shown to the partner, nor to the administrators."""

    class Score(models.IntegerChoices):
        NOT_WELL = 1, _("Not well")
        SO_SO = 2, _("Could be better")
        WELL = 3, _("Well")
        VERY_WELL = 4, _("Very well")

    public_id = PublicIdField()
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="checkins")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    score = models.PositiveSmallIntegerField(
        choices=Score.choices, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.TextField(max_length=COMMENT_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=4), name="checkin_score")
        ]
        indexes = [models.Index(fields=["mentorship", "member", "created_at"])]

    def __str__(self) -> str:
        return f"Check-in {self.public_id}"

    @property
    def is_low(self) -> bool:
        return self.score <= 2


class RematchRequest(models.Model):
    """The mentee asked the program for a new match. Administrators see that, and when; not
    why. `handled_at` and `handled_by` are set when an administrator marks it handled."""

    public_id = PublicIdField()
    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="rematch_requests"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rematch_requests"
    )
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship"],
                condition=Q(handled_at__isnull=True),
                name="rematch_one_open_per_mentorship",
            )
        ]

    def __str__(self) -> str:
        return f"Re-match asked for on {self.created_at:%Y-%m-%d}"
