import markdown as md
import nh3
from django import template
from django.utils.safestring import mark_safe

from mentorwise.core import zones

register = template.Library()

ALLOWED_TAGS = {
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@register.filter
def markdown(text: str) -> str:
    """Renders administrator-written Markdown safely (sanitized with nh3)."""
    html = md.markdown(text or "", extensions=["sane_lists", "tables"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}))


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
