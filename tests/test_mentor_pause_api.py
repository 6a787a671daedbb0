"""The mentor's pause ("not taking new mentees") in the API — read on the participant, set and
lifted with PATCH /participants/{id} — and on the home page: a paused mentor reads until when,
with a button to resume at once."""

import datetime
from html import unescape

import pytest

from mentorwise.core.models import AuditEntry
from tests.api_helpers import assert_error

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def patch(client, participant, body):
    return client.patch(
        f"/api/v1/participants/{participant.public_id}", body, content_type="application/json"
    )


@pytest.fixture
def omar(world, time_machine):
    time_machine.move_to(TODAY)
    return world.mentor2


def test_a_mentor_pauses_until_a_date_and_everyone_reads_it(world, omar, as_user):
    response = patch(as_user(omar.user), omar, {"paused": True, "paused_until": "2026-04-01"})
    assert response.status_code == 200, response.json()
    assert response.json()["paused"] is True and response.json()["paused_until"] == "2026-04-01"
    omar.refresh_from_db()
    assert omar.paused and omar.paused_until == datetime.date(2026, 4, 1)
    seen = as_user(world.mentee1.user).get(f"/api/v1/participants/{omar.public_id}").json()
    assert seen["paused"] is True and seen["paused_until"] == "2026-04-01"
    mentors = as_user(world.mentee1.user).get(f"/api/v1/programs/{world.program.public_id}/mentors")
    assert omar.public_id not in [m["id"] for m in mentors.json()["items"]]
    assert AuditEntry.objects.filter(action="participant.pause").count() == 1


def test_resuming_and_the_pause_ending_by_itself(world, omar, as_user, time_machine):
    client = as_user(omar.user)
    patch(client, omar, {"paused_until": "2026-04-01"})  # a date alone pauses until then
    assert client.get(f"/api/v1/participants/{omar.public_id}").json()["paused"] is True
    response = patch(client, omar, {"paused": False})
    assert response.json()["paused"] is False and response.json()["paused_until"] is None
    patch(client, omar, {"paused": True, "paused_until": "2026-04-01"})
    time_machine.move_to(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC))
    client = as_user(omar.user)
    body = client.get(f"/api/v1/participants/{omar.public_id}").json()
    assert body["paused"] is False and body["paused_until"] is None


def test_a_pause_without_a_date(world, omar, as_user):
    response = patch(as_user(omar.user), omar, {"paused": True})
    assert response.json()["paused"] is True and response.json()["paused_until"] is None


def test_bad_pauses_are_refused(world, omar, as_user):
    client = as_user(omar.user)
    past = patch(client, omar, {"paused": True, "paused_until": "2026-03-02"})
    assert_error(past, 400)
    assert "paused_until" in past.json()["errors"]
    assert patch(client, omar, {"paused_until": "someday"}).status_code == 422
    mentee = world.mentee1
    assert_error(patch(as_user(mentee.user), mentee, {"paused": True}), 400)
    assert patch(as_user(world.mentor1.user), omar, {"paused": True}).status_code == 403
    omar.refresh_from_db()
    assert not omar.paused
    assert (
        "paused" not in as_user(mentee.user).get(f"/api/v1/participants/{mentee.public_id}").json()
    )


def test_the_home_page_says_until_when_and_resumes(world, omar, as_user):
    client = as_user(omar.user)
    patch(client, omar, {"paused": True, "paused_until": "2026-04-01"})
    home = unescape(client.get("/").content.decode())
    assert "You are paused: not taking new mentees until 1 April 2026." in home
    assert f'action="/people/{omar.public_id}/resume/"' in home
    response = client.post(f"/people/{omar.public_id}/resume/", follow=True)
    page = unescape(response.content.decode())
    assert "You are taking new mentees in Story Mentoring again." in page
    assert "You are paused" not in page
    omar.refresh_from_db()
    assert not omar.paused
    assert "You are paused" not in unescape(as_user(world.mentor1.user).get("/").content.decode())


def test_only_the_mentor_resumes_themselves(world, omar, as_user):
    patch(as_user(omar.user), omar, {"paused": True})
    assert as_user(world.mentor1.user).post(f"/people/{omar.public_id}/resume/").status_code == 404
    assert as_user(omar.user).get(f"/people/{omar.public_id}/resume/").status_code == 405
    omar.refresh_from_db()
    assert omar.paused
