"""End to end in a real browser (Debian's Chromium driven by Playwright): a newcomer signs up
with the join code, fills the application form, and finds a mentor by searching."""

import pytest

from mentorwise.programs.services import question_save
from tests.browser import CHROMIUM, shot

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]


def test_newcomer_signs_up_applies_and_finds_a_mentor(world, live_server, browser):
    question = question_save(
        program=world.program,
        actor=world.admin,
        label="What do you most want to learn?",
        kind="long_text",
        required=True,
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Rosa Newcomer")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Organization join code").fill("guild-2026")
    page.locator("#id_password1").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again)").fill("a-long-and-unusual-passphrase")
    shot(page, "signup-desktop")
    page.get_by_role("button", name="Sign Up").click()

    page.get_by_role("heading", name="Welcome, Rosa").wait_for()
    page.get_by_role("link", name="Learn more and apply").first.click()
    page.get_by_role("link", name="Apply as a mentee").click()
    page.get_by_label("What do you most want to learn?").fill("Storyboarding for features")
    page.get_by_role("button", name="Join as a mentee").click()
    page.get_by_text("Welcome to Story Mentoring").wait_for()

    page.goto(f"{live_server.url}/programs/{world.program.public_id}/")
    page.get_by_role("link", name="Browse mentors").click()
    page.get_by_label("Search", exact=True).fill("storyb")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 mentor matches your search").wait_for()
    shot(page, "search-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "search-phone")
    page.get_by_role("link", name="Maya Mentor").click()
    page.get_by_role("heading", name="Maya Mentor").wait_for()
    assert "Storyboard supervisor" in page.content()

    from mentorwise.profiles.models import Participant

    rosa = Participant.objects.get(user__email="rosa@example.org")
    assert rosa.answers == {question.public_id: "Storyboarding for features"}
