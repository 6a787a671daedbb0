"""Who may see and manage what in an organization."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentorwise.organizations.models import Membership, Organization


def organization_ids_for(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, is_blocked=False).values_list(
            "organization_id", flat=True
        )
    )


def is_org_admin(user, organization_id: int) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organization_id=organization_id, role=Membership.Role.ADMIN, is_blocked=False
        ).exists()
    )


def admin_organizations(user):
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        memberships__is_blocked=False,
    )


def get_membership_or_404(user, organization_id: int) -> Membership:
    membership = Membership.objects.filter(
        user=user, organization_id=organization_id, is_blocked=False
    ).first()
    if membership is None:
        raise Http404
    return membership


def member_roles(user) -> dict[int, str]:
    """organization id → role, for the organizations where `user` is a member in good standing."""
    return dict(
        Membership.objects.filter(user=user, is_blocked=False).values_list(
            "organization_id", "role"
        )
    )


def fetch_for_admin(
    user, queryset, org_lookup: str, org_of: Callable[[object], int], not_admin: str, **lookup
):
    """The object among the viewer's organizations only (anything else: 404, so another
    organization's objects are never revealed); then administrators only (other members: 403
    with `not_admin`)."""
    roles = member_roles(user)
    obj = queryset.filter(**{f"{org_lookup}__in": list(roles)}, **lookup).first()
    if obj is None:
        raise Http404
    if roles.get(org_of(obj)) != Membership.Role.ADMIN:
        raise PermissionDenied(not_admin)
    return obj
