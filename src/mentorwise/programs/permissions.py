"""Fetching programs through the viewer's rights: an outsider gets 404, never a hint."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentorwise.organizations.models import Membership
from mentorwise.organizations.permissions import Suspended, suspensions_of
from mentorwise.programs.models import Program


def programs_visible_to(user):
    """Programs of the viewer's organizations; drafts only for that organization's admins."""
    memberships = Membership.objects.filter(user=user, is_blocked=False)
    member_orgs = memberships.values("organization_id")
    admin_orgs = memberships.filter(role=Membership.Role.ADMIN).values("organization_id")
    return Program.objects.filter(organization_id__in=member_orgs).filter(
        ~Q(status=Program.Status.DRAFT) | Q(organization_id__in=admin_orgs)
    )


def get_program_or_404(user, public_id: str) -> Program:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        programs_visible_to(user).select_related("organization"), public_id=public_id
    )


def get_program_for_member(user, public_id: str) -> Program:
    """`get_program_or_404` for a member's pages of a program: a member whom the program's
    organization blocked is told that their participation is suspended, and whom to contact
    (403), instead of a 404 that reads like a broken link. Everyone else as before."""
    try:
        return get_program_or_404(user, public_id)
    except Http404:
        program = (
            Program.objects.exclude(status=Program.Status.DRAFT)
            .filter(public_id=public_id)
            .only("organization_id")
            .first()
        )
        found = suspensions_of(user, organization_id=program.organization_id) if program else []
        if found:
            raise Suspended(found[0]) from None
        raise
