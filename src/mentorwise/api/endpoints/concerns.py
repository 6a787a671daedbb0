"""POST /participants/{id}/concerns: report a concern about a participant to the program's
administrators."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status

from mentorwise.api.schemas import Error
from mentorwise.api.schemas_lifecycle import ConcernIn, ConcernOut
from mentorwise.api.serialize_lifecycle import concern_out
from mentorwise.core.errors import NotFound, ValidationFailed
from mentorwise.mentorships.access import get_mentorship
from mentorwise.mentorships.models import Concern
from mentorwise.mentorships.services import concern_report
from mentorwise.profiles.access import get_participant_or_404

router = Router(tags=["participants"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.post(
    "/{participant_id}/concerns",
    response={201: ConcernOut, **ERRORS},
    summary="Report a concern about a participant",
)
def concern_create(request, participant_id: str, data: ConcernIn):
    """Any participant of the program can report another to its administrators, optionally
    naming their mentorship with that person (`mentorship`). The participant is found as with
    `GET /participants/{id}` (another organization: `404`; not your program: `403`); only
    participants of the program may report (`403`); yourself: `400`. The person reported is not
    told who reported them."""
    user = request.auth
    subject = get_participant_or_404(user, participant_id)
    mentorship = None
    if data.mentorship:
        try:
            mentorship = get_mentorship(user, data.mentorship)
        except Http404:
            raise NotFound(_("You have no mentorship with that id."), field="mentorship") from None
        if subject.pk not in (mentorship.mentor_id, mentorship.mentee_id):
            raise ValidationFailed(
                _("That mentorship is not with the person you are reporting."), field="mentorship"
            )
    concern = concern_report(user=user, subject=subject, text=data.text, mentorship=mentorship)
    concern = Concern.objects.select_related("program", "subject__user", "mentorship").get(
        pk=concern.pk
    )
    return Status(201, concern_out(concern))
