"""Matching: match runs and their proposals (administrators), selection rounds (mentees
choose, mentors pick, administrators drive), and suggestions (participants).

Match runs, proposals and the administrators' round actions are for the administrators of the
program's organization: another organization's ids are 404, members of the organization who are
not administrators get 403. A run executes in the background: creating one answers 202 with the
run `queued`; poll `GET /match-runs/{id}` for `status`, `progress` and `progress_note`.
"""

from django.db.models import Count
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Body, Query, Router, Status

from mentorwise.administration.access import get_program, get_proposal, get_round, get_run
from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error
from mentorwise.api.schemas_matching import (
    AdvanceIn,
    ChoicesIn,
    FinishIn,
    PicksIn,
    ProposalFilters,
    ProposalIn,
    ProposalOut,
    ProposalPage,
    PublishOut,
    RoundIn,
    RoundOut,
    RunIn,
    RunOut,
    RunPage,
    RunSummaryOut,
    SuggestionPage,
    SuggestionQuery,
    SwapIn,
    SwapOut,
    UnpairedPage,
)
from mentorwise.api.serialize_matching import (
    PROPOSAL_RELATED,
    RUN_RELATED,
    UNPAIRED_RELATED,
    person,
    proposal_out,
    round_out,
    run_params,
    run_summary,
    suggestion_out,
    unpaired_out,
)
from mentorwise.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from mentorwise.matching.models import (
    MatchRun,
    Proposal,
    RoundChoice,
    RoundPick,
    SelectionRound,
)
from mentorwise.matching.services import (
    proposal_add,
    proposal_remove,
    proposal_set_locked,
    proposal_swap,
    recommendations_for,
    round_advance,
    round_choose,
    round_finish,
    round_open,
    round_pick,
    run_create,
    run_discard,
    run_publish,
    run_rerun,
)
from mentorwise.organizations.permissions import is_org_admin
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role
from mentorwise.programs.permissions import get_program_or_404, programs_visible_to

