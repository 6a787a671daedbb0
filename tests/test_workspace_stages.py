"""The five stages frame the workspace: inferred from what the pair has done and the time left,
adjustable by the pair; the activity library offers exercises for each stage."""

import datetime as dt
from html import unescape

import pytest
from django.test import Client

from mentorwise.agreements.services import agreement_confirm, agreement_save
from mentorwise.workspace.activities import ACTIVITIES, CAREER, PSYCHOSOCIAL
from mentorwise.workspace.models import StageChoice
from mentorwise.workspace.stages import KEYS, Signals, infer_stage
from tests.factories import make_mentorship


def _signals(**changes):
    base = {"is_open": True, "days_in": 10, "days_left": 170}
    return Signals(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "stage"),
    [
        ({}, "rapport"),
        ({"agreement_confirmed": True}, "direction"),
        ({"meetings_held": 1}, "direction"),
        ({"goals": 2, "goals_open": 2}, "direction"),
        ({"goals": 2, "goals_open": 2, "agreement_confirmed": True}, "progression"),
        ({"goals": 2, "goals_open": 2, "meetings_held": 3}, "progression"),
        ({"goals": 2, "goals_open": 0, "goals_achieved": 2, "meetings_held": 5}, "winding_down"),
        ({"goals": 3, "goals_open": 1, "goals_achieved": 2, "meetings_held": 5}, "progression"),
        ({"days_left": 20, "goals": 1, "goals_open": 1}, "winding_down"),
        ({"is_open": False}, "moving_on"),
    ],
)
def test_the_stage_follows_what_the_pair_has_done(changes, stage):
    assert infer_stage(_signals(**changes)) == stage


@pytest.fixture
def pair(world):
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def _page(client, pair) -> str:
    return unescape(client.get(f"/mentorships/{pair.public_id}/").content.decode())


def test_a_new_pair_starts_with_rapport_and_moves_on_with_its_agreement(world, pair, as_user):
    lee = as_user(world.mentee1.user)
    page = _page(lee, pair)
    assert "Stage: Building rapport" in page
    assert 'aria-current="step"' in page
    assert "Two truths and a hope" in page  # an activity for the stage
    agreement_save(mentorship=pair, user=world.mentee1.user, values={"cadence": "Weekly"})
    agreement_confirm(mentorship=pair, user=world.mentee1.user)
    agreement_confirm(mentorship=pair, user=world.mentor1.user)
    assert "Stage: Setting direction" in _page(lee, pair)


def test_the_pair_chooses_its_stage_and_can_go_back(world, pair, as_user):
    maya = as_user(world.mentor1.user)
    response = maya.post(f"/mentorships/{pair.public_id}/stage/", {"stage": "progression"})
    assert response.status_code == 302
    page = _page(as_user(world.mentee1.user), pair)
    assert "Stage: Progression" in page and "You chose this stage" in page
    maya.post(f"/mentorships/{pair.public_id}/stage/", {"stage": ""})
    assert not StageChoice.objects.exists()
    assert "Stage: Building rapport" in _page(maya, pair)
    maya.post(f"/mentorships/{pair.public_id}/stage/", {"stage": "nonsense"})
    assert not StageChoice.objects.exists()


@pytest.mark.parametrize("who", ["other_pair", "admin", "other_admin", "anonymous"])
def test_only_the_pair_sets_its_stage(world, pair, who):
    user = {
        "other_pair": world.mentee2.user,
        "admin": world.admin,
        "other_admin": world.other_admin,
        "anonymous": None,
    }[who]
    client = Client()
    if user:
        client.force_login(user)
    response = client.post(f"/mentorships/{pair.public_id}/stage/", {"stage": "moving_on"})
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert not StageChoice.objects.exists()


def test_an_ended_mentorship_is_moving_on(world, pair, as_user):
    pair.status = "completed"
    pair.ended_on = dt.date.today()
    pair.save()
    page = _page(as_user(world.mentee1.user), pair)
    assert "Stage: Moving on" in page and "Choose your stage" not in page


def test_the_library_has_forty_activities_across_stages_and_kinds():
    assert len(ACTIVITIES) >= 40
    assert len({a.slug for a in ACTIVITIES}) == len(ACTIVITIES)
    for stage in KEYS:
        mine = [a for a in ACTIVITIES if a.stage == stage]
        assert len(mine) >= 6
        assert {a.kind for a in mine} == {CAREER, PSYCHOSOCIAL}


