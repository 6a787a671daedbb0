"""One rule for sending a request (`request_check`): the service enforces it, and the pages ask
it first, so that the form is not offered when it cannot succeed, and the reason is said to the
person who would send it, in the second person."""

import json
from html import unescape

import pytest

from mentorwise.mentorships.services import request_check, request_create
from tests.factories import make_mentorship

FORM = 'name="message"'


def _page(as_user, viewer, participant) -> str:
    response = as_user(viewer.user).get(f"/people/{participant.public_id}/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def _api_request(as_user, viewer, participant):
    return as_user(viewer.user).post(
        "/api/v1/requests",
        json.dumps({"to": participant.public_id, "message": "Hello"}),
        content_type="application/json",
    )


def test_a_mentee_at_her_maximum_is_told_before_writing(world, as_user):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    html = _page(as_user, world.mentee1, world.mentor1)
    sentence = "You already have 1 mentor, the program's maximum at a time."
    assert sentence in html
    assert FORM not in html
    # The API refuses with the same sentence: one rule, one wording.
    response = _api_request(as_user, world.mentee1, world.mentor1)
    assert response.status_code == 409
    assert (response.json()["detail"], response.json()["code"]) == (sentence, "mentee_full")


def test_a_full_mentor_is_named_to_the_mentee(world, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # Omar's one place is taken
    html = _page(as_user, world.mentee1, world.mentor2)
    assert "Omar Mentor has no room for another mentee right now." in html
    assert FORM not in html
    assert _api_request(as_user, world.mentee1, world.mentor2).json()["code"] == "mentor_full"


def test_a_full_mentor_inviting_is_told_in_the_second_person(world, as_user):
    world.program.mentors_can_invite = True
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    html = _page(as_user, world.mentor2, world.mentee1)
    assert "You have no room for another mentee right now." in html
    assert FORM not in html


def test_the_form_is_offered_when_the_request_can_succeed(world, as_user):
    html = _page(as_user, world.mentee1, world.mentor1)
    assert FORM in html
    check = request_check(world.mentee1.user, world.mentor1)
    assert check.ok and check.sender == world.mentee1


def test_the_open_request_cap_is_explained_on_the_page(world, as_user):
    world.program.open_request_cap = 1
    world.program.save()
    request_create(user=world.mentee1.user, to=world.mentor2)
    html = _page(as_user, world.mentee1, world.mentor1)
    assert "You already have 1 requests waiting for an answer" in html
    assert FORM not in html


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda w: setattr(w.mentee1, "status", "pending") or w.mentee1.save(), "not_active"),
        (lambda w: w.mentee1.user.memberships.update(is_blocked=True), "blocked"),
        (lambda w: setattr(w.program, "matching_mode", "admin_matched") or w.program.save(), None),
    ],
)
def test_the_service_refuses_what_the_check_refuses(world, setup, code):
    from mentorwise.core.errors import DomainError

    setup(world)
    world.mentor1.refresh_from_db()
    check = request_check(world.mentee1.user, world.mentor1)
    assert not check.ok
    if code:
        assert check.code == code
    with pytest.raises(DomainError) as refused:
        request_create(user=world.mentee1.user, to=world.mentor1)
    assert refused.value.code == check.code
    assert refused.value.message == check.why_not
