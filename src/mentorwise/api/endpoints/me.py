"""GET /me: the signed-in user, their organizations, programs and participant records."""

from ninja import Router

from mentorwise.api.schemas import Error, MeOut
from mentorwise.api.serialize import participant_ref, user_brief
from mentorwise.organizations.models import Membership
from mentorwise.profiles.models import Participant

router = Router(tags=["me"])


def me_payload(user) -> dict:
    memberships = Membership.objects.filter(user=user, is_blocked=False).select_related(
        "organization"
    )
    participants = list(
        Participant.objects.filter(
            user=user,
            program__organization__memberships__user=user,
            program__organization__memberships__is_blocked=False,
        )
        .select_related("program", "program__organization")
        .order_by("program__name", "role")
    )
    programs = {}
    for p in participants:
        programs.setdefault(p.program_id, p.program)
    return {
        **user_brief(user),
        "organizations": [
            {"id": m.organization.public_id, "name": m.organization.name, "role": m.role}
            for m in memberships
        ],
        "programs": [
            {
                "id": pr.public_id,
                "name": pr.name,
                "organization_id": pr.organization.public_id,
                "status": pr.status,
            }
            for pr in programs.values()
        ],
        "participants": [participant_ref(p) for p in participants],
    }


@router.get("/me", response={200: MeOut, 401: Error}, summary="The signed-in user")
def me(request):
    """The signed-in user with their organizations (and role in each), the programs they take
    part in, and their participant records."""
    return me_payload(request.auth)
