"""Match runs: the algorithm on a program (or on a round's remaining places), the administrator's
review of its proposal, and publishing, which creates the mentorships through
`mentorships.services.mentorship_start` like an accepted request."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorwise.core.errors import Conflict, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.matching.engine.reason import Reason
from mentorwise.matching.features import build_market
from mentorwise.matching.models import (
    MatchRun,
    Proposal,
    SelectionRound,
    Unpaired,
)
from mentorwise.matching.services.common import _require_admin
from mentorwise.matching.services.criteria import match_importance
from mentorwise.matching.services.reasons import say_all, to_data
from mentorwise.matching.services.suggestions import _suggestions_version_key
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import (
    close_requests_of_full_participants,
    lock_participants,
    mentorship_start,
    pair_check,
    pause_check,
    policy_check,
)
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role

log = logging.getLogger(__name__)


@transaction.atomic
def _default_k() -> int:
    from mentorwise.matching.engine import Options

    return Options().k


def run_create(
    *,
    program: Program,
    user,
    round: SelectionRound | None = None,
    locked=(),
    excluded=(),
    previous: MatchRun | None = None,
    only_locked: bool = False,
) -> MatchRun:
    """Queues a run of the engine on the program (pairs as (mentee pk, mentor pk)); the
    background worker executes it (`run_execute`), reporting progress on the run."""
    _require_admin(user, program)
    if MatchRun.objects.filter(
        program=program, status__in=[MatchRun.Status.QUEUED, MatchRun.Status.RUNNING]
    ).exists():
        raise Conflict(_("A match run is already in progress for this program."), code="run_busy")
    run = MatchRun.objects.create(
        program=program,
        round=round,
        created_by=user,
        previous=previous,
        params={
            "locked": [list(p) for p in locked],
            "excluded": [list(p) for p in excluded],
            "only_locked": only_locked,
            "k": _default_k(),
            "importance": match_importance(program),
        },
        progress_note="Waiting for a worker",
    )
    audit(
        actor=user, action="match_run.create", target=run, organization_id=program.organization_id
    )

    def enqueue():
        from mentorwise.matching.tasks import execute_run

        execute_run.enqueue(run.pk)

    transaction.on_commit(enqueue)
    return run


def _progress(run: MatchRun, percent: int, note: str) -> None:
    """The note is said in the language of the administrator who started the run (the one
    watching it): `run_execute` works in that language."""
    MatchRun.objects.filter(pk=run.pk).update(progress=percent, progress_note=note)


def run_execute(run_pk: int) -> MatchRun | None:
    """Runs the engine for a queued run (claimed with a conditional UPDATE, so a second worker
    or a retry does nothing) and stores the proposal. Its notes are said in the language of the
    administrator who started it (the one watching it)."""
    language = (
        MatchRun.objects.filter(pk=run_pk).values_list("created_by__language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    with translation.override(language):
        return _run_execute(run_pk)


def _run_execute(run_pk: int) -> MatchRun | None:
    now = timezone.now()
    if not MatchRun.objects.filter(pk=run_pk, status=MatchRun.Status.QUEUED).update(
        status=MatchRun.Status.RUNNING,
        started_at=now,
        progress=5,
        progress_note=_("Reading profiles"),
    ):
        return None
    run = MatchRun.objects.select_related("program", "round").get(pk=run_pk)
    try:
        _execute(run)
    except Exception as exc:  # record, never lose the run
        log.exception("Match run %s failed", run.public_id)
        MatchRun.objects.filter(pk=run.pk).update(
            status=MatchRun.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
            progress_note=_("Failed"),
        )
    run.refresh_from_db()
    return run


def _round_pairs(round: SelectionRound):
    """The round's choices as (mentee, mentor, rank), one per pair at its best rank and only
    ranks from 1 (the engine refuses others, and a pair given twice would count twice), and
    the mentors' picks as (mentee, mentor), each once."""
    best: dict[tuple[int, int], int] = {}
    for mentee, mentor, rank in round.choices.values_list("mentee_id", "mentor_id", "rank"):
        if rank >= 1 and rank < best.get((mentee, mentor), rank + 1):
            best[(mentee, mentor)] = rank
    choices = [(mentee, mentor, rank) for (mentee, mentor), rank in best.items()]
    picks = list(dict.fromkeys(round.picks.values_list("mentee_id", "mentor_id")))
    return choices, picks


