"""The pair's record as a download (Markdown or PDF): for the pair only, in the viewer's zone."""

import pytest

from mentorwise.agreements.services import agreement_confirm, agreement_save
from mentorwise.workspace import export
from tests.factories import make_mentorship
from tests.privacy import client_as


@pytest.fixture
def pair(world):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    agreement_save(
        mentorship=pair,
        user=world.mentee1.user,
        values={"cadence": "Toutes les deux semaines", "out_of_bounds": "Mon salaire — 給料"},
    )
    agreement_confirm(mentorship=pair, user=world.mentee1.user)
    agreement_confirm(mentorship=pair, user=world.mentor1.user)
    return pair


def test_a_member_downloads_the_record_as_markdown(world, pair, as_user):
    response = as_user(world.mentee1.user).get(f"/mentorships/{pair.public_id}/export/?format=md")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"].startswith('attachment; filename="mentorship-')
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert text.startswith("# The record of a mentorship")
    assert "## Agreement" in text
    assert "Toutes les deux semaines" in text and "Mon salaire — 給料" in text
    assert "Confirmed by both on" in text
    assert "mentor Maya Mentor, mentee Lee Mentee" in text


def test_the_record_holds_goals_with_history_meetings_and_messages(world, pair, as_user):
    import datetime as dt

    from django.utils import timezone

    from mentorwise.conversations.services import message_post
    from mentorwise.goals.services import goal_create, goal_update
    from mentorwise.meetings.services import meeting_log

    lee = world.mentee1.user
    goal = goal_create(
        mentorship=pair,
        user=lee,
        title="Finish the showreel",
        measure="A 90-second reel online",
        due_on=dt.date.today() + dt.timedelta(days=60),
    )
    goal_update(goal=goal, user=world.mentor1.user, progress=40, note="Two shots left")
    meeting_log(
        mentorship=pair,
        user=lee,
        starts_at=timezone.now() - dt.timedelta(days=3),
        duration_minutes=60,
        topics=["Reel order"],
        notes="Cut the weakest shot",
        next_steps="Send the new cut",
    )
    message_post(mentorship=pair, user=world.mentor1.user, body="Loved the new opening shot!")
    text = as_user(lee).get(f"/mentorships/{pair.public_id}/export/?format=md").content.decode()
    for expected in (
        "## Goals",
        "### Finish the showreel",
        "A 90-second reel online",
        "Maya Mentor · In progress 40 % — Two shots left",
        "## Meetings",
        "Cut the weakest shot",
        "Send the new cut",
        "## Messages",
        "Maya Mentor: Loved the new opening shot!",
    ):
        assert expected in text, expected
    assert text.index("## Agreement") < text.index("## Goals") < text.index("## Meetings")


def test_the_pdf_is_a_pdf_with_or_without_a_unicode_font(world, pair, as_user, settings):
    client = as_user(world.mentor1.user)
    response = client.get(f"/api/v1/mentorships/{pair.public_id}/export?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    settings.PDF_FONT = ""
    original = export.FONT_CANDIDATES
    export.FONT_CANDIDATES = ("/nowhere/font.ttf",)
    try:
        fallback = client.get(f"/mentorships/{pair.public_id}/export/?format=pdf")
    finally:
        export.FONT_CANDIDATES = original
    assert fallback.status_code == 200 and fallback.content.startswith(b"%PDF-")


def test_an_unknown_format_is_refused(world, pair, as_user):
    client = as_user(world.mentee1.user)
    assert client.get(f"/mentorships/{pair.public_id}/export/?format=docx").status_code == 404
    assert client.get(f"/api/v1/mentorships/{pair.public_id}/export?format=docx").status_code == 422


@pytest.mark.parametrize("role", ["other_pair", "admin", "other_admin", "anonymous", "blocked"])
def test_only_the_pair_downloads_its_record(world, pair, role):
    client = client_as(world, role)
    page = client.get(f"/mentorships/{pair.public_id}/export/?format=md")
    api = client.get(f"/api/v1/mentorships/{pair.public_id}/export?format=md")
    assert page.status_code == (302 if role == "anonymous" else 404)
    assert api.status_code == (401 if role == "anonymous" else 404)
    assert b"Toutes les deux" not in page.content + api.content
