"""Template tags that bring selection rounds and recommendations onto pages owned by other
apps (search, program page, dashboard) without their views knowing about matching."""

from django import template

from mentorwise.matching.member_queries import is_full, open_rounds_for, round_action
from mentorwise.matching.models import SelectionRound
from mentorwise.matching.services.reasons import say
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role

register = template.Library()


@register.filter
def match_percent(score) -> int:
    """A score in [0, 1] as a whole percentage."""
    try:
        return max(0, min(100, round(float(score) * 100)))
    except (TypeError, ValueError):
        return 0


@register.filter
def sentence(text) -> str:
    """A reason as a sentence: capital first letter, full stop at the end."""
    text = " ".join(str(text or "").split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@register.inclusion_tag("matching/_recommended_loader.html", takes_context=True)
def recommended_panel(context, program, who):
    """A placeholder that htmx fills with "Recommended for you" once the page has rendered,
    so the recommendations never slow the page down (no query here)."""
    return {"program": program, "who": who, "request": context.get("request")}


@register.inclusion_tag("matching/_program_round.html", takes_context=True)
def program_round(context, program, mine):
    """On the program page: the open selection round, with what the viewer can do in it."""
    accepted = [
        p
        for p in (mine or {}).values()
        if p.status == Participant.Status.ACCEPTED and p.program_id == program.pk
    ]
    if not accepted:
        return {"items": []}
    round = (
        SelectionRound.objects.filter(program=program, status__in=SelectionRound.OPEN)
        .select_related("program")
        .order_by("-created_at")
        .first()
    )
    if round is None:
        return {"items": []}
    turns = {
        Role.MENTEE: SelectionRound.Status.SELECTING,
        Role.MENTOR: SelectionRound.Status.PICKING,
    }
    return {
        "round": round,
        "items": [
            round_action(round, p.role, full=round.status == turns[p.role] and is_full(p, program))
            for p in accepted
        ],
    }


@register.inclusion_tag("matching/_dashboard_rounds.html", takes_context=True)
def my_rounds(context):
    """On the dashboard: the open rounds the viewer takes part in."""
    return {"items": open_rounds_for(context["request"].user)}


@register.filter
def reason(item) -> str:
    """A reason or warning of the matching (stored data, or an older plain sentence) in the
    reader's language."""
    return say(item)
