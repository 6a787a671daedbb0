"""The conversation's panel on the mentorship page, and the administrators' line about
re-match requests on their page of a mentorship."""

from django import template
from django.utils import timezone

from mentorwise.conversations import queries
from mentorwise.conversations.forms import CheckInForm
from mentorwise.conversations.models import CheckIn
from mentorwise.conversations.services import checkin_due
from mentorwise.mentorships.access import through_gate

register = template.Library()


@register.inclusion_tag("conversations/_panel.html", takes_context=True)
def conversations_panel(context, mentorship):
    """The last three messages, the viewer's unread count, and "How is it going?" when due.
    Reads through the privacy gate; a constant number of queries whatever the thread's size."""
    request = context["request"]
    user = request.user
    mentorship = through_gate(user, mentorship)
    last = CheckIn.objects.filter(mentorship=mentorship, member=user).first()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "mentorship": mentorship,
        "latest": queries.latest(mentorship),
        "unread": queries.unread(mentorship, user).count(),
        "checkin_due": checkin_due(mentorship, user, today=timezone.localdate(), last=last),
        "checkin_form": CheckInForm(auto_id="id_checkin_%s"),
    }


@register.inclusion_tag("conversations/_rematch_admin.html")
def rematch_requests_line(mentorship):
    """For the administrators' page of a mentorship (already fetched for them): the dates on
    which the mentee asked for a new match. Never a score, a comment or a message."""
    return {"rematches": queries.rematch_dates(mentorship)}
