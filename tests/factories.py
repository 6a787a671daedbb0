"""Small `make_*` helpers that build test data through the same services users go through."""

import itertools

from mentorwise.accounts.models import User
from mentorwise.organizations.models import Membership, Organization
from mentorwise.organizations.services import organization_create
from mentorwise.profiles.models import Participant
from mentorwise.profiles.services import participant_join, profile_update
from mentorwise.programs.models import Program
from mentorwise.programs.services import program_create

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_user(
    *, name: str | None = None, email: str | None = None, password: str = PASSWORD
) -> User:
    n = next(_seq)
    return User.objects.create_user(
        email=email or f"person{n}@example.org", password=password, name=name or f"Person {n}"
    )


def make_org(
    *, name: str = "Animation Guild", admin: User | None = None, join_code=None
) -> Organization:
    return organization_create(name=name, admin=admin, join_code=join_code)


def make_member(
    org: Organization, user: User | None = None, *, role=Membership.Role.MEMBER
) -> User:
    user = user or make_user()
    Membership.objects.create(organization=org, user=user, role=role)
    return user


def make_program(
    org: Organization, *, actor=None, name: str = "One-on-one mentoring", **policies
) -> Program:
    return program_create(organization=org, actor=actor, name=name, **policies)


def make_participant(
    program: Program,
    *,
    role: str,
    user: User | None = None,
    capacity=None,
    answers=None,
    profile: dict | None = None,
) -> Participant:
    if user is None:
        user = make_member(program.organization)
    elif not Membership.objects.filter(organization=program.organization, user=user).exists():
        make_member(program.organization, user)
    participant = participant_join(
        user=user, program=program, role=role, answers=answers or {}, capacity=capacity
    )
    if profile:
        profile_update(user=user, **profile)
    return participant


def make_mentorship(*, mentor: Participant, mentee: Participant, status: str = "active"):
    """Creates a mentorship row directly (the request workflow that creates them comes later)."""
    import datetime

    from mentorwise.mentorships.models import Mentorship

    today = datetime.date.today()
    return Mentorship.objects.create(
        program=mentor.program,
        mentor=mentor,
        mentee=mentee,
        status=status,
        started_on=today,
        planned_end_on=today + datetime.timedelta(days=180),
    )
