"""Where people land and what they are offered next: an administrator who takes part in no
program lands on their programs' overview; a declined request or an ended mentorship offers to
find another mentor; ending a mentorship shows every mistake at once; the sign-up hint names
the demo's join code only where the demo organization exists."""

import pytest
from django.urls import reverse

from mentorwise.mentorships.services import request_accept, request_create, request_decline
from mentorwise.organizations.models import Organization
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def test_an_administrator_with_no_participation_lands_on_the_programs_overview(world, as_user):
    response = as_user(world.admin).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("manage:home")


def test_an_administrator_who_also_takes_part_keeps_the_participants_home(world, as_user):
    make_participant(world.program, role="mentor", user=world.admin, capacity=1)
    assert as_user(world.admin).get(reverse("home")).status_code == 200


def test_a_member_who_administers_nothing_keeps_the_home_page(world, as_user):
    assert as_user(world.outsider.user).get(reverse("home")).status_code == 200


def _search(world) -> str:
    return reverse("directory:search", args=[world.program.public_id, "mentors"])


def test_a_declined_request_offers_to_find_another_mentor(world, as_user, delivered):
    with delivered():
        request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hello")
        request_decline(request=request, user=world.mentor1.user, reason="My spring is full")
    page = as_user(world.mentee1.user).get(reverse("mentorships:mine")).content.decode()
    past = page.split("Past requests", 1)[1]
    assert f'<a href="{_search(world)}?has_room=on">Find another mentor</a>' in past


def test_an_ended_mentorship_offers_the_mentee_to_find_another_mentor(world, as_user, delivered):
    with delivered():
        mentorship = request_accept(
            request=request_create(user=world.mentee1.user, to=world.mentor1),
            user=world.mentor1.user,
        )
    mentee = as_user(world.mentee1.user)
    with delivered():
        response = mentee.post(
            reverse("mentorships:end", args=[mentorship.public_id]),
            {"outcome": "completed", "confirm": "on"},
            follow=True,
        )
    past = response.content.decode().split("Past mentorships", 1)[1]
    assert "Find another mentor" in past and _search(world) in past
    detail = mentee.get(reverse("mentorships:detail", args=[mentorship.public_id]))
    assert "This mentorship has ended." in detail.content.decode()
    assert "Find another mentor" in detail.content.decode()
    mentor_view = as_user(world.mentor1.user).get(
        reverse("mentorships:detail", args=[mentorship.public_id])
    )
    assert "Find another mentor" not in mentor_view.content.decode()


def test_the_end_form_shows_all_its_errors_at_once(world, as_user, delivered):
    with delivered():
        mentorship = request_accept(
            request=request_create(user=world.mentee1.user, to=world.mentor1),
            user=world.mentor1.user,
        )
    client = as_user(world.mentee1.user)
    url = reverse("mentorships:end", args=[mentorship.public_id])
    page = client.post(url, {"outcome": "ended_early"}).content.decode()
    assert "Tell us briefly why the mentorship is ending early." in page
    assert "Confirm that you want to end the mentorship." in page
    page = client.post(url, {}).content.decode()
    assert "Choose &quot;completed&quot; or &quot;ended early&quot;." in page
    assert "Confirm that you want to end the mentorship." in page
    mentorship.refresh_from_db()
    assert mentorship.is_open


def test_the_signup_hint_names_the_demo_code_only_where_the_demo_exists(world, client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "Your program administrator gives you this code." in page
    assert "DEMO-2026" not in page
    Organization.objects.filter(pk=world.org.pk).update(is_demo=True, join_code="DEMO-2026")
    page = client.get(reverse("account_signup")).content.decode()
    assert "To try the demo, use DEMO-2026." in page
