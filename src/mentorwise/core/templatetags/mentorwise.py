from django import template
from django.utils.safestring import mark_safe

from mentorwise.core import zones
from mentorwise.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Renders administrator-written Markdown safely (see core.markdown)."""
    return mark_safe(render_markdown(text or ""))


@register.filter
def initials(name: str) -> str:
    parts = [p for p in (name or "").split() if p]
    return "".join(p[0] for p in parts[:2]).upper() or "?"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination and sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def when(value) -> str:
    """A moment in the viewer's zone, with the zone named: "Tue 8 Dec 2026, 14:30
    (Asia/Kolkata)"."""
    if not value:
        return ""
    return zones.label(value)
