"""End to end in a real browser: the pair's workspace, as a mentee in Kolkata and her mentor in
Los Angeles use it, each signed in through the sign-in page in a browser context of their own.

She writes and confirms the agreement and he confirms it; she adds a SMART goal and moves it to
40 %; she plans next week's meeting (each sees its time in their own zone, named) and logs one
held yesterday (the hours bar moves); they exchange messages; both see the stage panel.
On failure, both pages are saved to test-artifacts/ to look at."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mentorwise.core.zones import label
from mentorwise.profiles.services import profile_update
from tests.browser import CHROMIUM, log_in, shot
from tests.factories import make_mentorship

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]

KOLKATA = ZoneInfo("Asia/Kolkata")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def _held_start(now: datetime) -> datetime:
    """Yesterday at 10:00 in Kolkata, or earlier today on the first of the month, so that the
    meeting counts in the mentee's current month."""
    local = now.astimezone(KOLKATA)
    if local.day > 1:
        return datetime.combine(local.date() - timedelta(days=1), time(10, 0), KOLKATA)
    return datetime.combine(local.date(), time(0, 0), KOLKATA)


@pytest.fixture
def pair(world):
    from mentorwise.programs.models import Program

    Program.objects.filter(pk=world.program.pk).update(expected_hours_per_month=4)
    profile_update(user=world.mentee1.user, time_zone="Asia/Kolkata")
    profile_update(user=world.mentor1.user, time_zone="America/Los_Angeles")
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def _open_mentorship(page, heading: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My mentorships").click()
    page.get_by_role("link", name="Open").first.click()
    page.get_by_role("heading", name=heading).wait_for()


def test_a_pair_works_in_their_workspace(world, pair, live_server, browser):
    from django.utils import timezone

    from mentorwise.goals.models import Goal
    from mentorwise.meetings.models import Meeting

    mentee_context, lee = log_in(browser, live_server, world.mentee1.user.email, world.password)
    mentor_context, maya = log_in(browser, live_server, world.mentor1.user.email, world.password)
    try:
        _workspace(lee, maya, Goal, Meeting, timezone.now())
    except Exception:
        shot(lee, "workspace-failure-mentee")
        shot(maya, "workspace-failure-mentor")
        raise
    finally:
        mentee_context.close()
        mentor_context.close()


def _workspace(lee, maya, Goal, Meeting, now):
    # Both find the mentorship, with the stage panel, from My mentorships.
    _open_mentorship(lee, "Mentored by Maya Mentor")
    _open_mentorship(maya, "Mentoring Lee Mentee")
    for page in (lee, maya):
        assert page.get_by_role("heading", name="Stage: Building rapport").is_visible()
        assert page.get_by_role("list", name="The five stages of a mentorship").is_visible()

    # The agreement: she writes and confirms it, he confirms it, both see it confirmed.
    lee.get_by_role("link", name="Write your agreement").click()
    lee.get_by_label("How often and how long").fill("60 minutes every other week")
    lee.get_by_label("How you meet").fill("Video call")
    lee.get_by_label("Topics you will cover").fill("Storyboards, pitching, the portfolio")
    lee.get_by_label("Topics out of bounds").fill("Salaries at the studio")
    lee.get_by_role("button", name="Save and confirm").click()
    lee.get_by_text("Your agreement is saved.").wait_for()
    lee.get_by_text("You confirmed it.").wait_for()

    maya.reload()
    maya.get_by_role("link", name="Read and confirm").click()
    assert maya.get_by_label("Topics out of bounds").input_value() == "Salaries at the studio"
    maya.get_by_role("button", name="Confirm the agreement").click()
    maya.get_by_text("You both confirmed your agreement.").wait_for()
    maya.get_by_role("link", name="Lee Mentee").click()
    maya.locator("#agreement").get_by_text("Confirmed by both").wait_for()
    lee.get_by_role("link", name="Maya Mentor", exact=True).click()
    lee.locator("#agreement").get_by_text("Confirmed by both").wait_for()

    # A SMART goal, then 40 % with a note.
    lee.get_by_role("link", name="Add a goal").click()
    lee.get_by_label("The goal").fill("Pitch a short-film storyboard to the development team")
    lee.get_by_label("How it is measured").fill("The pitch is held and I have their notes")
    lee.get_by_label("Why it matters").fill("Pitching is the step to story lead")
    lee.get_by_label("Due on").fill((now + timedelta(days=60)).date().isoformat())
    lee.get_by_role("button", name="Add the goal").click()
    lee.get_by_text("Goal added. Your partner has been told.").wait_for()
    lee.get_by_role("link", name="Pitch a short-film storyboard").click()
    lee.get_by_label("Progress (per cent)").fill("40")
    lee.get_by_label("Status").select_option(label="In progress")
    lee.get_by_label("Note (optional)").fill("Thumbnails done for the first act")
    lee.get_by_role("button", name="Save the update").click()
    lee.get_by_text("Goal updated.").wait_for()
    history = lee.get_by_role("region", name="History")
    assert "Thumbnails done for the first act" in history.inner_text()
    assert "In progress, 40%" in history.inner_text()
    bar = lee.locator("progress").first
    assert bar.get_attribute("value") == "40"
    assert Goal.objects.get().progress == 40

    # Next week's meeting, planned in her zone; each sees the time in their own zone.
    lee.get_by_role("link", name="Your mentorship with Maya Mentor").click()
    lee.get_by_role("link", name="Plan a meeting").click()
    day = (now.astimezone(KOLKATA) + timedelta(days=7)).date()
    lee.get_by_label("Date").fill(day.isoformat())
    lee.get_by_label("Time").fill("18:30")
    assert lee.get_by_text("In your time zone, Asia/Kolkata.").is_visible()
    lee.get_by_label("Duration (minutes)").fill("60")
    lee.get_by_label("How you meet").select_option(label="Video call")
    lee.get_by_label("Agenda").fill("The first-act thumbnails")
    lee.get_by_role("button", name="Plan and send the invitation").click()
    lee.get_by_text("Meeting planned.").wait_for()
    starts_at = datetime.combine(day, time(18, 30), KOLKATA)
    assert Meeting.objects.get().starts_at == starts_at
    in_kolkata = label(starts_at, KOLKATA)  # "Tue 8 Dec 2026, 18:30 (Asia/Kolkata)"
    in_los_angeles = label(starts_at, LOS_ANGELES)
    assert lee.get_by_text(in_kolkata).is_visible()
    maya.reload()
    assert maya.get_by_role("link", name=in_los_angeles).is_visible()
    maya.get_by_role("link", name=in_los_angeles).click()
    assert maya.get_by_text(in_los_angeles).is_visible()
    maya.go_back()

    # A meeting held yesterday, 90 minutes, logged: the hours bar moves to 1.5 of 4.
    lee.get_by_role("link", name="Your mentorship with Maya Mentor").click()
    assert lee.get_by_text("0 of 4 hours this month").is_visible()
    lee.get_by_role("link", name="Log a meeting").click()
    held = _held_start(now)
    lee.get_by_label("Date").fill(held.date().isoformat())
    lee.get_by_label("Time").fill(held.strftime("%H:%M"))
    lee.get_by_label("Duration (minutes)").fill("90")
    lee.get_by_label("How you meet").select_option(label="In person")
    lee.get_by_label("Topics").fill("Portfolio, thumbnails")
    lee.get_by_label("Notes").fill("Went through the first act")
    lee.get_by_role("button", name="Log the meeting").click()
    lee.get_by_text("Meeting logged.").wait_for()
    lee.get_by_role("link", name="Your mentorship with Maya Mentor").click()
    lee.get_by_text("1.5 of 4 hours this month").wait_for()
    assert lee.locator(".meetings-panel meter").get_attribute("value") == "1.5"

    # Messages: she writes, he reads and answers, she reads the answer.
    lee.get_by_role("link", name="Open the conversation").click()
    lee.get_by_label("Your message").fill("Thank you for yesterday! Thumbnails attached next week.")
    lee.get_by_role("button", name="Send").click()
    lee.locator(".thread").get_by_text("Thank you for yesterday!").wait_for()
    assert lee.get_by_label("Your message").input_value() == ""
    maya.reload()
    maya.get_by_role("link", name="Open the conversation").click()
    maya.locator(".thread").get_by_text("Thank you for yesterday!").wait_for()
    maya.get_by_label("Your message").fill("Looking forward to them, Lee.")
    maya.get_by_role("button", name="Send").click()
    maya.locator(".thread").get_by_text("Looking forward to them, Lee.").wait_for()
    lee.reload()
    lee.locator(".thread").get_by_text("Looking forward to them, Lee.").wait_for()

    # Back on the mentorship page, both still see the stage panel, now with the pair's work.
    for page, heading in ((lee, "Mentored by Maya Mentor"), (maya, "Mentoring Lee Mentee")):
        _open_mentorship(page, heading)
        stage = page.locator("#stage")
        stage.wait_for()
        assert stage.locator("#stage-h").inner_text().startswith("Stage: ")
        assert page.locator("#goals").get_by_text("Pitch a short-film storyboard").is_visible()
