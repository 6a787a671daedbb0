"""Shared fixtures: the five personas of one organization, and an outsider from another."""

import shutil
import tempfile
from types import SimpleNamespace

import pytest
from django.test import Client

from tests.factories import (
    PASSWORD,
    make_member,
    make_org,
    make_participant,
    make_program,
    make_user,
)


@pytest.fixture(autouse=True)
def _media_root(settings):
    path = tempfile.mkdtemp(prefix="mw-media-")
    settings.MEDIA_ROOT = path
    yield
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def world(db):
    """One organization with an administrator, two mentors, two mentees and a self-service
    program; and a second organization with its own administrator, program and participant."""
    admin = make_user(name="Ada Admin", email="admin@guild.example")
    org = make_org(name="Animation Guild", admin=admin, join_code="GUILD-2026")
    program = make_program(org, actor=admin, name="Story Mentoring")
    mentor1 = make_participant(
        program,
        role="mentor",
        user=make_member(org, make_user(name="Maya Mentor", email="maya@guild.example")),
        capacity=2,
        profile={
            "headline": "Storyboard supervisor",
            "bio": "Twenty years of story work.",
            "expertise": ["Storyboarding", "Pitching"],
            "languages": ["English", "Spanish"],
            "industry": "Animation",
            "time_zone": "America/Los_Angeles",
            "location": "Burbank",
        },
    )
    mentor2 = make_participant(
        program,
        role="mentor",
        user=make_member(org, make_user(name="Omar Mentor", email="omar@guild.example")),
        capacity=1,
        profile={
            "headline": "Rigging lead",
            "bio": "Character rigging for features.",
            "expertise": ["Rigging", "Python"],
            "languages": ["English", "French"],
            "industry": "Visual effects",
            "time_zone": "Europe/Paris",
            "location": "Paris",
        },
    )
    mentee1 = make_participant(
        program,
        role="mentee",
        user=make_member(org, make_user(name="Lee Mentee", email="lee@guild.example")),
        profile={
            "headline": "Junior story artist",
            "goals": "Build a portfolio",
            "interests": ["Storyboarding"],
            "languages": ["English"],
        },
    )
    mentee2 = make_participant(
        program,
        role="mentee",
        user=make_member(org, make_user(name="Ana Mentee", email="ana@guild.example")),
        profile={
            "headline": "Animation student",
            "interests": ["Rigging"],
            "languages": ["Spanish"],
        },
    )
    other_admin = make_user(name="Olga Other", email="olga@other.example")
    other_org = make_org(name="Other Studio", admin=other_admin, join_code="OTHER-2026")
    other_program = make_program(other_org, actor=other_admin, name="Other Program")
    outsider = make_participant(
        other_program,
        role="mentee",
        user=make_member(other_org, make_user(name="Otto Outsider", email="otto@other.example")),
    )
    return SimpleNamespace(
        org=org,
        program=program,
        admin=admin,
        mentor1=mentor1,
        mentor2=mentor2,
        mentee1=mentee1,
        mentee2=mentee2,
        other_org=other_org,
        other_program=other_program,
        other_admin=other_admin,
        outsider=outsider,
        password=PASSWORD,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_user():
    return client_for


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """`with delivered(): ...` runs what was deferred to after commit (e-mail delivery from the
    outbox) when the block ends, as a real request's commit would."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


from tests.browser import browser  # noqa: E402, F401  (the real-browser fixture)
