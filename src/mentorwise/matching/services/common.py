"""What the services of match runs and selection rounds share."""

from django.utils.translation import gettext as _

from mentorwise.core.errors import NotAllowed
from mentorwise.organizations.models import Membership
from mentorwise.programs.models import Program


def _require_admin(user, program: Program) -> None:
    if not Membership.objects.filter(
        user=user,
        organization_id=program.organization_id,
        role=Membership.Role.ADMIN,
        is_blocked=False,
    ).exists():
        raise NotAllowed(_("Only the program's administrators can do this."))
