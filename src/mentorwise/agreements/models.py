from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentorwise.mentorships.models import Mentorship

TEXT_MAX = 2000


class Agreement(models.Model):
    """How a pair works together: their schedule, channel and place, what stays between them,
    the topics in and out of bounds, how to reach each other. Both confirm it; any change asks
    both again (a change clears the two confirmations)."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="agreement"
    )
    cadence = models.CharField(_("How often and how long"), max_length=300, blank=True)
    channel = models.CharField(_("How you meet"), max_length=300, blank=True)
    place = models.CharField(_("Where"), max_length=300, blank=True)
    confidentiality = models.TextField(_("What stays between you"), max_length=TEXT_MAX, blank=True)
    in_bounds = models.TextField(_("Topics you will cover"), max_length=TEXT_MAX, blank=True)
    out_of_bounds = models.TextField(_("Topics out of bounds"), max_length=TEXT_MAX, blank=True)
    contact = models.TextField(_("How to reach each other"), max_length=TEXT_MAX, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentor_confirmed_at = models.DateTimeField(null=True, blank=True)
    mentee_confirmed_at = models.DateTimeField(null=True, blank=True)

    FIELDS = (
        "cadence",
        "channel",
        "place",
        "confidentiality",
        "in_bounds",
        "out_of_bounds",
        "contact",
    )

    def __str__(self) -> str:
        return f"Agreement of {self.mentorship}"

    @property
    def confirmed(self) -> bool:
        return bool(self.mentor_confirmed_at and self.mentee_confirmed_at)

    @property
    def confirmed_on(self):
        return max(self.mentor_confirmed_at, self.mentee_confirmed_at) if self.confirmed else None

    def confirmed_by_role(self, role: str):
        return self.mentor_confirmed_at if role == "mentor" else self.mentee_confirmed_at

    @property
    def is_blank(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.FIELDS)
