from django.db import models
from django.db.models import F, Q

from mentorwise.core.models import PublicIdField
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program


class MentorshipQuerySet(models.QuerySet):
    def established(self):
        """Mentorships whose members may read each other's confidential profile answers."""
        return self.filter(status__in=Mentorship.ESTABLISHED)

    def involving_user(self, user):
        return self.filter(Q(mentor__user=user) | Q(mentee__user=user))


class Mentorship(models.Model):
    """A pair (mentor and mentee) within a program, from acceptance until it ends."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        COMPLETED = "completed", "Completed"
        ENDED_EARLY = "ended_early", "Ended early"

    ESTABLISHED = (Status.ACTIVE, Status.PAUSED)

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="mentorships")
    mentor = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField()
    planned_end_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status__in=["active", "paused"]),
                name="mentorship_unique_open_pair",
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__gte=F("started_on")), name="mentorship_dates_ordered"
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentorship_two_people"),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["mentee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.user} mentoring {self.mentee.user}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE
