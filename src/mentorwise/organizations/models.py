from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from mentorwise.core.ids import new_join_code
from mentorwise.core.markdown import MARKDOWN_MAX_CHARS
from mentorwise.core.models import PublicIdField


class Organization(models.Model):
    """An association, company, university or community that runs mentoring programs."""

    public_id = PublicIdField()
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    join_code = models.CharField(max_length=32, default=new_join_code)
    contact_email = models.EmailField(blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Upper("join_code"), name="organization_join_code_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def admins(self):
        return self.filter(role=Membership.Role.ADMIN)


class Membership(models.Model):
    """A person belongs to an organization, as a member or as a program administrator."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Program administrator")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    is_blocked = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "user"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class GuidePage(models.Model):
    """Mentoring tips, goal-setting help and the FAQ: written by us, editable by administrators."""

    class Kind(models.TextChoices):
        MENTOR_TIPS = "mentor-tips", _("Tips for mentors")
        MENTEE_TIPS = "mentee-tips", _("Tips for mentees")
        GOAL_SETTING = "goal-setting", _("Setting SMART goals")
        STAGES = "stages", _("The five stages of a mentorship")
        FAQ = "faq", _("Frequently asked questions")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="guides")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=150)
    body = models.TextField(
        help_text=_("Markdown: # headings, **bold**, lists with - or 1."),
        max_length=MARKDOWN_MAX_CHARS,
        validators=[MaxLengthValidator(MARKDOWN_MAX_CHARS)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="guide_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.title
