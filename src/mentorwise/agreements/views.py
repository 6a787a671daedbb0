"""The pair's agreement page: the form, each member's confirmation, and both partners' 15
Questions beside it as the pre-read. Members only, through the privacy gate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.agreements.forms import AgreementForm
from mentorwise.agreements.services import agreement_confirm, agreement_for, agreement_save
from mentorwise.core.errors import DomainError
from mentorwise.mentorships.access import get_mentorship
from mentorwise.profiles.models import FifteenAnswer


def _pre_read(mentorship, viewer):
    """Both partners' answers to the 15 Questions, the partner's first (readable to each other:
    the two are in an established mentorship, which is what the gate asks), in one query."""
    if not mentorship.is_open:
        return []
    answers = (
        FifteenAnswer.objects.filter(participant__in=[mentorship.mentor_id, mentorship.mentee_id])
        .exclude(answer="")
        .select_related("question")
        .order_by("question__position", "question_id")
    )
    by_person = {mentorship.mentor_id: [], mentorship.mentee_id: []}
    for answer in answers:
        by_person[answer.participant_id].append(answer)
    partner = mentorship.partner_of(viewer)
    me = mentorship.mentor if partner.pk == mentorship.mentee_id else mentorship.mentee
    return [(partner, by_person[partner.pk]), (me, by_person[me.pk])]


@login_required
def edit(request, mentorship_id: str):
    mentorship = get_mentorship(request.user, mentorship_id)
    agreement = agreement_for(mentorship)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and mentorship.is_open and form.is_valid():
        values = {name: form.cleaned_data.get(name, "") for name in form.fields}
        try:
            agreement_save(mentorship=mentorship, user=request.user, values=values)
            if request.POST.get("confirm"):
                agreement_confirm(mentorship=mentorship, user=request.user)
        except DomainError as exc:
            for name, errors in exc.errors.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            if not exc.errors:
                form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your agreement is saved."))
            return redirect("agreements:edit", mentorship.public_id)
    my_role = mentorship.member_role(request.user)
    partner = mentorship.partner_of(request.user)
    return render(
        request,
        "agreements/edit.html",
        {
            "mentorship": mentorship,
            "agreement": agreement,
            "form": form,
            "my_role": my_role,
            "partner": partner,
            "i_confirmed": bool(agreement.pk and agreement.confirmed_by_role(my_role)),
            "partner_confirmed": bool(agreement.pk and agreement.confirmed_by_role(partner.role)),
            "pre_read": _pre_read(mentorship, request.user),
        },
    )


@login_required
@require_POST
def confirm(request, mentorship_id: str):
    mentorship = get_mentorship(request.user, mentorship_id)
    try:
        agreement = agreement_confirm(mentorship=mentorship, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("You both confirmed your agreement.")
            if agreement.confirmed
            else _("You confirmed the agreement. Your partner is asked to confirm it too."),
        )
    return redirect("agreements:edit", mentorship.public_id)
