from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mentorwise.core.models import PublicIdField
from mentorwise.matching.engine.reason import Reason
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program


class ReasonListField(models.JSONField):
    """A list of the matching's reasons or warnings. Each is stored as its code, its values and
    its English text (``engine.explain.Reason.as_data``) and read back as a `Reason`: a string,
    the English sentence, that pages say again in the reader's language
    (services/reasons.py). Plain strings (rows stored before) stay plain strings."""

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple)):
            value = [v.as_data() if isinstance(v, Reason) else v for v in value]
        return super().get_prep_value(value)

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        if isinstance(value, list):
            return [_as_reason(v) for v in value]
        return value


def _as_reason(item):
    if isinstance(item, dict) and "code" in item and "text" in item:
        return Reason(str(item["text"]), str(item["code"]), **dict(item.get("params") or {}))
    return item


class SelectionRound(models.Model):
    """A round of the one-on-one overview: mentees select mentors in order of preference, each
    mentor then chooses among the mentees who selected them, the program publishes the pairs;
    anyone left unpaired gets priority in the next round."""

    class Status(models.TextChoices):
        SELECTING = "selecting", _("Mentees are choosing")
        PICKING = "picking", _("Mentors are choosing")
        REVIEW = "review", _("Ready to fill and publish")
        PUBLISHED = "published", _("Published")

    OPEN = (Status.SELECTING, Status.PICKING, Status.REVIEW)

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rounds")
    name = models.CharField(max_length=120)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SELECTING)
    max_choices = models.PositiveSmallIntegerField(default=3)
    selection_closes_on = models.DateField(null=True, blank=True)
    picking_closes_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program"],
                condition=~Q(status="published"),
                name="round_one_open_per_program",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1) & Q(max_choices__lte=20),
                name="round_max_choices_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class RoundChoice(models.Model):
    """A mentee's selection of a mentor in a round, ranked (1 = favourite)."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="choices")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["round", "mentee", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "mentee", "mentor"], name="round_choice_unique_mentor"
            ),
            models.UniqueConstraint(
                fields=["round", "mentee", "rank"], name="round_choice_unique_rank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} → {self.mentor_id} (#{self.rank})"


class RoundPick(models.Model):
    """A mentor's choice of a mentee among those who selected them."""

    round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="picks")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "mentor", "mentee"], name="round_pick_unique")
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} picks {self.mentee_id}"


class MatchRun(models.Model):
    """One run of the engine on a program (or on a round's remaining places), kept for audit
    with its parameters, its proposal and what became of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready to review")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", _("Published")
        DISCARDED = "discarded", _("Discarded")

    public_id = PublicIdField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="match_runs")
    round = models.ForeignKey(
        SelectionRound, null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    progress_note = models.CharField(max_length=200, blank=True)
    params = models.JSONField(default=dict, blank=True)
    totals = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Match run {self.public_id} ({self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DONE


class Proposal(models.Model):
    """A proposed pair in a match run, with its score and the reasons in plain words."""

    class Source(models.TextChoices):
        ENGINE = "engine", _("Proposed by the algorithm")
        PICK = "pick", _("Chosen by the mentor in the round")
        MANUAL = "manual", _("Added by an administrator")

    public_id = PublicIdField()
    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0)
    reasons = ReasonListField(default=list, blank=True)
    warnings = ReasonListField(default=list, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.ENGINE)
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "mentor", "mentee"], name="proposal_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.mentor_id} + {self.mentee_id} ({self.score:.2f})"


class Unpaired(models.Model):
    """A mentee the run could not pair, with the reason in plain words."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unpaired")
    mentee = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=30)
    reason = models.CharField(max_length=300)  # in English; shown as it is for older rows
    # The values the reason names, so that pages say it in the reader's language
    # (services/reasons.py); empty on rows stored before reasons carried them.
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.mentee_id}: {self.code}"

    @property
    def reason_data(self) -> dict:
        return {"code": self.code, "params": self.params, "text": self.reason}
