"""The goals panel of the mentorship page (its `{% goals_panel mentorship %}` line)."""

from django import template
from django.utils import timezone

from mentorwise.goals.models import Goal, goals_due_on

register = template.Library()


@register.inclusion_tag("goals/_panel.html", takes_context=True)
def goals_panel(context, mentorship):
    """The pair's goals as cards, read through the gate with the viewing user; one query
    whatever the number of goals."""
    user = context["request"].user
    today = timezone.localdate()
    goals = list(Goal.objects.visible_to(user).filter(mentorship=mentorship))
    for goal in goals:
        goal.overdue = goal.is_overdue(today)
    due_on = goals_due_on(mentorship)
    return {
        "request": context["request"],
        "mentorship": mentorship,
        "goals": goals,
        "achieved": sum(goal.status == Goal.Status.ACHIEVED for goal in goals),
        "goals_due_on": due_on,
        "goals_due_passed": due_on < today,
    }
