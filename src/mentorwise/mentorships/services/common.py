"""What the lifecycle's services share: the counts the rules read, row locks taken in a fixed
order, and links for notices."""

from django.urls import reverse

from mentorwise.mentorships.models import Mentorship
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role

MESSAGE_MAX = 2000


def open_mentorships(participant: Participant) -> int:
    field = "mentor" if participant.role == Role.MENTOR else "mentee"
    return Mentorship.objects.filter(**{field: participant}).established().count()


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
