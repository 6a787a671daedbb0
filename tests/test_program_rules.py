"""The program's rule "never pair people from the same department or reporting line" holds for
every way a mentorship starts — a request, an invitation, its acceptance, a match run's
publishing, a pair made by hand — through one check (`pair_check`), with the reason in words."""

import json
from html import unescape

import pytest
from django.urls import reverse

from mentorwise.matching.models import Proposal
from mentorwise.matching.services import run_create
from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import request_create
from mentorwise.profiles.services import profile_update

pytestmark = pytest.mark.django_db

FORM = 'name="message"'
SAME_DEPARTMENT = (
    "work in the same department; this program pairs people from different departments."
)


def _same_department(*participants, department="Story"):
    for p in participants:
        profile_update(user=p.user, department=department)


def _page(client, url) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_mentee_is_told_before_asking_a_mentor_of_her_own_department(world, as_user):
    _same_department(world.mentee1, world.mentor2, department="Story")
    client = as_user(world.mentee1.user)
    html = _page(client, f"/people/{world.mentor2.public_id}/")
    sentence = f"You and Omar Mentor {SAME_DEPARTMENT}"
    assert sentence in html
    assert FORM not in html
    response = client.post(
        "/api/v1/requests",
        json.dumps({"to": world.mentor2.public_id, "message": "Hello"}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert (response.json()["detail"], response.json()["code"]) == (sentence, "same_department")
    # A mentor of another department is asked as before.
    assert FORM in _page(client, f"/people/{world.mentor1.public_id}/")


def test_departments_compare_without_case_or_spaces_and_empty_is_no_department(world, as_user):
    profile_update(user=world.mentee1.user, department=" story ")
    profile_update(user=world.mentor2.user, department="Story")
    assert SAME_DEPARTMENT in _page(
        as_user(world.mentee1.user), f"/people/{world.mentor2.public_id}/"
    )
    # Neither gave a department (the default): nothing to compare.
    assert FORM in _page(as_user(world.mentee2.user), f"/people/{world.mentor1.public_id}/")


def test_the_same_reporting_line_is_refused_too(world, as_user):
    profile_update(user=world.mentee1.user, reports_to="Rosa Chief")
    profile_update(user=world.mentor2.user, reports_to="rosa chief")
    html = _page(as_user(world.mentee1.user), f"/people/{world.mentor2.public_id}/")
    assert (
        "You and Omar Mentor are in the same reporting line; this program pairs people from "
        "different reporting lines." in html
    )
    assert FORM not in html


def test_a_program_without_the_rule_pairs_colleagues(world, as_user):
    world.program.mentors_outside_reporting_line = False
    world.program.save()
    _same_department(world.mentee1, world.mentor2)
    assert FORM in _page(as_user(world.mentee1.user), f"/people/{world.mentor2.public_id}/")


def test_a_mentor_inviting_a_colleague_is_told_in_the_second_person(world, as_user):
    _same_department(world.mentee1, world.mentor2)
    html = _page(as_user(world.mentor2.user), f"/people/{world.mentee1.public_id}/")
    assert f"You and Lee Mentee {SAME_DEPARTMENT}" in html
    assert FORM not in html


def test_accepting_a_request_sent_before_a_move_to_the_same_department_is_refused(world, as_user):
    request = request_create(user=world.mentee1.user, to=world.mentor2)
    _same_department(world.mentee1, world.mentor2)
    response = as_user(world.mentor2.user).post(
        f"/requests/{request.public_id}/accept/", follow=True
    )
    assert f"You and Lee Mentee {SAME_DEPARTMENT}" in unescape(response.content.decode())
    assert not Mentorship.objects.exists()


def test_an_administrator_cannot_pair_colleagues_by_hand(world, as_user, delivered):
    world.program.matching_mode = "admin_matched"
    world.program.save()
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    _same_department(world.mentee1, world.mentor2)
    Proposal.objects.filter(run=run, mentee=world.mentee1).delete()
    response = as_user(world.admin).post(
        reverse("manage:proposal-add", args=[run.public_id]),
        {"mentee": world.mentee1.public_id, "mentor": world.mentor2.public_id},
    )
    assert response.status_code == 400
    assert f"Lee Mentee and Omar Mentor {SAME_DEPARTMENT}" in unescape(response.content.decode())
    assert not run.proposals.filter(mentee=world.mentee1, mentor=world.mentor2).exists()


def test_publishing_skips_a_pair_of_colleagues_with_the_reason(world, as_user, delivered):
    world.program.matching_mode = "admin_matched"
    world.program.save()
    with delivered():
        run = run_create(program=world.program, user=world.admin)
    proposal = run.proposals.select_related("mentee__user", "mentor__user").first()
    # Between the run and its publishing, the two moved to the same department.
    _same_department(proposal.mentee, proposal.mentor)
    client = as_user(world.admin)
    with delivered():
        client.post(reverse("manage:run-publish", args=[run.public_id]))
    assert not Mentorship.objects.filter(mentee=proposal.mentee, mentor=proposal.mentor).exists()
    run.refresh_from_db()
    reasons = [s["reason"] for s in run.totals["skipped"]]
    expected = f"{proposal.mentee.user.name} and {proposal.mentor.user.name} {SAME_DEPARTMENT}"
    assert reasons == [expected]
    assert expected in _page(client, reverse("manage:run", args=[run.public_id]))


def test_the_run_warns_about_a_kept_pair_in_the_words_publishing_uses(world, delivered):
    from mentorwise.matching.services.runs import pairs_warnings

    _same_department(world.mentee1, world.mentor2)
    said = pairs_warnings(world.program, [(world.mentee1, world.mentor2)])[0]
    assert f"Lee Mentee and Omar Mentor {SAME_DEPARTMENT}" in said


def test_a_mentee_cannot_choose_a_colleague_in_a_selection_round(world, as_user):
    from mentorwise.matching.models import RoundChoice
    from mentorwise.matching.services import round_open

    world.program.matching_mode = "selection_round"
    world.program.save()
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    _same_department(world.mentee1, world.mentor2)
    response = as_user(world.mentee1.user).post(
        reverse("matching:round-choose", args=[round.public_id]),
        {f"rank_{world.mentor2.public_id}": "1"},
    )
    assert f"You and Omar Mentor {SAME_DEPARTMENT}" in unescape(response.content.decode())
    assert not RoundChoice.objects.filter(round=round).exists()
