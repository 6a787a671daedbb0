"""Fetching programs through the viewer's rights: an outsider gets 404, never a hint."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentorwise.organizations.models import Membership
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
