"""The guidance every new organization starts with: five real pages, no placeholders."""

import pytest

from mentorwise.organizations.guides import DEFAULT_GUIDES
from mentorwise.organizations.models import GuidePage
from mentorwise.organizations.services import organization_create

pytestmark = pytest.mark.django_db

PLACEHOLDER_MARKERS = ("placeholder", "lorem ipsum", "todo", "tbd", "xxx")


def test_new_organization_gets_all_five_guides():
    org = organization_create(name="Storyboard Circle")

    guides = {g.kind: g for g in GuidePage.objects.filter(organization=org)}

    assert set(guides) == set(GuidePage.Kind.values)
    for kind, guide in guides.items():
        assert guide.title == DEFAULT_GUIDES[kind][0]
        assert guide.body == DEFAULT_GUIDES[kind][1]


@pytest.mark.parametrize("kind", GuidePage.Kind.values)
def test_each_guide_is_substantial_markdown_without_placeholders(kind):
    title, body = DEFAULT_GUIDES[kind]
    words = len(body.split())

    assert title
    assert 300 <= words <= 900, f"{kind} has {words} words"
    assert "\n## " in body, f"{kind} has no section headings"
    lowered = body.lower()
    for marker in PLACEHOLDER_MARKERS:
        assert marker not in lowered, f"{kind} still contains {marker!r}"


def test_guides_cover_the_rules_people_ask_about():
    faq = DEFAULT_GUIDES["faq"][1].lower()
    for phrase in (
        "join code",
        "password",
        "two at a time",
        "two months",
        "one to two weeks",
        "completed",
        "ended early",
        "concern",
        "my mentorships",
    ):
        assert phrase in faq, phrase
    smart = DEFAULT_GUIDES["goal-setting"][1]
    for heading in ("Specific", "Measurable", "Attainable", "Relevant", "Time-bound"):
        assert f"## {heading}" in smart
    assert "first month" in smart
    stages = DEFAULT_GUIDES["stages"][1].lower()
    for stage in (
        "rapport building",
        "setting direction",
        "progression",
        "winding down",
        "moving on",
    ):
        assert stage in stages
    assert "activity library" in DEFAULT_GUIDES["mentor-tips"][1].lower()
    assert "15 questions" in DEFAULT_GUIDES["mentee-tips"][1].lower()


def test_guides_render_to_html():
    from mentorwise.core.markdown import render_markdown

    for title, body in DEFAULT_GUIDES.values():
        html = render_markdown(body)
        assert "<h2>" in html and "<p>" in html, title
        assert "**" not in html, title


def test_member_reads_each_guide_as_formatted_html(world, as_user):
    from django.urls import reverse

    client = as_user(world.mentee1.user)
    for kind, (title, _) in DEFAULT_GUIDES.items():
        response = client.get(reverse("organizations:guide", args=[world.org.slug, kind]))
        assert response.status_code == 200
        html = response.content.decode()
        assert title in html
        assert "<h2" in html
        assert "**" not in html