def _execute(run: MatchRun) -> None:
    from mentorwise.matching.engine import Options, Weights, match  # the worker's, not the web's

    started = time.monotonic()
    program = run.program
    locked = [tuple(p) for p in run.params.get("locked", [])]
    excluded = [tuple(p) for p in run.params.get("excluded", [])]
    choices, picks = _round_pairs(run.round) if run.round_id else ([], [])
    importance = run.params.get("importance")  # as the run was asked for
    locked_set = set(locked) | set(picks)
    # A round's fill pairs only the mentees who chose in it (the confirmation page says those
    # who did not take no part), and those of the pairs kept by hand.
    in_round = {e for e, _, _ in choices} | {e for e, _ in locked_set} if run.round_id else None
    market = build_market(
        program,
        mentee_pks=in_round,
        weights=Weights(**{k: float(v) for k, v in importance.items()}) if importance else None,
        locked_pairs=locked,
        excluded_pairs=excluded,
        mentee_choices=choices,
        mentor_choices=picks,
        lock_mentor_choices=bool(picks),
    )
    _progress(
        run,
        25,
        _("Scoring %(mentees)s mentees against %(mentors)s mentors")
        % {"mentees": len(market.mentees), "mentors": len(market.mentors)},
    )
    if run.round_id:
        market.problem = _one_new_mentor_each(market, locked_set)
    if run.params.get("only_locked"):
        options = Options(k=1, verify_pruning=False)
        problem = market.problem
        # Keep only the fixed pairs: every other pair is excluded.
        from dataclasses import replace

        fixed = [
            (market.mentee_index[e], market.mentor_index[m])
            for e, m in locked_set
            if e in market.mentee_index and m in market.mentor_index
        ]
        allowed = set(fixed)
        problem = replace(
            problem,
            excluded_pairs=[
                (i, j)
                for i in range(len(market.mentees))
                for j in range(len(market.mentors))
                if (i, j) not in allowed
            ],
        )
        result = match(problem, options, threads=settings.MATCHING_THREADS)
    else:
        result = match(market.problem, threads=settings.MATCHING_THREADS)
    _progress(run, 85, _("Saving the proposal"))
    previous = {}
    if run.previous_id:
        previous = {
            (p.mentee_id, p.mentor_id): p for p in Proposal.objects.filter(run_id=run.previous_id)
        }
    picked = set(picks)
    with transaction.atomic():
        Proposal.objects.filter(run=run).delete()
        Unpaired.objects.filter(run=run).delete()
        proposals, check_again = [], []
        for pair in result.pairs:
            mentee, mentor = market.mentees[pair.mentee], market.mentors[pair.mentor]
            key = (mentee.pk, mentor.pk)
            # A pair kept from the previous run keeps where it came from and its warnings.
            before = previous.get(key) if key in locked_set else None
            if key in picked:
                source = Proposal.Source.PICK
            else:
                source = before.source if before else Proposal.Source.ENGINE
            proposals.append(
                Proposal(
                    run=run,
                    mentee=mentee,
                    mentor=mentor,
                    score=round(pair.score, 4),
                    reasons=list(pair.reasons),
                    locked=pair.locked or key in locked_set,
                    source=source,
                )
            )
            if pair.broken or source == Proposal.Source.MANUAL or (before and before.warnings):
                check_again.append(proposals[-1])
        # The rules a kept pair breaks, said on its row as of now (a mentor's choice of someone
        # they already mentor elsewhere, a place filled since the pair was added by hand, ...).
        taken = _counts((p.mentor_id, p.mentee_id) for p in proposals)
        found = pairs_warnings(
            program, [(p.mentee, p.mentor) for p in check_again], taken=taken, counted=True
        )
        for proposal, said in zip(check_again, found, strict=True):
            proposal.warnings = said
        warnings = to_data(result.warnings)  # said in the reader's language (services/reasons.py)
        proposals += _kept_outside(run, locked_set, proposals, previous, picked, warnings)
        Proposal.objects.bulk_create(proposals)
        paired = {p.mentee_id for p in proposals}
        Unpaired.objects.bulk_create(
            Unpaired(
                run=run,
                mentee=market.mentees[u.mentee],
                code=u.code,
                reason=str(u.reason)[:300],
                params=u.reason.params if isinstance(u.reason, Reason) else {},
            )
            for u in result.unmatched
            if market.mentees[u.mentee].pk not in paired
        )
        scores = [p.score for p in proposals]
        totals = {
            "mentees": len(market.mentees),
            "mentors": len(market.mentors),
            "matched": len(proposals),
            "mentees_matched": len(paired),
            "unmatched": Unpaired.objects.filter(run=run).count(),
            "mean_score": round(sum(scores) / len(scores), 4) if scores else 0.0,
            "pruning_may_have_cut_optimum": result.pruning_may_have_cut_optimum,
            "pruning_note": result.pruning_note,
            "warnings": warnings,
            "timings": {k: round(v, 3) for k, v in result.timings.items()},
            "seconds": round(time.monotonic() - started, 3),
        }
        status, note = MatchRun.Status.DONE, _("Ready to review")
        replaced_by = _published_since(run)
        if replaced_by is not None:  # published while this one ran: it is out of date
            status, note = MatchRun.Status.DISCARDED, _("Replaced by a published run")
            totals["replaced_by"] = replaced_by.public_id
        MatchRun.objects.filter(pk=run.pk).update(
            status=status,
            totals=totals,
            progress=100,
            progress_note=note,
            finished_at=timezone.now(),
        )


