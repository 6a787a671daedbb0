"""The meetings panel of the mentorship page: the next planned meeting, the hours bar against
the program's expectation, recent held meetings. Reads through the privacy gate with the
viewer from the request, in a constant number of queries whatever the number of meetings."""

from decimal import Decimal

from django import template
from django.utils import timezone

from mentorwise.meetings.models import Meeting
from mentorwise.meetings.services import expected_hours_per_month, hours_this_month

register = template.Library()

RECENT = 5


def hours_text(value: Decimal) -> str:
    """2.00 → "2", 1.50 → "1.5", 1.25 → "1.25"."""
    return format(Decimal(value).normalize(), "f")


@register.filter
def hours(value) -> str:
    return hours_text(value or Decimal(0))


@register.inclusion_tag("meetings/_panel.html", takes_context=True)
def meetings_panel(context, mentorship):
    user = context["request"].user
    mine = Meeting.objects.visible_to(user).filter(mentorship=mentorship)
    now = timezone.now()
    next_meeting = mine.planned().filter(starts_at__gte=now).order_by("starts_at").first()
    to_log = mine.planned().filter(starts_at__lt=now).order_by("-starts_at").first()
    recent = list(mine.held().order_by("-starts_at")[:RECENT])
    done = hours_this_month(mentorship, today=timezone.localdate(now))  # the viewer's month
    expected = expected_hours_per_month(mentorship.program)
    return {
        "request": context["request"],
        "mentorship": mentorship,
        "next_meeting": next_meeting,
        "to_log": to_log,
        "recent": recent,
        "hours_done": done,
        "hours_expected": expected,
        "hours_max": max(done, expected),
        "can_write": mentorship.is_open,
    }
