"""Schemathesis against the OpenAPI document: for every operation, a bounded number of generated
requests (valid ones, with real identifiers of a seeded organization half of the time), as a
signed-in mentor and as an administrator, on the test database. No answer may be a server error
or differ from what the document promises (status code, content type, headers, body schema).

`SCHEMATHESIS_EXAMPLES` sets the examples per operation (default 10, about a minute for both
roles); raise it for a longer hunt: `SCHEMATHESIS_EXAMPLES=100 pytest tests/test_api_schemathesis.py`."""

import os
from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mentorwise.accounts.services import TokenVia, api_token_create
from mentorwise.goals.services import goal_create
from mentorwise.matching.models import MatchRun, Proposal
from mentorwise.meetings.services import meeting_plan
from mentorwise.mentorships.services.requests import request_create
from tests.factories import make_mentorship

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Revoking the token in use would leave the rest of the run signed out.
SKIPPED = {("DELETE", "/api/v1/auth/token")}
# Operations that end what the others work on (the mentorship, the run, the request) go last,
# so that the others meet it open.
ENDINGS = ("/end", "/decline", "/withdraw", "/discard", "/publish", "/finish")


def _order(operation) -> tuple[bool, str]:
    ends = operation.method.upper() == "DELETE" or operation.path.endswith(ENDINGS)
    return (ends, operation.path)


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, called in this process as the test client calls it: the start
    and end of a request must not close the database connection that holds the test's
    transaction (on PostgreSQL they would)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def seeded(world):
    """The world's organization with one of everything the API's paths name."""
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    pending = request_create(user=world.mentee2.user, to=world.mentor2, message="Hello")
    goal = goal_create(
        mentorship=mentorship,
        user=world.mentor1.user,
        title="Portfolio",
        measure="Three boards",
        due_on=timezone.localdate() + timedelta(days=30),
    )
    meeting = meeting_plan(
        mentorship=mentorship,
        user=world.mentor1.user,
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=45,
    )
    run = MatchRun.objects.create(
        program=world.program,
        status="done",
        created_by=world.admin,
        totals={"mentees": 1, "matched": 1, "mean_score": 0.6, "seconds": 0.1},
    )
    proposal = Proposal.objects.create(
        run=run, mentee=world.mentee2, mentor=world.mentor2, score=0.6, reasons=["Spanish."]
    )
    ids = {
        "program_id": world.program.public_id,
        "participant_id": world.mentee1.public_id,
        "request_id": pending.public_id,
        "mentorship_id": mentorship.public_id,
        "run_id": run.public_id,
        "proposal_id": proposal.public_id,
        "goal_id": goal.public_id,
        "meeting_id": meeting.public_id,
        "round_id": "nosuchround",
    }
    return world, ids


def _run(app, token: str, ids: dict) -> list[str]:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {token}"}
    failures = []
    operations = sorted((r.ok() for r in schema.get_all_operations()), key=_order)
    for operation in operations:
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        names = [p.name for p in operation.path_parameters]
        known = {n: ids[n] for n in names if n in ids}
        strategy = operation.as_strategy()
        if known:
            strategy = st.one_of(operation.as_strategy(path_parameters=known), strategy)

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def check(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            check()
        except Exception as error:  # every operation is tried; the report names each failure
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    return failures


def test_the_api_keeps_its_document_for_a_mentor(seeded, wsgi_app):
    world, ids = seeded
    _, token = api_token_create(user=world.mentor1.user, via=TokenVia.API)
    failures = _run(wsgi_app, token, ids)
    assert not failures, "\n\n".join(failures)


def test_the_api_keeps_its_document_for_an_administrator(seeded, wsgi_app):
    world, ids = seeded
    _, token = api_token_create(user=world.admin, via=TokenVia.API)
    failures = _run(wsgi_app, token, ids)
    assert not failures, "\n\n".join(failures)


def test_file_answers_are_in_the_document(client):
    """Found by the run above: the calendar file's 200 was undocumented, and the export's 200
    appeared twice in the document (once empty) under two keys that print alike."""
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    ics = paths["/api/v1/meetings/{meeting_id}/ics"]["get"]["responses"]
    assert "text/calendar" in ics["200"]["content"]
    raw = client.get("/api/v1/openapi.json").content.decode()
    export = raw.split('"/api/v1/mentorships/{mentorship_id}/export"', 1)[1].split('"/api/', 1)[0]
    assert export.count('"200"') == 1 and "application/pdf" in export