def _one_new_mentor_each(market, locked_set):
    """In a round, a mentee the mentors picked keeps their picks and gets no one more; one who
    chose but was not picked gets one mentor at most (never more than the room the program's
    maximum leaves them in the organization)."""
    from dataclasses import replace

    kept: dict[int, int] = {}
    for e, _mentor in locked_set:
        kept[e] = kept.get(e, 0) + 1
    problem = market.problem
    slots = [
        min(int(room), max(kept.get(mentee.pk, 0), 1))
        for mentee, room in zip(market.mentees, problem.mentees.slots, strict=True)
    ]
    return replace(problem, mentees=replace(problem.mentees, slots=slots))


def _kept_outside(run, locked_set, proposals, previous, picked, warnings) -> list[Proposal]:
    """The locked pairs the algorithm could not consider (one of the two is full, or no longer
    in the program): kept as the administrator asked, with the rules they break as warnings;
    publishing checks them again."""
    placed = {(p.mentee_id, p.mentor_id) for p in proposals}
    missing = sorted(key for key in locked_set if key not in placed)
    people = Participant.objects.select_related("user").in_bulk(
        {pk for pair in missing for pk in pair}
    )
    pairs = [
        (people[e], people[m]) for e, m in missing if e in people and m in people
    ]  # participants deleted since are dropped
    if not pairs:
        return []
    taken = _counts(
        [(p.mentor_id, p.mentee_id) for p in proposals] + [(m.pk, e.pk) for e, m in pairs]
    )
    found = pairs_warnings(run.program, pairs, taken=taken, counted=True)
    kept = []
    for (mentee, mentor), broken, (score, reasons) in zip(
        pairs, found, _scored(run.program, pairs), strict=True
    ):
        before = previous.get((mentee.pk, mentor.pk))
        if before is not None:
            source = before.source
        elif (mentee.pk, mentor.pk) in picked:
            source = Proposal.Source.PICK
        else:
            source = Proposal.Source.MANUAL
        kept.append(
            Proposal(
                run=run,
                mentee=mentee,
                mentor=mentor,
                score=score,
                reasons=reasons,
                warnings=broken,
                locked=True,
                source=source,
            )
        )
        warnings.append(
            Reason(
                f"The locked pair {mentee.user.name} and {mentor.user.name} is kept, but the "
                "algorithm could not consider it: "
                + " ".join(say_all(broken) or ["one of them is full."]),
                "locked_kept",
                mentee=mentee.user.name,
                mentor=mentor.user.name,
                why=to_data(broken),
            ).as_data()
        )
    return kept


