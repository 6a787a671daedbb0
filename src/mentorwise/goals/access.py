"""The privacy gate for goals fetched by their own id: a goal is readable by the two people of
its mentorship only (through `Mentorship.objects.visible_to`); everyone else gets 404."""

from django.http import Http404

from mentorwise.goals.models import Goal

GOAL_RELATED = (
    "mentorship__program__organization",
    "mentorship__mentor__user",
    "mentorship__mentee__user",
)


def get_goal(user, public_id: str) -> Goal:
    """One goal of one of `user`'s mentorships; 404 for everyone else, administrators included."""
    goal = (
        Goal.objects.visible_to(user)
        .select_related(*GOAL_RELATED)
        .filter(public_id=public_id)
        .first()
    )
    if goal is None:
        raise Http404
    return goal
