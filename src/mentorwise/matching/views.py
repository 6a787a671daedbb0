"""The participants' side of matching: a mentee's choices in a selection round, a mentor's
picks, and "Recommended for you". Thin views: access helper, one service, respond."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.errors import DomainError
from mentorwise.matching.access import get_round_as, recommendation_viewer
from mentorwise.matching.forms import PickForm, RankForm
from mentorwise.matching.member_queries import (
    current_choices,
    mentee_cards,
    mentee_is_full,
    mentor_cards,
    places_left,
    round_action,
)
from mentorwise.matching.models import SelectionRound
from mentorwise.matching.services import (
    recommendations_for,
    round_choose,
    round_pick,
    suggestions_for,
)
from mentorwise.profiles.access import check_can_search
from mentorwise.programs.models import Role
from mentorwise.programs.permissions import get_program_for_member

SUGGESTIONS_SHOWN = 5


@login_required
def round_choose_view(request, round_id: str):
    round, mentee = get_round_as(request.user, round_id, Role.MENTEE)
    is_open = round.status == SelectionRound.Status.SELECTING
    # A mentee with the program's maximum of mentors does not choose (the service refuses).
    full = is_open and mentee_is_full(mentee, round.program)
    chosen = current_choices(round, mentee)
    cards = []
    form = None
    if is_open and not full:
        suggestions = suggestions_for(mentee, limit=SUGGESTIONS_SHOWN)
        cards = mentor_cards(round, mentee, chosen, suggestions)
        mentors = [c.participant for c in cards]
        initial = {RankForm.key(c.participant): c.rank for c in cards if c.rank}
        form = RankForm(
            request.POST if request.method == "POST" else None,
            initial=initial,
            mentors=mentors,
            max_choices=round.max_choices,
        )
    state = round_action(round, Role.MENTEE, full=full)
    if request.method == "POST":
        if form is None:
            messages.error(
                request,
                f"{state['text']}." if full else _("Choosing mentors is closed for this round."),
            )
            return redirect("matching:round-choose", round.public_id)
        if form.is_valid():
            try:
                made = round_choose(round=round, user=request.user, mentor_ids=form.ordered_ids())
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                if made:
                    messages.success(
                        request,
                        ngettext(
                            "Your %(count)d choice is saved. You can change it until the "
                            "program closes the choosing.",
                            "Your %(count)d choices are saved. You can change them until the "
                            "program closes the choosing.",
                            len(made),
                        )
                        % {"count": len(made)},
                    )
                else:
                    messages.success(request, _("You have no choices in this round now."))
                return redirect("matching:round-choose", round.public_id)
        else:
            messages.error(request, _("Your choices are not saved yet: see what to correct below."))
    for card in cards:
        card.field = form.bound(card.participant)
    return render(
        request,
        "matching/choose.html",
        {
            "round": round,
            "program": round.program,
            "mentee": mentee,
            "chosen": chosen,
            "cards": cards,
            "suggested": [c for c in cards if c.reasons],
            "form": form,
            "is_open": is_open and not full,
            "full": full,
            "state": state,
        },
    )


@login_required
def round_pick_view(request, round_id: str):
    round, mentor = get_round_as(request.user, round_id, Role.MENTOR)
    S = SelectionRound.Status
    visible = round.status != S.SELECTING  # mentors see who chose them once choosing closes
    is_open = round.status == S.PICKING
    cards = mentee_cards(round, mentor) if visible else []
    room = places_left(mentor)
    form = PickForm(
        request.POST if request.method == "POST" else None,
        mentees=[c.participant for c in cards],
        initial={"mentees": [c.participant.public_id for c in cards if c.picked]},
    )
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Mentors are not choosing in this round right now."))
            return redirect("matching:round-pick", round.public_id)
        if form.is_valid():
            try:
                picks = round_pick(
                    round=round, user=request.user, mentee_ids=form.cleaned_data["mentees"]
                )
            except DomainError as exc:
                if exc.field == "mentees":  # next to the ticks, which are kept
                    form.add_error("mentees", exc.message)
                    messages.error(
                        request, _("Your picks are not saved yet: see what to correct below.")
                    )
                else:
                    messages.error(request, exc.message)
            else:
                n = len(picks)
                messages.success(
                    request,
                    ngettext(
                        "You picked %(count)d mentee. You can change this until the program "
                        "closes the mentors' turn.",
                        "You picked %(count)d mentees. You can change this until the program "
                        "closes the mentors' turn.",
                        n,
                    )
                    % {"count": n},
                )
                return redirect("matching:round-pick", round.public_id)
        else:
            messages.error(request, _("Your picks are not saved yet: see what to correct below."))
    selected = set(form["mentees"].value() or [])
    for card in cards:
        card.checked = card.participant.public_id in selected
    return render(
        request,
        "matching/pick.html",
        {
            "round": round,
            "program": round.program,
            "mentor": mentor,
            "cards": cards,
            "form": form,
            "room": room,
            "visible": visible,
            "is_open": is_open,
            # A mentor with no place left is not asked to pick, but can withdraw earlier picks.
            "can_pick": is_open and (room > 0 or any(c.picked for c in cards)),
            "picked": [c for c in cards if c.picked],
            "state": round_action(round, Role.MENTOR, full=is_open and room <= 0),
        },
    )


@login_required
def recommended_view(request, program_id: str, who: str):
    """ "Recommended for you" for someone browsing `who`: a fragment when htmx asks (the search
    page loads it after rendering), a page of its own otherwise."""
    program = get_program_for_member(request.user, program_id)
    roles = {"mentors": Role.MENTOR, "mentees": Role.MENTEE}
    if who not in roles:
        raise Http404
    check_can_search(request.user, program, roles[who])
    viewer = recommendation_viewer(request.user, program, who)
    found = recommendations_for(viewer, limit=SUGGESTIONS_SHOWN) if viewer else None
    context = {
        "program": program,
        "who": who,
        "viewer": viewer,
        "suggestions": found["items"] if found else [],
        "empty": found["empty"] if found else None,
    }
    if request.htmx:
        return render(request, "matching/_recommended.html", context)
    return render(request, "matching/recommended.html", context)
