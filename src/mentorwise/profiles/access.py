"""Access helpers for profile pages and searches: outsiders get 404, wrong roles get 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorwise.organizations.permissions import is_org_admin
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role


def my_participations(user, program: Program) -> dict[str, Participant]:
    return {p.role: p for p in Participant.objects.filter(user=user, program=program)}


def check_can_search(user, program: Program, role: str) -> dict[str, Participant]:
    """Mentors are searchable by the program's accepted participants and its administrators;
    mentees by accepted mentors where the program lets mentors invite, and administrators."""
    mine = my_participations(user, program)
    if is_org_admin(user, program.organization_id):
        return mine
    accepted = {r: p for r, p in mine.items() if p.status == Participant.Status.ACCEPTED}
    if role == Role.MENTOR and accepted:
        return mine
    if role == Role.MENTEE and Role.MENTOR in accepted and program.mentors_can_invite:
        return mine
    if role == Role.MENTEE and not program.mentors_can_invite:
        raise PermissionDenied("This program does not let mentors browse mentees.")
    if not accepted:
        raise PermissionDenied("Join this program (and be accepted) to browse its participants.")
    raise PermissionDenied("Only mentors can browse mentees.")


def get_participant_or_404(user, public_id: str) -> Participant:
    """A participant's page: visible to the participant, the program's other accepted
    participants and the organization's administrators. Other members of the organization get
    403; anyone from elsewhere gets 404."""
    if not user.is_authenticated:
        raise Http404
    participant = (
        Participant.objects.select_related(
            "user", "user__profile", "program", "program__organization"
        )
        .filter(
            public_id=public_id,
            program__organization__memberships__user=user,
            program__organization__memberships__is_blocked=False,
        )
        .first()
    )
    if participant is None:
        raise Http404
    # Kept for the page, which shows administrators more (one query, not two).
    participant.viewer_is_admin = is_org_admin(user, participant.program.organization_id)
    if participant.user_id == user.pk or participant.viewer_is_admin:
        return participant
    if participant.status != Participant.Status.ACCEPTED:
        raise PermissionDenied("This profile is not visible right now.")
    if not Participant.objects.filter(
        user=user, program=participant.program, status=Participant.Status.ACCEPTED
    ).exists():
        raise PermissionDenied("Join this program to see its participants' profiles.")
    return participant
