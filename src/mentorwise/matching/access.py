"""Access helpers for the participants' round pages and recommendations: someone from another
organization gets 404 (never a hint that the round exists); a member of the organization
without the right part in the program gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from mentorwise.matching.models import SelectionRound
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role
from mentorwise.programs.permissions import programs_visible_to


def get_round_as(user, round_id: str, role: str) -> tuple[SelectionRound, Participant]:
    """The round and the viewer's accepted participation in its program in `role`."""
    if not user.is_authenticated:
        raise Http404
    round = (
        SelectionRound.objects.select_related("program", "program__organization")
        .filter(public_id=round_id, program__in=programs_visible_to(user))
        .first()
    )
    if round is None:
        raise Http404
    participant = (
        Participant.objects.select_related("user", "user__profile")
        .filter(program=round.program, user=user, role=role, status=Participant.Status.ACCEPTED)
        .first()
    )
    if participant is None:
        raise PermissionDenied(
            (
                _("This page is for the accepted mentees of %(program)s.")
                if role == Role.MENTEE
                else _("This page is for the accepted mentors of %(program)s.")
            )
            % {"program": round.program.name}
        )
    return round, participant


def recommendation_viewer(user, program, who: str) -> Participant | None:
    """Whom recommendations are computed for when `user` browses `who` ("mentors" or
    "mentees"): their accepted mentee participation for mentors, their accepted mentor
    participation for mentees (only where the program lets mentors invite); else None."""
    if who == "mentors":
        role = Role.MENTEE
    elif who == "mentees" and program.mentors_can_invite:
        role = Role.MENTOR
    else:
        return None
    return (
        Participant.objects.select_related("program")
        .filter(program=program, user=user, role=role, status=Participant.Status.ACCEPTED)
        .first()
    )
