"""Matching for a program's administrators: the Matching tab, and runs of the algorithm
(progress, review, lock, remove, swap, add by hand, re-run, discard, publish). Selection rounds
are in `rounds.py`.

Every change goes through `matching.services`; a refusal becomes a message or a form error.
Administrators see names, scores and the engine's reasons — never what a pair wrote.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Avg, Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorwise.administration.access import get_program, get_proposal, get_run
from mentorwise.administration.forms import (
    MatchImportanceForm,
    PairAddForm,
    RoundOpenForm,
    add_service_errors,
)
from mentorwise.core.errors import DomainError
from mentorwise.matching.models import (
    MatchRun,
    Proposal,
    SelectionRound,
)
from mentorwise.matching.services import (
    match_importance,
    match_importance_set,
    proposal_add,
    proposal_remove,
    proposal_set_locked,
    proposal_swap,
    run_create,
    run_discard,
    run_publish,
    run_rerun,
)
from mentorwise.matching.services.criteria import CRITERIA_WORDS, DEFAULT_IMPORTANCE
from mentorwise.matching.services.reasons import say_all
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role

RUNS_PER_PAGE = 20
PAIRS_PER_PAGE = 50
UNPAIRED_SHOWN = 100
BUSY = (MatchRun.Status.QUEUED, MatchRun.Status.RUNNING)
RUN_BADGES = {
    MatchRun.Status.QUEUED: "",
    MatchRun.Status.RUNNING: "",
    MatchRun.Status.DONE: "warn",
    MatchRun.Status.FAILED: "error",
    MatchRun.Status.PUBLISHED: "ok",
    MatchRun.Status.DISCARDED: "",
}
ROUND_BADGES = {
    SelectionRound.Status.SELECTING: "warn",
    SelectionRound.Status.PICKING: "warn",
    SelectionRound.Status.REVIEW: "ok",
    SelectionRound.Status.PUBLISHED: "",
}


# ---------------------------------------------------------------------------------------------
# Fetching (same rules as administration.access: other organization → 404, member → 403)


def _run_url(run: MatchRun, anchor: str = "") -> str:
    return reverse("manage:run", args=[run.public_id]) + (f"#{anchor}" if anchor else "")


def _back(request, fallback: str) -> str:
    """The `next` path posted with the form when it is on this site (keeps the page number)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _name(participant: Participant) -> str:
    return participant.user.name or participant.user.email


# ---------------------------------------------------------------------------------------------
# The program's matching page


def _is_round_program(program: Program) -> bool:
    return program.matching_mode == Program.MatchingMode.SELECTION_ROUND


@login_required
def matching_home(request, program_id):
    return _render_home(request, get_program(request.user, program_id))


