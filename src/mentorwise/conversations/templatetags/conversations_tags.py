"""The conversation's panel on the mentorship page, and the administrators' line about
re-match requests on their page of a mentorship."""

from django import template

from mentorwise.conversations import queries
from mentorwise.conversations.forms import CheckInForm
from mentorwise.mentorships.access import through_gate

register = template.Library()


@register.inclusion_tag("conversations/_panel.html", takes_context=True)
def conversations_panel(context, mentorship, checkin_due=False):
    """The last three messages, the viewer's unread count, and "How is it going?" when
    `checkin_due` (the page asks the workspace's rule, `workspace.pulse`, which reads the
    meetings too). Reads through the privacy gate; a constant number of queries whatever the
    thread's size."""
    request = context["request"]
    user = request.user
    mentorship = through_gate(user, mentorship)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "mentorship": mentorship,
        "latest": queries.latest(mentorship),
        "unread": queries.unread(mentorship, user).count(),
        "checkin_due": bool(checkin_due) and mentorship.is_open,
        "checkin_form": CheckInForm(auto_id="id_checkin_%s"),
    }


@register.inclusion_tag("conversations/_rematch_admin.html", takes_context=True)
def rematch_requests_line(context, mentorship):
    """For the administrators' page of a mentorship (already fetched for them): the dates on
    which the mentee asked for a new match, who handled each and when, and a button to mark an
    open one handled. Never a score, a comment or a message."""
    return {
        "rematches": queries.rematch_dates(mentorship),
        "csrf_token": context.get("csrf_token"),
    }
