"""The agreement's panel on the mentorship page."""

from django import template

from mentorwise.agreements.services import agreement_for

register = template.Library()


@register.inclusion_tag("agreements/_panel.html", takes_context=True)
def agreements_panel(context, mentorship):
    """The pair's agreement in brief, or the invitation to write it (offered at the first
    visit). `mentorship` was fetched through the gate by the page's view."""
    user = context["request"].user
    agreement = agreement_for(mentorship)
    my_role = mentorship.member_role(user)
    partner_role = "mentee" if my_role == "mentor" else "mentor"
    return {
        "mentorship": mentorship,
        "agreement": agreement,
        "exists": bool(agreement.pk) and not agreement.is_blank,
        "i_confirmed": bool(agreement.pk and agreement.confirmed_by_role(my_role)),
        "partner_confirmed": bool(agreement.pk and agreement.confirmed_by_role(partner_role)),
        "partner": mentorship.partner_of(user),
    }
