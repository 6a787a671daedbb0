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