def _published_since(run: MatchRun) -> MatchRun | None:
    """A run of the same program published after this one was started, if any: publishing
    makes every older proposal out of date."""
    return (
        MatchRun.objects.filter(
            program_id=run.program_id,
            status=MatchRun.Status.PUBLISHED,
            published_at__gte=run.created_at,
        )
        .exclude(pk=run.pk)
        .order_by("published_at")
        .first()
    )


def _refresh_totals(run: MatchRun) -> None:
    """The run's totals after an administrator's change, as the list of runs shows them."""
    live = run.proposals.aggregate(
        pairs=Count("pk"), mentees=Count("mentee", distinct=True), mean=Avg("score")
    )
    run.totals = {
        **(run.totals or {}),
        "matched": live["pairs"],
        "mentees_matched": live["mentees"],
        "unmatched": run.unpaired.count(),
        "mean_score": round(live["mean"] or 0, 4),
    }
    run.save(update_fields=["totals"])


def _editable_run(run: MatchRun, user) -> MatchRun:
    run = MatchRun.objects.select_for_update(of=("self",)).select_related("program").get(pk=run.pk)
    _require_admin(user, run.program)
    if not run.is_editable:
        raise Conflict(
            _("This run is %(status)s; it can no longer be changed.")
            % {"status": run.get_status_display().lower()},
            code="run_not_editable",
        )
    later = _published_since(run)
    if later is not None:
        raise Conflict(
            _(
                "A later run of this program was published on %(date)s, so this proposal is out "
                "of date. Start a new run for the people who still need a pair."
            )
            % {
                "date": date_format(timezone.localtime(later.published_at), "SHORT_DATETIME_FORMAT")
            },
            code="run_superseded",
        )
    return run


def _warning(text: str, code: str, **params) -> Reason:
    """A rule a pair breaks, stored as a code and its values with the English sentence (pages
    say it in the reader's language: services/reasons.py)."""
    return Reason(text, code, **params)


def pair_warnings(
    program: Program,
    mentee: Participant,
    mentor: Participant,
    *,
    taken: dict[int, int] | None = None,
) -> list[str]:
    """The rules a manual pair would break, in plain words (the administrator may still add
    it). `taken` counts places already promised in the run per participant pk."""
    return pairs_warnings(program, [(mentee, mentor)], taken=taken)[0]


def pairs_warnings(
    program: Program, pairs, *, taken: dict[int, int] | None = None, counted: bool = False
) -> list[list[str]]:
    """`pair_warnings` for many (mentee, mentor) pairs at once, with a constant number of
    queries. With `counted`, `taken` already includes each pair's own places."""
    taken = taken or {}
    own = 1 if counted else 0
    market = build_market(
        program,
        mentee_pks=[e.pk for e, _ in pairs],
        mentor_pks=[m.pk for _, m in pairs],
        include_full=True,
    )
    problem = market.problem
    together: dict[tuple[int, int], list[Mentorship]] = {}
    for made in (
        Mentorship.objects.filter(
            program__organization_id=program.organization_id,
            mentor__user_id__in={m.user_id for _mentee, m in pairs},
            mentee__user_id__in={e.user_id for e, _mentor in pairs},
        )
        .select_related("program", "mentee", "mentor")
        .order_by("-pk")
    ):
        together.setdefault((made.mentee.user_id, made.mentor.user_id), []).append(made)
    out = []
    for mentee, mentor in pairs:
        i, j = market.mentee_index.get(mentee.pk), market.mentor_index.get(mentor.pk)
        if i is None or j is None:
            out.append(
                [_warning("One of the two is no longer an accepted participant.", "not_accepted")]
            )
            continue
        e, m = market.mentees[i], market.mentors[j]
        warnings = []
        if not set(problem.mentees.languages[i]) & set(problem.mentors.languages[j]):
            warnings.append(_warning("They share no language.", "no_shared_language"))
        # The program's rules in the words publishing refuses them with.
        for refused in (
            policy_check(m, e, acting=None, program=program),
            pause_check(m, acting=None),
        ):
            if refused is not None:
                warnings.append(str(refused.message))  # said in the current language
        before = together.get((e.user_id, m.user_id), [])
        current = next((x for x in before if x.status in Mentorship.ESTABLISHED), None)
        if current is not None:
            if current.program_id == program.pk:
                warnings.append(_warning("They already have a mentorship together.", "together"))
            else:
                warnings.append(
                    _warning(
                        f"They already have a mentorship together in {current.program.name}.",
                        "together_elsewhere",
                        program=current.program.name,
                    )
                )
        elif before:
            warnings.append(_warning("They have been paired before.", "paired_before"))
        if m.remaining_capacity - (taken.get(m.pk, 0) - own) <= 0:
            warnings.append(
                _warning(f"{m.user.name} has no place left.", "no_place", name=m.user.name)
            )
        if program.max_mentors_per_mentee - e.open_mentorships - (taken.get(e.pk, 0) - own) <= 0:
            warnings.append(
                _warning(
                    f"{e.user.name} already has the most mentors the program allows.",
                    "most_mentors",
                    name=e.user.name,
                )
            )
        out.append(warnings)
    return out


