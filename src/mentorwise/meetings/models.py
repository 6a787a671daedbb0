"""Meetings of a pair: planned (with a calendar invitation), then logged as held; and each
person's secret calendar feed of their planned meetings."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.mentorships.models import Mentorship

DURATION_MIN = 5
DURATION_MAX = 600
TOPIC_MAX = 80
TOPICS_MAX = 20
TEXT_MAX = 5000
PLACE_MAX = 500


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of the mentorships `user` may read (the privacy gate)."""
        return self.filter(mentorship__in=Mentorship.objects.visible_to(user))

    def planned(self):
        return self.filter(status=Meeting.Status.PLANNED)

    def held(self):
        return self.filter(status=Meeting.Status.HELD)


class Meeting(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video call")
        PHONE = "phone", _("Phone call")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = PublicIdField()
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(help_text=_("When it starts (stored in UTC)."))
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(DURATION_MIN), MaxValueValidator(DURATION_MAX)]
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.VIDEO)
    place = models.CharField(max_length=PLACE_MAX, blank=True, help_text=_("A link or an address."))
    agenda = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    topics = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    ics_sequence = models.PositiveIntegerField(
        default=0, help_text=_("The calendar SEQUENCE: one more on each update of the invitation.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    held_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was logged as held.")
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["mentorship", "status", "starts_at"], name="meeting_by_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=DURATION_MIN)
                & Q(duration_minutes__lte=DURATION_MAX),
                name="meeting_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "held", "cancelled"]),
                name="meeting_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship} at {self.starts_at:%Y-%m-%d %H:%M} ({self.status})"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def held(self) -> bool:
        return self.status == self.Status.HELD

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def place_is_link(self) -> bool:
        return self.place.startswith(("https://", "http://"))


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's secret calendar address: whoever holds it reads their planned meetings, so it
    can be rotated (the old address then answers 404)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    rotated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"
