"""Match runs, proposals, rounds and suggestions → plain dicts shaped like schemas_matching.

Only `run_params` queries (one query, to turn the participant keys stored in a run's
parameters into public ids); everything else reads what the caller selected (see the
`*_RELATED` tuples)."""

from mentorwise.api.serialize_lifecycle import program_brief
from mentorwise.matching.models import MatchRun, Proposal, SelectionRound, Unpaired
from mentorwise.matching.services.reasons import say, say_all
from mentorwise.profiles.models import Participant

RUN_RELATED = ("program", "round", "previous", "created_by")
PROPOSAL_RELATED = ("mentee__user", "mentor__user")
UNPAIRED_RELATED = ("mentee__user",)

FAILED = "The engine stopped with an error. Start a new run; if it fails again, tell support."


def person(participant: Participant) -> dict:
    return {"id": participant.public_id, "name": participant.user.name}


def run_summary(run: MatchRun) -> dict:
    return {
        "id": run.public_id,
        "program": program_brief(run.program),
        "status": run.status,
        "status_label": run.get_status_display(),
        "progress": run.progress,
        "progress_note": run.progress_note,
        "totals": run.totals or {},
        "error": FAILED if run.status == MatchRun.Status.FAILED else "",
        "round_id": run.round.public_id if run.round_id else None,
        "previous_id": run.previous.public_id if run.previous_id else None,
        "created_by": (
            {"id": run.created_by.public_id, "name": run.created_by.name}
            if run.created_by_id
            else None
        ),
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "published_at": run.published_at,
        "can_edit": run.is_editable,
        "can_publish": run.is_editable,
    }


def run_params(run: MatchRun) -> dict:
    """The run's parameters with participant keys replaced by participant ids (the stored
    parameters hold database keys, which the API never shows)."""
    params = run.params or {}
    pairs = {name: [list(p)[:2] for p in params.get(name, [])] for name in ("locked", "excluded")}
    keys = {k for rows in pairs.values() for row in rows for k in row}
    ids = dict(
        Participant.objects.filter(pk__in=keys, program_id=run.program_id).values_list(
            "pk", "public_id"
        )
    )
    return {
        "locked": [[ids.get(e), ids.get(m)] for e, m in pairs["locked"]],
        "excluded": [[ids.get(e), ids.get(m)] for e, m in pairs["excluded"]],
        "only_locked": bool(params.get("only_locked")),
        "k": params.get("k"),
    }


def proposal_out(proposal: Proposal) -> dict:
    return {
        "id": proposal.public_id,
        "mentee": person(proposal.mentee),
        "mentor": person(proposal.mentor),
        "score": proposal.score,
        "reasons": say_all(proposal.reasons),
        "warnings": say_all(proposal.warnings),
        "source": proposal.source,
        "locked": proposal.locked,
    }


def unpaired_out(row: Unpaired) -> dict:
    return {"mentee": person(row.mentee), "code": row.code, "reason": say(row.reason_data)}


def suggestion_out(item: dict) -> dict:
    return {
        "id": item["participant_id"],
        "name": item["name"],
        "headline": item.get("headline") or "",
        "remaining_capacity": item.get("remaining_capacity"),
        "score": item["score"],
        "reasons": say_all(item.get("reasons")),
    }


def round_out(round: SelectionRound) -> dict:
    return {
        "id": round.public_id,
        "program": program_brief(round.program),
        "name": round.name,
        "status": round.status,
        "status_label": round.get_status_display(),
        "max_choices": round.max_choices,
        "selection_closes_on": round.selection_closes_on,
        "picking_closes_on": round.picking_closes_on,
        "created_at": round.created_at,
        "published_at": round.published_at,
    }
