"""axe-core on every main page of every role, at desktop and at phone width: no serious or
critical violation of WCAG 2.2 A/AA. The other findings are printed (run with -s to see them)."""

import pytest
from django.urls import reverse

from tests.axe import audit, is_blocking, needs_axe
from tests.browser import CHROMIUM, DESKTOP, PHONE, log_in
from tests.factories import make_mentorship

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
    needs_axe,
]


def _pages(world, mentorship) -> dict[str, list[str]]:
    program = world.program.public_id
    org = world.org.public_id
    mentor_page = reverse("directory:participant", args=[world.mentor1.public_id])
    common = [
        "/",
        reverse("programs:list"),
        reverse("programs:detail", args=[program]),
        reverse("mentorships:mine"),
        reverse("mentorships:detail", args=[mentorship.public_id]),
        reverse("notifications:list"),
        reverse("profiles:edit"),
        reverse("accounts:settings"),
        reverse("organizations:guide-index"),
        "/activities/",
    ]
    return {
        "anonymous": ["/", reverse("account_login"), reverse("account_signup")],
        "mentee": [
            *common,
            reverse("directory:search", args=[program, "mentors"]),
            mentor_page,
            reverse("mentorships:request-create", args=[world.mentor2.public_id]),
        ],
        "mentor": [*common, reverse("directory:search", args=[program, "mentees"])],
        "administrator": [
            reverse("manage:home"),
            reverse("manage:participants", args=[program]),
            reverse("manage:requests", args=[program]),
            reverse("manage:mentorships", args=[program]),
            reverse("manage:matching", args=[program]),
            reverse("manage:questions", args=[program]),
            reverse("manage:program-edit", args=[program]),
            reverse("manage:administrators", args=[org]),
            reverse("organizations:guide-index"),
            "/activities/",
        ],
    }


def test_main_pages_have_no_serious_accessibility_violations(world, live_server, browser):
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    people = {
        "mentee": world.mentee1.user.email,
        "mentor": world.mentor1.user.email,
        "administrator": world.admin.email,
    }
    blocking, report = [], []
    for role, paths in _pages(world, mentorship).items():
        if role == "anonymous":
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
        else:
            context, page = log_in(browser, live_server, people[role], world.password)
        if role != "anonymous":
            # A guide page, reached from the index (its address depends on the organization).
            page.goto(f"{live_server.url}{reverse('organizations:guide-index')}")
            guide = page.locator("main a[href*='/guide/']").first
            if guide.count():
                paths = [*paths, guide.get_attribute("href")]
        for path in paths:
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                response = page.goto(f"{live_server.url}{path}")
                assert response.status < 400, f"{role} {path}: {response.status}"
                for v in audit(page):
                    line = f"{role} {size['width']}px {path}: {v['impact']} {v['id']} — {v['help']} {v['nodes']}"
                    (blocking if is_blocking(v) else report).append(line)
        context.close()
    print("\naxe findings that do not fail the test:", *sorted(set(report)), sep="\n  ")
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)


def _run_with_two_pairs(world):
    """A match run of the program with at least two proposed pairs (added by hand if the
    algorithm made fewer), so that the swap page has a pair to swap with."""
    from mentorwise.matching.services import proposal_add, run_create

    run = run_create(program=world.program, user=world.admin)
    run.refresh_from_db()
    assert run.status == "done", run.status
    paired = {p.mentee_id for p in run.proposals.all()}
    for mentee, mentor in ((world.mentee1, world.mentor1), (world.mentee2, world.mentor2)):
        if run.proposals.count() >= 2:
            break
        if mentee.pk not in paired:
            proposal_add(run=run, user=world.admin, mentee=mentee, mentor=mentor)
    assert run.proposals.count() >= 2
    return run


def test_the_match_run_and_its_swap_page_have_no_serious_violations(world, live_server, browser):
    run = _run_with_two_pairs(world)
    first = run.proposals.order_by("-score", "pk").first()
    here = reverse("manage:run", args=[run.public_id])
    context, page = log_in(browser, live_server, world.admin.email, world.password)
    blocking, report = [], []
    for path in (here, f"{here}?swap={first.public_id}"):
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            response = page.goto(f"{live_server.url}{path}")
            assert response.status < 400, f"{path}: {response.status}"
            if "swap=" in path:
                page.locator("#swapping").wait_for()
            for v in audit(page):
                line = (
                    f"{size['width']}px {path}: {v['impact']} {v['id']} — {v['help']} {v['nodes']}"
                )
                (blocking if is_blocking(v) else report).append(line)
    context.close()
    print("\naxe findings that do not fail the test:", *sorted(set(report)), sep="\n  ")
    assert not blocking, "serious or critical axe violations:\n" + "\n".join(blocking)
