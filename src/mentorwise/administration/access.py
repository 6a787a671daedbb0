"""Fetching objects for the administration area.

Every object is looked up among the organizations the viewer belongs to (and is not blocked
in): anything else is a 404, so an administrator of another organization never learns that it
exists. A member of the right organization who is not one of its administrators gets a 403.
Anonymous visitors never get here: the views are wrapped in `login_required`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy

from mentorwise.conversations.models import RematchRequest
from mentorwise.matching.models import MatchRun, Proposal, SelectionRound
from mentorwise.mentorships.access import get_mentorship_for_admin
from mentorwise.mentorships.models import Concern, Mentorship
from mentorwise.organizations.models import Membership, Organization
from mentorwise.organizations.permissions import fetch_for_admin, member_roles
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import ApplicationQuestion, Program

NOT_ADMIN = gettext_lazy("Only the organization's program administrators can use this page.")


def _fetch(user, queryset, org_lookup: str, org_of, **lookup):
    return fetch_for_admin(user, queryset, org_lookup, org_of, NOT_ADMIN, **lookup)


def get_organization(user, public_id: str) -> Organization:
    return _fetch(user, Organization.objects.all(), "pk", lambda o: o.pk, public_id=public_id)


def get_program(user, public_id: str) -> Program:
    return _fetch(
        user,
        Program.objects.select_related("organization"),
        "organization",
        lambda p: p.organization_id,
        public_id=public_id,
    )


def get_question(user, public_id: str) -> ApplicationQuestion:
    return _fetch(
        user,
        ApplicationQuestion.objects.select_related("program__organization"),
        "program__organization",
        lambda q: q.program.organization_id,
        public_id=public_id,
    )


def get_participant(user, public_id: str) -> Participant:
    return _fetch(
        user,
        Participant.objects.select_related("user", "program__organization"),
        "program__organization",
        lambda p: p.program.organization_id,
        public_id=public_id,
    )


def administered_organization_ids(user) -> list[int]:
    """The ids of the organizations `user` administers; 403 when there are none."""
    ids = [org for org, role in member_roles(user).items() if role == Membership.Role.ADMIN]
    if not ids:
        raise PermissionDenied(NOT_ADMIN)
    return ids


def get_mentorship(user, public_id: str) -> Mentorship:
    """A mentorship's metadata, through the privacy gate's fetch for administrators."""
    return get_mentorship_for_admin(user, public_id)


def get_concern(user, public_id: str) -> Concern:
    return _fetch(
        user,
        Concern.objects.select_related("program__organization", "subject__user"),
        "program__organization",
        lambda c: c.program.organization_id,
        public_id=public_id,
    )


def get_rematch(user, public_id: str) -> RematchRequest:
    """A mentee's request for a new match (its date and who handled it; never why)."""
    return _fetch(
        user,
        RematchRequest.objects.select_related("mentorship__program__organization", "mentee"),
        "mentorship__program__organization",
        lambda r: r.mentorship.program.organization_id,
        public_id=public_id,
    )


def get_run(user, public_id: str) -> MatchRun:
    return _fetch(
        user,
        MatchRun.objects.select_related("program__organization", "round", "created_by"),
        "program__organization",
        lambda r: r.program.organization_id,
        public_id=public_id,
    )


def get_proposal(user, public_id: str) -> Proposal:
    return _fetch(
        user,
        Proposal.objects.select_related(
            "run__program__organization", "mentee__user", "mentor__user"
        ),
        "run__program__organization",
        lambda p: p.run.program.organization_id,
        public_id=public_id,
    )


def get_round(user, public_id: str) -> SelectionRound:
    return _fetch(
        user,
        SelectionRound.objects.select_related("program__organization", "created_by"),
        "program__organization",
        lambda r: r.program.organization_id,
        public_id=public_id,
    )
