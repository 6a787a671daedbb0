"""A member whom the organization blocked is told so, with whom to contact, on the home page and
on the organization's program pages — not shown "Mentor · Accepted" with buttons that lead to
404s — and their pair disappears from every page and the API alike."""

from html import unescape

import pytest

from mentorwise.mentorships.services import participant_block
from tests.factories import make_mentorship

pytestmark = pytest.mark.django_db

SUSPENDED = "Your participation in Animation Guild is suspended"


def _blocked_mentor(world):
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    participant_block(participant=world.mentor1, user=world.admin, blocked=True)
    return mentorship


def _html(response) -> str:
    return unescape(response.content.decode())


def test_a_blocked_mentor_home_says_suspended_and_whom_to_contact(world, as_user):
    mentorship = _blocked_mentor(world)
    response = as_user(world.mentor1.user).get("/")
    assert response.status_code == 200
    html = _html(response)
    assert SUSPENDED in html
    assert "Ada Admin" in html and "mailto:admin@guild.example" in html
    # Nothing of the organization is offered: no program card, no Browse buttons, no pair.
    assert "Browse mentors" not in html and "Story Mentoring" not in html
    assert "Lee Mentee" not in html and mentorship.public_id not in html


def test_a_blocked_members_program_pages_say_suspended_not_404(world, as_user):
    _blocked_mentor(world)
    client = as_user(world.mentor1.user)
    program = world.program.public_id
    for url in (
        f"/programs/{program}/",
        f"/programs/{program}/mentors/",
        f"/programs/{program}/mentees/",
        f"/programs/{program}/apply/mentor/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        html = _html(response)
        assert SUSPENDED in html and "admin@guild.example" in html, url


def test_the_pair_disappears_for_the_blocked_member_everywhere_alike(world, as_user):
    mentorship = _blocked_mentor(world)
    client = as_user(world.mentor1.user)
    assert mentorship.public_id not in client.get("/mentorships/").content.decode()
    assert client.get(f"/mentorships/{mentorship.public_id}/").status_code == 404
    assert mentorship.public_id not in client.get("/api/v1/mentorships").content.decode()


def test_others_still_get_a_404_for_a_program_they_are_not_in(world, as_user):
    # The suspension page is for the organization's own blocked members only.
    response = as_user(world.outsider.user).get(f"/programs/{world.program.public_id}/")
    assert response.status_code == 404
    assert SUSPENDED not in _html(response)


def test_unblocked_the_home_is_as_before(world, as_user):
    _blocked_mentor(world)
    participant_block(participant=world.mentor1, user=world.admin, blocked=False)
    html = _html(as_user(world.mentor1.user).get("/"))
    assert SUSPENDED not in html and "Browse mentors" in html


def test_nobody_is_paired_with_a_blocked_member(world, as_user, delivered):
    import json

    from mentorwise.matching.services import run_create

    participant_block(participant=world.mentor2, user=world.admin, blocked=True)
    response = as_user(world.mentee1.user).post(
        "/api/v1/requests",
        json.dumps({"to": world.mentor2.public_id, "message": "Hello"}),
        content_type="application/json",
    )
    assert (response.status_code, response.json()["detail"]) == (
        409,
        "Omar Mentor is not taking part in the program right now.",
    )
    world.program.matching_mode = "admin_matched"
    world.program.save()
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    assert run.proposals.exists()
    assert not run.proposals.filter(mentor=world.mentor2).exists()
