from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.organizations.models import Membership
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program


def _visible_to(queryset, user):
    """The privacy gate's one rule for pairs and requests: the two people themselves, while they
    are members in good standing of the program's organization. Nobody else, administrators
    included (they read metadata through the administration's own queries)."""
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(
        Q(mentor__user=user) | Q(mentee__user=user),
        program__organization__in=Membership.objects.filter(user=user, is_blocked=False).values(
            "organization"
        ),
    )


class MentorshipQuerySet(models.QuerySet):
    def established(self):
        """Mentorships whose members may read each other's confidential profile answers."""
        return self.filter(status__in=Mentorship.ESTABLISHED)

    def visible_to(self, user):
        """The mentorships `user` is a member of and may read (see `_visible_to`)."""
        return _visible_to(self, user)


class Mentorship(models.Model):
    """A pair (mentor and mentee) within a program, from acceptance until it ends."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        COMPLETED = "completed", _("Completed — goals met")
        ENDED_EARLY = "ended_early", _("Ended early")
        CLOSED = "closed", _("Closed by the program")

    class Origin(models.TextChoices):
        REQUEST = "request", _("Request")
        ROUND = "round", _("Selection round")
        MATCH_RUN = "match_run", _("Matched by the program")
        ADMIN = "admin", _("Paired by an administrator")

    ESTABLISHED = (Status.ACTIVE, Status.PAUSED)
    ENDED = (Status.COMPLETED, Status.ENDED_EARLY, Status.CLOSED)

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
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.REQUEST)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    end_reason = models.TextField(blank=True)
    end_feedback = models.TextField(
        blank=True, help_text=_("Private feedback for the program's administrators.")
    )
    paused_reason = models.TextField(blank=True)
    end_prompted_at = models.DateTimeField(null=True, blank=True)
    close_warned_at = models.DateTimeField(null=True, blank=True)
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

    @property
    def is_open(self) -> bool:
        return self.status in self.ESTABLISHED

    def latest_end_on(self):
        """The program's maximum length: the mentorship is closed automatically on this day."""
        return add_months(self.started_on, self.program.auto_close_months)

    def member_role(self, user) -> str | None:
        if self.mentor.user_id == user.pk:
            return "mentor"
        if self.mentee.user_id == user.pk:
            return "mentee"
        return None

    def partner_of(self, user) -> Participant:
        return self.mentee if self.mentor.user_id == user.pk else self.mentor


def add_months(day, months: int):
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class MentorshipRequestQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MentorshipRequest.Status.PENDING)

    def visible_to(self, user):
        """The requests `user` sent or received and may read (see `_visible_to`)."""
        return _visible_to(self, user)


class MentorshipRequest(models.Model):
    """A mentee asking a mentor (or, where the program allows, a mentor inviting a mentee)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="requests")
    mentor = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_as_mentor"
    )
    mentee = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="requests_as_mentee"
    )
    initiated_by = models.CharField(
        max_length=10, choices=[("mentee", "Mentee"), ("mentor", "Mentor")], default="mentee"
    )
    message = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decline_reason = models.TextField(max_length=2000, blank=True)
    closed_reason = models.CharField(
        max_length=40, blank=True, help_text=_("Why the system closed it (e.g. mentee_full).")
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    auto_reminded_at = models.DateTimeField(null=True, blank=True)
    mentorship = models.OneToOneField(
        Mentorship, null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    objects = MentorshipRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(status="pending"),
                name="request_unique_pending_pair",
            ),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="request_two_people"),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="request_status_age"),
            models.Index(fields=["mentor", "status"], name="request_mentor_status"),
            models.Index(fields=["mentee", "status"], name="request_mentee_status"),
        ]

    def __str__(self) -> str:
        return f"{self.sender.user} → {self.recipient.user} ({self.status})"

    @property
    def sender(self) -> Participant:
        return self.mentee if self.initiated_by == "mentee" else self.mentor

    @property
    def recipient(self) -> Participant:
        return self.mentor if self.initiated_by == "mentee" else self.mentee

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class Concern(models.Model):
    """A participant's report about another participant, for the program's administrators."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="concerns")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="concerns_reported"
    )
    subject = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="concerns")
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.SET_NULL, related_name="concerns"
    )
    text = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Concern about {self.subject} ({self.status})"
