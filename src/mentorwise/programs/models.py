from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentorwise.core.markdown import MARKDOWN_MAX_CHARS
from mentorwise.core.models import PublicIdField
from mentorwise.organizations.models import Organization


class ProgramQuerySet(models.QuerySet):
    def for_organizations(self, organization_ids):
        return self.filter(organization_id__in=organization_ids)

    def visible(self):
        return self.exclude(status=Program.Status.DRAFT)


class Program(models.Model):
    """A mentoring program, run as a cohort or round. Every policy of PRODUCT.md is a field here,
    with the defaults the source documents give."""

    class Format(models.TextChoices):
        ONE_ON_ONE = "one_on_one", _("One-on-one")
        GROUP = "group", _("Group (one mentor, several mentees)")
        PEER = "peer", _("Peer")
        REVERSE = "reverse", _("Reverse")
        FLASH = "flash", _("Flash (a single conversation)")

    class MatchingMode(models.TextChoices):
        SELF_SERVICE = "self_service", _("Self-service: people request each other")
        SELECTION_ROUND = "selection_round", _("Selection round: mentees choose, mentors pick")
        ADMIN_MATCHED = "admin_matched", _("Administrator-matched with the algorithm")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (only administrators see it)")
        OPEN = "open", _("Open for applications")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    public_id = PublicIdField()
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="programs"
    )
    name = models.CharField(max_length=150)
    summary = models.CharField(
        max_length=300, blank=True, help_text=_("One sentence shown in lists.")
    )
    what_it_is = models.TextField(
        _("What the program is"),
        blank=True,
        max_length=MARKDOWN_MAX_CHARS,
        validators=[MaxLengthValidator(MARKDOWN_MAX_CHARS)],
    )
    what_it_is_not = models.TextField(
        _("What the program is not"),
        blank=True,
        max_length=MARKDOWN_MAX_CHARS,
        validators=[MaxLengthValidator(MARKDOWN_MAX_CHARS)],
    )
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.ONE_ON_ONE)
    matching_mode = models.CharField(
        max_length=20, choices=MatchingMode.choices, default=MatchingMode.SELF_SERVICE
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    application_opens_on = models.DateField(null=True, blank=True)
    application_closes_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    requires_approval = models.BooleanField(
        default=False, help_text=_("New participants wait for an administrator to accept them.")
    )
    mentors_can_invite = models.BooleanField(
        default=True, help_text=_("Mentors may search for mentees and invite them.")
    )
    mentors_outside_reporting_line = models.BooleanField(
        default=True, help_text=_("Never pair people from the same department or reporting line.")
    )
    partnership_months = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    max_mentors_per_mentee = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    group_size = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Mentees per group in a group program."),
    )
    request_reminder_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    auto_remind_requests = models.BooleanField(
        default=True,
        help_text=_(
            "Remind the recipient automatically when a request waits past the reminder delay."
        ),
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    open_request_cap = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    profile_release_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(7), MaxValueValidator(365)]
    )
    auto_close_months = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    expected_hours_per_month = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    goals_due_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )
    match_importance = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("How much each matching criterion counts, 0 to 10 (empty: the defaults)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(application_closes_on__isnull=True)
                | Q(application_opens_on__isnull=True)
                | Q(application_closes_on__gte=F("application_opens_on")),
                name="program_application_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="program_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(request_expiry_days__gte=F("request_reminder_days")),
                name="program_expiry_after_reminder",
            ),
            models.CheckConstraint(
                condition=Q(auto_close_months__gte=F("partnership_months")),
                name="program_auto_close_after_partnership",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.format == self.Format.GROUP and self.group_size < 2:
            raise ValidationError(
                {"group_size": "A group program needs groups of at least two mentees."}
            )

    # Only one-on-one pairs exist today; the other formats (and the group size) are recorded
    # for later and said to be not in effect yet wherever they show.
    FORMATS_IN_EFFECT = (Format.ONE_ON_ONE,)

    @property
    def format_in_effect(self) -> bool:
        return self.format in self.FORMATS_IN_EFFECT

    @property
    def format_as_run(self) -> str:
        """The format as people experience it: a format not in effect yet says that its
        pairs are one-to-one for now."""
        if self.format_in_effect:
            return self.get_format_display()
        return _("%(format)s, run as one-to-one pairs for now") % {
            "format": self.get_format_display()
        }

    @property
    def is_self_service(self) -> bool:
        return self.matching_mode == self.MatchingMode.SELF_SERVICE

    @property
    def accepts_applications(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.RUNNING)


class Role(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class ApplicationQuestion(models.Model):
    """A question on the program's application form, defined by the administrator."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        NUMBER = "number", _("Number")

    class Audience(models.TextChoices):
        BOTH = "both", _("Mentors and mentees")
        MENTOR = "mentor", _("Mentors only")
        MENTEE = "mentee", _("Mentees only")

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.BOTH)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SHORT_TEXT)
    label = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    choices = models.JSONField(default=list, blank=True)
    required = models.BooleanField(default=False)
    used_for_matching = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "position", "id"]

    def __str__(self) -> str:
        return self.label

    def applies_to(self, role: str) -> bool:
        return self.audience in (self.Audience.BOTH, role)


class FifteenQuestion(models.Model):
    """One of the program's "15 Questions": answered on the profile, shown only to partners."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="fifteen_questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["program", "position", "id"]

    def __str__(self) -> str:
        return self.text
