"""Programs: list, detail with policies, joining, and searching mentors and mentees."""

from typing import Literal

from django.db.models import Prefetch
from django.utils.text import slugify
from ninja import Query, Router, Schema, Status
from pydantic import Field

from mentorwise.api.endpoints.participants import participant_payload
from mentorwise.api.pagination import PageParams, paginate
from mentorwise.api.schemas import (
    Error,
    JoinIn,
    ParticipantOut,
    ProgramDetailOut,
    ProgramPage,
    SearchPage,
)
from mentorwise.api.serialize import participant_public, program_detail, program_summary
from mentorwise.directory.search import search_participants
from mentorwise.profiles.access import check_can_search
from mentorwise.profiles.models import Participant, Profile, Tag
from mentorwise.profiles.search import SORT_KEYS, SORTS, SearchParams
from mentorwise.profiles.services import participant_join
from mentorwise.programs.models import Role
from mentorwise.programs.permissions import get_program_or_404, programs_visible_to

router = Router(tags=["programs"])

ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}


@router.get("", response={200: ProgramPage, **ERRORS}, summary="Programs you can see")
def program_list(request, paging: Query[PageParams]):
    """Programs of your organizations (drafts only for their administrators), by name."""
    user = request.auth
    programs = programs_visible_to(user).select_related("organization").order_by("name", "pk")
    roles: dict[int, list[str]] = {}
    for program_id, role in Participant.objects.filter(user=user).values_list("program_id", "role"):
        roles.setdefault(program_id, []).append(role)
    return paginate(programs, paging, lambda p: program_summary(p, roles.get(p.pk, [])))


@router.get("/{program_id}", response={200: ProgramDetailOut, **ERRORS}, summary="A program")
def program_get(request, program_id: str):
    """A program with every policy (also grouped under `policies`), its application form and
    its 15 Questions (the questions; answers are on participants)."""
    program = get_program_or_404(request.auth, program_id)
    mine = list(
        Participant.objects.filter(user=request.auth, program=program).select_related("program")
    )
    return program_detail(program, mine)


@router.post(
    "/{program_id}/participants",
    response={201: ParticipantOut, **ERRORS},
    exclude_unset=True,
    summary="Join a program",
)
def program_join(request, program_id: str, data: JoinIn):
    """Join as a mentor or a mentee, answering the program's application form (answers keyed
    by question id). Mentors may give a capacity (1-50); the program's default otherwise."""
    program = get_program_or_404(request.auth, program_id)
    participant = participant_join(
        user=request.auth,
        program=program,
        role=data.role,
        answers=data.answers,
        capacity=data.capacity,
    )
    participant = Participant.objects.select_related(
        "user", "user__profile", "program", "program__organization"
    ).get(pk=participant.pk)
    return Status(201, participant_payload(request.auth, participant))


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="Words to look for (name, headline, bio…)")
    expertise: str = Field("", max_length=60, description="An expertise or interest (slug or name)")
    language: str = Field("", max_length=60, description="A language (slug or name)")
    industry: str = Field("", max_length=80)
    timezone: str = Field("", max_length=64, description="An IANA time zone, e.g. Europe/Paris")
    location: str = Field("", max_length=100, description="Part of the location")
    remote: bool | None = Field(None, description="true: remote (or either); false: in person")
    work_mode: Literal["", "remote", "in_person", "either"] = Field(
        "", description="Meeting preference; empty for any"
    )
    available: bool = Field(False, description="Mentors only: only those with room left")
    sort: Literal[SORT_KEYS] = Field(  # type: ignore[valid-type]
        "relevance", description="; ".join(f"{key}: {label}" for key, label in SORTS.items())
    )


def _search(request, program_id: str, role: str, filters: SearchQuery, paging: PageParams):
    program = get_program_or_404(request.auth, program_id)
    check_can_search(request.auth, program, role)
    work_mode = filters.work_mode
    if filters.remote is not None:
        work_mode = Profile.WorkMode.REMOTE if filters.remote else Profile.WorkMode.IN_PERSON
    params = SearchParams(
        q=filters.q,
        expertise=slugify(filters.expertise)[:60],
        language=slugify(filters.language)[:60],
        industry=filters.industry.strip(),
        time_zone=filters.timezone.strip(),
        location=filters.location.strip(),
        work_mode=work_mode,
        has_room=filters.available,
        sort=filters.sort,
    )
    results = search_participants(program=program, role=role, params=params).prefetch_related(
        Prefetch("user__profile__interests", queryset=Tag.objects.order_by("name"))
    )
    return paginate(results, paging, lambda p: participant_public(p, program=program))


@router.get(
    "/{program_id}/mentors",
    response={200: SearchPage, **ERRORS},
    exclude_unset=True,
    summary="Search mentors",
)
def mentor_search(request, program_id: str, filters: Query[SearchQuery], paging: Query[PageParams]):
    """The program's accepted mentors, each with `capacity` and `remaining_capacity`. Open to
    the program's accepted participants and the organization's administrators."""
    return _search(request, program_id, Role.MENTOR, filters, paging)


@router.get(
    "/{program_id}/mentees",
    response={200: SearchPage, **ERRORS},
    exclude_unset=True,
    summary="Search mentees",
)
def mentee_search(request, program_id: str, filters: Query[SearchQuery], paging: Query[PageParams]):
    """The program's accepted mentees: for its accepted mentors when the program lets mentors
    invite, and for administrators. Mentees get 403."""
    return _search(request, program_id, Role.MENTEE, filters, paging)
