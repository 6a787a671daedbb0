"""The activity library in the JSON API (API.md, "The pair's workspace")."""

import math
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from mentorwise.api.pagination import MAX_PAGE_SIZE, PageParams
from mentorwise.api.schemas import Error
from mentorwise.mentorships.access import get_mentorship
from mentorwise.workspace.activities import search_activities
from mentorwise.workspace.stages import BY_KEY
from mentorwise.workspace.views import export_response

router = Router(tags=["workspace"])

ERRORS = {400: Error, 401: Error, 422: Error}
StageKey = Literal["rapport", "direction", "progression", "winding_down", "moving_on"]


class ActivityFilters(Schema):
    q: str = Field("", max_length=200, description="Words that must all appear.")
    stage: StageKey | None = None
    kind: Literal["career", "psychosocial"] | None = None


class ActivityOut(Schema):
    id: str = Field(description="A stable slug.")
    stage: StageKey
    stage_name: str
    kind: Literal["career", "psychosocial"]
    title: str
    description: str
    minutes: int


class ActivityPage(Schema):
    items: list[ActivityOut]
    count: int
    page: int
    pages: int


def activity_out(activity) -> dict:
    return {
        "id": activity.slug,
        "stage": activity.stage,
        "stage_name": str(BY_KEY[activity.stage].name),
        "kind": activity.kind,
        "title": str(activity.title),
        "description": str(activity.description),
        "minutes": activity.minutes,
    }


@router.get("/activities", response={200: ActivityPage, **ERRORS}, summary="Activity library")
def activity_list(request, filters: Query[ActivityFilters], paging: Query[PageParams]):
    """Exercises for mentoring pairs, each for one of the five stages and serving career or
    psychosocial growth; filter by `stage`, `kind` and words in `q`. Any signed-in person."""
    found = search_activities(q=filters.q, stage=filters.stage or "", kind=filters.kind or "")
    size = min(paging.page_size, MAX_PAGE_SIZE)
    start = (paging.page - 1) * size
    return {
        "items": [activity_out(a) for a in found[start : start + size]],
        "count": len(found),
        "page": paging.page,
        "pages": max(1, math.ceil(len(found) / size)),
    }


class ExportQuery(Schema):
    format: Literal["md", "pdf"] = "md"


@router.get(
    "/mentorships/{mentorship_id}/export",
    response={200: None, 401: Error, 404: Error, 422: Error},
    summary="Download the pair's record",
    openapi_extra={
        "responses": {
            200: {  # an int, as ninja keys responses: a string would make a second "200"
                "description": "The record as a file.",
                "content": {
                    "text/markdown": {"schema": {"type": "string"}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def export(request, mentorship_id: str, query: Query[ExportQuery]):
    """The pair's record — agreement, goals with their history, meetings, messages — as
    Markdown (`format=md`) or PDF (`format=pdf`), times in the caller's zone. Members only;
    everyone else, administrators included, gets 404."""
    mentorship = get_mentorship(request.auth, mentorship_id)
    return export_response(mentorship, request.auth, query.format)
