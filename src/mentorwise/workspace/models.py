from django.conf import settings
from django.db import models

from mentorwise.mentorships.models import Mentorship
from mentorwise.workspace.stages import STAGES


class StageChoice(models.Model):
    """The stage a pair chose for themselves, over the one the workspace infers. Removing it
    goes back to the inferred stage."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="stage_choice"
    )
    stage = models.CharField(max_length=20, choices=[(s.key, s.name) for s in STAGES])
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.stage}"


class CheckInReminder(models.Model):
    """A member was told that "How is it going?" is waiting for them: once per due check-in.
    The unique (mentorship, member, due_on) is what makes the sweep idempotent; an answer moves
    the next due day, and so allows the next reminder."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "member", "due_on"], name="checkin_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"Check-in reminder for mentorship {self.mentorship_id} due {self.due_on}"