def test_the_library_page_searches_by_words_stage_and_kind(world, as_user):
    client = as_user(world.mentee1.user)
    page = unescape(client.get("/activities/").content.decode())
    assert f"{len(ACTIVITIES)} activities" in page
    page = unescape(client.get("/activities/?q=thank&stage=winding_down").content.decode())
    assert "Say thank you" in page and "1 activity" in page
    assert "Career timelines" not in page
    page = unescape(client.get("/activities/?stage=rapport&kind=career").content.decode())
    assert "Career timelines" in page and "Two truths" not in page
    assert client.get("/activities/?stage=bogus").status_code == 200  # ignored, not an error


def test_the_api_lists_activities_paginated_and_filtered(world, as_user):
    client = as_user(world.mentee1.user)
    body = client.get("/api/v1/activities?page_size=5").json()
    assert body["count"] == len(ACTIVITIES) and body["pages"] == 8 and len(body["items"]) == 5
    body = client.get("/api/v1/activities?stage=moving_on&q=forward").json()
    assert [a["id"] for a in body["items"]] == ["pay-it-forward"]
    assert body["items"][0]["stage_name"] == "Moving on"
    assert client.get("/api/v1/activities?stage=bogus").status_code == 422
    assert Client().get("/api/v1/activities").status_code == 401


def test_the_api_gives_a_member_the_stage_and_the_agreements_state(world, pair, as_user):
    client = as_user(world.mentee1.user)
    body = client.get(f"/api/v1/mentorships/{pair.public_id}").json()
    assert body["stage"]["key"] == "rapport" and body["stage"]["chosen"] is False
    assert "two-truths" in {a["id"] for a in body["stage"]["activities"]}
    assert body["agreement_confirmed"] is False
    assert body["hours_this_month"] == 0 and body["expected_hours_per_month"] >= 0
    listed = client.get("/api/v1/mentorships").json()["items"][0]
    assert "stage" not in listed  # the list stays light: one query per page, not per row


def test_goals_and_held_meetings_move_the_pair_into_progression(world, pair, as_user):
    from mentorwise.goals.services import goal_create

    agreement_save(mentorship=pair, user=world.mentee1.user, values={"cadence": "Weekly"})
    agreement_confirm(mentorship=pair, user=world.mentee1.user)
    agreement_confirm(mentorship=pair, user=world.mentor1.user)
    goal_create(
        mentorship=pair,
        user=world.mentee1.user,
        title="Lead a review",
        measure="One review led",
        due_on=dt.date.today() + dt.timedelta(days=40),
    )
    assert "Stage: Progression" in _page(as_user(world.mentee1.user), pair)


def test_an_activity_goes_onto_the_next_meetings_agenda(world, pair, as_user):
    from django.utils import timezone

    from mentorwise.meetings.models import Meeting
    from mentorwise.meetings.services import meeting_plan

    lee = as_user(world.mentee1.user)
    url = f"/mentorships/{pair.public_id}/agenda/"
    response = lee.post(url, {"activity": "two-truths"}, follow=True)
    assert "Plan your next meeting first" in unescape(response.content.decode())
    meeting = meeting_plan(
        mentorship=pair,
        user=world.mentor1.user,
        starts_at=timezone.now() + dt.timedelta(days=5),
        duration_minutes=45,
        agenda="Portfolio review",
    )
    assert "Add “Two truths and a hope” to the next meeting" in _page(lee, pair)
    response = lee.post(url, {"activity": "two-truths"}, follow=True)
    assert "Added to the agenda of your meeting on" in unescape(response.content.decode())
    meeting.refresh_from_db()
    assert meeting.agenda.startswith("Portfolio review")
    assert "Activity: Two truths and a hope" in meeting.agenda
    assert meeting.ics_sequence == 1  # both got the updated invitation
    lee.post(url, {"activity": "two-truths"})  # twice: added once
    meeting.refresh_from_db()
    assert meeting.agenda.count("Two truths and a hope") == 1
    other = as_user(world.mentee2.user).post(url, {"activity": "two-truths"})
    assert other.status_code == 404
    assert Meeting.objects.get(pk=meeting.pk).agenda == meeting.agenda
