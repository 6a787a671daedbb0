"""The Content-Security-Policy in a real browser (Debian's Chromium driven by Playwright): the
main pages of a mentee, a mentor and an administrator load without a single violation, and
what runs on htmx (search as you type, a match run's progress) still works under the policy."""

import pytest
from django.urls import reverse

from mentorwise.matching.models import MatchRun, Proposal
from tests.browser import CHROMIUM, log_in
from tests.factories import make_mentorship

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]

# Runs before any script of the page, outside the page's policy: records every violation.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _watched(browser, live_server, email, password):
    """A signed-in context whose every page records CSP violations and console errors."""
    context, page = log_in(browser, live_server, email, password)
    context.add_init_script(LISTEN)
    page.close()
    page = context.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


def _visit(page, errors, url):
    response = page.goto(url)
    assert response.status < 400, f"{url}: {response.status}"
    policy = [d.strip() for d in response.headers["content-security-policy"].split(";")]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    assert not violations, f"{url}: {violations}"
    csp_errors = [e for e in errors if "Content Security Policy" in e]
    assert not csp_errors, f"{url}: {csp_errors}"


def test_pages_of_every_role_break_no_rule_of_the_policy(world, live_server, browser):
    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    program = world.program.public_id
    workspace = [
        reverse("mentorships:mine"),
        reverse("mentorships:detail", args=[mentorship.public_id]),
        reverse("conversations:thread", args=[mentorship.public_id]),
        reverse("agreements:edit", args=[mentorship.public_id]),
        reverse("meetings:list", args=[mentorship.public_id]),
        reverse("goals:new", args=[mentorship.public_id]),
        reverse("notifications:list"),
        reverse("profiles:edit"),
        reverse("accounts:settings"),
        "/activities/",
    ]
    pages = {
        world.mentee1.user.email: [
            *workspace,
            reverse("directory:search", args=[program, "mentors"]),
            reverse("directory:participant", args=[world.mentor2.public_id]),
            reverse("mentorships:request-create", args=[world.mentor2.public_id]),
            # allauth's pages: two-factor (the QR code is a data: image), e-mail, password.
            "/accounts/2fa/",
            "/accounts/2fa/totp/activate/",
            "/accounts/email/",
            "/accounts/password/change/",
        ],
        world.mentor1.user.email: [
            *workspace,
            reverse("directory:search", args=[program, "mentees"]),
        ],
        world.admin.email: [
            reverse("manage:home"),
            reverse("manage:participants", args=[program]),
            reverse("manage:requests", args=[program]),
            reverse("manage:mentorships", args=[program]),
            reverse("manage:mentorship", args=[mentorship.public_id]),
            reverse("manage:concerns", args=[program]),
            reverse("manage:matching", args=[program]),
            reverse("manage:questions", args=[program]),
            reverse("manage:program-edit", args=[program]),
            reverse("manage:administrators", args=[world.org.public_id]),
            reverse("manage:join-code", args=[world.org.public_id]),
            "/api/v1/docs",
            # The Django admin too (the administrator is made a superuser below).
            "/django-admin/",
            "/django-admin/accounts/user/",
            f"/django-admin/accounts/user/{world.mentee1.user.pk}/change/",
            f"/django-admin/accounts/user/{world.mentee1.user.pk}/password/",
            "/django-admin/accounts/apitoken/",
        ],
    }
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    run = MatchRun.objects.create(
        program=world.program,
        status="done",
        created_by=world.admin,
        totals={"mentees": 1, "matched": 1, "mean_score": 0.7, "seconds": 0.1},
    )
    Proposal.objects.create(
        run=run, mentee=world.mentee2, mentor=world.mentor2, score=0.7, reasons=["Both Spanish."]
    )
    pages[world.admin.email].append(reverse("manage:run", args=[run.public_id]))
    for email, paths in pages.items():
        context, page, errors = _watched(browser, live_server, email, world.password)
        for path in paths:
            _visit(page, errors, f"{live_server.url}{path}")
        context.close()


