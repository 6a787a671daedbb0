"""GET and PATCH /participants/{id}: a profile in a program, and editing one's own."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from ninja import Router

from mentorwise.api.schemas import Error, ParticipantOut, ParticipantPatch
from mentorwise.api.serialize import participant_public
from mentorwise.core.errors import ValidationFailed
from mentorwise.mentorships.access import can_read_fifteen_answers
from mentorwise.mentorships.queries import with_room
from mentorwise.organizations.permissions import is_org_admin
from mentorwise.profiles.access import get_participant_or_404
from mentorwise.profiles.models import FifteenAnswer, Participant
from mentorwise.profiles.services import (
    PROFILE_FIELDS,
    fifteen_answers_save,
    participant_pause,
    participant_update,
    profile_update,
)

router = Router(tags=["participants"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


def _fifteen(participant: Participant) -> list[dict]:
    questions = list(participant.program.fifteen_questions.all())
    answers = dict(
        FifteenAnswer.objects.filter(participant=participant).values_list("question_id", "answer")
    )
    return [
        {"position": q.position, "question": q.text, "answer": answers.get(q.pk, "")}
        for q in questions
    ]


def participant_payload(viewer, participant: Participant) -> dict:
    """The profile as `viewer` may see it. Confidential parts are added only when allowed:
    the 15 Questions through the privacy gate (mentorships.access.can_read_fifteen_answers) (the key is absent
    otherwise), the application answers and reporting line for the person and admins."""
    participant.open_mentorships = (
        with_room(Participant.objects.filter(pk=participant.pk), participant.role)
        .values_list("open_mentorships", flat=True)
        .first()
        or 0
    )
    data = participant_public(participant)
    is_me = participant.user_id == viewer.pk
    data["program_name"] = participant.program.name
    data["is_me"] = is_me
    profile = getattr(participant.user, "profile", None)
    data["years_experience"] = profile.years_experience if profile else None
    if is_me or is_org_admin(viewer, participant.program.organization_id):
        data["department"] = profile.department if profile else ""
        data["reports_to"] = profile.reports_to if profile else ""
        data["answers"] = participant.answers
    if can_read_fifteen_answers(viewer, participant):
        data["fifteen_questions"] = _fifteen(participant)
    return data


@router.get(
    "/{participant_id}",
    response={200: ParticipantOut, **ERRORS},
    exclude_unset=True,
    summary="A participant's profile",
)
def participant_get(request, participant_id: str):
    """Visible to the participant, the program's accepted participants and the organization's
    administrators. `fifteen_questions` is present only for the author and for partners in an
    established (active or paused) mentorship — never for administrators."""
    participant = get_participant_or_404(request.auth, participant_id)
    return participant_payload(request.auth, participant)


@router.patch(
    "/{participant_id}",
    response={200: ParticipantOut, **ERRORS},
    exclude_unset=True,
    summary="Edit your own profile",
)
def participant_patch(request, participant_id: str, data: ParticipantPatch):
    """Only the fields sent are changed. The profile (name, headline, tags…) is shared by all of
    your programs; `capacity` (mentors) and `answers` belong to this participation;
    `fifteen_questions` are your answers keyed by question position. A mentor pauses taking
    new mentees with `paused` (and an optional `paused_until`, after today), or resumes with
    `"paused": false`."""
    user = request.auth
    participant = get_participant_or_404(user, participant_id)
    if participant.user_id != user.pk:
        raise PermissionDenied("You can only edit your own profile.")
    changes = data.model_dump(exclude_unset=True)
    profile_changes = {k: v for k, v in changes.items() if k in PROFILE_FIELDS or k == "name"}
    for tags in ("expertise", "interests", "languages"):
        if tags in changes:
            profile_changes[tags] = changes[tags] or []
    with transaction.atomic():
        if profile_changes:
            profile_update(user=user, actor=user, **profile_changes)
        if "capacity" in changes or "answers" in changes:
            participant_update(
                participant=participant,
                actor=user,
                capacity=changes.get("capacity"),
                answers=changes.get("answers"),
            )
        if "paused" in changes or "paused_until" in changes:
            paused = changes.get("paused")
            if paused is None:  # a return date alone pauses until then
                paused = changes.get("paused_until") is not None or participant.is_paused()
            participant_pause(
                participant=participant,
                actor=user,
                paused=paused,
                until=changes.get("paused_until"),
            )
        if changes.get("fifteen_questions"):
            fifteen_answers_save(
                participant=participant,
                actor=user,
                answers=_fifteen_by_position(participant, changes["fifteen_questions"]),
            )
    participant = get_participant_or_404(user, participant_id)
    return participant_payload(user, participant)


def _fifteen_by_position(participant: Participant, answers: dict) -> dict:
    by_position = {str(q.position): q.pk for q in participant.program.fifteen_questions.all()}
    unknown = sorted(k for k in answers if k not in by_position)
    if unknown:
        raise ValidationFailed(
            "Unknown question position: " + ", ".join(unknown[:5]) + ".",
            field="fifteen_questions",
        )
    return {by_position[k]: v for k, v in answers.items()}
