"""End to end in a real browser: the administrator opens a selection round; a mentee signs in
through the form, sees who is recommended for her and chooses two mentors in order; the
mentors' turn opens; in a second browser context the mentor picks her; the administrator
publishes the round; the mentee finds the new mentorship on My mentorships."""

import pytest

from tests.browser import CHROMIUM, DESKTOP, PHONE, log_in, shots

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]


def test_selection_round_choose_pick_publish_in_two_browsers(world, live_server, browser):
    from mentorwise.matching.models import RoundChoice, RoundPick
    from mentorwise.matching.services import (
        round_advance,
        round_finish,
        round_open,
        run_publish,
    )
    from mentorwise.mentorships.models import Mentorship

    program = world.program
    program.matching_mode = "selection_round"
    program.save()
    round = round_open(program=program, user=world.admin, name="Spring round", max_choices=2)

    # The mentee signs in, sees who is recommended for her on the mentor search page...
    mentee_context, mentee = log_in(browser, live_server, world.mentee1.user.email, world.password)
    mentee.get_by_role("link", name="Browse mentors").first.click()
    panel = mentee.locator("#recommended")
    panel.get_by_role("heading", name="Recommended for you").wait_for()
    assert panel.get_by_role("link", name="Maya Mentor").is_visible()
    assert "% match" in panel.inner_text()
    shots(mentee, "round-recommended")

    # ... and chooses two mentors in order from the round's page, with the keyboard-friendly
    # rank selects.
    mentee.locator("a.brand").click()
    mentee.get_by_role("heading", name="Selection rounds").wait_for()
    shots(mentee, "round-dashboard")
    mentee.get_by_role("link", name="Choose your mentors").first.click()
    mentee.get_by_role("heading", name="Choose your mentors").wait_for()
    mentee.get_by_label("Your choice for Maya").select_option(label="1st choice")
    mentee.get_by_label("Your choice for Omar").select_option(label="2nd choice")
    mentee.get_by_role("button", name="Save my choices").last.click()
    mentee.get_by_text("Your 2 choices are saved").wait_for()
    shots(mentee, "round-choose")
    assert list(
        RoundChoice.objects.filter(round=round, mentee=world.mentee1)
        .order_by("rank")
        .values_list("mentor__user__name", flat=True)
    ) == ["Maya Mentor", "Omar Mentor"]

    # The administrator opens the mentors' turn.
    round_advance(round=round, user=world.admin)

    # The mentor, in a second browser context, sees who chose her and picks Lee.
    mentor_context, mentor = log_in(browser, live_server, world.mentor1.user.email, world.password)
    mentor.get_by_role("link", name="See who chose you").click()
    mentor.get_by_role("heading", name="Pick your mentees").wait_for()
    assert "Ranked you 1st" in mentor.content()
    mentor.get_by_label("Mentor Lee Mentee").check()
    mentor.get_by_role("button", name="Save my picks").click()
    mentor.get_by_text("You picked 1 mentee").wait_for()
    shots(mentor, "round-pick")
    assert RoundPick.objects.filter(mentor=world.mentor1, mentee=world.mentee1).exists()

    # The administrator closes the mentors' turn and publishes the picks as they are.
    round_advance(round=round, user=world.admin)
    run = round_finish(round=round, user=world.admin, fill=False)
    run.refresh_from_db()
    assert run.status == "done", run.error  # the immediate task backend ran it on commit
    result = run_publish(run=run, user=world.admin)
    assert result["created"] == 1
    mentorship = Mentorship.objects.get()
    assert (mentorship.mentor, mentorship.mentee) == (world.mentor1, world.mentee1)
    assert mentorship.origin == "round"

    # The mentee sees the new mentorship on My mentorships, and her choices read-only.
    mentee.get_by_role("link", name="My mentorships", exact=True).click()
    mentee.get_by_role("heading", name="Current mentorships").wait_for()
    assert "Maya Mentor" in mentee.content()
    mentee.goto(f"{live_server.url}/rounds/{round.public_id}/choose/")
    mentee.get_by_role("heading", name="What you chose").wait_for()
    assert mentee.get_by_role("link", name="See My mentorships").is_visible()
    shots(mentee, "round-choose-closed")
    mentee_context.close()
    mentor_context.close()


# A round or program name may be one long word (a code, a URL): it wraps inside its card on
# every page that shows it instead of widening the page.
LONG_ROUND = "Spring" + "x" * 114  # 120 characters, the most a round name has
LONG_PROGRAM = "Story" + "y" * 115


def _fits(page, what: str) -> None:
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{what} is {width}px wide at {viewport['width']}px"
    page.set_viewport_size(DESKTOP)


