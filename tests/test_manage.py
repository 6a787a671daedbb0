"""The administration area at /manage/: who may see each page, the home page, the join code,
the organization's administrators and its guide pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorwise.core.models import AuditEntry
from mentorwise.organizations.models import GuidePage, Membership
from mentorwise.organizations.services import organization_for_join_code
from tests.factories import make_member, make_participant, make_program

# Every page of the area, as a function of the `world` fixture.
PAGES = {
    "program-create": lambda w: reverse("manage:program-create", args=[w.org.public_id]),
    "program-edit": lambda w: reverse("manage:program-edit", args=[w.program.public_id]),
    "questions": lambda w: reverse("manage:questions", args=[w.program.public_id]),
    "question-create": lambda w: reverse("manage:question-create", args=[w.program.public_id]),
    "fifteen-questions": lambda w: reverse("manage:fifteen-questions", args=[w.program.public_id]),
    "participants": lambda w: reverse("manage:participants", args=[w.program.public_id]),
    "join-code": lambda w: reverse("manage:join-code", args=[w.org.public_id]),
    "administrators": lambda w: reverse("manage:administrators", args=[w.org.public_id]),
    "guides": lambda w: reverse("manage:guides", args=[w.org.public_id]),
    "guide-edit": lambda w: reverse("manage:guide-edit", args=[w.org.public_id, "faq"]),
}


@pytest.fixture
def question(world):
    from mentorwise.programs.services import question_save

    return question_save(program=world.program, actor=world.admin, label="Your team?")


def question_pages(q):
    return {
        "question-edit": reverse("manage:question-edit", args=[q.public_id]),
        "question-delete": reverse("manage:question-delete", args=[q.public_id]),
    }


@pytest.mark.parametrize("page", sorted(PAGES))
def test_administrator_sees_each_page(world, as_user, page):
    response = as_user(world.admin).get(PAGES[page](world))
    assert response.status_code == 200
    assert b"Manage" in response.content


@pytest.mark.parametrize("page", sorted(PAGES))
def test_member_who_is_not_an_administrator_gets_403(world, as_user, page):
    assert as_user(world.mentor1.user).get(PAGES[page](world)).status_code == 403


@pytest.mark.parametrize("page", sorted(PAGES))
def test_administrator_of_another_organization_gets_404(world, as_user, page):
    assert as_user(world.other_admin).get(PAGES[page](world)).status_code == 404


@pytest.mark.parametrize("page", sorted(PAGES))
def test_anonymous_visitor_is_sent_to_sign_in(world, client, page):
    url = PAGES[page](world)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_blocked_administrator_gets_404(world, as_user):
    Membership.objects.filter(user=world.admin).update(is_blocked=True)
    assert as_user(world.admin).get(PAGES["program-edit"](world)).status_code == 404


def test_question_pages_follow_the_same_rules(world, as_user, client, question):
    for url in question_pages(question).values():
        assert as_user(world.admin).get(url).status_code == 200
        assert as_user(world.mentee1.user).get(url).status_code == 403
        assert as_user(world.other_admin).get(url).status_code == 404
        assert client.get(url).status_code == 302


def test_posts_from_the_wrong_people_change_nothing(world, as_user, client, question):
    posts = [
        (reverse("manage:join-code", args=[world.org.public_id]), {"confirm": "yes"}),
        (
            reverse("manage:participant-status", args=[world.mentee1.public_id]),
            {"status": "released"},
        ),
        (reverse("manage:question-move", args=[question.public_id]), {"direction": "up"}),
        (reverse("manage:question-delete", args=[question.public_id]), {}),
        (
            reverse("manage:member-role", args=[world.org.public_id, world.mentor1.user.public_id]),
            {"role": "admin"},
        ),
        (reverse("manage:program-edit", args=[world.program.public_id]), {"name": "Hacked"}),
    ]
    for url, data in posts:
        assert as_user(world.mentor1.user).post(url, data).status_code == 403, url
        assert as_user(world.other_admin).post(url, data).status_code == 404, url
        assert client.post(url, data).status_code == 302, url
    world.org.refresh_from_db()
    world.mentee1.refresh_from_db()
    world.program.refresh_from_db()
    assert world.org.join_code == "GUILD-2026"
    assert world.mentee1.status == "accepted"
    assert world.program.name == "Story Mentoring"
    assert world.program.questions.count() == 1
    assert not Membership.objects.get(user=world.mentor1.user).is_admin


# Home


def test_home_lists_my_organizations_with_join_code_programs_and_counts(world, as_user):
    response = as_user(world.admin).get(reverse("manage:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Animation Guild" in html
    assert "GUILD-2026" in html
    assert "Story Mentoring" in html
    assert "2 accepted" in html  # two mentors and two mentees, all accepted
    assert reverse("manage:participants", args=[world.program.public_id]) in html
    assert "Other Studio" not in html
    assert "OTHER-2026" not in html


def test_home_is_403_for_someone_who_administers_nothing(world, as_user):
    assert as_user(world.mentor1.user).get(reverse("manage:home")).status_code == 403


def test_home_redirects_anonymous_visitors_to_sign_in(world, client):
    response = client.get(reverse("manage:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_home_uses_a_constant_number_of_queries(world, as_user):
    client = as_user(world.admin)
    client.get(reverse("manage:home"))  # warm up: last-active stamp, session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("manage:home")).status_code == 200
        return len(ctx)

    small = count()
    for i in range(4):
        program = make_program(world.org, actor=world.admin, name=f"Extra {i}")
        make_participant(program, role="mentee")
        make_participant(program, role="mentor", capacity=1)
    assert count() == small


# Join code


def test_join_code_page_shows_the_current_code(world, as_user):
    response = as_user(world.admin).get(reverse("manage:join-code", args=[world.org.public_id]))
    assert "GUILD-2026" in response.content.decode()
    assert 'name="confirm"' in response.content.decode()


def test_regenerating_the_join_code_needs_the_confirmation(world, as_user):
    url = reverse("manage:join-code", args=[world.org.public_id])
    response = as_user(world.admin).post(url, {}, follow=True)
    world.org.refresh_from_db()
    assert world.org.join_code == "GUILD-2026"
    assert "Tick the box" in response.content.decode()


def test_regenerating_the_join_code_retires_the_old_one(world, as_user):
    url = reverse("manage:join-code", args=[world.org.public_id])
    response = as_user(world.admin).post(url, {"confirm": "yes"}, follow=True)
    world.org.refresh_from_db()
    new_code = world.org.join_code
    assert new_code != "GUILD-2026"
    assert new_code in response.content.decode()
    assert "The old code no longer works" in response.content.decode()
    assert organization_for_join_code("GUILD-2026") is None
    assert organization_for_join_code(new_code) == world.org
    assert AuditEntry.objects.filter(action="organization.join_code_regenerate").exists()


# Administrators


def test_administrators_page_lists_members_with_their_roles(world, as_user):
    response = as_user(world.admin).get(
        reverse("manage:administrators", args=[world.org.public_id])
    )
    html = response.content.decode()
    assert "Ada Admin" in html
    assert "Maya Mentor" in html
    assert "Make administrator" in html
    assert "Otto Outsider" not in html


def test_administrators_page_searches_by_name(world, as_user):
    url = reverse("manage:administrators", args=[world.org.public_id])
    html = as_user(world.admin).get(url, {"q": "maya"}).content.decode()
    assert "Maya Mentor" in html
    assert "Omar Mentor" not in html


def test_administrator_promotes_and_demotes_a_member(world, as_user):
    client = as_user(world.admin)
    url = reverse("manage:member-role", args=[world.org.public_id, world.mentor1.user.public_id])
    response = client.post(url, {"role": "admin"}, follow=True)
    assert "Maya Mentor is now a program administrator." in response.content.decode()
    assert Membership.objects.get(organization=world.org, user=world.mentor1.user).is_admin
    # The new administrator can now open the area.
    assert as_user(world.mentor1.user).get(PAGES["participants"](world)).status_code == 200

    response = client.post(url, {"role": "member"}, follow=True)
    assert "no longer a program administrator" in response.content.decode()
    assert not Membership.objects.get(organization=world.org, user=world.mentor1.user).is_admin


def test_the_last_administrator_cannot_be_demoted(world, as_user):
    url = reverse("manage:member-role", args=[world.org.public_id, world.admin.public_id])
    response = as_user(world.admin).post(url, {"role": "member"}, follow=True)
    assert "at least one administrator" in response.content.decode()
    assert Membership.objects.get(organization=world.org, user=world.admin).is_admin


def test_someone_from_another_organization_cannot_be_promoted(world, as_user):
    url = reverse("manage:member-role", args=[world.org.public_id, world.outsider.user.public_id])
    assert as_user(world.admin).post(url, {"role": "admin"}).status_code == 404


def test_administrators_page_uses_a_constant_number_of_queries(world, as_user):
    client = as_user(world.admin)
    url = reverse("manage:administrators", args=[world.org.public_id])
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        return len(ctx)

    small = count()
    for _ in range(10):
        make_member(world.org)
    assert count() == small


# Guide pages


def test_administrator_edits_a_guide_page(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "faq"])
    data = {"title": "Questions people ask", "body": "## How long?\n\nSix **months**."}
    response = as_user(world.admin).post(url, data, follow=True)
    assert response.status_code == 200
    page = GuidePage.objects.get(organization=world.org, kind="faq")
    assert page.title == "Questions people ask"
    assert page.body.startswith("## How long?")
    assert AuditEntry.objects.filter(action="organization.guide_update").exists()


def test_guide_preview_renders_without_saving(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "faq"])
    before = GuidePage.objects.get(organization=world.org, kind="faq").body
    data = {"title": "FAQ", "body": "Six **months**.", "preview": "1"}
    html = as_user(world.admin).post(url, data).content.decode()
    assert "<strong>months</strong>" in html
    assert GuidePage.objects.get(organization=world.org, kind="faq").body == before


def test_guide_preview_does_not_let_scripts_through(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "faq"])
    data = {"title": "FAQ", "body": "<script>alert(1)</script>", "preview": "1"}
    html = as_user(world.admin).post(url, data).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_guide_page_with_an_empty_body_is_refused(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "faq"])
    before = GuidePage.objects.get(organization=world.org, kind="faq").body
    response = as_user(world.admin).post(url, {"title": "FAQ", "body": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert GuidePage.objects.get(organization=world.org, kind="faq").body == before


def test_unknown_guide_kind_is_404(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "nope"])
    assert as_user(world.admin).get(url).status_code == 404
