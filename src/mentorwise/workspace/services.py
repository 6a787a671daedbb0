"""The pair adjusts its stage (or goes back to the inferred one)."""

from django.db import transaction
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Mentorship
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
