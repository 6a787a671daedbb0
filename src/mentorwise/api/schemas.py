"""Request and response shapes of the API (they become the OpenAPI document)."""

import types
import typing
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from mentorwise.profiles.limits import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    YEARS_EXPERIENCE_MAX,
    YEARS_EXPERIENCE_MIN,
)

# ---------------------------------------------------------------- inputs

SURROGATES = range(0xD800, 0xE000)


def has_lone_surrogate(value) -> bool:
    """True when a text, or any text inside a list or a map (keys too), holds a lone UTF-16
    surrogate (a JSON "\\ud800" escape without its pair). Such text cannot be encoded as UTF-8,
    so no database can store it."""
    if isinstance(value, str):
        return not value.isascii() and any(ord(c) in SURROGATES for c in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_lone_surrogate(v) for v in value)
    return False


def _plain_types(annotation) -> set:
    """The types a field's annotation admits at its top level (Optional and unions unfolded)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_plain_types(arg) for arg in typing.get_args(annotation)))
    return {annotation}


def refuses_booleans(annotation) -> bool:
    """A number field that does not also take booleans: Pydantic would read true as 1."""
    admitted = _plain_types(annotation)
    return bool(admitted & {int, float, Decimal}) and bool not in admitted


class Input(Schema):
    """Unknown fields are an error: a typo should not be silently ignored.

    A number field refuses true and false (Pydantic would read them as 1 and 0).

    Every field of every input, at any depth, refuses text that is not valid Unicode (lone
    surrogates), with the same message whether it is a string, a list or a map."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_booleans_as_numbers(cls, value, info):
        if isinstance(value, bool) and refuses_booleans(
            cls.model_fields[info.field_name].annotation
        ):
            raise PydanticCustomError("int_type", _("Give a number, not true or false."))
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_lone_surrogates(cls, value):
        if has_lone_surrogate(value):
            raise PydanticCustomError(
                "invalid_characters",
                _(
                    "This text holds characters that are not valid Unicode (a lone surrogate "
                    "such as \\ud800). Send it as UTF-8 text."
                ),
            )
        return value


class SignupIn(Input):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    name: str = Field(max_length=150)
    join_code: str = Field(max_length=64)


class TokenIn(Input):
    email: str = Field(max_length=254)
    password: str = Field(max_length=128)
    label: str = Field("", max_length=100)
    code: str | None = Field(
        None,
        max_length=64,
        description="For accounts with two-factor authentication: the current code of the "
        "authenticator app, or an unused recovery code.",
    )


AnswerValue = str | int | float | list[str] | None


class JoinIn(Input):
    role: Literal["mentor", "mentee"]
    answers: dict[str, AnswerValue] = Field(default_factory=dict, max_length=200)
    capacity: int | None = Field(
        None,
        ge=CAPACITY_MIN,
        le=CAPACITY_MAX,
        description="Mentors only: mentees at a time (the program's default when left out). "
        "A mentee who sends one is refused.",
    )


class ParticipantPatch(Input):
    name: str | None = Field(None, max_length=150)
    pronouns: str | None = Field(None, max_length=40)
    headline: str | None = Field(None, max_length=150)
    bio: str | None = Field(None, max_length=5000)
    goals: str | None = Field(None, max_length=3000)
    industry: str | None = Field(None, max_length=80)
    department: str | None = Field(None, max_length=80)
    reports_to: str | None = Field(None, max_length=120)
    years_experience: int | None = Field(None, ge=YEARS_EXPERIENCE_MIN, le=YEARS_EXPERIENCE_MAX)
    location: str | None = Field(None, max_length=100)
    time_zone: str | None = Field(None, max_length=64)
    work_mode: Literal["remote", "in_person", "either"] | None = None
    availability: str | None = Field(None, max_length=300)
    expertise: list[str] | None = Field(None, max_length=20)
    interests: list[str] | None = Field(None, max_length=20)
    languages: list[str] | None = Field(None, max_length=20)
    capacity: int | None = Field(
        None,
        ge=CAPACITY_MIN,
        le=CAPACITY_MAX,
        description="Mentors only: mentees at a time. A mentee who sends one is refused.",
    )
    paused: bool | None = Field(
        None,
        description="Mentors only: true to stop taking new mentees for now, false to take them "
        "again. A mentee who sends one is refused (400).",
    )
    paused_until: date | None = Field(
        None,
        description="Mentors only: the return date of the pause (after today; the pause ends "
        "by itself that day); null or absent for no date. Sent alone, it pauses until then.",
    )
    answers: dict[str, AnswerValue] | None = Field(None, max_length=200)
    fifteen_questions: dict[str, str | None] | None = Field(
        None,
        max_length=30,
        description='Your own answers to the 15 Questions, keyed by question position ("1"…).',
    )


