"""The stage panel on the mentorship page, and whether the pulse asks the viewer now."""

from django import template
from django.utils import timezone

from mentorwise.workspace import pulse
from mentorwise.workspace.activities import ACTIVITIES
from mentorwise.workspace.queries import activity_for_administrators, stage_of
from mentorwise.workspace.stages import STAGES

register = template.Library()


@register.inclusion_tag("workspace/_stage_panel.html", takes_context=True)
def stage_panel(context, mentorship):
    """Where the pair stands among the five stages, what to do now, and a few activities for
    it. `mentorship` was fetched through the gate by the page's view."""
    view = stage_of(mentorship, today=timezone.localdate())
    suggestions = [a for a in ACTIVITIES if a.stage == view.stage.key][:3]
    return {
        "mentorship": mentorship,
        "view": view,
        "stages": STAGES,
        "position": [s.key for s in STAGES].index(view.stage.key),
        "suggestions": suggestions,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("workspace/_admin_activity.html")
def workspace_activity(mentorship):
    """For the administrators' mentorship page: counts and dates of the pair's workspace."""
    return {"activity": activity_for_administrators(mentorship), "mentorship": mentorship}


@register.simple_tag(takes_context=True)
def checkin_due(context, mentorship) -> bool:
    """Whether the page asks the viewer "How is it going?" now (`workspace.pulse`; one query).
    `mentorship` was fetched through the gate by the page's view."""
    return pulse.checkin_due(mentorship, context["request"].user, today=timezone.localdate())