def _render_home(request, program: Program, *, importance_form=None, status: int = 200):
    runs = Paginator(
        MatchRun.objects.filter(program=program).select_related("created_by", "round"),
        RUNS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    for run in runs.object_list:
        run.badge = RUN_BADGES[run.status]
    context = {
        "program": program,
        "organization": program.organization,
        "runs": runs,
        "busy": any(r.status in BUSY for r in runs.object_list),
        "is_round_program": _is_round_program(program),
        "importance_form": importance_form
        or MatchImportanceForm(initial_importance=match_importance(program)),
        "importance_shares": _shares(match_importance(program)),
    }
    if context["is_round_program"]:
        rounds = list(SelectionRound.objects.filter(program=program).order_by("-created_at")[:6])
        current = next((r for r in rounds if r.is_open), None)
        context.update(
            current_round=current,
            past_rounds=[r for r in rounds if r is not current][:5],
            current_badge=ROUND_BADGES[current.status] if current else "",
            open_form=None if current else RoundOpenForm(),
        )
    return render(request, "manage/matching/home.html", context, status=status)


def _shares(importance: dict[str, int]) -> list[dict]:
    """Each criterion's share of a match, for the bars beside the form."""
    total = sum(importance.values()) or 1
    return [
        {"name": name, "label": CRITERIA_WORDS[name][0], "percent": round(100 * v / total)}
        for name, v in importance.items()
    ]


@login_required
@require_POST
def match_importance_view(request, program_id):
    """Saves how much each criterion counts; "Reset" puts back the defaults."""
    program = get_program(request.user, program_id)
    current = match_importance(program)
    if "reset" in request.POST:
        form = MatchImportanceForm(initial_importance=current)
        wanted = dict(DEFAULT_IMPORTANCE)
    else:
        form = MatchImportanceForm(request.POST, initial_importance=current)
        if not form.is_valid():
            return _render_home(request, program, importance_form=form, status=400)
        wanted = form.cleaned_data
    try:
        match_importance_set(program=program, user=request.user, importance=wanted)
    except DomainError as exc:
        add_service_errors(form, exc)
        return _render_home(request, program, importance_form=form, status=400)
    messages.success(
        request,
        "Saved. The next run weighs the criteria this way"
        + (" (the defaults)." if "reset" in request.POST else "."),
    )
    return redirect(reverse("manage:matching", args=[program.public_id]) + "#criteria")


@login_required
@require_POST
def run_create_view(request, program_id):
    program = get_program(request.user, program_id)
    try:
        run = run_create(program=program, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("manage:matching", program_id=program.public_id)
    messages.success(request, _("The matching has started. This page shows its progress."))
    return redirect(_run_url(run))


# ---------------------------------------------------------------------------------------------
# A run


def _histogram(scores: list[float], bins: int = 10) -> list[dict]:
    counts = [0] * bins
    for score in scores:
        counts[min(int(max(score, 0.0) * bins), bins - 1)] += 1
    tallest = max(counts) or 1
    width = 100 // bins
    return [
        {
            "low": i * width,
            "high": (i + 1) * width,
            "n": n,
            "height": round(80 * n / tallest),
            "x": i * 32 + 4,
            "y": 90 - round(80 * n / tallest),
        }
        for i, n in enumerate(counts)
    ]


def _render_run(request, run: MatchRun, *, add_form: PairAddForm | None = None, status=200):
    program = run.program
    busy = run.status in BUSY
    context = {
        "program": program,
        "organization": program.organization,
        "run": run,
        "busy": busy,
        "badge": RUN_BADGES[run.status],
        "totals": run.totals or {},
        "importance_used": [  # in the criteria's order (PostgreSQL's JSON keeps no order)
            (label, run.params["importance"][name])
            for name, (label, _help) in CRITERIA_WORDS.items()
            if name in (run.params.get("importance") or {})
        ],
    }
    if not busy and run.status != MatchRun.Status.FAILED:
        proposals = run.proposals.select_related("mentee__user", "mentor__user").order_by(
            "-locked", "-score", "pk"
        )
        page = Paginator(proposals, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
        live = run.proposals.aggregate(
            pairs=Count("pk"), mentees=Count("mentee", distinct=True), mean=Avg("score")
        )
        live["mean"] = round(live["mean"] or 0, 4)  # as the list of runs keeps it
        unpaired_total = run.unpaired.count()
        swap_from = None
        if run.is_editable and request.GET.get("swap"):
            swap_from = (
                run.proposals.filter(public_id=request.GET["swap"][:16])
                .select_related("mentee__user", "mentor__user")
                .first()
            )
        context.update(
            page=page,
            live=live,
            unpaired=list(run.unpaired.select_related("mentee__user")[:UNPAIRED_SHOWN]),
            unpaired_total=unpaired_total,
            chart=_histogram(list(run.proposals.values_list("score", flat=True))),
            swap_from=swap_from,
            here=request.get_full_path(),
            warned=sum(1 for p in page.object_list if p.warnings),
        )
        if run.is_editable:
            if add_form is None:
                mentees, mentors = _candidates(program)
                add_form = PairAddForm(mentees=mentees, mentors=mentors)
            context["add_form"] = add_form
    return render(request, "manage/matching/run.html", context, status=status)


def _candidates(program: Program):
    people = list(
        Participant.objects.filter(program=program, status=Participant.Status.ACCEPTED)
        .select_related("user")
        .order_by("sort_name", "pk")
    )
    return (
        [p for p in people if p.role == Role.MENTEE],
        [p for p in people if p.role == Role.MENTOR],
    )


@login_required
def run_detail(request, run_id):
    return _render_run(request, get_run(request.user, run_id))


@login_required
def run_progress(request, run_id):
    """The progress bar alone, polled by htmx; when the run has finished, htmx reloads the
    whole page to show the proposal."""
    run = get_run(request.user, run_id)
    if run.status not in BUSY and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(
        request,
        "manage/matching/_run_progress.html",
        {"run": run, "busy": run.status in BUSY, "oob": True},
    )


@login_required
@require_POST
def run_rerun_view(request, run_id):
    run = get_run(request.user, run_id)
    if run.status not in (MatchRun.Status.DONE, MatchRun.Status.FAILED):
        messages.error(request, _("Only a run waiting for review can be run again."))
        return redirect(_run_url(run))
    try:
        again = run_rerun(run=run, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_run_url(run))
    messages.success(
        request,
        _("The matching runs again around the locked pairs, without the pairs you removed."),
    )
    return redirect(_run_url(again))


@login_required
@require_POST
def run_discard_view(request, run_id):
    run = get_run(request.user, run_id)
    try:
        run_discard(run=run, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_run_url(run))
    messages.success(request, _("The proposal is discarded. It stays in the list for the record."))
    return redirect("manage:matching", program_id=run.program.public_id)


@login_required
def run_publish_view(request, run_id):
    run = get_run(request.user, run_id)
    if not run.is_editable:
        messages.error(
            request,
            _("This run is %(status)s; there is nothing to publish.")
            % {"status": run.get_status_display().lower()},
        )
        return redirect(_run_url(run))
    if request.method == "POST":
        try:
            result = run_publish(run=run, user=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(_run_url(run))
        skipped = len(result["skipped"])
        created = result["created"]
        priority = result["priority_given"]
        parts = [
            ngettext(
                "Published: %(count)d mentorship created",
                "Published: %(count)d mentorships created",
                created,
            )
            % {"count": created}
        ]
        if skipped:
            parts.append(_("%(count)d skipped") % {"count": skipped})
        parts.append(
            ngettext(
                "%(count)d unpaired mentee gets priority next time.",
                "%(count)d unpaired mentees get priority next time.",
                priority,
            )
            % {"count": priority}
        )
        messages.success(request, ", ".join(parts[:-1]) + "; " + parts[-1])
        return redirect(_run_url(run))
    paired = set(run.proposals.values_list("mentee_id", flat=True))
    counts = run.proposals.aggregate(
        pairs=Count("pk"),
        warned=Count("pk", filter=~Q(warnings=[])),
        people=Count("mentee", distinct=True),
    )
    unpaired = run.unpaired.exclude(mentee_id__in=paired).values("mentee_id").distinct().count()
    mentors = run.proposals.values("mentor_id").distinct().count()
    return render(
        request,
        "manage/matching/run_publish.html",
        {
            "program": run.program,
            "organization": run.program.organization,
            "run": run,
            "counts": counts,
            "mentors": mentors,
            "unpaired": unpaired,
        },
    )


# ---------------------------------------------------------------------------------------------
# The pairs of a run


@login_required
@require_POST
def proposal_lock_view(request, proposal_id):
    proposal = get_proposal(request.user, proposal_id)
    locked = request.POST.get("locked") == "1"
    try:
        proposal_set_locked(proposal=proposal, user=request.user, locked=locked)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        names = {"mentee": _name(proposal.mentee), "mentor": _name(proposal.mentor)}
        messages.success(
            request,
            (
                _("%(mentee)s with %(mentor)s is locked: a re-run keeps it.")
                if locked
                else _("%(mentee)s with %(mentor)s is unlocked: a re-run may change it.")
            )
            % names,
        )
    return redirect(_back(request, _run_url(proposal.run, "pairs")))


@login_required
@require_POST
def proposal_remove_view(request, proposal_id):
    proposal = get_proposal(request.user, proposal_id)
    run = proposal.run
    try:
        proposal_remove(proposal=proposal, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(mentee)s with %(mentor)s is removed; a re-run will not propose them again.")
            % {"mentee": _name(proposal.mentee), "mentor": _name(proposal.mentor)},
        )
    return redirect(_back(request, _run_url(run, "pairs")))


@login_required
@require_POST
def proposal_swap_view(request, proposal_id):
    first = get_proposal(request.user, proposal_id)
    run = first.run
    second = (
        Proposal.objects.filter(run=run, public_id=request.POST.get("with", "")[:16])
        .exclude(pk=first.pk)
        .select_related("mentee__user", "mentor__user")
        .first()
    )
    if second is None:
        messages.error(request, _("Choose another pair of this run to swap mentors with."))
        return redirect(_run_url(run, "pairs"))
    try:
        made = proposal_swap(first=first, second=second, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    except IntegrityError:
        # The service does not yet refuse a swap that recreates a pair already proposed.
        messages.error(
            request,
            _(
                "One of the two new pairs is already in the proposal; choose another pair to swap with."
            ),
        )
    else:
        text = _(
            "Mentors swapped: %(mentee1)s with %(mentor1)s, %(mentee2)s with %(mentor2)s. Both "
            "pairs are locked."
        ) % {
            "mentee1": _name(first.mentee),
            "mentor1": _name(second.mentor),
            "mentee2": _name(second.mentee),
            "mentor2": _name(first.mentor),
        }
        warnings = [w for p in made for w in p.warnings]
        if warnings:
            messages.warning(
                request,
                _("%(text)s Check: %(warnings)s")
                % {"text": text, "warnings": " ".join(say_all(warnings))},
            )
        else:
            messages.success(request, text)
    return redirect(_run_url(run, "pairs"))


@login_required
@require_POST
def proposal_add_view(request, run_id):
    run = get_run(request.user, run_id)
    mentees, mentors = _candidates(run.program)
    form = PairAddForm(request.POST, mentees=mentees, mentors=mentors)
    if form.is_valid():
        by_id = {p.public_id: p for p in mentees + mentors}
        try:
            proposal = proposal_add(
                run=run,
                user=request.user,
                mentee=by_id[form.cleaned_data["mentee"]],
                mentor=by_id[form.cleaned_data["mentor"]],
            )
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            text = _("%(mentee)s with %(mentor)s is added and locked.") % {
                "mentee": _name(proposal.mentee),
                "mentor": _name(proposal.mentor),
            }
            if proposal.warnings:
                messages.warning(
                    request,
                    _("%(text)s It breaks these rules: %(warnings)s")
                    % {"text": text, "warnings": " ".join(say_all(proposal.warnings))},
                )
            else:
                messages.success(request, text)
            return redirect(_run_url(run, "pairs"))
    return _render_run(request, run, add_form=form, status=400)
