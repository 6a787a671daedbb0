"""The goals part of the pair's workspace in the JSON API (API.md, "The pair's workspace").

Members of the mentorship only: every path starts from the privacy gate, so everyone else,
administrators included, gets 404. An ended mentorship's goals stay readable; writes are
`409 not_open`.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error, Input
from mentorwise.core.zones import today_for
from mentorwise.goals.access import get_goal
from mentorwise.goals.models import NOTE_MAX, TEXT_MAX, TITLE_MAX, Goal, GoalChange
from mentorwise.goals.services import goal_create, goal_delete, goal_update
from mentorwise.mentorships.access import get_mentorship
from mentorwise.mentorships.models import Mentorship

router = Router(tags=["goals"])

StatusName = Literal["not_started", "in_progress", "achieved", "dropped"]

# ------------------------------------------------------------------------------------- shapes

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error}
ERRORS_422 = {**ERRORS, 422: Error}


# Checked by the service (outside the range: 400, as API.md says); stated here for clients.
PROGRESS_RANGE = {"minimum": 0, "maximum": 100}


class GoalIn(Input):
    title: str = Field(max_length=TITLE_MAX * 2)
    measure: str = Field(max_length=TEXT_MAX * 2)
    why: str = Field("", max_length=TEXT_MAX * 2)
    due_on: date
    status: StatusName = "not_started"
    progress: int | None = Field(None, json_schema_extra=PROGRESS_RANGE)  # outside: 400


class GoalPatch(Input):
    title: str | None = Field(None, max_length=TITLE_MAX * 2)
    measure: str | None = Field(None, max_length=TEXT_MAX * 2)
    why: str | None = Field(None, max_length=TEXT_MAX * 2)
    due_on: date | None = None
    status: StatusName | None = None
    progress: int | None = Field(None, json_schema_extra=PROGRESS_RANGE)
    note: str = Field("", max_length=NOTE_MAX * 2)


class PersonOut(Schema):
    id: str
    name: str


class ChangeOut(Schema):
    at: datetime
    by: PersonOut | None
    progress: int
    status: StatusName
    note: str
    changed: list[str]


class GoalOut(Schema):
    id: str
    mentorship: str
    title: str
    measure: str
    why: str
    due_on: date
    status: StatusName
    progress: int
    overdue: bool
    created_by: PersonOut | None
    created_at: datetime
    updated_at: datetime


class GoalDetailOut(GoalOut):
    history: list[ChangeOut]


class GoalPage(Schema):
    items: list[GoalOut]
    count: int
    page: int
    pages: int


# ------------------------------------------------------------------------------ serializing


def _person(mentorship: Mentorship, user_id) -> dict | None:
    for member in (mentorship.mentor, mentorship.mentee):
        if member.user_id == user_id:
            return {"id": member.public_id, "name": member.user.name}
    return None


def _goal_out(goal: Goal, mentorship: Mentorship, today: date) -> dict:
    return {
        "id": goal.public_id,
        "mentorship": mentorship.public_id,
        "title": goal.title,
        "measure": goal.measure,
        "why": goal.why,
        "due_on": goal.due_on,
        "status": goal.status,
        "progress": goal.progress,
        "overdue": goal.is_overdue(today),
        "created_by": _person(mentorship, goal.created_by_id),
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def _goal_detail(user, goal: Goal) -> dict:
    mentorship = goal.mentorship
    changes = GoalChange.objects.filter(goal=goal).order_by("at", "id")
    return {
        **_goal_out(goal, mentorship, today_for(user)),
        "history": [
            {
                "at": change.at,
                "by": _person(mentorship, change.by_id),
                "progress": change.progress,
                "status": change.status,
                "note": change.note,
                "changed": change.changed,
            }
            for change in changes
        ],
    }


# -------------------------------------------------------------------------------- endpoints


@router.get(
    "/mentorships/{mentorship_id}/goals",
    response={200: GoalPage, **ERRORS_422},
    summary="The pair's goals",
)
def goal_list(request, mentorship_id: str, paging: Query[PageParams]):
    """The mentorship's SMART goals, soonest due first (paginated), each with `progress`
    (0-100), `status` and `overdue` (past `due_on` and neither achieved nor dropped). Members
    only: everyone else, administrators included, gets 404."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    rows = Goal.objects.filter(mentorship=mentorship).order_by("due_on", "created_at", "id")
    today = today_for(user)
    return paginate(rows, paging, lambda goal: _goal_out(goal, mentorship, today))


@router.post(
    "/mentorships/{mentorship_id}/goals",
    response={201: GoalDetailOut, **ERRORS_422},
    summary="Add a goal",
)
def goal_add(request, mentorship_id: str, data: GoalIn):
    """Adds a SMART goal: `title` (specific), `measure` (how it is measured), `why` (why it
    matters, optional), `due_on` (from today on), `status` (default `not_started`) and
    `progress` (0-100; `achieved` without a progress means 100). Either member may add one;
    the partner is told. Progress outside 0-100 → `400`; an ended mentorship → `409 not_open`."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    goal = goal_create(mentorship=mentorship, user=user, **data.model_dump())
    return Status(201, _goal_detail(user, get_goal(user, goal.public_id)))


@router.get("/goals/{goal_id}", response={200: GoalDetailOut, **ERRORS}, summary="One goal")
def goal_get(request, goal_id: str):
    """One goal with its `history`, oldest first: each change's `at`, `by` (the member),
    `progress` and `status` after it, `note`, and `changed` (the fields it changed, or
    `["created"]`)."""
    return _goal_detail(request.auth, get_goal(request.auth, goal_id))


@router.patch(
    "/goals/{goal_id}", response={200: GoalDetailOut, **ERRORS_422}, summary="Update a goal"
)
def goal_patch(request, goal_id: str, data: GoalPatch):
    """Changes the fields given and records a step of the history with the optional `note`
    (up to 500 characters). `status: achieved` sets the progress to 100 unless `progress` is
    given; a progress above 0 on a goal not started moves it to `in_progress`. Progress outside
    0-100 → `400`; an ended mentorship → `409 not_open`."""
    user = request.auth
    goal = get_goal(user, goal_id)
    goal_update(goal=goal, user=user, **data.model_dump(exclude_unset=True))
    return _goal_detail(user, get_goal(user, goal_id))


@router.delete("/goals/{goal_id}", response={204: None, **ERRORS}, summary="Delete a goal")
def goal_remove(request, goal_id: str):
    """Deletes the goal and its history; either member may, and the partner is told. To keep a
    goal that no longer matters in the record, set its status to `dropped` instead. An ended
    mentorship → `409 not_open`."""
    user = request.auth
    goal_delete(goal=get_goal(user, goal_id), user=user)
    return Status(204, None)
