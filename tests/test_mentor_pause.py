"""A mentor can stop taking new mentees for a while ("not taking mentees now"), with an optional
return date, from the profile page: while paused they are not found in search, not
recommended, not matched, and a request to them is refused with the date; the pause ends by
itself on the return date."""

import datetime
import json
from html import unescape

import pytest
from django.utils import timezone

from mentorwise.matching.services import run_create, suggestions_for
from mentorwise.profiles.forms import ProfileForm

pytestmark = pytest.mark.django_db

FORM = 'name="message"'
TODAY = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
BACK_ON = datetime.date(2026, 4, 1)


def _profile_post(mentor, **pause) -> dict:
    """The profile form as the mentor sees it, with their capacity and the pause fields."""
    user = mentor.user
    data = {
        k: v for k, v in ProfileForm.initial_for(user, user.profile).items() if v not in (None, "")
    }
    data[f"capacity_{mentor.public_id}"] = mentor.capacity
    for name, value in pause.items():
        data[f"{name}_{mentor.public_id}"] = value
    return data


def _pause(as_user, mentor, until=""):
    response = as_user(mentor.user).post(
        "/profile/", _profile_post(mentor, paused="on", paused_until=until)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    mentor.refresh_from_db()


def _search(as_user, world) -> str:
    response = as_user(world.mentee1.user).get(f"/programs/{world.program.public_id}/mentors/")
    return [p.user.name for p in response.context["page"]]


def test_the_pause_sits_with_capacity_before_the_time_zones(world, as_user):
    html = as_user(world.mentor2.user).get("/profile/").content.decode()
    capacity = html.index(f'name="capacity_{world.mentor2.public_id}"')
    assert capacity < html.index(f'name="paused_{world.mentor2.public_id}"')
    assert html.index(f'name="paused_until_{world.mentor2.public_id}"') < html.index(
        'name="time_zone"'
    )
    assert "Not taking new mentees in Story Mentoring for now" in unescape(html)


def test_a_paused_mentor_is_hidden_and_requests_are_refused_with_the_date(
    world, as_user, time_machine
):
    time_machine.move_to(TODAY)
    _pause(as_user, world.mentor2, until=BACK_ON.isoformat())
    assert world.mentor2.paused and world.mentor2.paused_until == BACK_ON
    assert _search(as_user, world) == ["Maya Mentor"]
    assert "Omar Mentor" not in [s["name"] for s in suggestions_for(world.mentee1)]
    sentence = "Omar Mentor is not taking new mentees until 1 April 2026."
    page = as_user(world.mentee1.user).get(f"/people/{world.mentor2.public_id}/")
    html = unescape(page.content.decode())
    assert sentence in html and FORM not in html
    response = as_user(world.mentee1.user).post(
        "/api/v1/requests",
        json.dumps({"to": world.mentor2.public_id, "message": "Hello"}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (409, sentence)
    # On the return date the pause has ended by itself: no sweep, no click.
    time_machine.move_to(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC))
    assert timezone.localdate() == BACK_ON
    assert _search(as_user, world) == ["Maya Mentor", "Omar Mentor"]
    page = as_user(world.mentee1.user).get(f"/people/{world.mentor2.public_id}/")
    assert FORM in page.content.decode()


def test_a_pause_without_a_date_lasts_until_the_mentor_resumes(world, as_user):
    _pause(as_user, world.mentor2)
    html = unescape(
        as_user(world.mentee1.user).get(f"/people/{world.mentor2.public_id}/").content.decode()
    )
    assert "Omar Mentor is not taking new mentees right now." in html
    response = as_user(world.mentor2.user).post("/profile/", _profile_post(world.mentor2))
    assert response.status_code == 302
    world.mentor2.refresh_from_db()
    assert not world.mentor2.paused
    assert _search(as_user, world) == ["Maya Mentor", "Omar Mentor"]


def test_a_return_date_in_the_past_is_refused_on_the_form(world, as_user, time_machine):
    time_machine.move_to(TODAY)
    response = as_user(world.mentor2.user).post(
        "/profile/", _profile_post(world.mentor2, paused="on", paused_until="2026-03-01")
    )
    assert response.status_code == 200
    assert "Choose a return date after today" in unescape(response.content.decode())
    world.mentor2.refresh_from_db()
    assert not world.mentor2.paused


def test_matching_leaves_a_paused_mentor_out(world, as_user, delivered):
    world.program.matching_mode = "admin_matched"
    world.program.save()
    _pause(as_user, world.mentor2)
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    assert not run.proposals.filter(mentor=world.mentor2).exists()
    assert run.proposals.filter(mentor=world.mentor1).exists()
