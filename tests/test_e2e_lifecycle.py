"""End to end in a real browser: a mentee asks a mentor with a message; in a second browser
context the mentor sees the request on My mentorships and accepts; the mentee opens the
mentorship and ends it as completed through the confirmation step."""

import pytest

from tests.browser import CHROMIUM, DESKTOP, PHONE, log_in, shots  # noqa: F401

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]


def test_request_accept_and_end_in_two_browsers(world, live_server, browser):
    from mentorwise.mentorships.models import Mentorship, MentorshipRequest

    # The mentee finds a mentor and sends a request with a message.
    mentee_context, mentee = log_in(browser, live_server, world.mentee1.user.email, world.password)
    mentee.get_by_role("link", name="Browse mentors").first.click()
    mentee.get_by_label("Search", exact=True).fill("storyb")
    mentee.get_by_role("button", name="Search").click()
    mentee.get_by_text("1 mentor matches your search").wait_for()
    mentee.get_by_role("link", name="Request", exact=True).click()
    mentee.get_by_label("Message").fill("I would love help with my storyboard portfolio.")
    mentee.get_by_role("button", name="Ask Maya to mentor you").click()
    mentee.get_by_text("Your request is on its way to Maya Mentor").wait_for()
    mentee.get_by_text("Request sent").wait_for()
    shots(mentee, "lifecycle-request-sent")
    request = MentorshipRequest.objects.get()
    assert request.status == "pending" and request.mentee == world.mentee1
    assert request.message == "I would love help with my storyboard portfolio."

    # The mentor, in a second browser context, sees it on My mentorships and accepts.
    mentor_context, mentor = log_in(browser, live_server, world.mentor1.user.email, world.password)
    assert mentor.get_by_role("link", name="Notifications, 1 unread").is_visible()
    mentor.get_by_role("link", name="My mentorships", exact=True).click()
    mentor.get_by_role("heading", name="Waiting for your answer").wait_for()
    assert "I would love help with my storyboard portfolio." in mentor.content()
    shots(mentor, "lifecycle-my-mentorships-request")
    mentor.get_by_role("button", name="Accept Lee Mentee's request").click()
    mentor.get_by_text("You and Lee Mentee are now a mentoring pair").wait_for()
    request.refresh_from_db()
    assert request.status == "accepted"
    mentorship = Mentorship.objects.get()
    assert mentorship.status == "active" and mentorship.mentor == world.mentor1
    mentor.goto(f"{live_server.url}/notifications/")
    mentor.get_by_role("heading", name="Notifications").wait_for()
    shots(mentor, "lifecycle-notifications")

    # The mentee sees the mentorship, opens it and ends it as completed.
    mentee.get_by_role("link", name="My mentorships", exact=True).click()
    mentee.get_by_role("heading", name="Current mentorships").wait_for()
    shots(mentee, "lifecycle-my-mentorships-active")
    mentee.get_by_role("link", name="Open").click()
    mentee.get_by_role("heading", name="Mentored by Maya Mentor").wait_for()
    assert world.mentor1.user.email in mentee.content()
    shots(mentee, "lifecycle-mentorship")
    mentee.get_by_role("link", name="End the mentorship…").click()
    mentee.get_by_role("heading", name="End your mentorship with Maya Mentor").wait_for()
    mentee.get_by_label("Completed — our goals are met").check()
    mentee.get_by_role("button", name="End the mentorship").click()
    mentee.locator(".field").get_by_text("Confirm that you want to end the mentorship").wait_for()
    mentorship.refresh_from_db()
    assert mentorship.status == "active"
    mentee.get_by_label("I want to end this mentorship now").check()
    shots(mentee, "lifecycle-end")
    mentee.get_by_role("button", name="End the mentorship").click()
    mentee.get_by_text("Your mentorship with Maya Mentor has ended").wait_for()
    mentorship.refresh_from_db()
    assert mentorship.status == "completed" and mentorship.ended_by == world.mentee1.user
    mentee.get_by_role("heading", name="Past mentorships").wait_for()
    shots(mentee, "lifecycle-my-mentorships-past")

    mentee_context.close()
    mentor_context.close()
