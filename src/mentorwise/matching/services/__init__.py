"""Match runs (the algorithm), selection rounds and suggestions: one module per concept, every
business rule of matching in a function here. Publishing creates the mentorships through
`mentorships.services.mentorship_start`, like an accepted request."""

from mentorwise.matching.services.criteria import (
    match_importance,
    match_importance_set,
)
from mentorwise.matching.services.rounds import (
    round_advance,
    round_choose,
    round_finish,
    round_open,
    round_pick,
)
from mentorwise.matching.services.runs import (
    pair_warnings,
    proposal_add,
    proposal_remove,
    proposal_set_locked,
    proposal_swap,
    run_create,
    run_discard,
    run_execute,
    run_publish,
    run_rerun,
)
from mentorwise.matching.services.suggestions import (
    recommendations_for,
    suggestions_for,
)

__all__ = [
    "match_importance",
    "match_importance_set",
    "pair_warnings",
    "proposal_add",
    "proposal_remove",
    "proposal_set_locked",
    "proposal_swap",
    "recommendations_for",
    "round_advance",
    "round_choose",
    "round_finish",
    "round_open",
    "round_pick",
    "run_create",
    "run_discard",
    "run_execute",
    "run_publish",
    "run_rerun",
    "suggestions_for",
]
