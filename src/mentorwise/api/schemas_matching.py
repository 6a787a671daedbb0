"""Request and response shapes of the matching endpoints: match runs and their proposals,
selection rounds, suggestions (they become part of the OpenAPI document)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from mentorwise.api.schemas import Input
from mentorwise.api.schemas_lifecycle import ProgramBrief

PublicId = Annotated[str, StringConstraints(max_length=64)]
Pair = tuple[PublicId, PublicId]
RunStatus = Literal["queued", "running", "done", "failed", "published", "discarded"]
RoundStatus = Literal["selecting", "picking", "review", "published"]
MAX_PAIRS = 20_000

# ---------------------------------------------------------------- inputs


class RunIn(Input):
    locked: list[Pair] = Field(
        default_factory=list,
        max_length=MAX_PAIRS,
        description="Pairs the proposal must keep, as [mentee participant id, mentor "
        "participant id].",
    )
    excluded: list[Pair] = Field(
        default_factory=list,
        max_length=MAX_PAIRS,
        description="Pairs the proposal must not contain, as [mentee id, mentor id].",
    )


class ProposalIn(Input):
    mentee: PublicId = Field(description="The mentee's participant id.")
    mentor: PublicId = Field(description="The mentor's participant id.")


class SwapIn(Input):
    first: PublicId = Field(description="A proposal id of the run.")
    second: PublicId = Field(description="Another proposal id of the same run.")


class ProposalFilters(Schema):
    locked: bool | None = Field(None, description="true: only locked pairs; false: only others.")
    warnings: bool | None = Field(
        None, description="true: only pairs with warnings; false: only pairs without."
    )


class SuggestionQuery(Schema):
    role: Literal["mentee", "mentor"] | None = Field(
        None,
        description="Which of your roles in the program asks (needed only when you are both): "
        "mentee → mentors for you; mentor → mentees for you.",
    )
    limit: int = Field(5, ge=1, le=20, description="How many suggestions (1-20).")


class RoundIn(Input):
    name: str = Field(max_length=120)
    max_choices: int = Field(3, ge=1, le=20, description="How many mentors a mentee may choose.")
    selection_closes_on: date | None = None
    picking_closes_on: date | None = None


class ChoicesIn(Input):
    mentors: list[PublicId] = Field(
        max_length=20, description="Mentor participant ids, favourite first."
    )


class PicksIn(Input):
    mentees: list[PublicId] = Field(
        max_length=50, description="Participant ids of mentees who selected you."
    )


class AdvanceIn(Input):
    step: Literal["selecting", "picking"] | None = Field(
        None,
        description="The step being closed; when given, nothing happens unless the round is "
        "still at it (`409 round_state`), so a request sent twice moves the round once.",
    )


class FinishIn(Input):
    fill: bool = Field(
        True,
        strict=True,
        description="true: the engine fills the remaining places around the mentors' picks; "
        "false: the proposal is the picks alone.",
    )


# ---------------------------------------------------------------- outputs


class PersonRef(Schema):
    id: str = Field(description="The participant id.")
    name: str


class UserRef(Schema):
    id: str = Field(description="The user id.")
    name: str


class ProposalOut(Schema):
    id: str
    mentee: PersonRef
    mentor: PersonRef
    score: float = Field(description="Compatibility in [0, 1].")
    reasons: list[str] = Field(description="Why they fit, as sentences.")
    warnings: list[str] = Field(description="Rules the pair breaks (manual pairs), as sentences.")
    source: Literal["engine", "pick", "manual"]
    locked: bool


class ProposalPage(Schema):
    items: list[ProposalOut]
    count: int
    page: int
    pages: int


class UnpairedOut(Schema):
    mentee: PersonRef
    code: str
    reason: str


class UnpairedPage(Schema):
    items: list[UnpairedOut]
    count: int
    page: int
    pages: int


class RunParams(Schema):
    locked: list[list[str | None]] = Field(description="[mentee id, mentor id] pairs kept.")
    excluded: list[list[str | None]] = Field(description="[mentee id, mentor id] pairs left out.")
    only_locked: bool = Field(description="A selection round published without filling.")
    k: int | None = Field(None, description="Candidates kept per mentee by the engine.")


class RunSummaryOut(Schema):
    id: str
    program: ProgramBrief
    status: RunStatus
    status_label: str
    progress: int = Field(description="0-100.")
    progress_note: str
    totals: dict[str, Any] = Field(
        description="Once done: mentees, mentors, matched, mentees_matched, unmatched, "
        "mean_score, pruning_may_have_cut_optimum, pruning_note, warnings, timings, seconds; "
        "after publishing also published, skipped and priority_given."
    )
    error: str = Field(description="Why the run failed (empty otherwise).")
    round_id: str | None
    previous_id: str | None = Field(description="The run this one re-ran, if any.")
    created_by: UserRef | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    published_at: datetime | None
    can_edit: bool = Field(description="Pairs can be locked, removed, added, swapped.")
    can_publish: bool


class RunPage(Schema):
    items: list[RunSummaryOut]
    count: int
    page: int
    pages: int


class RunOut(RunSummaryOut):
    params: RunParams
    proposals: ProposalPage = Field(description="One page of the proposed pairs, best first.")
    unpaired: UnpairedPage = Field(description="One page of the mentees left unpaired.")


class PublishOut(Schema):
    created: int = Field(description="Mentorships created.")
    skipped: list[dict[str, str]] = Field(
        description="Pairs not created, each {mentee, mentor, reason} (names and why)."
    )
    priority_given: int = Field(description="Mentees left unpaired, now first in line.")
    run: RunSummaryOut


class SwapOut(Schema):
    items: list[ProposalOut]


class SuggestionOut(Schema):
    id: str = Field(description="The participant id (mentor for a mentee, mentee for a mentor).")
    name: str
    headline: str
    remaining_capacity: int | None = Field(description="Mentors: places left.")
    score: float = Field(description="Compatibility in [0, 1].")
    reasons: list[str] = Field(
        description="Why, as sentences addressed to the caller (\"Your goal 'Layout' matches "
        "Maya's expertise\", \"Lee's goal 'Layout' matches your expertise\")."
    )


class EmptyReason(Schema):
    code: Literal[
        "at_max_mentors",
        "no_place_left",
        "nobody_yet",
        "all_full",
        "profile_incomplete",
        "no_match",
    ] = Field(
        description="at_max_mentors: you (a mentee) already have the program's maximum of "
        "mentors; no_place_left: your places (a mentor) are all taken; nobody_yet: nobody has "
        "joined on the other side; all_full: everyone on the other side is full; "
        "profile_incomplete: your profile lacks what matching needs (your languages); no_match: "
        "nobody with room is compatible (no shared language, or the program's rules)."
    )
    message: str = Field(description="The same reason in a sentence or two, addressed to you.")


class SuggestionPage(Schema):
    items: list[SuggestionOut]
    count: int
    page: int
    pages: int
    role: Literal["mentee", "mentor"] = Field(description="The role these are suggested for.")
    empty_reason: EmptyReason | None = Field(
        description="Why `items` is empty; null when there are suggestions."
    )


class ChoiceOut(Schema):
    rank: int
    mentor: PersonRef


class ChoseMeOut(Schema):
    rank: int = Field(description="Where the mentee ranked you (1 = first choice).")
    mentee: PersonRef
    picked: bool


class RoundOut(Schema):
    id: str
    program: ProgramBrief
    name: str
    status: RoundStatus
    status_label: str
    max_choices: int
    selection_closes_on: date | None
    picking_closes_on: date | None
    created_at: datetime
    published_at: datetime | None
    my_role: Literal["mentee", "mentor", "administrator"] | None = None
    my_choices: list[ChoiceOut] | None = Field(
        None, description="Mentees: the mentors you selected, in order."
    )
    chose_me: list[ChoseMeOut] | None = Field(
        None, description="Mentors, once mentees have chosen: who selected you, and your picks."
    )
    counts: dict[str, int] | None = Field(
        None,
        description="Administrators: mentees, mentees_who_chose, choices, mentors_chosen, picks.",
    )
