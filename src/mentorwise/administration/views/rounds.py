"""Selection rounds for a program's administrators: open a round, move it on (with a
confirmation), and finish it by the mentors' choices alone or filled by the algorithm.

Every change goes through `matching.services`; a refusal becomes a message or a form error.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from mentorwise.administration.access import get_program, get_round
from mentorwise.administration.forms import RoundOpenForm, add_service_errors
from mentorwise.administration.views.matching import (
    BUSY,
    ROUND_BADGES,
    RUN_BADGES,
    _name,
    _run_url,
)
from mentorwise.core.errors import DomainError
from mentorwise.matching.models import (
    MatchRun,
    RoundChoice,
    RoundPick,
    SelectionRound,
)
from mentorwise.matching.services import (
    round_advance,
    round_finish,
    round_open,
)
from mentorwise.mentorships.queries import with_room
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Role

NEXT_STEP = {
    SelectionRound.Status.SELECTING: (
        gettext_lazy("Close the mentees' choosing"),
        gettext_lazy(
            "Closing stops mentees from changing their choices and asks each mentor who was chosen "
            "and has a place left to choose among the mentees who chose them (by e-mail). You "
            "confirm on the next page; it cannot be undone."
        ),
    ),
    SelectionRound.Status.PICKING: (
        gettext_lazy("Close the mentors' choosing"),
        gettext_lazy(
            "Closing stops mentors from changing their picks; you then publish their choices or "
            "fill the remaining places with the algorithm. You confirm on the next page; it cannot "
            "be undone."
        ),
    ),
}


@login_required
def round_open_view(request, program_id):
    program = get_program(request.user, program_id)
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = round_open(program=program, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "“%(name)s” is open. Every accepted mentee below the program's maximum of "
                    "mentors is e-mailed to choose up to %(count)d mentor.",
                    "“%(name)s” is open. Every accepted mentee below the program's maximum of "
                    "mentors is e-mailed to choose up to %(count)d mentors.",
                    round.max_choices,
                )
                % {"name": round.name, "count": round.max_choices},
            )
            return redirect("manage:round", round_id=round.public_id)
    return render(
        request,
        "manage/matching/round_open.html",
        {"program": program, "organization": program.organization, "form": form},
        status=400 if form.errors else 200,
    )


def _round_counts(round: SelectionRound) -> dict:
    """The figures of a round's page and of its confirmation pages, in a constant number of
    queries: mentees who may choose (those below the program's maximum of mentors), choices,
    mentors chosen and whether they have a place left, picks."""
    program = round.program
    mentees = with_room(
        Participant.objects.filter(
            program=program, role=Role.MENTEE, status=Participant.Status.ACCEPTED
        ),
        Role.MENTEE,
    ).aggregate(
        total=Count("pk"),
        full=Count("pk", filter=Q(open_mentorships__gte=program.max_mentors_per_mentee)),
    )
    choices = RoundChoice.objects.filter(round=round).aggregate(
        mentees=Count("mentee", distinct=True), choices=Count("pk")
    )
    chosen_mentors = with_room(
        Participant.objects.filter(pk__in=RoundChoice.objects.filter(round=round).values("mentor")),
        Role.MENTOR,
    ).aggregate(chosen=Count("pk"), chosen_full=Count("pk", filter=Q(remaining_capacity__lte=0)))
    picks = RoundPick.objects.filter(round=round).aggregate(
        mentors=Count("mentor", distinct=True), picks=Count("pk")
    )
    return {
        "mentee_total": mentees["total"] - mentees["full"],
        "mentees_full": mentees["full"],
        "mentees_chose": choices["mentees"],
        "choices_total": choices["choices"],
        "mentors_chosen": chosen_mentors["chosen"],
        "mentors_chosen_full": chosen_mentors["chosen_full"],
        "mentors_picked": picks["mentors"],
        "picks_total": picks["picks"],
    }


@login_required
def round_detail(request, round_id):
    round = get_round(request.user, round_id)
    program = round.program
    chosen = {
        row["mentor_id"]: row
        for row in RoundChoice.objects.filter(round=round)
        .values("mentor_id")
        .annotate(n=Count("pk"), first=Count("pk", filter=Q(rank=1)))
        .order_by()
    }
    picked = dict(
        RoundPick.objects.filter(round=round)
        .values("mentor_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("mentor_id", "n")
    )
    # Places left (capacity minus established mentorships) come from the same query.
    mentors = list(
        with_room(
            Participant.objects.filter(
                program=program, role=Role.MENTOR, status=Participant.Status.ACCEPTED
            ),
            Role.MENTOR,
        )
        .select_related("user")
        .order_by("sort_name", "pk")
    )
    rows = [
        {
            "mentor": m,
            "chosen": chosen.get(m.pk, {}).get("n", 0),
            "first": chosen.get(m.pk, {}).get("first", 0),
            "picked": picked.get(m.pk, 0),
            "places_left": max(m.remaining_capacity, 0),
        }
        for m in mentors
    ]
    rows.sort(key=lambda r: (-r["chosen"], -r["first"], _name(r["mentor"]).lower()))
    runs = list(round.runs.select_related("created_by").order_by("-created_at")[:10])
    for run in runs:
        run.badge = RUN_BADGES[run.status]
    return render(
        request,
        "manage/matching/round.html",
        {
            "program": program,
            "organization": program.organization,
            "round": round,
            "badge": ROUND_BADGES[round.status],
            "rows": rows,
            **_round_counts(round),
            "next_step": NEXT_STEP.get(round.status),
            "runs": runs,
            "busy": any(r.status in BUSY for r in runs),
            "review_run": next(
                (r for r in runs if r.status in (*BUSY, MatchRun.Status.DONE)), None
            ),
        },
    )


@login_required
def round_advance_view(request, round_id):
    """Closing a step cannot be undone: GET shows what will happen and asks to confirm (like
    publishing a run); POST, with the step that was confirmed, moves the round on once."""
    round = get_round(request.user, round_id)
    if request.method != "POST":
        if round.status not in NEXT_STEP:
            messages.error(request, _("This round has no step to close; fill and publish it."))
            return redirect("manage:round", round_id=round.public_id)
        return render(
            request,
            "manage/matching/round_advance.html",
            {
                "program": round.program,
                "organization": round.program.organization,
                "round": round,
                "step": NEXT_STEP[round.status],
                **_round_counts(round),
            },
        )
    try:
        round = round_advance(
            round=round, user=request.user, from_status=request.POST.get("step", "")[:20]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if round.status == SelectionRound.Status.PICKING:
            messages.success(
                request,
                _(
                    "The mentees' choosing is closed: they can no longer change their choices. The "
                    "mentors they chose who have a place left are e-mailed to pick their mentees."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "The mentors' choosing is closed: they can no longer change their picks. "
                    "Publish their choices, or fill the remaining places with the algorithm first."
                ),
            )
    return redirect("manage:round", round_id=round.public_id)


@login_required
@require_POST
def round_finish_view(request, round_id):
    round = get_round(request.user, round_id)
    fill = request.POST.get("fill") == "1"
    try:
        run = round_finish(round=round, user=request.user, fill=fill)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("manage:round", round_id=round.public_id)
    messages.success(
        request,
        _(
            "The algorithm fills the remaining places around the mentors' choices. Review the "
            "proposal, then publish it."
        )
        if fill
        else _("The mentors' choices are gathered into a proposal. Review it, then publish it."),
    )
    return redirect(_run_url(run))
