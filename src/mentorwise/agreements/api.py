"""The pair's agreement in the JSON API (API.md, "The pair's workspace"): members of the
mentorship only; everyone else, administrators included, gets 404."""

from ninja import Router, Schema
from pydantic import Field

from mentorwise.agreements.models import TEXT_MAX, Agreement
from mentorwise.agreements.services import (
    SHORT_MAX,
    agreement_confirm,
    agreement_for,
    agreement_save,
)
from mentorwise.api.schemas import Error, Input
from mentorwise.mentorships.access import get_mentorship

router = Router(tags=["workspace: agreement"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class AgreementIn(Input):
    cadence: str | None = Field(None, max_length=SHORT_MAX, description="How often and how long.")
    channel: str | None = Field(None, max_length=SHORT_MAX, description="How you meet.")
    place: str | None = Field(None, max_length=SHORT_MAX, description="Where you meet.")
    confidentiality: str | None = Field(
        None, max_length=TEXT_MAX, description="What stays between you."
    )
    in_bounds: str | None = Field(None, max_length=TEXT_MAX, description="Topics you will cover.")
    out_of_bounds: str | None = Field(
        None, max_length=TEXT_MAX, description="Topics out of bounds."
    )
    contact: str | None = Field(None, max_length=TEXT_MAX, description="How to reach each other.")


class AgreementOut(Schema):
    cadence: str
    channel: str
    place: str
    confidentiality: str
    in_bounds: str
    out_of_bounds: str
    contact: str
    confirmed: bool = Field(description="True once both members confirmed this version.")
    confirmed_by: list[str] = Field(description="Participant ids of the members who confirmed.")
    version: int = Field(description="1 for the first text; each change adds one.")
    updated_at: str | None = None


def agreement_out(agreement: Agreement) -> dict:
    mentorship = agreement.mentorship
    confirmed_by = []
    if agreement.mentor_confirmed_at:
        confirmed_by.append(mentorship.mentor.public_id)
    if agreement.mentee_confirmed_at:
        confirmed_by.append(mentorship.mentee.public_id)
    return {
        **{name: getattr(agreement, name) for name in Agreement.FIELDS},
        "confirmed": agreement.confirmed,
        "confirmed_by": confirmed_by,
        "version": agreement.version if agreement.pk else 0,
        "updated_at": agreement.updated_at.isoformat() if agreement.pk else None,
    }


@router.get(
    "/mentorships/{mentorship_id}/agreement",
    response={200: AgreementOut, **ERRORS},
    summary="The pair's agreement",
)
def agreement_get(request, mentorship_id: str):
    """The agreement as it stands (blank, `version` 0, when the pair has not written it)."""
    return agreement_out(agreement_for(get_mentorship(request.auth, mentorship_id)))


@router.put(
    "/mentorships/{mentorship_id}/agreement",
    response={200: AgreementOut, **ERRORS},
    summary="Write or change the agreement",
)
def agreement_put(request, mentorship_id: str, data: AgreementIn):
    """Either member writes the agreement; fields left out keep their text. A `PUT` that
    changes anything clears both confirmations (the partner is asked to read it again); one
    that changes nothing keeps them. An ended mentorship: `409 not_open`."""
    mentorship = get_mentorship(request.auth, mentorship_id)
    values = data.model_dump(exclude_none=True)
    return agreement_out(agreement_save(mentorship=mentorship, user=request.auth, values=values))


@router.post(
    "/mentorships/{mentorship_id}/agreement/confirm",
    response={200: AgreementOut, **ERRORS},
    summary="Confirm the agreement",
)
def agreement_confirm_view(request, mentorship_id: str):
    """The caller confirms the agreement as it stands; `confirmed` is true once both members
    have. Nothing written yet: `409 no_agreement`."""
    mentorship = get_mentorship(request.auth, mentorship_id)
    return agreement_out(agreement_confirm(mentorship=mentorship, user=request.auth))
