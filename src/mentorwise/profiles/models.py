import datetime
import zoneinfo
from functools import cache
from importlib import resources

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.programs.models import FifteenQuestion, Program, Role


def _canonical_zone_names() -> list[str]:
    """The IANA zones people pick from: one or more per country (zone.tab), without the
    hundreds of backward-compatible aliases. Falls back to every zone if the table is missing."""
    try:
        table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text()
    except (ModuleNotFoundError, FileNotFoundError):
        return sorted(n for n in zoneinfo.available_timezones() if "/" in n)
    names = {line.split("\t")[2] for line in table.splitlines() if line and line[0] != "#"}
    return sorted(names)


@cache
def timezone_choices() -> list[tuple[str, str]]:
    return [("", "—"), ("UTC", "UTC"), *[(n, n.replace("_", " ")) for n in _canonical_zone_names()]]


class PortableSearchVectorField(SearchVectorField):
    """A `tsvector` on PostgreSQL (kept up to date by `profiles.services`, GIN-indexed) and an
    unused text column elsewhere, where search falls back to substring matching."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


class Tag(models.Model):
    """A normalized keyword: an area of expertise or interest, or a language."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("Expertise or interest")
        LANGUAGE = "language", _("Language")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="tag_unique_slug")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def normalize(cls, name: str) -> tuple[str, str]:
        clean = " ".join(name.split())[:60]
        return clean, slugify(clean)[:60]


def photo_path(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"photos/{instance.user.public_id}.{ext}"


class Profile(models.Model):
    """What a person tells others about themselves. One per person, shared by their programs."""

    class WorkMode(models.TextChoices):
        REMOTE = "remote", _("Remote")
        IN_PERSON = "in_person", _("In person")
        EITHER = "either", _("Remote or in person")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    pronouns = models.CharField(max_length=40, blank=True)
    headline = models.CharField(max_length=150, blank=True)
    bio = models.TextField(max_length=5000, blank=True)
    expertise = models.ManyToManyField(Tag, blank=True, related_name="experts")
    interests = models.ManyToManyField(Tag, blank=True, related_name="interested")
    languages = models.ManyToManyField(Tag, blank=True, related_name="speakers")
    goals = models.TextField(max_length=3000, blank=True)
    industry = models.CharField(max_length=80, blank=True, db_index=True)
    department = models.CharField(max_length=80, blank=True)
    reports_to = models.CharField("Manager or reporting line", max_length=120, blank=True)
    years_experience = models.PositiveSmallIntegerField(null=True, blank=True)
    location = models.CharField(max_length=100, blank=True, db_index=True)
    time_zone = models.CharField(max_length=64, blank=True, db_index=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode.choices, default=WorkMode.EITHER)
    availability = models.CharField("Availability", max_length=300, blank=True)
    photo = models.ImageField(upload_to=photo_path, blank=True)
    search_document = models.TextField(blank=True, editable=False)
    search_vector = PortableSearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"


def pause_in_effect(today: datetime.date | None = None) -> Q:
    """The mentors whose pause ("not taking mentees now") holds today: paused, with no return
    date or one still to come. A pause thus ends by itself on its return date, no sweep needed."""
    today = today or timezone.localdate()
    return Q(paused=True) & (Q(paused_until__isnull=True) | Q(paused_until__gt=today))


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Participant.Status.ACCEPTED)

    def mentors(self):
        return self.filter(role=Role.MENTOR)

    def mentees(self):
        return self.filter(role=Role.MENTEE)

    def taking_mentees(self, today: datetime.date | None = None):
        """Without the mentors who paused ("not taking mentees now") and whose return date, if
        they gave one, has not come: a pause ends by itself on its return date."""
        return self.exclude(pause_in_effect(today))


class Participant(models.Model):
    """A person's place in one program, as a mentor or a mentee."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied (waiting for approval)")
        ACCEPTED = "accepted", _("Accepted")
        WAITLISTED = "waitlisted", _("Wait-listed")
        RELEASED = "released", _("Released")

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACCEPTED)
    capacity = models.PositiveSmallIntegerField(
        default=0, help_text=_("For mentors: how many mentees at a time.")
    )
    paused = models.BooleanField(
        _("Not taking mentees now"),
        default=False,
        help_text=_("For mentors: a pause; hidden from search, suggestions and matching."),
    )
    paused_until = models.DateField(
        _("Back on"),
        null=True,
        blank=True,
        help_text=_("The day the pause ends by itself (none: until the mentor ends it)."),
    )
    answers = models.JSONField(default=dict, blank=True)
    priority = models.BooleanField(default=False, help_text=_("Left unpaired last round."))
    release_warned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    # A copy of the person's name (kept by `profiles.services.profile_update`), so that a
    # search or a list sorted by name reads its page from an index instead of sorting everyone.
    sort_name = models.CharField(max_length=150, default="", editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["program", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "user", "role"], name="participant_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(role="mentee") | Q(capacity__gte=1), name="participant_mentor_capacity"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "role", "status"]),
            models.Index(
                fields=["program", "role", "status", "sort_name", "id"], name="participant_search"
            ),
            models.Index(fields=["program", "sort_name", "id"], name="participant_by_name"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}, {self.program})"

    def save(self, *args, **kwargs):
        if not self.sort_name and self.user_id:
            self.sort_name = self.user.name
        super().save(*args, **kwargs)

    @property
    def is_mentor(self) -> bool:
        return self.role == Role.MENTOR

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def is_paused(self, today: datetime.date | None = None) -> bool:
        """Whether the mentor's pause is in effect today (as `taking_mentees` decides)."""
        if not self.paused:
            return False
        return self.paused_until is None or self.paused_until > (today or timezone.localdate())


class FifteenAnswer(models.Model):
    """A participant's answer to one of the 15 Questions. Confidential: see permissions.py."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="fifteen_answers"
    )
    question = models.ForeignKey(FifteenQuestion, on_delete=models.CASCADE, related_name="+")
    answer = models.TextField(max_length=3000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "question"], name="fifteen_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Answer of {self.participant_id} to {self.question_id}"