router = Router(tags=["matching"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}

# ---------------------------------------------------------------- access


def get_round_or_404(user, public_id: str) -> SelectionRound:
    """A round of a program the viewer can see; what they may do in it is the services'
    business (403 for the wrong role)."""
    found = (
        SelectionRound.objects.select_related("program")
        .filter(program__in=programs_visible_to(user), public_id=public_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


# ---------------------------------------------------------------- match runs


def _run_detail(run_public_id: str, paging: PageParams) -> dict:
    run = MatchRun.objects.select_related(*RUN_RELATED).get(public_id=run_public_id)
    data = run_summary(run)
    data["params"] = run_params(run)
    data["proposals"] = paginate(
        run.proposals.select_related(*PROPOSAL_RELATED).order_by("-score", "pk"),
        paging,
        proposal_out,
    )
    data["unpaired"] = paginate(
        run.unpaired.select_related(*UNPAIRED_RELATED).order_by("pk"), paging, unpaired_out
    )
    return data


def _pairs_to_keys(program: Program, pairs, field: str) -> list[tuple[int, int]]:
    """[mentee id, mentor id] public pairs → participant keys, all in this program."""
    ids = {i for pair in pairs for i in pair}
    found = {
        public_id: (pk, role)
        for public_id, pk, role in Participant.objects.filter(
            program=program, public_id__in=ids
        ).values_list("public_id", "pk", "role")
    }
    keys = []
    for mentee_id, mentor_id in pairs:
        mentee, mentor = found.get(mentee_id), found.get(mentor_id)
        if mentee is None or mentor is None:
            raise ValidationFailed(
                _("Each pair must name two participants of this program."), field=field
            )
        if mentee[1] != Role.MENTEE or mentor[1] != Role.MENTOR:
            raise ValidationFailed(_("Give each pair as [mentee id, mentor id]."), field=field)
        keys.append((mentee[0], mentor[0]))
    return keys


@router.get(
    "/programs/{program_id}/match-runs",
    response={200: RunPage, **ERRORS},
    summary="A program's match runs",
)
def run_list(request, program_id: str, paging: Query[PageParams]):
    """Every run of the program, newest first, kept for audit (without their proposals)."""
    program = get_program(request.auth, program_id)
    runs = MatchRun.objects.filter(program=program).select_related(*RUN_RELATED)
    return paginate(runs.order_by("-created_at", "-pk"), paging, run_summary)


@router.post(
    "/programs/{program_id}/match-runs",
    response={202: RunOut, **ERRORS},
    summary="Start a match run",
)
def run_start(request, program_id: str, data: RunIn | None = Body(None)):  # noqa: B008
    """Queues a run of the matching engine on the program's accepted mentees and mentors with
    room, and answers `202` with the run (`queued`). The run executes in the background: poll
    `GET /match-runs/{id}` until `status` is `done` (or `failed`). The body may be empty, or
    carry `locked` and `excluded` pairs as `[mentee id, mentor id]`. Another run still queued
    or running: `409 run_busy`."""
    user = request.auth
    program = get_program(user, program_id)
    data = data or RunIn()
    locked = _pairs_to_keys(program, data.locked, "locked")
    excluded = _pairs_to_keys(program, data.excluded, "excluded")
    run = run_create(program=program, user=user, locked=locked, excluded=excluded)
    return Status(202, _run_detail(run.public_id, PageParams()))


@router.get(
    "/match-runs/{run_id}",
    response={200: RunOut, **ERRORS},
    summary="A match run, with its proposal",
)
def run_get(request, run_id: str, paging: Query[PageParams]):
    """Status, progress (0-100) and `progress_note`, `params`, `totals`, and one page of the
    proposed pairs (best score first) and of the mentees left unpaired: `page` and
    `page_size` apply to both; walk further with `/proposals` and `/unpaired`."""
    run = get_run(request.auth, run_id)
    return _run_detail(run.public_id, paging)


@router.get(
    "/match-runs/{run_id}/proposals",
    response={200: ProposalPage, **ERRORS},
    summary="A run's proposed pairs",
)
def run_proposals(request, run_id: str, filters: Query[ProposalFilters], paging: Query[PageParams]):
    """The proposed pairs, best score first; `locked=true|false`, `warnings=true|false`."""
    run = get_run(request.auth, run_id)
    rows = Proposal.objects.filter(run=run).select_related(*PROPOSAL_RELATED)
    if filters.locked is not None:
        rows = rows.filter(locked=filters.locked)
    if filters.warnings is True:
        rows = rows.exclude(warnings=[])
    elif filters.warnings is False:
        rows = rows.filter(warnings=[])
    return paginate(rows.order_by("-score", "pk"), paging, proposal_out)


@router.get(
    "/match-runs/{run_id}/unpaired",
    response={200: UnpairedPage, **ERRORS},
    summary="A run's unpaired mentees",
)
def run_unpaired(request, run_id: str, paging: Query[PageParams]):
    """Mentees the run could not pair, each with a `code` and a `reason` in plain words."""
    run = get_run(request.auth, run_id)
    rows = run.unpaired.select_related(*UNPAIRED_RELATED).order_by("pk")
    return paginate(rows, paging, unpaired_out)


@router.post(
    "/match-runs/{run_id}/publish",
    response={200: PublishOut, **ERRORS},
    summary="Publish a run",
)
def run_publish_view(request, run_id: str):
    """Creates the proposed mentorships (each checked again), tells everyone paired, and gives
    everyone left unpaired priority next time. Answers `created`, `skipped` (pairs that could
    no longer be made, with why) and `priority_given`. A run that is not `done` (queued,
    running, failed, discarded or already published): `409 run_not_editable`."""
    user = request.auth
    run = get_run(user, run_id)
    result = run_publish(run=run, user=user)
    run = MatchRun.objects.select_related(*RUN_RELATED).get(pk=run.pk)
    return {**result, "run": run_summary(run)}


@router.post(
    "/match-runs/{run_id}/rerun",
    response={202: RunOut, **ERRORS},
    summary="Re-run around the locked pairs",
)
def run_rerun_view(request, run_id: str):
    """A new run (answered `202`, executed in the background like any run) that keeps this
    run's locked pairs and leaves out the pairs removed from it."""
    user = request.auth
    run = get_run(user, run_id)
    again = run_rerun(run=run, user=user)
    return Status(202, _run_detail(again.public_id, PageParams()))


@router.post(
    "/match-runs/{run_id}/discard",
    response={200: RunSummaryOut, **ERRORS},
    summary="Discard a run",
)
def run_discard_view(request, run_id: str):
    """Sets a `done` run aside (kept for audit); otherwise `409 run_not_editable`."""
    user = request.auth
    run = get_run(user, run_id)
    run_discard(run=run, user=user)
    return run_summary(MatchRun.objects.select_related(*RUN_RELATED).get(pk=run.pk))


def _participant_of(program_id: int, public_id: str, field: str) -> Participant:
    found = (
        Participant.objects.select_related("user")
        .filter(program_id=program_id, public_id=public_id)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no participant with that id in this program."), field=field)
    return found


def _proposal_response(pk: int) -> dict:
    return proposal_out(Proposal.objects.select_related(*PROPOSAL_RELATED).get(pk=pk))


@router.post(
    "/match-runs/{run_id}/proposals",
    response={201: ProposalOut, **ERRORS},
    summary="Add a pair by hand",
)
def proposal_add_view(request, run_id: str, data: ProposalIn):
    """Adds `{"mentee", "mentor"}` (participant ids) to a `done` run, locked. A pair that
    breaks a rule is added all the same, with `warnings` saying which. Already proposed:
    `409 duplicate`; not `done`: `409 run_not_editable`."""
    user = request.auth
    run = get_run(user, run_id)
    mentee = _participant_of(run.program_id, data.mentee, "mentee")
    mentor = _participant_of(run.program_id, data.mentor, "mentor")
    proposal = proposal_add(run=run, user=user, mentee=mentee, mentor=mentor)
    return Status(201, _proposal_response(proposal.pk))


@router.post(
    "/match-runs/{run_id}/swap",
    response={200: SwapOut, **ERRORS},
    summary="Swap the mentors of two pairs",
)
def proposal_swap_view(request, run_id: str, data: SwapIn):
    """Exchanges the mentors of two proposed pairs of the run (`first`, `second`: proposal
    ids). The two new pairs are locked, with warnings if they break a rule."""
    user = request.auth
    run = get_run(user, run_id)
    found = {
        p.public_id: p
        for p in Proposal.objects.filter(
            run=run, public_id__in=[data.first, data.second]
        ).select_related("run", *PROPOSAL_RELATED)
    }
    for field in ("first", "second"):
        if getattr(data, field) not in found:
            raise NotFound(_("There is no proposal with that id in this run."), field=field)
    first, second = found[data.first], found[data.second]
    # The service would hit the unique pair constraint (a 500): refuse a swap that makes a pair
    # the run already proposes.
    made = [(first.mentee_id, second.mentor_id), (second.mentee_id, first.mentor_id)]
    others = Proposal.objects.filter(run=run).exclude(pk__in=[first.pk, second.pk])
    if any(others.filter(mentee_id=e, mentor_id=m).exists() for e, m in made):
        raise Conflict(_("The swap would make a pair that is already proposed."), code="duplicate")
    a, b = proposal_swap(first=first, second=second, user=user)
    return {"items": [_proposal_response(a.pk), _proposal_response(b.pk)]}


@router.delete("/proposals/{proposal_id}", response={204: None, **ERRORS}, summary="Remove a pair")
def proposal_delete_view(request, proposal_id: str):
    """Removes a proposed pair; a re-run will leave that pair out."""
    user = request.auth
    proposal = get_proposal(user, proposal_id)
    proposal_remove(proposal=proposal, user=user)
    return Status(204, None)


def _set_locked(request, proposal_id: str, locked: bool) -> dict:
    user = request.auth
    proposal = get_proposal(user, proposal_id)
    proposal_set_locked(proposal=proposal, user=user, locked=locked)
    return _proposal_response(proposal.pk)


@router.post(
    "/proposals/{proposal_id}/lock", response={200: ProposalOut, **ERRORS}, summary="Lock a pair"
)
def proposal_lock_view(request, proposal_id: str):
    """A locked pair is kept by a re-run."""
    return _set_locked(request, proposal_id, True)


@router.post(
    "/proposals/{proposal_id}/unlock",
    response={200: ProposalOut, **ERRORS},
    summary="Unlock a pair",
)
def proposal_unlock_view(request, proposal_id: str):
    return _set_locked(request, proposal_id, False)


# ---------------------------------------------------------------- suggestions


def _accepted_roles(user, program: Program) -> dict[str, Participant]:
    return {
        p.role: p
        for p in Participant.objects.filter(
            user=user, program=program, status=Participant.Status.ACCEPTED
        ).select_related("program")
    }


@router.get(
    "/programs/{program_id}/suggestions",
    response={200: SuggestionPage, **ERRORS},
    summary="Recommended for you",
)
def suggestions(request, program_id: str, query: Query[SuggestionQuery]):
    """For an accepted mentee: mentors with room, best first, each with `score` and `reasons`
    (sentences addressed to the caller). For an accepted mentor where the program lets mentors
    invite: mentees. Anyone else in the organization: `403`. One ranked list of up to `limit`
    (1-20, default 5), in the page shape with a single page, and `empty_reason` (`code` and
    `message`) saying why when the list is empty; cached, refreshed when profiles, places or the
    program's maximum of mentors change."""
    user = request.auth
    program = get_program_or_404(user, program_id)
    mine = _accepted_roles(user, program)
    role = query.role or (Role.MENTEE if Role.MENTEE in mine else Role.MENTOR)
    participant = mine.get(role)
    if participant is None:
        raise NotAllowed(
            _(
                "Suggestions are for the program's accepted mentees, and its mentors where they "
                "may invite mentees."
            ),
            code="not_participant",
        )
    found = recommendations_for(
        participant, limit=query.limit
    )  # refuses where mentors cannot invite
    items = [suggestion_out(s) for s in found["items"]]
    return {
        "items": items,
        "count": len(items),
        "page": 1,
        "pages": 1,
        "role": role,
        "empty_reason": found["empty"],
    }


# ---------------------------------------------------------------- selection rounds


def _round_for(user, round: SelectionRound) -> dict:
    """The round as the viewer sees it: their choices (mentee), who chose them once mentors
    pick (mentor), or counts (administrator)."""
    data = round_out(round)
    mine = _accepted_roles(user, round.program)
    is_admin = is_org_admin(user, round.program.organization_id)
    if not mine and not is_admin:
        raise NotAllowed(
            _("Selection rounds are for the program's accepted participants and administrators.")
        )
    if Role.MENTEE in mine:
        data["my_role"] = Role.MENTEE
        data["my_choices"] = [
            {"rank": c.rank, "mentor": person(c.mentor)}
            for c in RoundChoice.objects.filter(round=round, mentee=mine[Role.MENTEE])
            .select_related("mentor__user")
            .order_by("rank")
        ]
    if Role.MENTOR in mine:
        data["my_role"] = data.get("my_role") or Role.MENTOR
        if round.status != SelectionRound.Status.SELECTING:
            mentor = mine[Role.MENTOR]
            picked = set(
                RoundPick.objects.filter(round=round, mentor=mentor).values_list(
                    "mentee_id", flat=True
                )
            )
            data["chose_me"] = [
                {"rank": c.rank, "mentee": person(c.mentee), "picked": c.mentee_id in picked}
                for c in RoundChoice.objects.filter(round=round, mentor=mentor)
                .select_related("mentee__user")
                .order_by("rank", "mentee__user__name", "pk")
            ]
    if is_admin:
        data["my_role"] = data.get("my_role") or "administrator"
        choices = RoundChoice.objects.filter(round=round).aggregate(
            choices=Count("pk"),
            mentees_who_chose=Count("mentee", distinct=True),
            mentors_chosen=Count("mentor", distinct=True),
        )
        data["counts"] = {
            "mentees": Participant.objects.filter(
                program=round.program, role=Role.MENTEE, status=Participant.Status.ACCEPTED
            ).count(),
            **choices,
            "picks": RoundPick.objects.filter(round=round).count(),
        }
    return data


@router.get(
    "/programs/{program_id}/rounds/current",
    response={200: RoundOut, **ERRORS},
    summary="The round under way",
)
def round_current(request, program_id: str):
    """The program's selection round under way (`selecting`, `picking` or `review`); none:
    `404 no_round`. Mentees get `my_choices`; mentors, once mentees have chosen, `chose_me`
    (who selected them, at which rank, and whether they picked them); administrators
    `counts`."""
    user = request.auth
    program = get_program_or_404(user, program_id)
    found = (
        SelectionRound.objects.select_related("program")
        .filter(program=program, status__in=SelectionRound.OPEN)
        .first()
    )
    if found is None:
        _round_for_access(user, program)
        raise NotFound(_("There is no selection round under way in this program."), code="no_round")
    return _round_for(user, found)


def _round_for_access(user, program: Program) -> None:
    if not _accepted_roles(user, program) and not is_org_admin(user, program.organization_id):
        raise NotAllowed(
            _("Selection rounds are for the program's accepted participants and administrators.")
        )


@router.get("/rounds/{round_id}", response={200: RoundOut, **ERRORS}, summary="A round")
def round_get(request, round_id: str):
    """Any round of the program (published ones included), as `rounds/current` shows it."""
    return _round_for(request.auth, get_round_or_404(request.auth, round_id))


@router.post(
    "/programs/{program_id}/rounds",
    response={201: RoundOut, **ERRORS},
    summary="Open a selection round",
)
def round_open_view(request, program_id: str, data: RoundIn):
    """Administrators open a round in a selection-round program (otherwise
    `409 not_round_program`; one under way already: `409 round_open`). Every accepted mentee
    below the program's maximum of mentors is told to choose up to `max_choices` mentors."""
    user = request.auth
    program = get_program(user, program_id)
    opened = round_open(
        program=program,
        user=user,
        name=data.name,
        max_choices=data.max_choices,
        selection_closes_on=data.selection_closes_on,
        picking_closes_on=data.picking_closes_on,
    )
    return Status(
        201, _round_for(user, SelectionRound.objects.select_related("program").get(pk=opened.pk))
    )


@router.post("/rounds/{round_id}/advance", response={200: RoundOut, **ERRORS}, summary="Next step")
def round_advance_view(request, round_id: str, data: AdvanceIn | None = Body(None)):  # noqa: B008
    """`selecting` → `picking` (mentors who were chosen and have a place left are told) →
    `review`. From `review`: `409 round_state` (finish it instead). With `{"step": ...}`, only
    if the round is still at that step (`409 round_state` otherwise): safe to send twice."""
    user = request.auth
    found = get_round(user, round_id)
    round_advance(round=found, user=user, from_status=(data or AdvanceIn()).step)
    found.refresh_from_db()
    return _round_for(user, found)


@router.post(
    "/rounds/{round_id}/finish",
    response={202: RunOut, **ERRORS},
    summary="Turn the picks into a proposal",
)
def round_finish_view(request, round_id: str, data: FinishIn | None = Body(None)):  # noqa: B008
    """From `review`: a match run (answered `202`, executed in the background) whose proposal
    is the mentors' picks, locked, and — with `"fill": true`, the default — the engine's pairs
    for the places left. Review and publish it like any run."""
    user = request.auth
    found = get_round(user, round_id)
    run = round_finish(round=found, user=user, fill=(data or FinishIn()).fill)
    return Status(202, _run_detail(run.public_id, PageParams()))


@router.post(
    "/rounds/{round_id}/choices", response={200: RoundOut, **ERRORS}, summary="Choose mentors"
)
def round_choices_view(request, round_id: str, data: ChoicesIn):
    """An accepted mentee's ranked selection, `{"mentors": [ids, favourite first]}`, up to the
    round's `max_choices`; it replaces any earlier one (`[]` clears it). Not a mentee: `403`;
    after the selecting step: `409 round_closed`; a mentee who already has the program's
    maximum of mentors: `409 mentee_full` (clearing is still allowed)."""
    user = request.auth
    found = get_round_or_404(user, round_id)
    round_choose(round=found, user=user, mentor_ids=data.mentors)
    return _round_for(user, found)


@router.post("/rounds/{round_id}/picks", response={200: RoundOut, **ERRORS}, summary="Pick mentees")
def round_picks_view(request, round_id: str, data: PicksIn):
    """An accepted mentor's choice among the mentees who selected them,
    `{"mentees": [ids]}`, up to their places left; replaces any earlier one. Not a mentor:
    `403`; outside the picking step: `409 round_closed`."""
    user = request.auth
    found = get_round_or_404(user, round_id)
    round_pick(round=found, user=user, mentee_ids=data.mentees)
    return _round_for(user, found)
