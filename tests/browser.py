"""Shared pieces of the real-browser tests: Debian's Chromium driven by Playwright.

`browser` is a pytest fixture (registered in conftest.py); `shots()` saves full-page
screenshots at desktop and phone widths into test-artifacts/ for people to look at.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = shutil.which("chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium package is not installed"
)


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; the test itself only reads the
    # database between browser steps, so Django's async-safety guard can be relaxed here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as p:
            launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            yield launched
            launched.close()
            # The test's reads while Playwright runs happen in another context (connections
            # are per context): close the connection they opened, or it outlives the test
            # database on PostgreSQL.
            connections.close_all()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def shots(page, name: str) -> None:
    """A full-page screenshot at desktop and at phone width."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def log_in(browser, live_server, email: str, password: str):
    """A new browser context signed in through the login form; returns (context, page)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name="Sign out").wait_for()  # home, or Manage for an admin
    return context, page
