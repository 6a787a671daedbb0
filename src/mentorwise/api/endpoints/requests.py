"""Mentorship requests: send, list, and the four transitions (accept, decline, withdraw, remind).

A request is visible to its two people only: anyone else — other participants, administrators,
other organizations — gets 404. Between the two, the wrong person gets 403 (only the recipient
accepts or declines, only the sender withdraws or reminds) and the wrong state 409; the rules
themselves live in mentorships.services.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Status

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error
from mentorwise.api.schemas_lifecycle import (
    DeclineIn,
    RequestFilters,
    RequestIn,
    RequestOut,
    RequestPage,
)
from mentorwise.api.serialize_lifecycle import REQUEST_RELATED, request_out
from mentorwise.core.errors import NotFound
from mentorwise.mentorships.access import get_request
from mentorwise.mentorships.models import MentorshipRequest
from mentorwise.mentorships.services import (
    request_accept,
    request_create,
    request_decline,
    request_remind,
    request_withdraw,
)
from mentorwise.profiles.access import get_participant_or_404

router = Router(tags=["requests"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _respond(user, public_id: str) -> dict:
    return request_out(get_request(user, public_id), user, timezone.now())


@router.post("", response={201: RequestOut, **ERRORS}, summary="Send a request")
def request_send(request, data: RequestIn):
    """Ask a mentor to mentor you or, where the program lets mentors invite, invite a mentee.
    The direction follows the two roles. `to` is a participant id; someone you cannot see is
    `404` (another organization) or `403` (your organization, not your program) exactly as with
    `GET /participants/{id}`. Refusals: yourself `400 self_request`; a second pending request
    between you `409 duplicate`; more open requests than the program allows
    `409 open_request_cap`; a mentee at the maximum `409 mentee_full`; a full mentor
    `409 mentor_full`; someone not taking requests `409 not_active`."""
    user = request.auth
    try:
        to = get_participant_or_404(user, data.to)
    except Http404:
        raise NotFound(
            _("There is no participant with that id that you can see."), field="to"
        ) from None
    created = request_create(user=user, to=to, message=data.message)
    return Status(201, _respond(user, created.public_id))


@router.get("", response={200: RequestPage, **ERRORS}, summary="Your requests")
def request_list(request, filters: Query[RequestFilters], paging: Query[PageParams]):
    """Requests you sent (`box=outgoing`) or received (`box=incoming`), in every program, newest
    first; both boxes when `box` is absent. Filter by `status`."""
    user = request.auth
    rows = MentorshipRequest.objects.visible_to(user).select_related(*REQUEST_RELATED)
    sent = Q(initiated_by="mentee", mentee__user=user) | Q(initiated_by="mentor", mentor__user=user)
    if filters.box == "outgoing":
        rows = rows.filter(sent)
    elif filters.box == "incoming":
        rows = rows.exclude(sent)
    if filters.status:
        rows = rows.filter(status=filters.status)
    now = timezone.now()
    return paginate(
        rows.order_by("-created_at", "-id"), paging, lambda r: request_out(r, user, now)
    )


@router.get("/{request_id}", response={200: RequestOut, **ERRORS}, summary="One request")
def request_get(request, request_id: str):
    """One of your requests."""
    return _respond(request.auth, request_id)


@router.post(
    "/{request_id}/accept", response={200: RequestOut, **ERRORS}, summary="Accept a request"
)
def request_accept_view(request, request_id: str):
    """The recipient accepts: the mentorship starts at once. Answers with the request, now
    `accepted`, whose `mentorship_id` is the new mentorship (`GET /mentorships/{id}`).
    Capacity and the mentee's maximum are checked at this moment: `409 mentor_full` or
    `409 mentee_full`. The sender gets `403`; a request no longer pending `409 not_pending`."""
    user = request.auth
    found = get_request(user, request_id)
    request_accept(request=found, user=user)
    return _respond(user, request_id)


@router.post(
    "/{request_id}/decline", response={200: RequestOut, **ERRORS}, summary="Decline a request"
)
def request_decline_view(request, request_id: str, data: DeclineIn | None = Body(None)):  # noqa: B008
    """The recipient declines, with an optional `reason` that only the sender will read. The
    body may be empty."""
    user = request.auth
    found = get_request(user, request_id)
    request_decline(request=found, user=user, reason=data.reason if data else "")
    return _respond(user, request_id)


@router.post(
    "/{request_id}/withdraw", response={200: RequestOut, **ERRORS}, summary="Withdraw a request"
)
def request_withdraw_view(request, request_id: str):
    """The sender withdraws a pending request."""
    user = request.auth
    found = get_request(user, request_id)
    request_withdraw(request=found, user=user)
    return _respond(user, request_id)


@router.post(
    "/{request_id}/remind", response={200: RequestOut, **ERRORS}, summary="Send a reminder"
)
def request_remind_view(request, request_id: str):
    """The sender reminds the recipient, once the program's reminder delay has passed since the
    request (or the last reminder): otherwise `409 too_soon`, and `reminder_available_at` says
    when."""
    user = request.auth
    found = get_request(user, request_id)
    request_remind(request=found, user=user)
    return _respond(user, request_id)
