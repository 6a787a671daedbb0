"""The one place that decides who may read a participant's confidential profile content."""

from mentorwise.profiles.models import Participant


def can_view_fifteen_answers(viewer, participant: Participant) -> bool:
    """The 15 Questions answers are readable by their author and by the people with whom the
    author has an established (active or paused) mentorship in the same program. Nobody else:
    not administrators, not other participants, not staff."""
    if not viewer.is_authenticated:
        return False
    if participant.user_id == viewer.pk:
        return True
    established = ("active", "paused")
    if participant.role == "mentor":
        return participant.mentorships_as_mentor.filter(
            status__in=established, mentee__user=viewer
        ).exists()
    return participant.mentorships_as_mentee.filter(
        status__in=established, mentor__user=viewer
    ).exists()