def _refuse_against_policy(program: Program, pairs) -> None:
    """A pair made by hand that the program's own rules forbid (the same department or
    reporting line, a mentor who is not taking mentees now) is refused, with the reason, as
    publishing would refuse it; the rest (places, languages) stays a warning to weigh."""
    for mentee, mentor in pairs:
        refusal = policy_check(mentor, mentee, acting=None, program=program) or pause_check(
            mentor, acting=None
        )
        if refusal is not None:
            raise refusal.error()


def _counts(pairs) -> dict[int, int]:
    """Places each participant pk takes in the given (mentor pk, mentee pk) pairs."""
    counts: dict[int, int] = {}
    for mentor_id, mentee_id in pairs:
        counts[mentor_id] = counts.get(mentor_id, 0) + 1
        counts[mentee_id] = counts.get(mentee_id, 0) + 1
    return counts


def _taken(run: MatchRun, exclude: Proposal | None = None) -> dict[int, int]:
    return _counts(
        run.proposals.exclude(pk=getattr(exclude, "pk", None)).values_list("mentor_id", "mentee_id")
    )


@transaction.atomic
def proposal_set_locked(*, proposal: Proposal, user, locked: bool) -> Proposal:
    _editable_run(proposal.run, user)
    proposal.locked = locked
    proposal.save(update_fields=["locked"])
    return proposal


@transaction.atomic
def proposal_remove(*, proposal: Proposal, user) -> None:
    run = _editable_run(proposal.run, user)
    excluded = run.params.get("excluded", [])
    excluded.append([proposal.mentee_id, proposal.mentor_id])
    run.params = {**run.params, "excluded": excluded}
    run.save(update_fields=["params"])
    audit(
        actor=user,
        action="match_run.remove_pair",
        target=run,
        organization_id=run.program.organization_id,
        mentee=proposal.mentee.public_id,
        mentor=proposal.mentor.public_id,
    )
    mentee = proposal.mentee
    proposal.delete()
    if (
        not run.proposals.filter(mentee=mentee).exists()
        and not run.unpaired.filter(mentee=mentee).exists()
    ):
        Unpaired.objects.create(
            run=run,
            mentee=mentee,
            code="removed",
            reason=f"An administrator removed the proposed pair with {proposal.mentor.user.name}.",
            params={"mentor": proposal.mentor.user.name},
        )
    _refresh_totals(run)


@transaction.atomic
def proposal_add(*, run: MatchRun, user, mentee: Participant, mentor: Participant) -> Proposal:
    """Adds a pair by hand, recording the rules it breaks as warnings (shown, not refused)."""
    run = _editable_run(run, user)
    if mentee.program_id != run.program_id or mentor.program_id != run.program_id:
        raise ValidationFailed(_("Both people must be in this program."))
    if mentee.role != Role.MENTEE or mentor.role != Role.MENTOR:
        raise ValidationFailed(_("Choose a mentee and a mentor."))
    if run.proposals.filter(mentee=mentee, mentor=mentor).exists():
        raise Conflict(_("This pair is already in the proposal."), code="duplicate")
    _refuse_against_policy(run.program, [(mentee, mentor)])
    warnings = pair_warnings(run.program, mentee, mentor, taken=_taken(run))
    score, reasons = _scored(run.program, [(mentee, mentor)])[0]
    proposal = Proposal.objects.create(
        run=run,
        mentee=mentee,
        mentor=mentor,
        source=Proposal.Source.MANUAL,
        locked=True,
        warnings=warnings,
        score=score,
        reasons=reasons,
    )
    Unpaired.objects.filter(run=run, mentee=mentee).delete()
    _refresh_totals(run)
    audit(
        actor=user,
        action="match_run.add_pair",
        target=run,
        organization_id=run.program.organization_id,
        warnings=warnings,
    )
    return proposal