# ---------------------------------------------------------------- outputs


class Error(Schema):
    detail: str
    code: str
    errors: dict[str, list[str]] | None = None


class TokenOut(Schema):
    token: str
    prefix: str
    created_at: datetime


class UserOut(Schema):
    id: str
    email: str
    name: str
    date_joined: datetime
    last_active_at: datetime | None


class OrganizationRef(Schema):
    id: str
    name: str
    role: str


class ProgramRef(Schema):
    id: str
    name: str
    organization_id: str
    status: str


class ParticipantRef(Schema):
    id: str
    program_id: str
    role: str
    status: str
    capacity: int
    created_at: datetime


class MeOut(UserOut):
    organizations: list[OrganizationRef]
    programs: list[ProgramRef]
    participants: list[ParticipantRef]


class Policies(Schema):
    format: str
    matching_mode: str
    status: str
    application_opens_on: date | None
    application_closes_on: date | None
    starts_on: date | None
    ends_on: date | None
    requires_approval: bool
    mentors_can_invite: bool
    mentors_outside_reporting_line: bool
    partnership_months: int
    max_mentors_per_mentee: int
    default_mentor_capacity: int
    group_size: int
    request_reminder_days: int
    request_expiry_days: int
    open_request_cap: int
    profile_release_days: int
    auto_close_months: int
    expected_hours_per_month: float
    goals_due_days: int
    match_importance: dict[str, int]  # how much each matching criterion counts, 0 to 10


class OrganizationBrief(Schema):
    id: str
    name: str


class ProgramOut(Schema):
    id: str
    name: str
    summary: str
    organization: OrganizationBrief
    format: str
    matching_mode: str
    status: str
    accepts_applications: bool
    starts_on: date | None
    ends_on: date | None
    my_roles: list[str]
    created_at: datetime


class QuestionOut(Schema):
    id: str
    label: str
    help_text: str
    kind: str
    audience: str
    choices: list[str]
    required: bool


class FifteenQuestionOut(Schema):
    position: int
    text: str


class ProgramDetailOut(ProgramOut, Policies):
    what_it_is: str
    what_it_is_not: str
    application_opens_on: date | None
    application_closes_on: date | None
    policies: Policies
    questions: list[QuestionOut]
    fifteen_questions: list[FifteenQuestionOut]
    my_participants: list[ParticipantRef]
    updated_at: datetime


class ProgramPage(Schema):
    items: list[ProgramOut]
    count: int
    page: int
    pages: int


class PersonOut(Schema):
    id: str
    name: str
    pronouns: str
    headline: str
    photo_url: str | None
    last_active_at: datetime | None


class SearchItem(Schema):
    id: str
    program_id: str
    role: str
    status: str
    created_at: datetime
    user: PersonOut
    bio: str
    goals: str
    expertise: list[str]
    interests: list[str]
    languages: list[str]
    industry: str
    location: str
    time_zone: str
    work_mode: str
    availability: str
    open_mentorships: int
    capacity: int | None = None
    remaining_capacity: int | None = None


class SearchPage(Schema):
    items: list[SearchItem]
    count: int
    page: int
    pages: int


class FifteenAnswerOut(Schema):
    position: int
    question: str
    answer: str


class ParticipantOut(Schema):
    id: str
    program_id: str
    program_name: str
    role: str
    status: str
    created_at: datetime
    is_me: bool
    user: PersonOut
    bio: str
    goals: str
    expertise: list[str]
    interests: list[str]
    languages: list[str]
    industry: str
    location: str
    time_zone: str
    work_mode: str
    availability: str
    years_experience: int | None
    capacity: int | None = None
    remaining_capacity: int | None = None
    paused: bool | None = Field(
        None,
        description="Mentors only: true while they take no new mentees (hidden from search, "
        "requests refused).",
    )
    paused_until: date | None = Field(
        None,
        description="Mentors only: the return date of a pause in effect (the pause ends by "
        "itself that day); null for a pause without a date, or no pause.",
    )
    department: str | None = Field(None, description="Only for the participant and admins.")
    reports_to: str | None = Field(None, description="Only for the participant and admins.")
    answers: dict | None = Field(
        None, description="Application answers: only for the participant and admins."
    )
    fifteen_questions: list[FifteenAnswerOut] | None = Field(
        None,
        description="Present only for the author and for partners in an established mentorship "
        "(active or paused). Absent, not null, for everyone else, administrators included.",
    )
