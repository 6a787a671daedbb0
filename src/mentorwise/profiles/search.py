"""Searching a program's mentors (or mentees): full text, filters, sorting.

A constant number of queries whatever the size: one page query with everything annotated,
one count, and one prefetch per tag list. The filters' values (`facet_options`) come from the
cache, recomputed after a change to the program's participants or their profiles. On PostgreSQL the text search matches the stored,
GIN-indexed `search_vector` (to_tsvector('simple', search_document), refreshed by
`profiles.services`); elsewhere it falls back to substring matching on `search_document`.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q

from mentorwise.core.cache import bump_version_on_commit, current_version
from mentorwise.profiles.models import Participant, Profile, Tag
from mentorwise.programs.models import Program

SORTS = {
    "relevance": "Best match",
    "name": "Name",
    "room": "Most room",
    "active": "Recently active",
    "newest": "Newest",
}
SORT_KEYS = tuple(SORTS)  # the API's `sort` is one of these (an enum in its OpenAPI document)

WORD = re.compile(r"[\w]+", re.UNICODE)


@dataclass
class SearchParams:
    q: str = ""
    expertise: str = ""
    language: str = ""
    industry: str = ""
    time_zone: str = ""
    location: str = ""
    work_mode: str = ""
    has_room: bool = False
    sort: str = "relevance"

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.q.lower())[:10]

    @property
    def is_filtered(self) -> bool:
        return any(
            [
                self.q.strip(),
                self.expertise,
                self.language,
                self.industry,
                self.time_zone,
                self.location,
                self.work_mode,
                self.has_room,
            ]
        )


def filter_participants(*, program: Program, role: str, params: SearchParams):
    """The program's accepted participants of `role` that match the words and filters of
    `params` (everything a profile says), with `ranked` telling whether a `rank` was annotated.
    Room to take someone is the mentorships' business: see `directory.search`."""
    qs = (
        Participant.objects.filter(program=program, role=role, status=Participant.Status.ACCEPTED)
        .select_related("user", "user__profile")
        # what only the text search reads (long: every word of the profile, twice)
        .defer("user__profile__search_document", "user__profile__search_vector")
        .prefetch_related(
            Prefetch("user__profile__expertise", queryset=Tag.objects.order_by("name")),
            Prefetch("user__profile__languages", queryset=Tag.objects.order_by("name")),
        )
    )
    words = params.words
    ranked = False
    if words:
        if connection.vendor == "postgresql":
            query = SearchQuery(
                " & ".join(f"{w}:*" for w in words), search_type="raw", config="simple"
            )
            qs = qs.filter(user__profile__search_vector=query).annotate(
                rank=SearchRank(F("user__profile__search_vector"), query)
            )
            ranked = True
        else:
            for w in words:
                qs = qs.filter(user__profile__search_document__contains=w)
    if params.expertise:  # subqueries, not joins: no duplicate rows, so no DISTINCT to sort
        user = OuterRef("user_id")  # correlated on the participant's row: the count joins nothing
        qs = qs.filter(
            Exists(
                Profile.expertise.through.objects.filter(
                    profile__user_id=user, tag__slug=params.expertise
                )
            )
            | Exists(
                Profile.interests.through.objects.filter(
                    profile__user_id=user, tag__slug=params.expertise
                )
            )
        )
    if params.language:
        qs = qs.filter(
            Exists(
                Profile.languages.through.objects.filter(
                    profile__user_id=OuterRef("user_id"), tag__slug=params.language
                )
            )
        )
    if params.industry:
        qs = qs.filter(user__profile__industry__iexact=params.industry)
    if params.time_zone:
        qs = qs.filter(user__profile__time_zone=params.time_zone)
    if params.location:
        qs = qs.filter(user__profile__location__icontains=params.location[:100])
    if params.work_mode in Profile.WorkMode.values:
        modes = [params.work_mode]
        if params.work_mode != Profile.WorkMode.EITHER:
            modes.append(Profile.WorkMode.EITHER)
        qs = qs.filter(user__profile__work_mode__in=modes)
    return qs, ranked


def order_participants(qs, *, sort: str, ranked: bool):
    """Orders a search by `sort` (one of SORTS; unknown values fall back to best match), with
    the name and id as tie-breakers so that pages never overlap."""
    sort = sort if sort in SORTS else "relevance"
    if sort == "relevance" and ranked:
        qs = qs.order_by("-rank", "sort_name", "pk")
    elif sort == "room" and "remaining_capacity" in qs.query.annotations:
        qs = qs.order_by("-remaining_capacity", "sort_name", "pk")
    elif sort == "active":
        qs = qs.order_by(F("user__last_active_at").desc(nulls_last=True), "pk")
    elif sort == "newest":
        qs = qs.order_by("-created_at", "pk")
    else:
        qs = qs.order_by("sort_name", "pk")
    return qs


FACETS = "search-facets"
FACETS_TTL = 10 * 60  # seconds; bounds what a process that missed a change can show
FACET_PROFILE_FIELDS = {"expertise", "interests", "languages", "industry", "time_zone"}


def facets_changed(program_public_ids) -> None:
    """Call from a service that changes who is accepted in these programs, or what their
    profiles offer the filters: their facets are recomputed after the transaction commits.
    (Keyed by public id, which is never reused, unlike a deleted row's id on SQLite.)"""
    bump_version_on_commit(FACETS, program_public_ids)


def facet_options(*, program: Program, role: str) -> dict[str, list]:
    """The values the filters offer: those present among the program's participants. Cached per
    program and role until a change to them (`facets_changed`)."""
    version = current_version(FACETS, program.public_id)  # before reading: see core.cache
    key = f"{FACETS}:{program.public_id}:{role}:{version}"
    facets = cache.get(key)
    if facets is None:
        facets = compute_facet_options(program=program, role=role)
        cache.set(key, facets, FACETS_TTL)
    return facets


def compute_facet_options(*, program: Program, role: str) -> dict[str, list]:
    """`facet_options` without the cache: three queries over the program's profiles."""
    people = Profile.objects.filter(
        user__participations__program=program,
        user__participations__role=role,
        user__participations__status=Participant.Status.ACCEPTED,
    )
    through = {
        name: getattr(Profile, name).through.objects.filter(profile__in=people).values("tag_id")
        for name in ("expertise", "interests", "languages")
    }
    topics = Tag.objects.filter(
        Q(pk__in=through["expertise"]) | Q(pk__in=through["interests"]), kind=Tag.Kind.TOPIC
    ).order_by("name")
    languages = Tag.objects.filter(kind=Tag.Kind.LANGUAGE, pk__in=through["languages"]).order_by(
        "name"
    )
    values = people.values_list("industry", "time_zone").distinct()
    industries = sorted({i for i, _ in values if i})
    zones = sorted({z for _, z in values if z})
    return {
        "topics": list(topics.values_list("slug", "name")),
        "languages": list(languages.values_list("slug", "name")),
        "industries": industries,
        "time_zones": zones,
    }
