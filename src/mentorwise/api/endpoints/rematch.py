"""Requests for a new match, for the administrators of the program's organization: the list,
and marking one handled. What they learn is that the mentee asked, in which mentorship and
when, and who handled it when: never why (no score, no comment, no message)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from mentorwise.administration.access import get_program, get_rematch
from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error
from mentorwise.api.schemas_lifecycle import PartyRef
from mentorwise.api.serialize_lifecycle import party
from mentorwise.conversations.models import RematchRequest
from mentorwise.conversations.queries import rematches_for_administrators
from mentorwise.conversations.services import rematch_mark_handled

router = Router(tags=["administration"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class HandledBy(Schema):
    id: str = Field(description="The administrator's user id.")
    name: str


class RematchOut(Schema):
    id: str
    mentorship_id: str
    mentor: PartyRef
    mentee: PartyRef
    created_at: datetime = Field(description="When the mentee asked.")
    handled: bool
    handled_at: datetime | None
    handled_by: HandledBy | None


class RematchPage(Schema):
    items: list[RematchOut]
    count: int
    page: int
    pages: int


class RematchFilters(Schema):
    status: Literal["open", "handled"] | None = Field(
        None, description="`open` (not handled yet) or `handled`; both without it."
    )


def rematch_out(rematch: RematchRequest) -> dict:
    mentorship = rematch.mentorship
    handler = rematch.handled_by
    return {
        "id": rematch.public_id,
        "mentorship_id": mentorship.public_id,
        "mentor": party(mentorship.mentor),
        "mentee": party(mentorship.mentee),
        "created_at": rematch.created_at,
        "handled": rematch.handled_at is not None,
        "handled_at": rematch.handled_at,
        "handled_by": {"id": handler.public_id, "name": handler.name} if handler else None,
    }


@router.get(
    "/programs/{program_id}/rematch-requests",
    response={200: RematchPage, **ERRORS},
    summary="Requests for a new match",
)
def rematch_list(
    request, program_id: str, filters: Query[RematchFilters], paging: Query[PageParams]
):
    """The program's requests for a new match, newest first (paginated): the mentorship, its two
    people, when the mentee asked and whether an administrator handled it. Never why: no score,
    comment or message. Administrators of the program's organization only (members `403`,
    another organization `404`)."""
    program = get_program(request.auth, program_id)
    rows = rematches_for_administrators(program, status=filters.status or "")
    return paginate(rows, paging, rematch_out)


@router.post(
    "/rematch-requests/{rematch_id}/handle",
    response={200: RematchOut, **ERRORS},
    summary="Mark a request for a new match handled",
)
def rematch_handle(request, rematch_id: str):
    """Records that you dealt with it (who and when, in the audit trail too) → `200` with the
    request. Nobody is told. Already handled: `409` with code `already_handled`."""
    rematch = get_rematch(request.auth, rematch_id)
    rematch_mark_handled(rematch=rematch, user=request.auth)
    rows = rematches_for_administrators(rematch.mentorship.program)
    return rematch_out(rows.get(pk=rematch.pk))
