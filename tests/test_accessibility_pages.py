"""Accessibility of the server-rendered pages: invalid fields tied to their messages, the error
summary, the page title on errors, the search's live region and the program tabs on phones."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.test_signup import SIGNUP

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(HTMLParser):
    """Every element's attributes, and the text inside each element that has an id."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.text_by_id: dict[str, str] = {}
        self.title = ""
        self._open: list[tuple[str, str | None]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs))
        if tag not in VOID:
            self._open.append((tag, attrs.get("id")))
        if attrs.get("id"):
            self.text_by_id.setdefault(attrs["id"], "")

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(tag == "title" for tag, _ in self._open):
            self.title += data
        for _, element_id in self._open:
            if element_id:
                self.text_by_id[element_id] += data

    def find(self, tag=None, **attrs):
        return [
            a
            for t, a in self.elements
            if (tag is None or t == tag)
            and all(a.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]


def test_signup_errors_are_tied_to_their_fields_and_summarized(world):
    response = Client().post("/accounts/signup/", {**SIGNUP, "email": "not-an-address"})
    assert response.status_code == 200
    page = Page(response.content.decode())

    assert page.title.strip().startswith("Error: ")
    email = page.find("input", name="email")[0]
    assert email["aria-invalid"] == "true"
    described = email["aria-describedby"].split()
    messages = [page.text_by_id[i] for i in described if i in page.text_by_id]
    assert len(messages) == len(described), "every id in aria-describedby exists"
    assert any("valid email" in m for m in messages)

    summary = page.find("div", class_="alert error error-summary", tabindex="-1")
    assert summary and "data-error-summary" in summary[0]
    assert page.find("a", href="#id_email")
    # The fields without errors are not marked.
    assert "aria-invalid" not in page.find("input", name="name")[0]


def test_profile_errors_link_to_the_field(world, as_user):
    response = as_user(world.mentee1.user).post(
        "/profile/", {"name": "Lee", "work_mode": "either", "time_zone": "Mars/Olympus"}
    )
    page = Page(response.content.decode())
    assert page.title.strip().startswith("Error: ")
    assert page.find("a", href="#id_time_zone")
    zone = page.find("select", name="time_zone")[0]
    assert zone["aria-invalid"] == "true"
    assert "Select a valid choice" in page.text_by_id["id_time_zone_error"]
    assert "id_time_zone_error" in zone["aria-describedby"].split()


def test_pages_without_errors_have_a_plain_title(world, as_user):
    page = Page(as_user(world.mentee1.user).get("/profile/").content.decode())
    assert not page.title.strip().startswith("Error")
    assert not page.find("div", class_="alert error error-summary", tabindex="-1")


def test_search_announces_a_short_count_not_the_whole_list(world, as_user):
    client = as_user(world.mentee1.user)
    url = f"/programs/{world.program.public_id}/mentors/"
    page = Page(client.get(url).content.decode())
    status = page.find(id="results-status")[0]
    assert status["role"] == "status"
    assert page.text_by_id["results-status"].strip() == "2 mentors in this program"
    assert not page.find(aria_live="polite", id="results")

    # An htmx search updates the same region's text out of band.
    partial = client.get(url, {"q": "storyb"}, HTTP_HX_REQUEST="true").content.decode()
    page = Page(partial)
    oob = page.find(id="results-status")[0]
    assert oob["hx-swap-oob"] == "innerHTML"
    assert page.text_by_id["results-status"].strip() == "1 mentor matches your search"


def test_program_tabs_fold_into_a_menu(world, as_user):
    response = as_user(world.admin).get(f"/manage/programs/{world.program.public_id}/participants/")
    page = Page(response.content.decode())
    menu = page.find("details", class_="tabs-menu")[0]
    assert "open" in menu and "data-collapse-on-phone" in menu
    assert "Program pages: Participants" in response.content.decode().replace(
        "<strong>", ""
    ).replace("</strong>", "")


def test_run_progress_has_one_lasting_live_region(world, as_user):
    from django.urls import reverse

    from mentorwise.matching.models import MatchRun
    from mentorwise.matching.services import run_create

    client = as_user(world.admin)
    run = run_create(program=world.program, user=world.admin)  # stays queued
    page = Page(client.get(reverse("manage:run", args=[run.public_id])).content.decode())
    region = page.find(role="status", data_live_region="run-status")
    assert region and region[0]["data-announce-done"].startswith("The run has finished")

    MatchRun.objects.filter(pk=run.pk).update(
        status="running", progress=25, progress_note="Scoring"
    )
    url = reverse("manage:run-progress", args=[run.public_id])
    partial = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "aria-live" not in partial and 'role="status"' not in partial
    assert '<span hidden data-announce="run-status">Scoring</span>' in partial
    MatchRun.objects.filter(pk=run.pk).update(status="done")
    finished = client.get(url).content.decode()  # without htmx: the partial says it is over
    assert "The run has finished (" in finished


def test_buttons_names_start_with_their_visible_text(world, as_user):
    from django.urls import reverse

    html = as_user(world.admin).get(reverse("manage:administrators", args=[world.org.public_id]))
    page = Page(html.content.decode())
    make = [
        b for b in page.find("button") if b.get("aria-label", "").startswith("Make administrator: ")
    ]
    assert make, "the members can be made administrators"
    assert page.find("button", aria_label="Remove administrator rights: Ada Admin")


def test_administration_tables_become_cards_on_phones(world, as_user):
    client = as_user(world.admin)
    pages = [
        "/manage/",
        f"/manage/programs/{world.program.public_id}/participants/",
        f"/manage/o/{world.org.public_id}/administrators/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = Page(response.content.decode())
        assert page.find("table", class_="table-cards"), url
        cells = [a for t, a in page.elements if t == "td"]
        assert cells and all(a.get("data-label") for a in cells), url