@transaction.atomic
def proposal_swap(*, first: Proposal, second: Proposal, user) -> tuple[Proposal, Proposal]:
    """Exchanges the mentors of two proposed pairs."""
    run = _editable_run(first.run, user)
    if second.run_id != run.pk or first.pk == second.pk:
        raise ValidationFailed(_("Choose two different pairs of the same run."))
    if first.mentor_id == second.mentor_id:
        raise ValidationFailed(_("Both pairs have the same mentor; swapping would change nothing."))
    a_mentee, a_mentor = first.mentee, first.mentor
    b_mentee, b_mentor = second.mentee, second.mentor
    if (
        run.proposals.exclude(pk__in=[first.pk, second.pk])
        .filter(Q(mentee=a_mentee, mentor=b_mentor) | Q(mentee=b_mentee, mentor=a_mentor))
        .exists()
    ):
        raise Conflict(_("One of the swapped pairs is already in the proposal."), code="duplicate")
    pairs = [(a_mentee, b_mentor), (b_mentee, a_mentor)]
    _refuse_against_policy(run.program, pairs)
    first.delete()
    second.delete()
    made = []
    for (mentee, mentor), (score, reasons) in zip(pairs, _scored(run.program, pairs), strict=True):
        made.append(
            Proposal.objects.create(
                run=run,
                mentee=mentee,
                mentor=mentor,
                source=Proposal.Source.MANUAL,
                locked=True,
                score=score,
                warnings=pair_warnings(run.program, mentee, mentor, taken=_taken(run)),
                reasons=reasons,
            )
        )
    audit(
        actor=user, action="match_run.swap", target=run, organization_id=run.program.organization_id
    )
    _refresh_totals(run)
    return made[0], made[1]


def _scored(program: Program, pairs) -> list[tuple[float, list[str]]]:
    """Compatibility and reasons of pairs an administrator made (any rule they break is a
    warning, not a zero), as the algorithm gives them for a locked pair."""
    from mentorwise.matching.engine import compatibility

    market = build_market(
        program,
        mentee_pks=[e.pk for e, _ in pairs],
        mentor_pks=[m.pk for _, m in pairs],
        include_full=True,
    )
    at = [(market.mentee_index.get(e.pk), market.mentor_index.get(m.pk)) for e, m in pairs]
    known = [(i, j) for i, j in at if i is not None and j is not None]
    scores, reasons = compatibility(market.problem, known) if known else ([], [])
    found = iter(zip(scores, reasons, strict=True))
    out = []
    for i, j in at:
        if i is None or j is None:  # no longer an accepted participant
            out.append((0.0, []))
        else:
            score, why = next(found)
            out.append((round(float(score), 4), list(why)))
    return out


def run_rerun(*, run: MatchRun, user) -> MatchRun:
    """A new run that keeps the locked pairs and leaves out the removed ones."""
    run = MatchRun.objects.select_related("program", "round").get(pk=run.pk)
    if run.status not in (MatchRun.Status.DONE, MatchRun.Status.FAILED):
        raise Conflict(
            _("This run is %(status)s; start a new run instead.")
            % {"status": run.get_status_display().lower()},
            code="run_not_editable",
        )
    locked = list(run.proposals.filter(locked=True).values_list("mentee_id", "mentor_id"))
    return run_create(
        program=run.program,
        user=user,
        round=run.round,
        locked=locked,
        excluded=run.params.get("excluded", []),
        previous=run,
    )


@transaction.atomic
def run_discard(*, run: MatchRun, user) -> MatchRun:
    run = _editable_run(run, user)
    run.status = MatchRun.Status.DISCARDED
    run.save(update_fields=["status"])
    return run


