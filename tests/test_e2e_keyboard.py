"""Keyboard only, in a real browser: a mentee skips to the content, searches for a mentor, opens
the mentor's page and sends a request, with Tab, Enter, Space and typing — never the mouse."""

import pytest
from django.urls import reverse

from tests.browser import CHROMIUM, log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]

FOCUSED = """() => {
  const e = document.activeElement;
  return { tag: e.tagName.toLowerCase(), id: e.id, text: (e.getAttribute("aria-label") || e.textContent || e.value || "").trim(), ring: getComputedStyle(e).outlineStyle };
}"""


def tab_to(page, matches, limit: int = 80) -> dict:
    """Presses Tab until the focused element matches; fails after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if matches(focused):
            return focused
    raise AssertionError(f"never reached by Tab; last focus: {focused}")


def test_mentee_finds_a_mentor_and_asks_with_the_keyboard_only(world, live_server, browser):
    context, page = log_in(browser, live_server, world.mentee1.user.email, world.password)
    page.goto(f"{live_server.url}/")

    # The first Tab reaches the skip link; Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "main"

    focused = tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Browse mentors")
    assert focused["ring"] == "solid", "the focused link shows the focus ring"
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Find a mentor").wait_for()

    tab_to(page, lambda f: f["id"] == "id_q")
    page.keyboard.type("storyb")
    page.keyboard.press("Enter")
    page.get_by_text("1 mentor matches your search").wait_for()

    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Maya Mentor")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Maya Mentor").wait_for()

    tab_to(page, lambda f: f["tag"] == "textarea")
    page.keyboard.type("I would love help with my storyboard portfolio.")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"].startswith("Ask Maya"), limit=10)
    page.keyboard.press("Space")
    page.get_by_text("Your request is on its way to Maya Mentor").wait_for()
    context.close()

    from mentorwise.mentorships.models import MentorshipRequest

    assert MentorshipRequest.objects.filter(mentee=world.mentee1, mentor=world.mentor1).exists()


def test_administrator_swaps_two_pairs_mentors_with_the_keyboard_only(world, live_server, browser):
    """On a match run's review, Tab to a pair's "Swap…" link, Enter; the page says which pair
    is being swapped and Tab reaches "Swap with this pair" on another row; Space swaps."""
    from tests.test_e2e_axe import _run_with_two_pairs

    run = _run_with_two_pairs(world)
    context, page = log_in(browser, live_server, world.admin.email, world.password)
    page.goto(f"{live_server.url}{reverse('manage:run', args=[run.public_id])}")
    focused = tab_to(
        page, lambda f: f["tag"] == "a" and f["text"].startswith("Swap the mentor of"), limit=200
    )
    assert focused["ring"] == "solid"
    page.keyboard.press("Enter")
    page.locator("#swapping").wait_for()
    assert "Swap the mentor of" in page.locator("#swapping").inner_text()
    focused = tab_to(
        page,
        lambda f: f["tag"] == "button" and f["text"].startswith("Swap with this pair"),
        limit=200,
    )
    page.keyboard.press("Space")
    page.get_by_text("Mentors swapped:").wait_for()
    context.close()
