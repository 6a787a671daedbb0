"""The pair's SMART goals, their history, and the one reminder a mentee gets when the program's
deadline for setting goals passes without any.

What a goal says (title, measure, why, the notes of its history) is the pair's: it is read only
through the privacy gate (`goals.access`), never by administrators.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.mentorships.models import Mentorship

TITLE_MAX = 200
TEXT_MAX = 1000
NOTE_MAX = 500


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The goals of the mentorships `user` may read (the privacy gate's one rule)."""
        return self.filter(mentorship__in=Mentorship.objects.visible_to(user))


class Goal(models.Model):
    """A SMART goal of one pair: specific (title), measurable (measure), relevant (why),
    time-bound (due_on); attainable is the pair's judgement, helped by the form's advice."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    CLOSED = (Status.ACHIEVED, Status.DROPPED)

    public_id = PublicIdField()
    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=TITLE_MAX)
    measure = models.TextField(_("how it is measured"), max_length=TEXT_MAX)
    why = models.TextField(_("why it matters"), max_length=TEXT_MAX, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="goal_progress_0_100"
            ),
        ]
        indexes = [models.Index(fields=["mentorship", "due_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    def is_overdue(self, today: date) -> bool:
        """Past its due date and neither achieved nor dropped."""
        return self.due_on < today and not self.is_closed


class GoalChange(models.Model):
    """One step of a goal's history: who changed it, when, where it stood afterwards, a short
    note, and which fields changed (["created"] for the first step)."""

    CREATED = "created"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    progress = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Goal.Status.choices)
    note = models.CharField(max_length=NOTE_MAX, blank=True)
    changed = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.goal} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_creation(self) -> bool:
        return self.CREATED in self.changed


class GoalReminder(models.Model):
    """The mentee was reminded that the program's deadline for setting goals has passed
    (at most once per mentorship: the unique mentorship is what makes the sweep idempotent)."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="goal_reminder"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Goals reminder for mentorship {self.mentorship_id}"


def goals_due_on(mentorship: Mentorship) -> date:
    """The day by which the program expects the pair's first goals."""
    return mentorship.started_on + timedelta(days=mentorship.program.goals_due_days)
