"""Administrator-written Markdown renders in time proportional to its length, and every such
text is bounded (guide pages, a program's "what it is" and "what it is not")."""

import time

import pytest
from django.urls import reverse

from mentorwise.core.errors import ValidationFailed
from mentorwise.core.markdown import MARKDOWN_MAX_CHARS, render_markdown
from mentorwise.organizations.models import GuidePage
from mentorwise.organizations.services import guide_page_update
from mentorwise.programs.services import program_update
from tests.test_manage_programs import form_data

pytestmark = pytest.mark.django_db

BRACKETS = "[" * 8000  # took Python-Markdown 7-10 s (time in the square of the count)


def _timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def test_eight_thousand_brackets_render_well_under_a_second():
    render_markdown.cache_clear()
    html, seconds = _timed(lambda: render_markdown(BRACKETS))
    assert seconds < 1.0
    assert html.count("[") == 8000


@pytest.mark.parametrize(
    "text",
    [
        "[" * MARKDOWN_MAX_CHARS,
        "![" * (MARKDOWN_MAX_CHARS // 2),
        "[a](" * (MARKDOWN_MAX_CHARS // 4),
        "*a" * (MARKDOWN_MAX_CHARS // 2),
        "[" * (MARKDOWN_MAX_CHARS // 2) + "]" * (MARKDOWN_MAX_CHARS // 2),
    ],
    ids=["brackets", "images", "links", "emphasis", "nested"],
)
def test_the_longest_hostile_texts_allowed_render_within_the_budget(text):
    """The time is linear in the length: the longest text allowed takes about a second at
    worst (images), once per process (then it is remembered). Quadratic rendering took
    minutes on these."""
    render_markdown.cache_clear()
    _, seconds = _timed(lambda: render_markdown(text))
    assert seconds < 3.0


def test_a_guide_of_brackets_is_served_to_members_quickly(world, as_user):
    client = as_user(world.mentee1.user)
    url = reverse("organizations:guide", args=[world.org.slug, "faq"])
    assert client.get(url).status_code == 200  # the first request of a process warms it up
    guide = GuidePage.objects.get(organization=world.org, kind="faq")
    guide_page_update(guide=guide, actor=world.admin, title="FAQ", body=BRACKETS)
    render_markdown.cache_clear()
    response, seconds = _timed(lambda: client.get(url))
    assert response.status_code == 200
    assert seconds < 1.0


def test_a_program_page_with_brackets_is_served_quickly(world, as_user):
    client = as_user(world.mentee1.user)
    url = reverse("programs:detail", args=[world.program.public_id])
    assert client.get(url).status_code == 200  # the first request of a process warms it up
    program_update(
        program=world.program, actor=world.admin, what_it_is=BRACKETS, what_it_is_not=BRACKETS
    )
    render_markdown.cache_clear()
    response, seconds = _timed(lambda: client.get(url))
    assert response.status_code == 200
    assert seconds < 1.0


def test_markdown_still_formats_and_still_refuses_scripts():
    html = render_markdown(
        "## Title\n\nSix **months**, *gently*.\n\n- one\n- two\n\n1. first\n\n"
        "[a link](https://example.org) [bad](javascript:alert(1))\n\n"
        "| a | b |\n| - | - |\n| 1 | 2 |\n\n<script>alert(1)</script>"
    )
    for part in ("<h2>Title</h2>", "<strong>months</strong>", "<em>gently</em>", "<li>one</li>"):
        assert part in html
    assert '<a href="https://example.org"' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert "<script>" not in html and "javascript:" not in html.split("bad")[0][-40:]


def test_a_guide_page_over_the_limit_is_refused_on_the_page(world, as_user):
    url = reverse("manage:guide-edit", args=[world.org.public_id, "faq"])
    before = GuidePage.objects.get(organization=world.org, kind="faq").body
    for extra in ({}, {"preview": "1"}):
        body = "x" * (MARKDOWN_MAX_CHARS + 1)
        response = as_user(world.admin).post(url, {"title": "FAQ", "body": body, **extra})
        assert response.status_code == 200
        assert "at most 20000 characters" in response.content.decode()
    assert GuidePage.objects.get(organization=world.org, kind="faq").body == before


def test_a_guide_page_over_the_limit_is_refused_by_the_service(world):
    guide = GuidePage.objects.get(organization=world.org, kind="faq")
    with pytest.raises(ValidationFailed) as refused:
        guide_page_update(
            guide=guide, actor=world.admin, title="FAQ", body="x" * (MARKDOWN_MAX_CHARS + 1)
        )
    assert refused.value.field == "body"


@pytest.mark.parametrize("field", ["what_it_is", "what_it_is_not"])
def test_program_texts_over_the_limit_are_refused_on_the_page(world, as_user, field):
    url = reverse("manage:program-edit", args=[world.program.public_id])
    data = form_data(world.program, **{field: "x" * (MARKDOWN_MAX_CHARS + 1)})
    response = as_user(world.admin).post(url, data)
    assert response.status_code == 200
    assert "at most 20000 characters" in response.content.decode()
    world.program.refresh_from_db()
    assert len(getattr(world.program, field)) < MARKDOWN_MAX_CHARS


@pytest.mark.parametrize("field", ["what_it_is", "what_it_is_not"])
def test_program_texts_over_the_limit_are_refused_by_the_service(world, field):
    with pytest.raises(ValidationFailed) as refused:
        program_update(
            program=world.program, actor=world.admin, **{field: "x" * (MARKDOWN_MAX_CHARS + 1)}
        )
    assert field in refused.value.errors
