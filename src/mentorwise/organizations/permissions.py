"""Who may see and manage what in an organization."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

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


@dataclass(frozen=True)
class Suspension:
    """A member blocked by an organization, and whom to ask about it: the organization's
    administrators in good standing, as (name, e-mail)."""

    organization: Organization
    contacts: list[tuple[str, str]]


class Suspended(PermissionDenied):
    """Raised by a member's page of an organization that blocked the viewer: the page says
    their participation is suspended and whom to contact (403), not a bare 404."""

    def __init__(self, suspension: Suspension):
        self.suspension = suspension
        super().__init__(
            _("Your participation in %(organization)s is suspended.")
            % {"organization": suspension.organization.name}
        )


def suspensions_of(user, *, organization_id: int | None = None) -> list[Suspension]:
    """The organizations that blocked `user` (or that one), each with its administrators."""
    if not user.is_authenticated:
        return []
    blocked = Membership.objects.filter(user=user, is_blocked=True).select_related("organization")
    if organization_id is not None:
        blocked = blocked.filter(organization_id=organization_id)
    blocked = list(blocked)
    admins: dict[int, list[tuple[str, str]]] = {}
    for org_id, name, email in (
        Membership.objects.filter(
            organization_id__in=[m.organization_id for m in blocked],
            role=Membership.Role.ADMIN,
            is_blocked=False,
        )
        .exclude(user=user)
        .order_by("user__name")
        .values_list("organization_id", "user__name", "user__email")
    ):
        admins.setdefault(org_id, []).append((name, email))
    return [Suspension(m.organization, admins.get(m.organization_id, [])) for m in blocked]
