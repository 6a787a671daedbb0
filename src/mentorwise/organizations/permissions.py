"""Who may see and manage what in an organization."""

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