def test_htmx_search_works_under_the_policy(world, live_server, browser):
    context, page, errors = _watched(browser, live_server, world.mentee1.user.email, world.password)
    url = reverse("directory:search", args=[world.program.public_id, "mentors"])
    _visit(page, errors, f"{live_server.url}{url}")
    with page.expect_response(
        lambda r: url in r.url and r.request.headers.get("hx-request") == "true"
    ) as answer:
        page.get_by_label("Search", exact=True).press_sequentially("rigging")  # as typed
    assert answer.value.status == 200
    page.get_by_text("1 mentor matches your search").wait_for()
    results = page.locator("#results")
    assert results.get_by_role("link", name="Omar Mentor").count() >= 1
    assert results.get_by_role("link", name="Maya Mentor").count() == 0
    assert not page.evaluate("window.__csp")
    # htmx added no <style> element of its own (its indicator rules are in the stylesheet).
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    context.close()


def test_run_progress_polls_and_reloads_under_the_policy(world, live_server, browser):
    run = MatchRun.objects.create(program=world.program, status="queued", created_by=world.admin)
    context, page, errors = _watched(browser, live_server, world.admin.email, world.password)
    url = reverse("manage:run", args=[run.public_id])
    progress = reverse("manage:run-progress", args=[run.public_id])
    _visit(page, errors, f"{live_server.url}{url}")
    with page.expect_response(lambda r: progress in r.url) as poll:
        pass
    assert poll.value.status == 200
    MatchRun.objects.filter(pk=run.pk).update(
        status="done", progress=100, totals={"mentees": 0, "matched": 0}
    )
    # The next poll answers HX-Refresh: the page reloads and shows the finished run.
    page.locator("#run-progress").wait_for(state="detached", timeout=10_000)
    assert not page.evaluate("window.__csp")
    assert not [e for e in errors if "Content Security Policy" in e]
    context.close()


def test_confirmation_and_copy_button_work_without_inline_script(world, live_server, browser):
    context, page, errors = _watched(browser, live_server, world.admin.email, world.password)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    _visit(
        page,
        errors,
        f"{live_server.url}{reverse('manage:participants', args=[world.program.public_id])}",
    )
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Release Lee Mentee").click()
    assert asked == ["Release Lee Mentee? Their place becomes free and they are told by e-mail."]
    world.mentee1.refresh_from_db()
    assert world.mentee1.status != "released"  # dismissed: nothing sent

    _visit(
        page, errors, f"{live_server.url}{reverse('manage:join-code', args=[world.org.public_id])}"
    )
    button = page.get_by_role("button", name="Copy the code")
    button.click()
    page.get_by_role("button", name="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == world.org.join_code
    assert not page.evaluate("window.__csp")
    context.close()


def test_a_selection_round_breaks_no_rule_of_the_policy(world, live_server, browser):
    from mentorwise.matching.services import round_advance, round_open

    world.program.matching_mode = "selection_round"
    world.program.save()
    round = round_open(program=world.program, user=world.admin, name="Spring", max_choices=2)
    context, page, errors = _watched(browser, live_server, world.mentee1.user.email, world.password)
    # The recommendations arrive by htmx after the search page loads.
    search = reverse("directory:search", args=[world.program.public_id, "mentors"])
    _visit(page, errors, f"{live_server.url}{search}")
    page.locator("#recommended").get_by_role("heading", name="Recommended for you").wait_for()
    assert not page.evaluate("window.__csp")
    _visit(
        page, errors, f"{live_server.url}{reverse('matching:round-choose', args=[round.public_id])}"
    )
    context.close()
    context, page, errors = _watched(browser, live_server, world.admin.email, world.password)
    _visit(page, errors, f"{live_server.url}{reverse('manage:round', args=[round.public_id])}")
    context.close()
    round_advance(round=round, user=world.admin)
    context, page, errors = _watched(browser, live_server, world.mentor1.user.email, world.password)
    _visit(
        page, errors, f"{live_server.url}{reverse('matching:round-pick', args=[round.public_id])}"
    )
    context.close()
