"""The demo runs with debug mode off: a mistyped address shows the product's own 404 page (not
Django's list of every URL pattern), a crash shows a 500 page that needs neither the database
nor the stylesheet, and CSS is still served (WhiteNoise, after `serve` collects the files)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import path
from django.views.defaults import server_error

from mentorwise.core.management.commands.serve import collect_static


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom)]
handler404 = "mentorwise.core.views.not_found"


def test_make_run_leaves_debug_mode_off_unless_asked_for():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    recipe = makefile.split("\nrun:", 1)[1].split("\n\n", 1)[0]
    commands = [line for line in recipe.splitlines() if line.startswith("\t")]
    assert commands and not any("DEBUG" in line for line in commands)


@pytest.mark.django_db
def test_a_mistyped_address_shows_the_products_404_page_not_the_url_patterns(settings):
    settings.DEBUG = False
    response = Client().get("/mentorships-typo/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We could not find that page" in page
    assert "URLconf" not in page and "manage/" not in page


def test_the_500_page_renders_without_the_database():
    # No `db` fixture: any query would fail this test.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    # Not even the main stylesheet (its hashed name may be what failed): its own few rules are
    # linked by their plain name, with no manifest to read (no inline style: the CSP forbids it).
    assert 'href="/static/css/error.css"' in page and "mentorwise.css" not in page
    assert "<style" not in page and "style=" not in page


@pytest.mark.django_db
@pytest.mark.urls("tests.test_error_pages")
def test_a_crash_shows_the_products_500_page(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and "Traceback" not in page


@pytest.mark.django_db
def test_css_is_served_with_debug_off_once_serve_has_collected_it(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    collect_static()
    assert (tmp_path / "css" / "mentorwise.css").exists()
    response = Client().get("/static/css/mentorwise.css")
    assert response.status_code == 200
    assert b"Mentorwise" in b"".join(response.streaming_content)
