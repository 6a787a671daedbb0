"""Mentorships: the user's list, one mentorship, ending and extending it.

Reading a mentorship is for its two members only: everyone else — administrators included —
gets 404, because the member view carries the partner's contact details. Ending and extending
are also open to the organization's administrators (the issue lets them do both); they get the
mentorship's metadata back, never the member view.
"""

from django.db.models import Q
from django.http import Http404
from ninja import Query, Router

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error
from mentorwise.api.schemas_lifecycle import (
    EndIn,
    ExtendIn,
    MentorshipFilters,
    MentorshipOut,
    MentorshipPage,
)
from mentorwise.api.serialize_lifecycle import MENTORSHIP_RELATED, mentorship_out
from mentorwise.mentorships.access import get_mentorship_for_member_or_404
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import mentorship_end, mentorship_extend
from mentorwise.organizations.models import Membership
from mentorwise.organizations.permissions import is_org_admin

router = Router(tags=["mentorships"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _my_organizations(user):
    return Membership.objects.filter(user=user, is_blocked=False).values("organization")


def mentorships_of(user):
    """The user's mentorships (as mentor or mentee) in the organizations they belong to."""
    return Mentorship.objects.filter(
        Q(mentor__user=user) | Q(mentee__user=user),
        program__organization__in=_my_organizations(user),
    )


def get_mentorship_or_404(user, public_id: str) -> Mentorship:
    """The pages' access rule (mentorships.access): members only; anyone else, administrators
    included, gets 404."""
    return get_mentorship_for_member_or_404(user, public_id)


def get_mentorship_to_manage_or_404(user, public_id: str) -> Mentorship:
    """Members, and the administrators of the mentorship's organization (who may end and
    extend it); anyone else gets 404."""
    try:
        return get_mentorship_for_member_or_404(user, public_id)
    except Http404:
        pass
    mentorship = (
        Mentorship.objects.select_related("program", "program__organization")
        .filter(public_id=public_id, program__organization__in=_my_organizations(user))
        .first()
    )
    if mentorship is None or not is_org_admin(user, mentorship.program.organization_id):
        raise Http404
    return mentorship


def _respond(user, public_id: str) -> dict:
    mentorship = (
        Mentorship.objects.select_related(*MENTORSHIP_RELATED).filter(public_id=public_id).get()
    )
    return mentorship_out(mentorship, user)


@router.get(
    "",
    response={200: MentorshipPage, **ERRORS},
    exclude_unset=True,
    summary="Your mentorships",
)
def mentorship_list(request, filters: Query[MentorshipFilters], paging: Query[PageParams]):
    """Your mentorships in every program, in every state (newest first), each with your
    partner's contact details. Filter with `status` (one status, `open` or `ended`)."""
    user = request.auth
    rows = mentorships_of(user).select_related(*MENTORSHIP_RELATED)
    if filters.status == "open":
        rows = rows.filter(status__in=Mentorship.ESTABLISHED)
    elif filters.status == "ended":
        rows = rows.filter(status__in=Mentorship.ENDED)
    elif filters.status:
        rows = rows.filter(status=filters.status)
    rows = rows.order_by("-started_on", "-id")
    return paginate(rows, paging, lambda m: mentorship_out(m, user))


@router.get(
    "/{mentorship_id}",
    response={200: MentorshipOut, **ERRORS},
    exclude_unset=True,
    summary="One mentorship",
)
def mentorship_get(request, mentorship_id: str):
    """One of your mentorships: dates (`started_on`, `planned_end_on`, `latest_end_on` — the day
    the program closes it — and `ended_on`), `status`, the outcome fields and your partner's
    contact details. Members only: everyone else, administrators included, gets 404."""
    return mentorship_out(get_mentorship_or_404(request.auth, mentorship_id), request.auth)


@router.post(
    "/{mentorship_id}/end",
    response={200: MentorshipOut, **ERRORS},
    exclude_unset=True,
    summary="End a mentorship",
)
def mentorship_end_view(request, mentorship_id: str, data: EndIn):
    """Either member (or an administrator) ends the mentorship: `outcome` is `completed` (goals
    met) or `ended_early` (then a `reason` is required); `feedback` is private to the
    administrators; `confirm` must be `true`. The mentor's place is freed at once and both are
    told. Already ended: `409 not_open`."""
    user = request.auth
    mentorship = get_mentorship_to_manage_or_404(user, mentorship_id)
    mentorship_end(
        mentorship=mentorship,
        user=user,
        outcome=data.outcome,
        reason=data.reason,
        feedback=data.feedback,
        confirm=data.confirm,
    )
    return _respond(user, mentorship_id)


@router.post(
    "/{mentorship_id}/extend",
    response={200: MentorshipOut, **ERRORS},
    exclude_unset=True,
    summary="Extend a mentorship",
)
def mentorship_extend_view(request, mentorship_id: str, data: ExtendIn):
    """Moves the planned end to `until` (`YYYY-MM-DD`): after the current planned end and no
    later than `latest_end_on`, otherwise `400`. Members and administrators; an ended
    mentorship is `409 not_open`."""
    user = request.auth
    mentorship = get_mentorship_to_manage_or_404(user, mentorship_id)
    mentorship_extend(mentorship=mentorship, user=user, until=data.until)
    return _respond(user, mentorship_id)
