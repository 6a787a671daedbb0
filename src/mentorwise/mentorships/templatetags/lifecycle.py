"""Template tags that bring the lifecycle onto pages owned by other apps (profiles, dashboard),
without those apps' views having to know about requests and mentorships."""

from django import template

from mentorwise.mentorships.forms import RequestForm
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.queries import can_request_in, pair_state

register = template.Library()


@register.inclusion_tag("mentorships/_pair_panel.html", takes_context=True)
def pair_panel(context, participant, form=None):
    """The request/invite form, or the state of what is going on between the viewer and
    `participant`, with the actions it allows."""
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "participant": participant,
        "state": pair_state(request.user, participant),
        "form": form or RequestForm(),
        "here": request.get_full_path(),
    }


@register.simple_tag(takes_context=True)
def can_request(context, program, role) -> bool:
    return can_request_in(context["request"].user, program, role)


# What the dashboard shows of a request or a mentorship: the program's name and both people's
# names and roles (the joined rows have ~100 columns otherwise, each compiled and read).
_PAIR_FIELDS = (
    "program__name",
    "mentor__role",
    "mentor__user__name",
    "mentee__role",
    "mentee__user__name",
)


@register.simple_tag(takes_context=True)
def lifecycle_summary(context) -> dict:
    """For the dashboard: requests waiting for the viewer's answer, and open mentorships."""
    user = context["request"].user
    if not user.is_authenticated:
        return {}
    incoming = [
        r
        for r in MentorshipRequest.objects.pending()
        .visible_to(user)
        .select_related("program", "mentor__user", "mentee__user")
        .only(*_PAIR_FIELDS, "initiated_by", "created_at")
        .order_by("created_at")
        if r.recipient.user_id == user.pk
    ]
    mentorships = list(
        Mentorship.objects.visible_to(user)
        .established()
        .select_related("program", "mentor__user", "mentee__user")
        .only(*_PAIR_FIELDS, "public_id", "status", "planned_end_on")
    )
    for mentorship in mentorships:
        mentorship.partner = mentorship.partner_of(user)
    return {"incoming": incoming, "mentorships": mentorships}