# Why a proposed pair was not created, in words for the administrator who publishes.
SKIPPED = {
    "already_paired": gettext_lazy("They already have a mentorship together."),
    "not_active": gettext_lazy("One of them is no longer an active participant."),
}


@transaction.atomic
def run_publish(*, run: MatchRun, user) -> dict:
    """Creates the proposed mentorships (each checked again, with the two people locked),
    tells everyone paired, and gives everyone left unpaired priority next time (and tells
    them). Returns counts and the pairs that could not be created, with why."""
    run = _editable_run(run, user)
    program = run.program
    origin = Mentorship.Origin.ROUND if run.round_id else Mentorship.Origin.MATCH_RUN
    created, skipped = 0, []
    proposals = list(
        run.proposals.select_related("mentee__user", "mentor__user").order_by(
            "-locked", "-score", "pk"
        )
    )
    paired: set[int] = set()  # mentees who have their mentorship (this one, or already)
    for proposal in proposals:
        mentor, mentee = lock_participants(proposal.mentor, proposal.mentee)
        try:
            with transaction.atomic():
                refusal = pair_check(mentor, mentee, acting=None)
                if refusal is not None:
                    raise refusal.error()
                mentorship_start(
                    program=program, mentor=mentor, mentee=mentee, origin=origin, actor=user
                )
                close_requests_of_full_participants(mentee=mentee, mentor=mentor)
        except Conflict as exc:
            if exc.code == "already_paired":
                paired.add(mentee.pk)
            reason = str(SKIPPED.get(exc.code, exc.message))
            skipped.append(
                {"mentee": mentee.user.name, "mentor": mentor.user.name, "reason": reason}
            )
            continue
        created += 1
        paired.add(mentee.pk)
    Participant.objects.filter(pk__in=paired).update(priority=False)
    # Everyone the run leaves without a pair: listed as unpaired, or whose pairs could not be
    # created.
    left = {u.mentee_id: u.mentee for u in run.unpaired.select_related("mentee__user")}
    left.update({p.mentee_id: p.mentee for p in proposals})
    # ...who have no mentor at all: one who has a mentor and was looking for a second is not
    # told "you were not paired", nor put ahead of those with none.
    has_one = set(
        Mentorship.objects.filter(
            mentee_id__in=[pk for pk in left if pk not in paired],
            status__in=Mentorship.ESTABLISHED,
        ).values_list("mentee_id", flat=True)
    )
    unpaired = [mentee for pk, mentee in left.items() if pk not in paired and pk not in has_one]
    for mentee in unpaired:
        Participant.objects.filter(pk=mentee.pk).update(priority=True)
        notify(
            user=mentee.user,
            kind="round_unpaired",
            category=Category.PROGRAM,
            context={"program": program, "participant": mentee},
            url=reverse("programs:detail", args=[program.public_id]),
            summary=lambda: _("You have priority in the next round."),
        )
    run.status = MatchRun.Status.PUBLISHED
    run.published_at = timezone.now()
    run.totals = {
        **run.totals,
        "published": created,
        "skipped": skipped,
        "priority_given": len(unpaired),
    }
    run.save(update_fields=["status", "published_at", "totals"])
    if run.round_id:
        SelectionRound.objects.filter(pk=run.round_id).update(
            status=SelectionRound.Status.PUBLISHED, published_at=run.published_at
        )
    # Every other proposal of the program is now out of date: it can no longer be published.
    for other in MatchRun.objects.select_for_update().filter(
        program=program, status=MatchRun.Status.DONE
    ):
        other.status = MatchRun.Status.DISCARDED
        other.progress_note = _("Replaced by a published run")
        other.totals = {**(other.totals or {}), "replaced_by": run.public_id}
        other.save(update_fields=["status", "progress_note", "totals"])
    audit(
        actor=user,
        action="match_run.publish",
        target=run,
        organization_id=program.organization_id,
        created=created,
        skipped=len(skipped),
    )
    cache.delete(_suggestions_version_key(program.pk))
    return {"created": created, "skipped": skipped, "priority_given": len(unpaired)}
