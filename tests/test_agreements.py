"""The pair's agreement: written by either member, confirmed by both, asked again after any
change; offered at the first visit with the 15 Questions as the pre-read; the pair's alone."""

import json
from html import unescape

import pytest

from mentorwise.agreements.models import Agreement
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import OutboxEmail
from mentorwise.profiles.models import FifteenAnswer
from tests.factories import make_mentorship
from tests.privacy import client_as as _client

TERMS = {
    "cadence": "One hour every other Tuesday",
    "channel": "Video call",
    "place": "Our usual meeting link",
    "confidentiality": "Everything stays between us unless we agree otherwise.",
    "in_bounds": "Portfolio, pitching, career moves",
    "out_of_bounds": "Salary negotiations at my current studio",
    "contact": "E-mail; answers within two working days",
}


@pytest.fixture
def pair(world):
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def _put(client, mentorship, body):
    return client.put(
        f"/api/v1/mentorships/{mentorship.public_id}/agreement",
        json.dumps(body),
        content_type="application/json",
    )


def _confirm(client, mentorship):
    return client.post(f"/api/v1/mentorships/{mentorship.public_id}/agreement/confirm")


def test_the_first_visit_offers_the_agreement_with_the_pre_read(world, pair, as_user):
    question = world.program.fifteen_questions.first()
    FifteenAnswer.objects.create(
        participant=world.mentor1, question=question, answer="No calls after eight, please."
    )
    page = unescape(
        as_user(world.mentee1.user).get(f"/mentorships/{pair.public_id}/").content.decode()
    )
    assert "Start here." in page
    assert f"/mentorships/{pair.public_id}/agreement/" in page
    form = unescape(
        as_user(world.mentee1.user)
        .get(f"/mentorships/{pair.public_id}/agreement/")
        .content.decode()
    )
    assert "The pre-read: your 15 Questions" in form
    assert "No calls after eight, please." in form
    assert '<label for="id_cadence"' in form


def test_writing_on_the_page_asks_the_partner_and_both_confirm(world, pair, as_user):
    lee, maya = as_user(world.mentee1.user), as_user(world.mentor1.user)
    response = lee.post(f"/mentorships/{pair.public_id}/agreement/", {**TERMS, "confirm": "1"})
    assert response.status_code == 302
    agreement = Agreement.objects.get(mentorship=pair)
    assert agreement.mentee_confirmed_at and not agreement.mentor_confirmed_at
    asked = OutboxEmail.objects.get(kind="agreement_changed")
    assert asked.to_email == world.mentor1.user.email
    assert "Lee Mentee wrote or changed the agreement" in asked.body_text
    assert "Lee Mentee wrote or changed the agreement" in asked.body_html
    assert TERMS["out_of_bounds"] not in asked.body_text  # the text stays on the site
    page = unescape(maya.get(f"/mentorships/{pair.public_id}/").content.decode())
    assert "Waiting for you to confirm" in page
    maya.post(f"/mentorships/{pair.public_id}/agreement/confirm/")
    agreement.refresh_from_db()
    assert agreement.confirmed
    done = OutboxEmail.objects.filter(kind="agreement_confirmed")
    assert sorted(done.values_list("to_email", flat=True)) == sorted(
        [world.mentee1.user.email, world.mentor1.user.email]
    )
    assert all("You have both confirmed" in e.body_html for e in done)
    page = unescape(lee.get(f"/mentorships/{pair.public_id}/").content.decode())
    assert "Confirmed by both" in page and TERMS["cadence"] in page


def test_any_change_asks_both_again_and_no_change_keeps_the_confirmations(world, pair, as_user):
    lee, maya = as_user(world.mentee1.user), as_user(world.mentor1.user)
    assert _put(lee, pair, TERMS).status_code == 200
    _confirm(lee, pair)
    body = _confirm(maya, pair).json()
    assert body["confirmed"] is True
    assert sorted(body["confirmed_by"]) == sorted(
        [world.mentee1.public_id, world.mentor1.public_id]
    )
    same = _put(maya, pair, {"cadence": TERMS["cadence"]}).json()
    assert same["confirmed"] is True and same["version"] == 1
    changed = _put(maya, pair, {"cadence": "Weekly, 30 minutes"}).json()
    assert changed["confirmed"] is False and changed["confirmed_by"] == []
    assert changed["version"] == 2
    assert changed["out_of_bounds"] == TERMS["out_of_bounds"]  # fields left out keep their text


def test_nothing_to_confirm_before_it_is_written(world, pair, as_user):
    response = _confirm(as_user(world.mentee1.user), pair)
    assert response.status_code == 409
    assert response.json()["code"] == "no_agreement"


def test_too_long_text_is_refused_and_the_form_keeps_the_input(world, pair, as_user):
    client = as_user(world.mentee1.user)
    response = _put(client, pair, {"cadence": "x" * 301})
    assert response.status_code in (400, 422)
    assert "cadence" in json.dumps(response.json())
    page = client.post(f"/mentorships/{pair.public_id}/agreement/", {**TERMS, "place": "y" * 301})
    assert page.status_code == 200
    html = unescape(page.content.decode())
    assert TERMS["in_bounds"] in html and "at most 300 characters" in html
    assert not Agreement.objects.exists()


def test_an_ended_mentorship_keeps_its_agreement_readable_but_closed(world, pair, as_user):
    client = as_user(world.mentee1.user)
    _put(client, pair, TERMS)
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.COMPLETED)
    assert _put(client, pair, {"cadence": "Never"}).json()["code"] == "not_open"
    assert _confirm(client, pair).json()["code"] == "not_open"
    page = unescape(client.get(f"/mentorships/{pair.public_id}/agreement/").content.decode())
    assert TERMS["cadence"] in page
    assert 'name="cadence"' not in page and "Confirm the agreement" not in page


ROLES = ["other_pair", "admin", "other_admin", "anonymous", "blocked"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_reads_or_writes_the_agreement(world, pair, role, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    _put(as_user(world.mentee1.user), pair, TERMS)
    client = _client(world, role)
    page = client.get(f"/mentorships/{pair.public_id}/agreement/")
    api = client.get(f"/api/v1/mentorships/{pair.public_id}/agreement")
    put = _put(client, pair, {"cadence": "Hijacked"})
    confirm = _confirm(client, pair)
    if role == "anonymous":
        assert page.status_code == 302
        assert {api.status_code, put.status_code, confirm.status_code} == {401}
    else:
        assert page.status_code == 404
        assert {api.status_code, put.status_code, confirm.status_code} == {404}
    assert TERMS["cadence"] not in page.content.decode() + api.content.decode()
    assert Agreement.objects.get(mentorship=pair).cadence == TERMS["cadence"]


def test_the_agreement_page_keeps_a_constant_number_of_queries(
    world, pair, as_user, django_assert_max_num_queries
):
    client = as_user(world.mentee1.user)
    _put(client, pair, TERMS)
    questions = list(world.program.fifteen_questions.all())
    for question in questions:
        for person in (world.mentor1, world.mentee1):
            FifteenAnswer.objects.create(participant=person, question=question, answer="An answer")
    client.get(f"/mentorships/{pair.public_id}/agreement/")  # the session's zone is cached
    with django_assert_max_num_queries(12):
        client.get(f"/mentorships/{pair.public_id}/agreement/")
