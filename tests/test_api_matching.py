"""The matching API: match runs and their proposals, selection rounds and suggestions — happy
paths, who may do what, hostile input, confidentiality and query counts."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mentorwise.matching.models import MatchRun, Proposal, Unpaired
from mentorwise.matching.services import (
    round_advance,
    round_choose,
    round_open,
    round_pick,
    run_create,
)
from mentorwise.mentorships.models import Mentorship
from mentorwise.profiles.services import profile_update
from tests.api_helpers import API, HUGE
from tests.api_helpers import post as _post
from tests.factories import make_member, make_mentorship, make_participant

pytestmark = pytest.mark.django_db


def _done_run(world, delivered, **kwargs):
    with delivered():
        run = run_create(program=world.program, user=world.admin, **kwargs)
    run.refresh_from_db()
    assert run.status == "done"
    return run


def _pair(run, mentee, mentor) -> Proposal:
    return run.proposals.get(mentee=mentee, mentor=mentor)


# ------------------------------------------------------------------------------- match runs


def test_admin_starts_a_run_that_executes_in_the_background(world, as_user, delivered):
    client = as_user(world.admin)
    with delivered():
        response = _post(client, f"/programs/{world.program.public_id}/match-runs")
        assert response.status_code == 202, response.content
        started = response.json()
        assert started["status"] == "queued" and started["progress"] == 0
        assert started["proposals"]["items"] == [] and started["can_publish"] is False
    run = client.get(f"{API}/match-runs/{started['id']}").json()
    assert run["status"] == "done" and run["progress"] == 100
    assert run["progress_note"] == "Ready to review"
    assert run["totals"]["matched"] == 3 and run["totals"]["mentees_matched"] == 2
    assert run["params"] == {"locked": [], "excluded": [], "only_locked": False, "k": 60}
    assert run["can_publish"] is True and run["error"] == ""
    assert run["created_by"] == {"id": world.admin.public_id, "name": "Ada Admin"}
    pairs = {(p["mentee"]["name"], p["mentor"]["name"]) for p in run["proposals"]["items"]}
    assert pairs == {
        ("Lee Mentee", "Maya Mentor"),
        ("Ana Mentee", "Maya Mentor"),
        ("Lee Mentee", "Omar Mentor"),
    }
    first = run["proposals"]["items"][0]
    assert set(first) == {
        "id",
        "mentee",
        "mentor",
        "score",
        "reasons",
        "warnings",
        "source",
        "locked",
    }
    assert 0 < first["score"] <= 1 and first["reasons"] and first["source"] == "engine"
    assert all(isinstance(r, str) for r in first["reasons"])
    assert first["mentee"]["id"] in {world.mentee1.public_id, world.mentee2.public_id}
    scores = [p["score"] for p in run["proposals"]["items"]]
    assert scores == sorted(scores, reverse=True)
    assert run["proposals"]["count"] == 3 and run["unpaired"]["count"] == 0
    listed = client.get(f"{API}/programs/{world.program.public_id}/match-runs").json()
    assert [r["id"] for r in listed["items"]] == [started["id"]]
    assert "proposals" not in listed["items"][0] and "params" not in listed["items"][0]


def test_unpaired_mentees_come_with_reasons(world, as_user, delivered):
    from mentorwise.profiles.services import profile_update

    profile_update(user=world.mentee2.user, languages=["Klingon"])
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    body = client.get(f"{API}/match-runs/{run.public_id}").json()
    assert body["unpaired"]["items"] == [
        {
            "mentee": {"id": world.mentee2.public_id, "name": "Ana Mentee"},
            "code": body["unpaired"]["items"][0]["code"],
            "reason": body["unpaired"]["items"][0]["reason"],
        }
    ]
    assert "language" in body["unpaired"]["items"][0]["reason"].lower()
    alone = client.get(f"{API}/match-runs/{run.public_id}/unpaired").json()
    assert alone["count"] == 1 and alone["items"] == body["unpaired"]["items"]


def test_locked_and_excluded_pairs_are_given_by_public_ids(world, as_user, delivered):
    client = as_user(world.admin)
    body = {
        "locked": [[world.mentee2.public_id, world.mentor1.public_id]],
        "excluded": [[world.mentee1.public_id, world.mentor1.public_id]],
    }
    with delivered():
        response = _post(client, f"/programs/{world.program.public_id}/match-runs", body)
    assert response.status_code == 202, response.content
    run = client.get(f"{API}/match-runs/{response.json()['id']}").json()
    assert run["params"]["locked"] == body["locked"]
    assert run["params"]["excluded"] == body["excluded"]
    pairs = {(p["mentee"]["id"], p["mentor"]["id"]): p for p in run["proposals"]["items"]}
    assert (world.mentee1.public_id, world.mentor1.public_id) not in pairs
    assert pairs[(world.mentee2.public_id, world.mentor1.public_id)]["locked"] is True
    # no internal keys anywhere in what an administrator gets
    text = json.dumps(run)
    assert f"[{world.mentee2.pk}, " not in text


def test_review_lock_unlock_remove_add_swap_and_rerun(world, as_user, delivered):
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    lee_maya = _pair(run, world.mentee1, world.mentor1)
    lee_omar = _pair(run, world.mentee1, world.mentor2)
    ana_maya = _pair(run, world.mentee2, world.mentor1)

    locked = _post(client, f"/proposals/{lee_maya.public_id}/lock")
    assert locked.status_code == 200 and locked.json()["locked"] is True
    unlocked = _post(client, f"/proposals/{lee_maya.public_id}/unlock")
    assert unlocked.json()["locked"] is False
    _post(client, f"/proposals/{lee_maya.public_id}/lock")

    removed = client.delete(f"{API}/proposals/{lee_omar.public_id}")
    assert removed.status_code == 204
    assert not Proposal.objects.filter(pk=lee_omar.pk).exists()

    added = _post(
        client,
        f"/match-runs/{run.public_id}/proposals",
        {"mentee": world.mentee2.public_id, "mentor": world.mentor2.public_id},
    )
    assert added.status_code == 201, added.content
    manual = added.json()
    assert manual["source"] == "manual" and manual["locked"] is True
    assert any("language" in w for w in manual["warnings"])  # Ana: Spanish; Omar: no Spanish
    duplicate = _post(
        client,
        f"/match-runs/{run.public_id}/proposals",
        {"mentee": world.mentee2.public_id, "mentor": world.mentor2.public_id},
    )
    assert duplicate.status_code == 409 and duplicate.json()["code"] == "duplicate"

    # Lee-Maya swapped with Ana-Omar gives Lee-Omar and Ana-Maya; Ana-Maya is proposed already
    clash = _post(
        client,
        f"/match-runs/{run.public_id}/swap",
        {"first": lee_maya.public_id, "second": manual["id"]},
    )
    assert clash.status_code == 409 and clash.json()["code"] == "duplicate"
    client.delete(f"{API}/proposals/{ana_maya.public_id}")
    swapped = _post(
        client,
        f"/match-runs/{run.public_id}/swap",
        {"first": lee_maya.public_id, "second": manual["id"]},
    )
    assert swapped.status_code == 200, swapped.content
    made = {(p["mentee"]["name"], p["mentor"]["name"]) for p in swapped.json()["items"]}
    assert made == {("Lee Mentee", "Omar Mentor"), ("Ana Mentee", "Maya Mentor")}

    locked_only = client.get(f"{API}/match-runs/{run.public_id}/proposals?locked=true").json()
    assert locked_only["count"] == 2
    warned = client.get(f"{API}/match-runs/{run.public_id}/proposals?warnings=true").json()
    assert all(p["warnings"] for p in warned["items"])

    with delivered():
        again = _post(client, f"/match-runs/{run.public_id}/rerun")
    assert again.status_code == 202, again.content
    rerun = client.get(f"{API}/match-runs/{again.json()['id']}").json()
    assert rerun["previous_id"] == run.public_id and rerun["status"] == "done"
    kept = {
        (p["mentee"]["name"], p["mentor"]["name"])
        for p in rerun["proposals"]["items"]
        if p["locked"]
    }
    assert kept == made
    assert [world.mentee1.public_id, world.mentor2.public_id] in rerun["params"]["locked"]


def test_publish_creates_mentorships_and_then_is_409(world, as_user, delivered):
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    with delivered():
        response = _post(client, f"/match-runs/{run.public_id}/publish")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["created"] == 3 and body["skipped"] == [] and body["priority_given"] == 0
    assert body["run"]["status"] == "published" and body["run"]["totals"]["published"] == 3
    assert Mentorship.objects.filter(origin="match_run").count() == 3
    again = _post(client, f"/match-runs/{run.public_id}/publish")
    assert again.status_code == 409 and again.json()["code"] == "run_not_editable"
    for path in ("/discard", "/proposals"):
        late = _post(
            client,
            f"/match-runs/{run.public_id}{path}",
            {"mentee": world.mentee2.public_id, "mentor": world.mentor2.public_id}
            if path == "/proposals"
            else None,
        )
        assert late.status_code == 409, (path, late.content)
    proposal = run.proposals.first()
    assert _post(client, f"/proposals/{proposal.public_id}/lock").status_code == 409
    assert client.delete(f"{API}/proposals/{proposal.public_id}").status_code == 409


def test_a_queued_run_cannot_be_published_and_blocks_a_second_one(world, as_user):
    client = as_user(world.admin)
    path = f"/programs/{world.program.public_id}/match-runs"
    queued = _post(client, path)  # no commit in this test: the worker never runs it
    assert queued.status_code == 202
    busy = _post(client, path)
    assert busy.status_code == 409 and busy.json()["code"] == "run_busy"
    publish = _post(client, f"/match-runs/{queued.json()['id']}/publish")
    assert publish.status_code == 409 and publish.json()["code"] == "run_not_editable"


def test_discarding_keeps_the_run_for_audit(world, as_user, delivered):
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    response = _post(client, f"/match-runs/{run.public_id}/discard")
    assert response.status_code == 200 and response.json()["status"] == "discarded"
    assert client.get(f"{API}/match-runs/{run.public_id}").json()["proposals"]["count"] == 3


def test_a_failed_run_says_so_without_internals(world, as_user):
    run = MatchRun.objects.create(
        program=world.program,
        created_by=world.admin,
        status="failed",
        error="ZeroDivisionError: division by zero at /srv/secret/path.py",
    )
    body = as_user(world.admin).get(f"{API}/match-runs/{run.public_id}").json()
    assert body["status"] == "failed" and body["error"]
    assert "ZeroDivision" not in json.dumps(body) and "/srv" not in json.dumps(body)


# ------------------------------------------------------------------------------- suggestions


def test_a_mentee_gets_ranked_mentors_with_reasons(world, as_user):
    response = as_user(world.mentee1.user).get(
        f"{API}/programs/{world.program.public_id}/suggestions"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["role"] == "mentee" and body["page"] == 1 and body["pages"] == 1
    first = body["items"][0]
    assert first["id"] == world.mentor1.public_id and first["name"] == "Maya Mentor"
    assert first["headline"] == "Storyboard supervisor" and first["remaining_capacity"] == 2
    assert 0 < first["score"] <= 1
    assert first["reasons"] and all(isinstance(r, str) for r in first["reasons"])
    assert body["count"] == len(body["items"])


def test_suggestions_speak_to_the_caller(world, as_user):
    path = f"{API}/programs/{world.program.public_id}/suggestions"
    maya = as_user(world.mentee1.user).get(path).json()["items"][0]
    assert maya["id"] == world.mentor1.public_id
    assert maya["reasons"][:2] == [
        "Your interest in 'Storyboarding' matches Maya Mentor's expertise",
        "You both speak English",
    ]
    items = as_user(world.mentor1.user).get(path).json()["items"]
    lee = next(s for s in items if s["id"] == world.mentee1.public_id)
    assert lee["reasons"][0] == "Lee Mentee's interest in 'Storyboarding' matches your expertise"


def test_full_mentors_are_not_suggested(world, as_user):
    Mentorship.objects.create(
        program=world.program,
        mentor=world.mentor2,
        mentee=world.mentee2,
        started_on="2026-01-01",
        planned_end_on="2026-07-01",
    )
    body = (
        as_user(world.mentee1.user)
        .get(f"{API}/programs/{world.program.public_id}/suggestions")
        .json()
    )
    assert world.mentor2.public_id not in {s["id"] for s in body["items"]}


def test_mentors_get_mentees_only_where_they_may_invite(world, as_user):
    client = as_user(world.mentor1.user)
    path = f"{API}/programs/{world.program.public_id}/suggestions"
    body = client.get(path).json()
    assert body["role"] == "mentor"
    assert {s["id"] for s in body["items"]} <= {world.mentee1.public_id, world.mentee2.public_id}
    assert body["items"] and body["items"][0]["reasons"]
    world.program.mentors_can_invite = False
    world.program.save()
    refused = client.get(path)
    assert refused.status_code == 403 and refused.json()["code"] == "invites_off"


def _suggestions(client, world):
    response = client.get(f"{API}/programs/{world.program.public_id}/suggestions")
    assert response.status_code == 200, response.content
    return response.json()


def test_suggestions_have_no_empty_reason_when_there_are_some(world, as_user):
    body = _suggestions(as_user(world.mentee1.user), world)
    assert body["items"] and body["empty_reason"] is None


def test_an_empty_list_says_every_mentor_is_full(world, as_user):
    world.mentor1.capacity = 1
    world.mentor1.save()
    make_mentorship(mentor=world.mentor1, mentee=world.mentee2)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    body = _suggestions(as_user(world.mentee1.user), world)
    assert body["items"] == [] and body["count"] == 0
    assert body["empty_reason"]["code"] == "all_full"
    assert body["empty_reason"]["message"].startswith("Every mentor in this program is full")


def test_an_empty_list_asks_for_the_missing_languages(world, as_user):
    profile_update(user=world.mentee1.user, languages=[])
    reason = _suggestions(as_user(world.mentee1.user), world)["empty_reason"]
    assert reason["code"] == "profile_incomplete" and "languages" in reason["message"]


def test_an_empty_list_says_nobody_shares_a_language(world, as_user):
    kai = make_participant(world.program, role="mentee", profile={"languages": ["German"]})
    reason = _suggestions(as_user(kai.user), world)["empty_reason"]
    assert reason["code"] == "no_match" and "language" in reason["message"]


def test_an_empty_list_says_the_mentee_has_the_maximum_of_mentors(world, as_user):
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    reason = _suggestions(as_user(world.mentee1.user), world)["empty_reason"]
    assert reason["code"] == "at_max_mentors" and "2 mentors" in reason["message"]


def test_a_full_mentor_gets_no_suggestions_and_is_told_why(world, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    body = _suggestions(as_user(world.mentor2.user), world)
    assert body["role"] == "mentor" and body["items"] == []
    assert body["empty_reason"]["code"] == "no_place_left"
    assert "(1 of 1)" in body["empty_reason"]["message"]


def test_suggestions_limit_and_role_are_checked(world, as_user):
    client = as_user(world.mentee1.user)
    path = f"{API}/programs/{world.program.public_id}/suggestions"
    assert len(client.get(path + "?limit=1").json()["items"]) == 1
    for query in ("?limit=0", "?limit=1000", "?limit=x", "?role=admin", f"?role={HUGE}"):
        response = client.get(path + query)
        assert response.status_code == 422, query
    wrong_role = client.get(path + "?role=mentor")
    assert wrong_role.status_code == 403 and wrong_role.json()["code"] == "not_participant"


# ------------------------------------------------------------------------------- rounds


@pytest.fixture
def round_program(world):
    world.program.matching_mode = "selection_round"
    world.program.save()
    return world.program


def test_a_selection_round_through_the_api(world, as_user, delivered, round_program):
    admin = as_user(world.admin)
    with delivered():
        opened = _post(
            admin,
            f"/programs/{round_program.public_id}/rounds",
            {"name": "Spring", "max_choices": 2},
        )
    assert opened.status_code == 201, opened.content
    round_id = opened.json()["id"]
    assert opened.json()["status"] == "selecting" and opened.json()["my_role"] == "administrator"

    lee = as_user(world.mentee1.user)
    current = lee.get(f"{API}/programs/{round_program.public_id}/rounds/current").json()
    assert current["id"] == round_id and current["my_choices"] == []
    chosen = _post(
        lee,
        f"/rounds/{round_id}/choices",
        {"mentors": [world.mentor2.public_id, world.mentor1.public_id]},
    )
    assert chosen.status_code == 200, chosen.content
    assert [(c["rank"], c["mentor"]["id"]) for c in chosen.json()["my_choices"]] == [
        (1, world.mentor2.public_id),
        (2, world.mentor1.public_id),
    ]
    ana = as_user(world.mentee2.user)
    ana_chose = _post(ana, f"/rounds/{round_id}/choices", {"mentors": [world.mentor2.public_id]})
    assert ana_chose.status_code == 200
    too_many = _post(ana, f"/rounds/{round_id}/choices", {"mentors": [world.mentor1.public_id] * 2})
    assert too_many.status_code == 400 and "mentors" in too_many.json()["errors"]

    omar = as_user(world.mentor2.user)
    early = omar.get(f"{API}/rounds/{round_id}").json()
    assert early.get("chose_me") is None  # mentors see who chose them only once choosing closes
    assert _post(omar, f"/rounds/{round_id}/picks", {"mentees": []}).status_code == 409

    advanced = _post(admin, f"/rounds/{round_id}/advance")
    assert advanced.status_code == 200 and advanced.json()["status"] == "picking"
    assert advanced.json()["counts"]["mentees_who_chose"] == 2
    seen = omar.get(f"{API}/rounds/{round_id}").json()["chose_me"]
    assert {(c["mentee"]["id"], c["rank"]) for c in seen} == {
        (world.mentee1.public_id, 1),
        (world.mentee2.public_id, 1),
    }
    full = _post(
        omar,
        f"/rounds/{round_id}/picks",
        {"mentees": [world.mentee1.public_id, world.mentee2.public_id]},
    )
    assert full.status_code == 400  # Omar has one place
    picked = _post(omar, f"/rounds/{round_id}/picks", {"mentees": [world.mentee2.public_id]})
    assert picked.status_code == 200
    assert [c["picked"] for c in picked.json()["chose_me"]].count(True) == 1
    late = _post(lee, f"/rounds/{round_id}/choices", {"mentors": [world.mentor1.public_id]})
    assert late.status_code == 409 and late.json()["code"] == "round_closed"

    assert _post(admin, f"/rounds/{round_id}/advance").json()["status"] == "review"
    with delivered():
        finished = _post(admin, f"/rounds/{round_id}/finish", {"fill": False})
    assert finished.status_code == 202, finished.content
    run = admin.get(f"{API}/match-runs/{finished.json()['id']}").json()
    assert run["round_id"] == round_id and run["params"]["only_locked"] is True
    assert [
        (p["mentee"]["id"], p["mentor"]["id"], p["source"]) for p in run["proposals"]["items"]
    ] == [(world.mentee2.public_id, world.mentor2.public_id, "pick")]
    with delivered():
        published = _post(admin, f"/match-runs/{run['id']}/publish")
    assert published.json()["created"] == 1 and published.json()["priority_given"] == 1
    gone = lee.get(f"{API}/programs/{round_program.public_id}/rounds/current")
    assert gone.status_code == 404 and gone.json()["code"] == "no_round"
    assert lee.get(f"{API}/rounds/{round_id}").json()["status"] == "published"


def test_opening_a_round_in_a_self_service_program_is_409(world, as_user):
    response = _post(
        as_user(world.admin), f"/programs/{world.program.public_id}/rounds", {"name": "Spring"}
    )
    assert response.status_code == 409 and response.json()["code"] == "not_round_program"


def test_a_mentee_sees_only_her_own_choices(world, as_user, round_program):
    round = round_open(program=round_program, user=world.admin, name="Spring")
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor1.public_id])
    body = as_user(world.mentee1.user).get(f"{API}/rounds/{round.public_id}").json()
    assert body["my_choices"] == [] and body.get("counts") is None
    assert body.get("chose_me") is None
    assert "Ana" not in json.dumps(body)


def test_a_mentee_with_the_maximum_of_mentors_is_refused_choices_with_a_reason(
    world, as_user, round_program
):
    round_program.max_mentors_per_mentee = 1
    round_program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    round = round_open(program=round_program, user=world.admin, name="Spring")
    lee = as_user(world.mentee1.user)
    refused = _post(
        lee, f"/rounds/{round.public_id}/choices", {"mentors": [world.mentor1.public_id]}
    )
    assert refused.status_code == 409 and refused.json()["code"] == "mentee_full"
    assert "You already have 1 mentor, the program's maximum at a time" in refused.json()["detail"]
    cleared = _post(lee, f"/rounds/{round.public_id}/choices", {"mentors": []})
    assert cleared.status_code == 200 and cleared.json()["my_choices"] == []


def test_picking_beyond_places_says_how_many_to_leave_out(world, as_user, round_program):
    round = round_open(program=round_program, user=world.admin, name="Spring")
    for mentee in (world.mentee1, world.mentee2):
        round_choose(round=round, user=mentee.user, mentor_ids=[world.mentor2.public_id])
    round_advance(round=round, user=world.admin)
    refused = _post(
        as_user(world.mentor2.user),
        f"/rounds/{round.public_id}/picks",
        {"mentees": [world.mentee1.public_id, world.mentee2.public_id]},
    )
    assert refused.status_code == 400
    assert refused.json()["errors"]["mentees"] == [
        "You chose 2 mentees but have room for 1 more; untick 1."
    ]


# ------------------------------------------------------------------------------- permissions

PERSONAS = ["anonymous", "outsider", "other_admin", "member", "mentee", "mentor", "admin"]
ADMIN_ONLY = [401, 404, 404, 403, 403, 403]


def _setup_run(world, delivered):
    run = _done_run(world, delivered)
    return {
        "run": run.public_id,
        "proposal": _pair(run, world.mentee1, world.mentor1).public_id,
        "other_proposal": _pair(run, world.mentee1, world.mentor2).public_id,
    }


def _setup_round(status):
    def setup(world, delivered):
        world.program.matching_mode = "selection_round"
        world.program.save()
        if status == "none":
            return {}
        round = round_open(program=world.program, user=world.admin, name="Spring")
        round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
        if status in ("picking", "review"):
            round_advance(round=round, user=world.admin)
        if status == "review":
            round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee1.public_id])
            round_advance(round=round, user=world.admin)
        return {"round": round.public_id}

    return setup


def _no_setup(world, delivered):
    return {}


# (method, path, body, setup, expected per persona in the order of PERSONAS)
MATRIX = [
    ("GET", "/programs/{program}/match-runs", None, _no_setup, [*ADMIN_ONLY, 200]),
    ("POST", "/programs/{program}/match-runs", None, _no_setup, [*ADMIN_ONLY, 202]),
    ("GET", "/match-runs/{run}", None, _setup_run, [*ADMIN_ONLY, 200]),
    ("GET", "/match-runs/{run}/proposals", None, _setup_run, [*ADMIN_ONLY, 200]),
    ("GET", "/match-runs/{run}/unpaired", None, _setup_run, [*ADMIN_ONLY, 200]),
    ("POST", "/match-runs/{run}/publish", None, _setup_run, [*ADMIN_ONLY, 200]),
    ("POST", "/match-runs/{run}/rerun", None, _setup_run, [*ADMIN_ONLY, 202]),
    ("POST", "/match-runs/{run}/discard", None, _setup_run, [*ADMIN_ONLY, 200]),
    (
        "POST",
        "/match-runs/{run}/proposals",
        {"mentee": "{mentee2}", "mentor": "{mentor2}"},
        _setup_run,
        [*ADMIN_ONLY, 201],
    ),
    (
        "POST",
        "/match-runs/{run}/swap",
        {"first": "{proposal}", "second": "{other_proposal}"},
        _setup_run,
        [*ADMIN_ONLY, 200],
    ),
    ("DELETE", "/proposals/{proposal}", None, _setup_run, [*ADMIN_ONLY, 204]),
    ("POST", "/proposals/{proposal}/lock", None, _setup_run, [*ADMIN_ONLY, 200]),
    ("POST", "/proposals/{proposal}/unlock", None, _setup_run, [*ADMIN_ONLY, 200]),
    (
        "GET",
        "/programs/{program}/suggestions",
        None,
        _no_setup,
        [401, 404, 404, 403, 200, 200, 403],
    ),
    (
        "POST",
        "/programs/{program}/rounds",
        {"name": "Spring"},
        _setup_round("none"),
        [*ADMIN_ONLY, 201],
    ),
    (
        "GET",
        "/programs/{program}/rounds/current",
        None,
        _setup_round("selecting"),
        [401, 404, 404, 403, 200, 200, 200],
    ),
    (
        "GET",
        "/rounds/{round}",
        None,
        _setup_round("selecting"),
        [401, 404, 404, 403, 200, 200, 200],
    ),
    (
        "POST",
        "/rounds/{round}/choices",
        {"mentors": ["{mentor1}"]},
        _setup_round("selecting"),
        [401, 404, 404, 403, 200, 403, 403],
    ),
    (
        "POST",
        "/rounds/{round}/picks",
        {"mentees": ["{mentee1}"]},
        _setup_round("picking"),
        [401, 404, 404, 403, 403, 200, 403],
    ),
    ("POST", "/rounds/{round}/advance", None, _setup_round("selecting"), [*ADMIN_ONLY, 200]),
    ("POST", "/rounds/{round}/finish", {"fill": True}, _setup_round("review"), [*ADMIN_ONLY, 202]),
]


def _format(value, keys):
    if isinstance(value, str):
        return value.format(**keys)
    if isinstance(value, list):
        return [_format(v, keys) for v in value]
    if isinstance(value, dict):
        return {k: _format(v, keys) for k, v in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "setup", "expected"), MATRIX, ids=[f"{m} {p}" for m, p, *_ in MATRIX]
)
def test_permission_matrix(world, delivered, method, path, body, setup, expected):
    keys = {
        "program": world.program.public_id,
        "mentee1": world.mentee1.public_id,
        "mentee2": world.mentee2.public_id,
        "mentor1": world.mentor1.public_id,
        "mentor2": world.mentor2.public_id,
        **setup(world, delivered),
    }
    member = make_member(world.org)
    users = {
        "anonymous": None,
        "outsider": world.outsider.user,
        "other_admin": world.other_admin,
        "member": member,
        "mentee": world.mentee1.user,
        "mentor": world.mentor1.user,
        "admin": world.admin,
    }
    url = API + path.format(**keys)
    data = json.dumps(_format(body, keys)) if body is not None else ""
    for persona, status in zip(PERSONAS, expected, strict=True):
        client = Client()
        if users[persona] is not None:
            client.force_login(users[persona])
        response = client.generic(method, url, data, content_type="application/json")
        assert response.status_code == status, (persona, method, path, response.content[:300])
        if status >= 400:
            assert {"detail", "code"} <= set(response.json()), persona
            if persona in ("mentee", "mentor", "member", "outsider", "other_admin"):
                text = response.content.decode()
                assert "Maya" not in text and "Lee" not in text, persona


def test_outsiders_get_the_same_404_for_real_and_missing_runs(world, as_user, delivered):
    run = _done_run(world, delivered)
    client = as_user(world.other_admin)
    real = client.get(f"{API}/match-runs/{run.public_id}")
    fake = client.get(f"{API}/match-runs/doesnotexist")
    assert real.status_code == fake.status_code == 404 and real.json() == fake.json()


# ------------------------------------------------------------------------------- confidentiality


def test_participants_never_see_runs_or_proposals(world, as_user, delivered):
    run = _done_run(world, delivered)
    proposal = _pair(run, world.mentee2, world.mentor1)
    for user in (world.mentee1.user, world.mentor1.user, world.mentee2.user):
        client = as_user(user)
        for path in (
            f"/match-runs/{run.public_id}",
            f"/match-runs/{run.public_id}/proposals",
            f"/match-runs/{run.public_id}/unpaired",
            f"/programs/{world.program.public_id}/match-runs",
        ):
            response = client.get(API + path)
            assert response.status_code == 403
            assert "Ana" not in response.content.decode()
            assert "score" not in response.content.decode()
        assert _post(client, f"/proposals/{proposal.public_id}/lock").status_code == 403
    proposal.refresh_from_db()
    assert proposal.locked is False


def test_suggestions_show_no_private_profile_fields(world, as_user):
    world.mentor1.user.profile.department = "Secret Department"
    world.mentor1.user.profile.save()
    text = (
        as_user(world.mentee1.user)
        .get(f"{API}/programs/{world.program.public_id}/suggestions")
        .content.decode()
    )
    assert "Secret Department" not in text and "maya@guild.example" not in text


# ------------------------------------------------------------------------------- hostile input

WRONG_BODIES = [
    b"{",
    b"not json at all",
    b"\xff\xfe\x00garbage",
    b"[]",
    b"123",
    b'"a string"',
    b"true",
    json.dumps({"unknown": 1}).encode(),
    json.dumps({"locked": "x"}).encode(),
    json.dumps({"locked": [[1, 2, 3]]}).encode(),
    json.dumps({"locked": [["a"]]}).encode(),
    json.dumps({"locked": [[HUGE, HUGE]]}).encode(),
    json.dumps({"excluded": [["a", "b"]] * 30_000}).encode(),
    json.dumps({"locked": [[None, {}]]}).encode(),
    json.dumps({"mentee": HUGE, "mentor": 5}).encode(),
    json.dumps({"mentee": [], "mentor": {}}).encode(),
    json.dumps({"first": None, "second": HUGE}).encode(),
    json.dumps({"mentors": "x"}).encode(),
    json.dumps({"mentors": [HUGE]}).encode(),
    json.dumps({"mentors": ["a"] * 500}).encode(),
    json.dumps({"mentees": [1, 2]}).encode(),
    json.dumps({"name": HUGE, "max_choices": 10**30}).encode(),
    json.dumps({"name": "x", "max_choices": "many", "selection_closes_on": "soon"}).encode(),
    json.dumps({"fill": "yes"}).encode(),
]


def test_wrong_bodies_at_every_write_endpoint_are_4xx(world, as_user, delivered, round_program):
    keys = _setup_run(world, delivered)
    round = round_open(program=round_program, user=world.admin, name="Spring")
    paths = [
        f"/programs/{world.program.public_id}/match-runs",
        f"/match-runs/{keys['run']}/proposals",
        f"/match-runs/{keys['run']}/swap",
        f"/programs/{world.program.public_id}/rounds",
        f"/rounds/{round.public_id}/choices",
        f"/rounds/{round.public_id}/picks",
        f"/rounds/{round.public_id}/finish",
    ]
    for user in (world.admin, world.mentee1.user):
        client = as_user(user)
        for path in paths:
            for body in WRONG_BODIES:
                response = client.generic("POST", API + path, body, content_type="application/json")
                assert 400 <= response.status_code < 500, (path, body[:50], response.content[:200])
                assert {"detail", "code"} <= set(response.json())
            for content_type, body in [
                ("application/x-www-form-urlencoded", b"locked=1"),
                ("text/plain", b"hello"),
            ]:
                response = client.generic("POST", API + path, body, content_type=content_type)
                assert 400 <= response.status_code < 500, (path, content_type)
    assert MatchRun.objects.count() == 1


def test_other_organizations_participants_in_pairs_are_refused(world, as_user, delivered):
    client = as_user(world.admin)
    other = make_participant(world.other_program, role="mentor")
    response = _post(
        client,
        f"/programs/{world.program.public_id}/match-runs",
        {"locked": [[world.mentee1.public_id, other.public_id]]},
    )
    assert response.status_code == 400 and "locked" in response.json()["errors"]
    reversed_pair = _post(
        client,
        f"/programs/{world.program.public_id}/match-runs",
        {"excluded": [[world.mentor1.public_id, world.mentee1.public_id]]},
    )
    assert reversed_pair.status_code == 400 and "excluded" in reversed_pair.json()["errors"]
    run = _done_run(world, delivered)
    added = _post(
        client,
        f"/match-runs/{run.public_id}/proposals",
        {"mentee": world.outsider.public_id, "mentor": world.mentor1.public_id},
    )
    assert added.status_code == 404 and "mentee" in added.json()["errors"]
    wrong_roles = _post(
        client,
        f"/match-runs/{run.public_id}/proposals",
        {"mentee": world.mentor1.public_id, "mentor": world.mentee2.public_id},
    )
    assert wrong_roles.status_code == 400
    other_run = MatchRun.objects.create(program=world.other_program, status="done")
    foreign_proposal = Proposal.objects.create(
        run=other_run, mentee=world.outsider, mentor=other, score=0.5
    )
    swap = _post(
        client,
        f"/match-runs/{run.public_id}/swap",
        {"first": foreign_proposal.public_id, "second": run.proposals.first().public_id},
    )
    assert swap.status_code == 404 and "first" in swap.json()["errors"]
    assert client.get(f"{API}/match-runs/{other_run.public_id}").status_code == 404
    assert _post(client, f"/proposals/{foreign_proposal.public_id}/lock").status_code == 404
    assert (
        client.get(f"{API}/programs/{world.other_program.public_id}/match-runs").status_code == 404
    )


@pytest.mark.parametrize("odd", ["doesnotexist", HUGE, "%00", "..%2F..%2Fetc", "123", "ünï"])
def test_odd_identifiers_are_404(world, as_user, odd):
    client = as_user(world.admin)
    for method, template in [
        ("GET", "/match-runs/{}"),
        ("GET", "/match-runs/{}/proposals"),
        ("POST", "/match-runs/{}/publish"),
        ("POST", "/match-runs/{}/rerun"),
        ("DELETE", "/proposals/{}"),
        ("POST", "/proposals/{}/lock"),
        ("GET", "/programs/{}/match-runs"),
        ("POST", "/programs/{}/match-runs"),
        ("GET", "/programs/{}/suggestions"),
        ("GET", "/programs/{}/rounds/current"),
        ("GET", "/rounds/{}"),
        ("POST", "/rounds/{}/advance"),
    ]:
        response = client.generic(
            method, API + template.format(odd), "", content_type="application/json"
        )
        assert response.status_code == 404, (method, template, response.content[:200])


@pytest.mark.parametrize(
    "query",
    [
        "?page=-1",
        "?page=abc",
        "?page_size=1e9",
        "?page=99999999999999999999",
        "?locked=maybe",
        "?warnings=%00",
        f"?page_size={HUGE}",
    ],
)
def test_hostile_query_strings_on_run_lists_are_never_500(world, as_user, delivered, query):
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    for path in (
        f"/programs/{world.program.public_id}/match-runs",
        f"/match-runs/{run.public_id}",
        f"/match-runs/{run.public_id}/proposals",
        f"/match-runs/{run.public_id}/unpaired",
    ):
        response = client.get(API + path + query)
        assert response.status_code in (200, 400, 422), (path, query[:30], response.content[:200])
        assert "code" in response.json() or "items" in response.json() or "id" in response.json()


# ------------------------------------------------------------------------------- query counts


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def test_run_lists_and_pages_take_a_constant_number_of_queries(world, as_user, delivered):
    run = _done_run(world, delivered)
    client = as_user(world.admin)
    urls = [
        f"{API}/programs/{world.program.public_id}/match-runs",
        f"{API}/match-runs/{run.public_id}",
        f"{API}/match-runs/{run.public_id}/proposals",
        f"{API}/match-runs/{run.public_id}/unpaired",
    ]
    # non-empty from the start (an empty list or `pk__in=[]` saves a query)
    MatchRun.objects.filter(pk=run.pk).update(
        params={"locked": [[world.mentee1.pk, world.mentor1.pk]], "excluded": []}
    )
    Unpaired.objects.create(run=run, mentee=world.mentee2, code="full", reason="All full.")
    client.get(f"{API}/me")  # the first request of a session records the visit
    small = [_count(client, url) for url in urls]
    MatchRun.objects.filter(pk=run.pk).update(
        params={
            "locked": [[world.mentee1.pk, world.mentor1.pk], [world.mentee2.pk, world.mentor2.pk]],
            "excluded": [[world.mentee2.pk, world.mentor1.pk]],
        }
    )
    for _ in range(5):
        MatchRun.objects.create(
            program=world.program, created_by=world.admin, status="done", previous=run
        )
    for _ in range(8):
        mentee = make_participant(world.program, role="mentee")
        mentor = make_participant(world.program, role="mentor")
        Proposal.objects.create(run=run, mentee=mentee, mentor=mentor, score=0.4)
        Unpaired.objects.create(run=run, mentee=mentee, code="full", reason="All mentors full.")
    large = [_count(client, url) for url in urls]
    assert large == small, (small, large)
    assert max(large) <= 12


def test_the_openapi_document_lists_the_matching_paths(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/programs/{program_id}/match-runs",
        "/api/v1/match-runs/{run_id}",
        "/api/v1/match-runs/{run_id}/publish",
        "/api/v1/programs/{program_id}/suggestions",
    ):
        assert path in paths, path


def test_advancing_a_round_with_its_step_is_safe_to_send_twice(world, as_user):
    world.program.matching_mode = "selection_round"
    world.program.save()
    admin = as_user(world.admin)
    opened = _post(admin, f"/programs/{world.program.public_id}/rounds", {"name": "Spring"})
    round_id = opened.json()["id"]
    first = _post(admin, f"/rounds/{round_id}/advance", {"step": "selecting"})
    assert first.status_code == 200 and first.json()["status"] == "picking"
    again = _post(admin, f"/rounds/{round_id}/advance", {"step": "selecting"})
    assert again.status_code == 409 and again.json()["code"] == "round_state"
    assert admin.get(f"{API}/rounds/{round_id}").json()["status"] == "picking"
    wrong = _post(admin, f"/rounds/{round_id}/advance", {"step": "later"})
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid"  # not a step
