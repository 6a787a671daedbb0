"""Mentorships: the user's list, one mentorship, ending and extending it.

Every fetch goes through the privacy gate (mentorships.access). Reading a mentorship is for its
two members only: everyone else — administrators included — gets 404. Ending and extending
are also open to the organization's administrators (the issue lets them do both); they get the
mentorship's metadata back, never the member view.
"""

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
from mentorwise.core.zones import today_for
from mentorwise.mentorships.access import get_mentorship, get_mentorship_to_manage
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import mentorship_end, mentorship_extend
from mentorwise.workspace.queries import workspace_summary

router = Router(tags=["mentorships"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


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
    rows = Mentorship.objects.visible_to(user).select_related(*MENTORSHIP_RELATED)
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
    mentorship = get_mentorship(request.auth, mentorship_id)
    data = mentorship_out(mentorship, request.auth)
    data.update(workspace_summary(mentorship, request.auth, today=today_for(request.auth)))
    return data


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
    mentorship = get_mentorship_to_manage(user, mentorship_id)
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
    mentorship = get_mentorship_to_manage(user, mentorship_id)
    mentorship_extend(mentorship=mentorship, user=user, until=data.until)
    return _respond(user, mentorship_id)
