"""The conversations part of the pair's workspace in the JSON API (API.md, "The pair's
workspace"): the pair's private thread, and the pulse.

Members of the mentorship only: everyone else, administrators included, gets 404 (the privacy
gate, `mentorships.access.get_mentorship`). The paging follows the API's convention
(`?page=1&page_size=20`, at most 100 → `{"items", "count", "page", "pages"}`); it is written
here rather than imported because this app sits below `mentorwise.api` in the layers.
"""

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import Error, Input
from mentorwise.conversations import queries
from mentorwise.conversations.models import CheckIn, Message
from mentorwise.conversations.services import (
    checkin_record,
    message_post,
    rematch_offered,
    thread_mark_read,
)
from mentorwise.mentorships.access import get_mentorship
from mentorwise.mentorships.models import Mentorship

router = Router(tags=["conversations"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


class MessageIn(Input):
    body: str


class MessageOut(Schema):
    id: str
    body: str
    author: str = Field(description="The participant id of the member who wrote it.")
    author_name: str
    mine: bool = Field(description="Whether you wrote it.")
    created_at: datetime


class MessagePage(Schema):
    items: list[MessageOut]
    count: int
    page: int
    pages: int


class CheckInIn(Input):
    score: int = Field(
        description="1 = not well, 2 = could be better, 3 = well, 4 = very well.",
        json_schema_extra={"minimum": 1, "maximum": 4},  # checked by the service: 400
    )
    comment: str = ""


class CheckInOut(Schema):
    id: str
    score: int
    comment: str
    created_at: datetime
    rematch_offered: bool = Field(
        description="True when the mentee answered 1 or 2: offer her the quiet request for a "
        "new match (the page /mentorships/{id}/new-match/)."
    )


def message_out(message: Message, mentorship: Mentorship, user) -> dict:
    mine = message.author_id == user.pk
    author = (
        mentorship.mentor if message.author_id == mentorship.mentor.user_id else mentorship.mentee
    )
    return {
        "id": message.public_id,
        "body": message.body,
        "author": author.public_id,
        "author_name": message.author.name,
        "mine": mine,
        "created_at": message.created_at,
    }


@router.get(
    "/mentorships/{mentorship_id}/messages",
    response={200: MessagePage, **ERRORS},
    summary="The pair's messages",
)
def messages_list(request, mentorship_id: str, paging: Query[PageParams]):
    """The pair's private thread, oldest first and newest last (the last page holds the newest).
    Reading it marks your partner's messages read. Members only: everyone else, administrators
    included, gets 404."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    page = paginate(queries.thread(mentorship), paging, lambda m: message_out(m, mentorship, user))
    thread_mark_read(mentorship=mentorship, user=user)
    return page


@router.post(
    "/mentorships/{mentorship_id}/messages",
    response={201: MessageOut, **ERRORS},
    summary="Send a message to your partner",
)
def messages_post(request, mentorship_id: str, data: MessageIn):
    """Adds a message (`body`, 1 to 5,000 characters) to the pair's thread → `201`. Your
    partner is told by their notification preference for messages; the e-mail carries no words
    of it unless they chose to see previews (then at most 140 characters). An ended mentorship
    is read-only: `409` with code `not_open`."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    message = message_post(mentorship=mentorship, user=user, body=data.body)
    return Status(201, message_out(message, mentorship, user))


@router.post(
    "/mentorships/{mentorship_id}/checkins",
    response={201: CheckInOut, **ERRORS},
    summary="Say how the mentorship is going",
)
def checkins_post(request, mentorship_id: str, data: CheckInIn):
    """The pulse: `score` from 1 (not well) to 4 (very well), anything else `400`; an optional
    `comment` (up to 1,000 characters). Only you read it: your partner and the administrators
    are not told. An ended mentorship: `409` with code `not_open`."""
    user = request.auth
    mentorship = get_mentorship(user, mentorship_id)
    checkin: CheckIn = checkin_record(
        mentorship=mentorship, user=user, score=data.score, comment=data.comment
    )
    return Status(
        201,
        {
            "id": checkin.public_id,
            "score": checkin.score,
            "comment": checkin.comment,
            "created_at": checkin.created_at,
            "rematch_offered": rematch_offered(checkin, mentorship),
        },
    )
