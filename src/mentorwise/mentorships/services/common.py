"""What the lifecycle's services share: the counts the rules read, row locks taken in a fixed
order, and links for notices."""

from django.urls import reverse

from mentorwise.mentorships.models import Mentorship
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role

MESSAGE_MAX = 2000


def open_mentorships(participant: Participant) -> int:
    """A mentor's established mentorships in the program; a mentee's in every program of the
    organization (the maximum of mentors per mentee counts them all)."""
    if participant.role == Role.MENTEE:
        return (
            Mentorship.objects.filter(
                mentee__user_id=participant.user_id,
                program__organization_id=Program.objects.filter(pk=participant.program_id).values(
                    "organization_id"
                )[:1],
            )
            .established()
            .count()
        )
    return Mentorship.objects.filter(mentor=participant).established().count()


def remaining_capacity(mentor: Participant) -> int:
    return mentor.capacity - open_mentorships(mentor)


def mentee_has_room(mentee: Participant) -> bool:
    return open_mentorships(mentee) < mentee.program.max_mentors_per_mentee


def lock_participants(*participants: Participant) -> list[Participant]:
    """Locks the participants' rows, always in primary-key order (no deadlocks)."""
    pks = sorted({p.pk for p in participants})
    locked = {
        p.pk: p
        for p in Participant.objects.select_for_update(of=("self",))
        .select_related("user", "program", "program__organization")
        .filter(pk__in=pks)
        .order_by("pk")
    }
    return [locked[p.pk] for p in participants]


def link(name: str, *args) -> str:
    return reverse(name, args=args)
