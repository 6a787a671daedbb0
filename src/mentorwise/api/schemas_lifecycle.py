"""Request and response shapes of the lifecycle endpoints: requests, mentorships, concerns and
notifications (they become part of the OpenAPI document)."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field, StringConstraints

from mentorwise.api.schemas import Input

RequestStatus = Literal["pending", "accepted", "declined", "withdrawn", "expired"]
MentorshipStatus = Literal["active", "paused", "completed", "ended_early", "closed"]
Mode = Literal["immediate", "digest", "off"]

# ---------------------------------------------------------------- inputs


class RequestIn(Input):
    to: str = Field(
        max_length=64,
        description="The participant id of the person you ask: a mentor (you are their mentee) "
        "or, where the program lets mentors invite, a mentee.",
    )
    message: str = Field("", max_length=2000, description="A note for them (optional).")


class RequestFilters(Schema):
    box: Literal["incoming", "outgoing"] | None = Field(
        None, description="incoming: sent to you; outgoing: sent by you; both when absent."
    )
    status: RequestStatus | None = None


class DeclineIn(Input):
    reason: str = Field(
        "", max_length=2000, description="Optional; seen only by the person who asked."
    )


class MentorshipFilters(Schema):
    status: MentorshipStatus | Literal["open", "ended"] | None = Field(
        None, description="One status, or `open` (active or paused) or `ended` (any end)."
    )


class EndIn(Input):
    outcome: Literal["completed", "ended_early"]
    reason: str = Field(
        "", max_length=2000, description='Required when the outcome is "ended_early".'
    )
    feedback: str = Field(
        "",
        max_length=5000,
        description="Private feedback for the program's administrators (your partner does not "
        "see it).",
    )
    confirm: bool = Field(False, strict=True, description="Must be true: ending is final.")


class ExtendIn(Input):
    until: date = Field(
        description="The new planned end date: after the current one and no later than "
        "`latest_end_on`."
    )


class ConcernIn(Input):
    text: str = Field(max_length=5000, description="What happened.")
    mentorship: str | None = Field(
        None, max_length=64, description="Optionally, the id of your mentorship with them."
    )


class NotificationFilters(Schema):
    unread: bool | None = Field(None, description="true: only unread; false: only read.")


class ReadIn(Input):
    ids: list[Annotated[str, StringConstraints(max_length=64)]] | None = Field(
        None,
        max_length=500,
        description="Notification ids to mark read; absent (an empty body `{}`) marks all.",
    )


class PreferencesIn(Input):
    requests: Mode | None = None
    mentorships: Mode | None = None
    reminders: Mode | None = None
    program: Mode | None = None
    security: Literal["immediate"] | None = Field(
        None, description="Security e-mails are always sent at once; only `immediate` is valid."
    )


# ---------------------------------------------------------------- outputs


class ProgramBrief(Schema):
    id: str
    name: str


class PartyRef(Schema):
    id: str = Field(description="The participant id (use it with /participants/{id}).")
    name: str
    role: Literal["mentor", "mentee"]


class RequestOut(Schema):
    id: str
    status: RequestStatus
    direction: Literal["incoming", "outgoing"] = Field(description="Seen from you.")
    initiated_by: Literal["mentor", "mentee"]
    program: ProgramBrief
    sender: PartyRef
    recipient: PartyRef
    message: str
    decline_reason: str = Field(description="Only the two people ever see a request.")
    closed_reason: str = Field(
        description="Why it closed without an answer: by_sender, mentee_full, paired, expired, blocked "
        "(empty otherwise)."
    )
    created_at: datetime
    responded_at: datetime | None
    reminded_at: datetime | None
    expires_at: datetime | None = Field(description="While pending: when it expires.")
    reminder_available_at: datetime | None = Field(
        description="While pending: when the sender may send the next reminder."
    )
    can_remind: bool
    can_accept: bool
    can_decline: bool
    can_withdraw: bool
    mentorship_id: str | None = Field(description="Once accepted: the mentorship it created.")


class RequestPage(Schema):
    items: list[RequestOut]
    count: int
    page: int
    pages: int


class PartnerOut(Schema):
    id: str = Field(description="The partner's participant id.")
    user_id: str
    name: str
    role: Literal["mentor", "mentee"]
    email: str
    pronouns: str
    headline: str
    location: str
    time_zone: str
    photo_url: str | None


class StageActivity(Schema):
    id: str
    title: str
    kind: Literal["career", "psychosocial"]


class StageOut(Schema):
    key: Literal["rapport", "direction", "progression", "winding_down", "moving_on"]
    name: str
    chosen: bool = Field(description="True when the pair chose it; false when inferred.")
    activities: list[StageActivity]


class MentorshipOut(Schema):
    id: str
    program: ProgramBrief
    status: MentorshipStatus
    status_label: str
    origin: str
    my_role: Literal["mentor", "mentee", "administrator"]
    mentor: PartyRef
    mentee: PartyRef
    partner: PartnerOut | None = Field(
        None, description="Your partner's contact details (members only)."
    )
    started_on: date
    planned_end_on: date
    latest_end_on: date = Field(description="The program closes the mentorship on this day.")
    ended_on: date | None
    outcome: Literal["completed", "ended_early", "closed"] | None
    ended_by: Literal["mentor", "mentee", "administrator", "program"] | None
    end_reason: str
    end_feedback: str | None = Field(
        None,
        description="Private feedback for the administrators: present only for the person who "
        "wrote it and for administrators.",
    )
    paused_reason: str
    request_id: str | None
    created_at: datetime
    # The workspace's figures: in GET /mentorships/{id} for its members, absent from lists.
    stage: StageOut | None = Field(
        None, description="Where the pair stands among the five stages, with activities for it."
    )
    agreement_confirmed: bool | None = Field(
        None, description="True once both members confirmed their agreement."
    )
    hours_this_month: float | None = Field(
        None, description="Hours of meetings held this month, the month read in your zone."
    )
    expected_hours_per_month: float | None = Field(
        None, description="The program's expected hours a month (0: no expectation)."
    )
    checkin_due: bool | None = Field(
        None,
        description='Whether to ask you "How is it going?" now (POST /mentorships/{id}/checkins):'
        " once the pair has logged a meeting as held, then 60 days after your last answer.",
    )


class MentorshipPage(Schema):
    items: list[MentorshipOut]
    count: int
    page: int
    pages: int


class ConcernOut(Schema):
    id: str
    status: str
    program: ProgramBrief
    subject: PartyRef
    mentorship_id: str | None
    text: str
    created_at: datetime


class NotificationOut(Schema):
    id: str
    category: str
    kind: str
    title: str
    body: str
    url: str = Field(description="An absolute link to the page the notice is about.")
    created_at: datetime
    read_at: datetime | None
    is_read: bool


class NotificationPage(Schema):
    items: list[NotificationOut]
    count: int
    page: int
    pages: int
    unread: int = Field(description="Your unread notifications (all of them, not this page).")


class ReadOut(Schema):
    marked: int
    unread: int


class CategoryPreference(Schema):
    category: str
    label: str
    mode: Mode
    can_change: bool


class PreferencesOut(Schema):
    modes: dict[str, Mode] = Field(description="category → immediate, digest or off.")
    categories: list[CategoryPreference]