def _width_shots(page, name: str) -> None:
    from tests.browser import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_long_round_and_program_names_wrap_on_every_page_that_shows_them(
    world, live_server, browser
):
    from django.urls import reverse

    from mentorwise.matching.services import round_advance, round_choose, round_open

    program = world.program
    program.matching_mode = "selection_round"
    program.name = LONG_PROGRAM
    program.save()
    round = round_open(program=program, user=world.admin, name=LONG_ROUND, max_choices=2)
    assert round.name == LONG_ROUND
    url = live_server.url

    mentee_context, mentee = log_in(browser, live_server, world.mentee1.user.email, world.password)
    for path in [
        reverse("home"),
        reverse("programs:detail", args=[program.public_id]),
        reverse("matching:round-choose", args=[round.public_id]),
    ]:
        mentee.goto(url + path)
        assert LONG_ROUND in mentee.content()
        _fits(mentee, path)
    mentee_context.close()

    for mentee in (world.mentee1, world.mentee2):
        round_choose(round=round, user=mentee.user, mentor_ids=[world.mentor2.public_id])
    round_advance(round=round, user=world.admin)

    # Omar (one place) ticks both mentees: the page says what to untick and keeps his ticks.
    mentor_context, mentor = log_in(browser, live_server, world.mentor2.user.email, world.password)
    _fits(mentor, "the mentor's dashboard")
    mentor.goto(url + reverse("matching:round-pick", args=[round.public_id]))
    mentor.get_by_label("Mentor Lee Mentee").check()
    mentor.get_by_label("Mentor Ana Mentee").check()
    mentor.get_by_role("button", name="Save my picks").click()
    # Beside the ticks, and linked from the error summary, which has the focus.
    mentor.get_by_text(
        "You chose 2 mentees but have room for 1 more; untick 1.", exact=True
    ).wait_for()
    summary_link = mentor.get_by_role("link", name="Mentees you pick: You chose 2 mentees")
    assert summary_link.count() == 1
    assert mentor.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert mentor.get_by_label("Mentor Lee Mentee").is_checked()
    assert mentor.get_by_label("Mentor Ana Mentee").is_checked()
    _fits(mentor, "the pick page")
    _width_shots(mentor, "round-pick-too-many")
    mentor_context.close()

    admin_context, admin = log_in(browser, live_server, world.admin.email, world.password)
    for path in [
        reverse("manage:matching", args=[program.public_id]),
        reverse("manage:round-advance", args=[round.public_id]),
        reverse("manage:round", args=[round.public_id]),
    ]:
        admin.goto(url + path)
        _fits(admin, path)
    admin.get_by_role("link", name="Close the mentors' choosing…").wait_for()
    _width_shots(admin, "manage-round-long-name")
    admin_context.close()


def test_filling_a_round_in_the_browser_pairs_only_those_who_chose(world, live_server, browser):
    """Choose → pick → fill → review → publish, through the administrator's pages: the pairs
    made are exactly what the confirmation page promised (those who chose take part, one new
    mentor each at most; those who did not choose take none)."""
    from mentorwise.matching.services import round_choose, round_open, round_pick
    from mentorwise.mentorships.models import Mentorship
    from tests.factories import make_member, make_participant, make_user

    program = world.program
    program.matching_mode = "selection_round"
    program.save()
    idle = [
        make_participant(
            program,
            role="mentee",
            user=make_member(world.org, make_user(name=f"Idle Mentee {n}")),
        )
        for n in range(3)
    ]
    round = round_open(program=program, user=world.admin, name="Autumn round", max_choices=2)
    round_choose(round=round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor2.public_id])

    context, admin = log_in(browser, live_server, world.admin.email, world.password)
    admin.goto(f"{live_server.url}/manage/rounds/{round.public_id}/")
    admin.get_by_role("link", name="Close the mentees' choosing…").click()
    promise = admin.locator("main").inner_text()
    assert "2 of 5 mentees have chosen" in promise
    assert "those who have not chosen take no part in this round" in promise
    admin.get_by_role("button", name="Close the mentees' choosing and e-mail the mentors").click()
    admin.get_by_role("heading", name="Autumn round").wait_for()

    round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee1.public_id])
    admin.goto(f"{live_server.url}/manage/rounds/{round.public_id}/")
    admin.get_by_role("link", name="Close the mentors' choosing…").click()
    admin.get_by_role("button", name="Close the mentors' choosing").click()
    admin.get_by_role("button", name="Fill remaining places with the algorithm…").click()
    admin.get_by_role("link", name="Publish…").wait_for()
    assert not Mentorship.objects.exists()  # a proposal to review: nothing created yet
    shots(admin, "round-fill-review")
    admin.get_by_role("link", name="Publish…").click()
    admin.get_by_role("heading", name="Publish 2 pairs?").wait_for()
    admin.get_by_role("button", name="Publish and send the e-mails").click()
    admin.get_by_text("Published.").wait_for()
    pairs = list(Mentorship.objects.values_list("mentee__user__name", "mentor__user__name"))
    assert len(pairs) == 2  # the two who chose, one mentor each
    assert ("Lee Mentee", "Maya Mentor") in pairs  # the mentor's pick is kept
    assert {mentee for mentee, _ in pairs} == {"Lee Mentee", "Ana Mentee"}
    assert not Mentorship.objects.filter(mentee__in=idle).exists()
    context.close()
