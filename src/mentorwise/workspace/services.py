"""The pair adjusts its stage (or goes back to the inferred one)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.meetings.models import Meeting
from mentorwise.meetings.services import meeting_update
from mentorwise.mentorships.models import Mentorship
from mentorwise.workspace.activities import BY_SLUG
from mentorwise.workspace.models import StageChoice
from mentorwise.workspace.stages import KEYS


@transaction.atomic
def stage_choose(*, mentorship: Mentorship, user, stage: str | None) -> None:
    """Either member sets the pair's stage; `None` (or "") goes back to the inferred one."""
    if mentorship.member_role(user) is None:
        raise Conflict(_("Only the pair can choose their stage."), code="not_member")
    if not mentorship.is_open:
        raise Conflict(_("This mentorship has ended."), code="not_open")
    if stage and stage not in KEYS:
        raise ValidationFailed(_("Choose one of the five stages."), field="stage")
    if stage:
        StageChoice.objects.update_or_create(
            mentorship=mentorship, defaults={"stage": stage, "chosen_by": user}
        )
    else:
        StageChoice.objects.filter(mentorship=mentorship).delete()
    audit(
        actor=user,
        action="stage.choose",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
        stage=stage or "inferred",
    )


@transaction.atomic
def activity_add_to_agenda(*, mentorship: Mentorship, user, slug: str):
    """Adds an activity of the library to the agenda of the pair's next planned meeting (both
    get the updated invitation). Without a planned meeting, says to plan one first."""
    activity = BY_SLUG.get(slug)
    if activity is None:
        raise ValidationFailed(_("There is no such activity in the library."), field="activity")
    meeting = (
        Meeting.objects.planned()
        .filter(mentorship=mentorship, starts_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    if meeting is None:
        raise Conflict(
            _("Plan your next meeting first; then add the activity to its agenda."),
            code="no_planned_meeting",
        )
    line = _("Activity: %(title)s — %(description)s") % {
        "title": activity.title,
        "description": activity.description,
    }
    if line in meeting.agenda:
        return meeting
    agenda = f"{meeting.agenda.rstrip()}\n\n{line}".strip()
    return meeting_update(meeting=meeting, user=user, agenda=agenda)
