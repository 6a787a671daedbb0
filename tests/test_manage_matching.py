"""The administrators' matching pages at /manage/: runs of the algorithm (progress, review, lock,
remove, swap, add by hand, re-run, discard, publish) and selection rounds. Who may see each page
and use each action, the whole path through the pages, query counts and hostile input."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorwise.core.models import AuditEntry
from mentorwise.matching.models import MatchRun, Proposal, SelectionRound, Unpaired
from mentorwise.matching.services import (
    round_advance,
    round_choose,
    round_open,
    round_pick,
    run_create,
)
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification
from tests.browser import ARTIFACTS, CHROMIUM
from tests.factories import (
    make_member,
    make_mentorship,
    make_participant,
    make_program,
    make_user,
)

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def run(world, delivered):
    """A finished run of the algorithm on the program, ready to review."""
    with delivered():
        made = run_create(program=world.program, user=world.admin)
    made.refresh_from_db()
    assert made.status == "done"
    return made


@pytest.fixture
def round_program(world):
    world.program.matching_mode = "selection_round"
    world.program.save()
    return world.program


@pytest.fixture
def open_round(world, round_program):
    return round_open(program=round_program, user=world.admin, name="Spring", max_choices=2)


def pages(w, run, round):
    proposal = run.proposals.first()
    return {
        "matching": reverse("manage:matching", args=[w.program.public_id]),
        "round-open": reverse("manage:round-open", args=[w.program.public_id]),
        "run": reverse("manage:run", args=[run.public_id]),
        "run-progress": reverse("manage:run-progress", args=[run.public_id]),
        "run-publish": reverse("manage:run-publish", args=[run.public_id]),
        "round": reverse("manage:round", args=[round.public_id]),
        "round-advance": reverse("manage:round-advance", args=[round.public_id]),
        "_proposal": proposal,
    }


def actions(w, run, round):
    first, second = list(run.proposals.all()[:2])
    return {
        "run-create": (reverse("manage:run-create", args=[w.program.public_id]), {}),
        "round-open": (
            reverse("manage:round-open", args=[w.program.public_id]),
            {"name": "Autumn", "max_choices": "2"},
        ),
        "lock": (reverse("manage:proposal-lock", args=[first.public_id]), {"locked": "1"}),
        "remove": (reverse("manage:proposal-remove", args=[first.public_id]), {}),
        "swap": (
            reverse("manage:proposal-swap", args=[first.public_id]),
            {"with": second.public_id},
        ),
        "add": (
            reverse("manage:proposal-add", args=[run.public_id]),
            {"mentee": w.mentee2.public_id, "mentor": w.mentor2.public_id},
        ),
        "rerun": (reverse("manage:run-rerun", args=[run.public_id]), {}),
        "discard": (reverse("manage:run-discard", args=[run.public_id]), {}),
        "publish": (reverse("manage:run-publish", args=[run.public_id]), {}),
        "round-advance": (
            reverse("manage:round-advance", args=[round.public_id]),
            {"step": "selecting"},
        ),
        "round-finish": (reverse("manage:round-finish", args=[round.public_id]), {"fill": "1"}),
        "match-importance": (
            reverse("manage:match-importance", args=[w.program.public_id]),
            {"reset": "1"},
        ),
    }


PAGE_NAMES = [
    "matching",
    "round-open",
    "run",
    "run-progress",
    "run-publish",
    "round",
    "round-advance",
]
ACTION_NAMES = [
    "run-create",
    "round-open",
    "lock",
    "remove",
    "swap",
    "add",
    "rerun",
    "discard",
    "publish",
    "round-advance",
    "round-finish",
    "match-importance",
]


# ---------------------------------------------------------------------------------------------
# Who may see and do what


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_administrator_sees_every_matching_page(world, run, open_round, as_user, name):
    response = as_user(world.admin).get(pages(world, run, open_round)[name])
    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_plain_member_is_refused_every_page(world, run, open_round, as_user, name):
    response = as_user(world.mentor1.user).get(pages(world, run, open_round)[name])
    assert response.status_code == 403


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_other_organizations_admin_gets_not_found(world, run, open_round, as_user, name):
    response = as_user(world.other_admin).get(pages(world, run, open_round)[name])
    assert response.status_code == 404


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_anonymous_visitor_is_sent_to_login(world, run, open_round, name):
    url = pages(world, run, open_round)[name]
    response = Client().get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("name", ACTION_NAMES)
@pytest.mark.parametrize("who, status", [("member", 403), ("other", 404), ("anonymous", 302)])
def test_nobody_but_the_administrator_acts(world, run, open_round, as_user, name, who, status):
    url, data = actions(world, run, open_round)[name]
    client = {
        "member": lambda: as_user(world.mentor1.user),
        "other": lambda: as_user(world.other_admin),
        "anonymous": Client,
    }[who]()
    before = (
        MatchRun.objects.count(),
        list(Proposal.objects.values_list("pk", "locked")),
        SelectionRound.objects.count(),
        AuditEntry.objects.filter(action="program.match_importance").count(),
    )
    response = client.post(url, data)
    assert response.status_code == status
    assert before == (
        MatchRun.objects.count(),
        list(Proposal.objects.values_list("pk", "locked")),
        SelectionRound.objects.count(),
        AuditEntry.objects.filter(action="program.match_importance").count(),
    )
    run.refresh_from_db()
    assert run.status == "done"
    assert not Mentorship.objects.exists()


def test_actions_refuse_get(world, run, open_round, as_user):
    client = as_user(world.admin)
    for name in ACTION_NAMES:
        # these show a form / a confirmation on GET
        if name in ("round-open", "publish", "round-advance"):
            continue
        url, _ = actions(world, run, open_round)[name]
        assert client.get(url).status_code == 405, name


def test_matching_tab_and_home_link(world, as_user):
    client = as_user(world.admin)
    url = reverse("manage:matching", args=[world.program.public_id])
    assert url in client.get(reverse("manage:home")).content.decode()
    page = client.get(reverse("manage:participants", args=[world.program.public_id]))
    assert url in page.content.decode()


# ---------------------------------------------------------------------------------------------
# The whole path of a run, through the pages


def test_admin_runs_reviews_edits_reruns_and_publishes(world, as_user, delivered):
    client = as_user(world.admin)
    home = client.get(reverse("manage:matching", args=[world.program.public_id]))
    assert "Run the matching" in home.content.decode()

    with delivered():
        response = client.post(reverse("manage:run-create", args=[world.program.public_id]))
    run = MatchRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:run", args=[run.public_id])
    run.refresh_from_db()
    assert run.status == "done"

    page = client.get(response["Location"]).content.decode()
    for p in run.proposals.select_related("mentee__user", "mentor__user"):
        assert p.mentee.user.name in page and p.mentor.user.name in page
        for reason in p.reasons:
            assert reason.replace("'", "&#x27;") in page
    assert "Mean score" in page and "<svg" in page
    assert "Re-run around the locked pairs" in page and "Publish…" in page

    # Lock Lee with Maya, then unlock and lock again
    lee_maya = run.proposals.get(mentee=world.mentee1, mentor=world.mentor1)
    lock_url = reverse("manage:proposal-lock", args=[lee_maya.public_id])
    client.post(lock_url, {"locked": "1"})
    lee_maya.refresh_from_db()
    assert lee_maya.locked

    # Remove Lee with Omar
    lee_omar = run.proposals.get(mentee=world.mentee1, mentor=world.mentor2)
    response = client.post(reverse("manage:proposal-remove", args=[lee_omar.public_id]))
    assert not run.proposals.filter(pk=lee_omar.pk).exists()
    assert "is removed" in " ".join(_messages(response))

    # Add Ana with Omar by hand: they share no language, so it is added with a warning
    response = client.post(
        reverse("manage:proposal-add", args=[run.public_id]),
        {"mentee": world.mentee2.public_id, "mentor": world.mentor2.public_id},
    )
    assert response.status_code == 302
    ana_omar = run.proposals.get(mentee=world.mentee2, mentor=world.mentor2)
    assert ana_omar.locked and ana_omar.source == "manual" and ana_omar.warnings
    assert "share no language" in " ".join(_messages(response))
    page = client.get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "share no language" in page and 'class="warned' in page

    # Swap: a swap that would recreate a pair already proposed (Ana with Maya) is refused
    swap_page = client.get(
        reverse("manage:run", args=[run.public_id]) + f"?swap={ana_omar.public_id}"
    ).content.decode()
    assert "Swap with this pair" in swap_page
    response = client.post(
        reverse("manage:proposal-swap", args=[ana_omar.public_id]),
        {"with": lee_maya.public_id},
    )
    assert response.status_code == 302
    assert "already in the proposal" in " ".join(_messages(response))
    assert run.proposals.filter(pk__in=[ana_omar.pk, lee_maya.pk]).count() == 2
    # Remove Ana with Maya, then the swap exchanges the mentors
    ana_maya = run.proposals.get(mentee=world.mentee2, mentor=world.mentor1)
    client.post(reverse("manage:proposal-remove", args=[ana_maya.public_id]))
    response = client.post(
        reverse("manage:proposal-swap", args=[ana_omar.public_id]),
        {"with": lee_maya.public_id},
    )
    assert "Mentors swapped" in " ".join(_messages(response))
    assert set(run.proposals.values_list("mentee", "mentor")) == {
        (world.mentee2.pk, world.mentor1.pk),
        (world.mentee1.pk, world.mentor2.pk),
    }

    # Re-run around the locked pairs
    with delivered():
        response = client.post(reverse("manage:run-rerun", args=[run.public_id]))
    again = MatchRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == reverse("manage:run", args=[again.public_id])
    again.refresh_from_db()
    assert again.status == "done" and again.previous_id == run.pk
    assert again.proposals.filter(mentee=world.mentee1, mentor=world.mentor2, locked=True).exists()

    # The earlier run is discarded from its page
    response = client.post(reverse("manage:run-discard", args=[run.public_id]))
    run.refresh_from_db()
    assert run.status == "discarded"

    # Publish: a confirmation that says what will happen, then the result
    count = again.proposals.count()
    confirm = client.get(reverse("manage:run-publish", args=[again.public_id])).content.decode()
    assert f"{count} mentorship" in confirm and "e-mailed" in confirm and "priority" in confirm
    mail.outbox.clear()
    with delivered():
        response = client.post(reverse("manage:run-publish", args=[again.public_id]))
    assert response.status_code == 302
    assert Mentorship.objects.filter(program=world.program).count() == count
    assert "Published" in " ".join(_messages(response))
    paired = {
        p.user.email
        for pr in again.proposals.select_related("mentee__user", "mentor__user")
        for p in (pr.mentee, pr.mentor)
    }
    assert paired <= {m.to[0] for m in mail.outbox}
    page = client.get(response["Location"]).content.decode()
    assert f"{count} mentorship" in page and "Published" in page
    assert "Publish…" not in page and "Remove" not in page


def test_publishing_shows_skipped_pairs_and_priority(world, run, as_user, delivered):
    from mentorwise.profiles.services import profile_update

    client = as_user(world.admin)
    # Ana is left unpaired: remove her pair
    client.post(
        reverse(
            "manage:proposal-remove",
            args=[run.proposals.get(mentee=world.mentee2).public_id],
        )
    )
    Unpaired.objects.create(run=run, mentee=world.mentee2, code="removed", reason="Removed.")
    profile_update(user=world.mentee2.user, languages=["Spanish"])
    with delivered():
        client.post(reverse("manage:run-publish", args=[run.public_id]))
    world.mentee2.refresh_from_db()
    assert world.mentee2.priority
    assert Notification.objects.filter(user=world.mentee2.user, kind="round_unpaired").exists()
    page = client.get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "1 unpaired mentee was told" in page


def test_progress_is_shown_while_queued_and_htmx_reloads_when_done(world, as_user):
    client = as_user(world.admin)
    run = run_create(program=world.program, user=world.admin)  # not delivered: stays queued
    page = client.get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1500ms"' in page
    assert 'http-equiv="refresh"' in page  # without JavaScript
    assert "Waiting for a worker" in page
    partial = client.get(
        reverse("manage:run-progress", args=[run.public_id]), HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200 and b"<progress" in partial.content
    # Once a worker has it, the status beside the title follows too (swapped out of band).
    MatchRun.objects.filter(pk=run.pk).update(
        status="running", progress=25, progress_note="Scoring"
    )
    partial = client.get(
        reverse("manage:run-progress", args=[run.public_id]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'id="run-badge"' in partial and 'hx-swap-oob="true"' in partial
    assert ">Running</span>" in partial and "Scoring" in partial
    assert 'id="run-badge"' in page  # the badge it replaces
    MatchRun.objects.filter(pk=run.pk).update(status="queued", progress=0)
    # A second run is refused while this one is busy: shown as a message
    response = client.post(reverse("manage:run-create", args=[world.program.public_id]))
    assert "already in progress" in " ".join(_messages(response))
    assert MatchRun.objects.count() == 1
    MatchRun.objects.filter(pk=run.pk).update(status="done", progress=100)
    partial = client.get(
        reverse("manage:run-progress", args=[run.public_id]), HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 204 and partial["HX-Refresh"] == "true"
    page = client.get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "<progress" not in page and "http-equiv" not in page


def test_a_finished_run_speaks_plainly(world, run, as_user):
    page = as_user(world.admin).get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "The best possible pairs under the program's rules" in page
    assert "<summary>How this was checked</summary>" in page  # the technical note, folded
    # one decimal, not 0.123 s
    assert re.search(r"<dd>(<small>under</small> )?\d+\.\d <small>s</small>", page)
    listing = as_user(world.admin).get(reverse("manage:matching", args=[world.program.public_id]))
    assert "K = " not in listing.content.decode()


def test_a_failed_run_says_so_and_offers_a_retry(world, as_user):
    run = MatchRun.objects.create(
        program=world.program, status="failed", error="ValueError: boom", created_by=world.admin
    )
    page = as_user(world.admin).get(reverse("manage:run", args=[run.public_id])).content.decode()
    assert "The run failed" in page and "Run it again" in page


def test_changes_to_a_published_run_are_refused_with_a_message(world, run, as_user, delivered):
    client = as_user(world.admin)
    with delivered():
        client.post(reverse("manage:run-publish", args=[run.public_id]))
    proposal = run.proposals.first()
    for url, data in [
        (reverse("manage:proposal-lock", args=[proposal.public_id]), {"locked": "1"}),
        (reverse("manage:proposal-remove", args=[proposal.public_id]), {}),
        (reverse("manage:run-discard", args=[run.public_id]), {}),
        (reverse("manage:run-publish", args=[run.public_id]), {}),
        (reverse("manage:run-rerun", args=[run.public_id]), {}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert _messages(response), url
    response = client.post(
        reverse("manage:proposal-add", args=[run.public_id]),
        {"mentee": world.mentee2.public_id, "mentor": world.mentor2.public_id},
    )
    assert response.status_code == 400
    assert "no longer be changed" in response.content.decode()
    assert run.proposals.count() == Mentorship.objects.count()


def test_adding_a_pair_already_proposed_keeps_the_form(world, run, as_user):
    existing = run.proposals.first()
    response = as_user(world.admin).post(
        reverse("manage:proposal-add", args=[run.public_id]),
        {"mentee": existing.mentee.public_id, "mentor": existing.mentor.public_id},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "already in the proposal" in body
    assert f'value="{existing.mentee.public_id}" selected' in body


# ---------------------------------------------------------------------------------------------
# A selection round, through the pages


def test_admin_runs_a_selection_round_through_the_pages(world, round_program, as_user, delivered):
    client = as_user(world.admin)
    home = client.get(reverse("manage:matching", args=[round_program.public_id])).content.decode()
    assert "Open a round" in home
    closes = str(datetime.date.today() + datetime.timedelta(days=14))
    with delivered():
        response = client.post(
            reverse("manage:round-open", args=[round_program.public_id]),
            {"name": "Spring 2026", "max_choices": "2", "selection_closes_on": closes},
        )
    round = SelectionRound.objects.get()
    assert response["Location"] == reverse("manage:round", args=[round.public_id])
    assert round.max_choices == 2 and str(round.selection_closes_on) == closes
    assert Notification.objects.filter(user=world.mentee1.user, kind="round_opened").exists()

    round_choose(
        round=round,
        user=world.mentee1.user,
        mentor_ids=[world.mentor2.public_id, world.mentor1.public_id],
    )
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor1.public_id])
    page = client.get(response["Location"]).content.decode()
    assert "Mentees who chose" in page and "2 <small>of 2</small>" in page
    assert "Close the mentees&#x27; choosing" in page
    advance = reverse("manage:round-advance", args=[round.public_id])
    assert advance in page

    confirm = client.get(advance).content.decode()
    assert "Close the mentees&#x27; choosing?" in confirm
    assert 'name="step" value="selecting"' in confirm
    round.refresh_from_db()
    assert round.status == "selecting"
    response = client.post(advance, {"step": "selecting"})
    round.refresh_from_db()
    assert round.status == "picking"
    assert Notification.objects.filter(user=world.mentor1.user, kind="round_picking").exists()
    round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee2.public_id])
    page = client.get(reverse("manage:round", args=[round.public_id])).content.decode()
    assert "Mentors who picked" in page and "1 <small>of 2</small>" in page

    assert "Close the mentors&#x27; choosing?" in client.get(advance).content.decode()
    client.post(advance, {"step": "picking"})
    round.refresh_from_db()
    assert round.status == "review"
    page = client.get(reverse("manage:round", args=[round.public_id])).content.decode()
    assert "Publish the mentors' choices only" in page
    assert "Fill remaining places with the algorithm" in page
    response = client.post(advance, {"step": "review"})
    assert "no next step" in " ".join(_messages(response))
    response = client.get(advance)
    assert response["Location"] == reverse("manage:round", args=[round.public_id])
    assert "no step to close" in " ".join(_messages(response))

    with delivered():
        response = client.post(
            reverse("manage:round-finish", args=[round.public_id]), {"fill": "0"}
        )
    run = MatchRun.objects.get()
    assert response["Location"] == reverse("manage:run", args=[run.public_id])
    run.refresh_from_db()
    assert [(p.mentee, p.mentor, p.source) for p in run.proposals.all()] == [
        (world.mentee2, world.mentor1, "pick")
    ]
    with delivered():
        client.post(reverse("manage:run-publish", args=[run.public_id]))
    round.refresh_from_db()
    assert round.status == "published"
    assert Mentorship.objects.filter(mentee=world.mentee2, mentor=world.mentor1).exists()
    world.mentee1.refresh_from_db()
    assert world.mentee1.priority
    home = client.get(reverse("manage:matching", args=[round_program.public_id])).content.decode()
    assert "Spring 2026" in home and "Open a round" in home


def _mentor_row(page: str, name: str) -> str:
    return page.split(f'<th scope="row">{name}</th>', 1)[1].split("</tr>", 1)[0]


def test_round_page_shows_each_mentors_places_left_out_of_capacity(world, as_user, open_round):
    # Maya: capacity 3, three active mentorships (mentees see only mentors with room).
    world.mentor1.capacity = 3
    world.mentor1.save()
    for _ in range(3):
        make_mentorship(mentor=world.mentor1, mentee=make_participant(world.program, role="mentee"))
    # An ended mentorship does not take a place.
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2, status="completed")
    page = as_user(world.admin).get(reverse("manage:round", args=[open_round.public_id]))
    html = page.content.decode()
    assert '<th scope="col">Places left</th>' in html
    maya, omar = _mentor_row(html, "Maya Mentor"), _mentor_row(html, "Omar Mentor")
    assert '<td data-label="Places left"><span class="badge">Full</span>' in maya
    assert '<span class="small muted">of 3</span>' in maya
    assert '<td data-label="Places left">1 <span class="small muted">of 1</span>' in omar


def test_round_page_counts_only_mentees_who_may_choose(world, as_user, open_round):
    for _ in range(2):  # Lee reaches the program's maximum of two mentors
        mentor = make_participant(world.program, role="mentor")
        make_mentorship(mentor=mentor, mentee=world.mentee1)
    html = as_user(world.admin).get(reverse("manage:round", args=[open_round.public_id]))
    html = html.content.decode()
    assert "<dt>Mentees who chose</dt><dd>0 <small>of 1</small>" in html
    assert "1 accepted mentee has the program's maximum of mentors already" in html


def test_round_step_says_what_closing_will_do_and_asks_to_confirm(
    world, as_user, open_round, delivered
):
    client = as_user(world.admin)
    round_choose(round=open_round, user=world.mentee1.user, mentor_ids=[world.mentor1.public_id])
    round_choose(round=open_round, user=world.mentee2.user, mentor_ids=[world.mentor2.public_id])
    make_mentorship(  # Omar, chosen by Ana, has no place left by the time choosing closes
        mentor=world.mentor2, mentee=make_participant(world.program, role="mentee")
    )
    page = client.get(reverse("manage:round", args=[open_round.public_id])).content.decode()
    assert "Closing stops mentees from changing their choices and asks each mentor" in page
    assert "Mentees can no longer change their choices" not in page
    advance = reverse("manage:round-advance", args=[open_round.public_id])
    assert f'<a class="button" href="{advance}">Close the mentees&#x27; choosing…</a>' in page
    assert f'action="{advance}"' not in page  # no button that closes at once

    confirm = client.get(advance)
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Close the mentees&#x27; choosing?" in html
    assert "2 of 3 mentees</strong> have chosen" in html
    assert "<strong>2 mentors</strong> were chosen" in html
    assert "<strong>1</strong> has no place left and is not asked" in html
    assert "This cannot be undone." in html
    open_round.refresh_from_db()
    assert open_round.status == "selecting"
    assert not Notification.objects.filter(kind="round_picking").exists()

    with delivered():
        response = client.post(advance, {"step": "selecting"})
    assert response["Location"] == reverse("manage:round", args=[open_round.public_id])
    assert (
        "The mentees&#x27; choosing is closed" in client.get(response["Location"]).content.decode()
    )
    open_round.refresh_from_db()
    assert open_round.status == "picking"
    told = Notification.objects.filter(kind="round_picking").values_list("user", flat=True)
    assert list(told) == [world.mentor1.user.pk]
    e_mailed = {address for m in mail.outbox for address in m.to}
    assert world.mentor1.user.email in e_mailed and world.mentor2.user.email not in e_mailed


def test_confirming_a_step_twice_closes_it_once(world, as_user, open_round):
    client = as_user(world.admin)
    advance = reverse("manage:round-advance", args=[open_round.public_id])
    client.post(advance, {"step": "selecting"})
    response = client.post(advance, {"step": "selecting"})  # back button, then confirm again
    assert "already moved on" in " ".join(_messages(response))
    open_round.refresh_from_db()
    assert open_round.status == "picking"
    confirm = client.get(advance).content.decode()
    assert "Close the mentors&#x27; choosing?" in confirm
    assert 'name="step" value="picking"' in confirm
    for hostile in [{}, {"step": "x" * 10_000}, {"step": "review"}]:
        response = client.post(advance, hostile)
        assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.status == "picking"


def test_round_refusals_are_messages_or_form_errors(world, as_user, open_round):
    client = as_user(world.admin)
    # A second round while one is open
    response = client.post(
        reverse("manage:round-open", args=[world.program.public_id]),
        {"name": "Again", "max_choices": "3"},
    )
    assert response.status_code == 400
    assert "already under way" in response.content.decode()
    assert 'value="Again"' in response.content.decode()
    # Finishing before the mentors have chosen
    response = client.post(reverse("manage:round-finish", args=[open_round.public_id]))
    assert "Close the mentors" in " ".join(_messages(response))
    assert not MatchRun.objects.exists()


def test_opening_a_round_in_a_self_service_program_is_refused(world, as_user):
    response = as_user(world.admin).post(
        reverse("manage:round-open", args=[world.program.public_id]),
        {"name": "Spring", "max_choices": "3"},
    )
    assert response.status_code == 400
    assert "does not use selection rounds" in response.content.decode()
    assert not SelectionRound.objects.exists()


# ---------------------------------------------------------------------------------------------
# Query counts


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session writes once more (last seen, session)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _done_run(world, pairs: int) -> MatchRun:
    run = MatchRun.objects.create(
        program=world.program,
        status="done",
        created_by=world.admin,
        totals={"mentees": pairs, "matched": pairs, "mean_score": 0.5, "seconds": 0.1},
    )
    for i in range(pairs):
        mentee = make_participant(world.program, role="mentee")
        mentor = make_participant(world.program, role="mentor", capacity=1)
        Proposal.objects.create(
            run=run,
            mentee=mentee,
            mentor=mentor,
            score=i / pairs,
            reasons=["Both speak English."],
            warnings=["They share no language."] if i % 2 else [],
            locked=bool(i % 3),
        )
        Unpaired.objects.create(run=run, mentee=mentee, code="x", reason="No mentor left.")
    return run


def test_run_page_queries_do_not_grow_with_pairs(world, as_user):
    client = as_user(world.admin)
    small = _done_run(world, 3)
    large = _done_run(world, 15)
    assert _queries(client, reverse("manage:run", args=[small.public_id])) == _queries(
        client, reverse("manage:run", args=[large.public_id])
    )
    swap = f"?swap={large.proposals.first().public_id}"
    assert _queries(client, reverse("manage:run", args=[large.public_id]) + swap) <= 20


def test_matching_home_queries_do_not_grow_with_runs(world, as_user, round_program):
    client = as_user(world.admin)
    url = reverse("manage:matching", args=[world.program.public_id])
    MatchRun.objects.create(program=world.program, status="discarded", created_by=world.admin)
    few = _queries(client, url)
    for _ in range(15):
        MatchRun.objects.create(program=world.program, status="discarded", created_by=world.admin)
    assert _queries(client, url) == few


def test_round_page_queries_do_not_grow_with_mentors(world, as_user, open_round):
    client = as_user(world.admin)
    url = reverse("manage:round", args=[open_round.public_id])
    confirm = reverse("manage:round-advance", args=[open_round.public_id])
    few, few_confirm = _queries(client, url), _queries(client, confirm)
    for _ in range(12):
        mentor = make_participant(world.program, role="mentor", capacity=2)
        mentee = make_participant(world.program, role="mentee")
        make_mentorship(mentor=mentor, mentee=mentee)
        round_choose(round=open_round, user=mentee.user, mentor_ids=[mentor.public_id])
    assert _queries(client, url) == few
    assert _queries(client, confirm) == few_confirm


# ---------------------------------------------------------------------------------------------
# Hostile input


def test_bad_and_foreign_ids_are_not_found(world, run, open_round, as_user):
    client = as_user(world.admin)
    other_program = make_program(world.other_org, actor=world.other_admin, name="Elsewhere")
    foreign = MatchRun.objects.create(program=other_program, status="done")
    for url in [
        reverse("manage:run", args=["nope"]),
        reverse("manage:run", args=[foreign.public_id]),
        reverse("manage:run", args=["x" * 5000]),
        reverse("manage:round", args=["' OR 1=1 --"]),
        reverse("manage:matching", args=[other_program.public_id]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("manage:proposal-lock", args=["nope"]),
        reverse("manage:proposal-swap", args=["x" * 5000]),
        reverse("manage:run-publish", args=[foreign.public_id]),
        reverse("manage:round-finish", args=["%00"]),
    ]:
        assert client.post(url, {}).status_code == 404, url


def test_hostile_form_input_never_breaks_a_page(world, run, as_user):
    client = as_user(world.admin)
    other_program = make_program(world.other_org, actor=world.other_admin, name="Elsewhere")
    foreign_run = _done_run(world, 1)
    foreign_run.program = other_program
    foreign_run.save()
    foreign = foreign_run.proposals.get()
    first = run.proposals.first()
    huge = "z" * 100_000
    swap_url = reverse("manage:proposal-swap", args=[first.public_id])
    for data in [{}, {"with": huge}, {"with": foreign.public_id}, {"with": first.public_id}]:
        response = client.post(swap_url, data)
        assert response.status_code == 302
        assert "Choose another pair" in " ".join(_messages(response))
    add_url = reverse("manage:proposal-add", args=[run.public_id])
    for data in [
        {},
        {"mentee": huge, "mentor": huge},
        {"mentee": world.outsider.public_id, "mentor": world.mentor1.public_id},
        {"mentee": world.mentor1.public_id, "mentor": world.mentee1.public_id},
        {"mentee": [world.mentee1.public_id, "x"], "mentor": world.mentor2.public_id},
    ]:
        response = client.post(add_url, data)
        assert response.status_code == 400, data
        assert b"errors" in response.content
    response = client.post(
        reverse("manage:proposal-lock", args=[first.public_id]), {"locked": huge, "next": huge}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("manage:proposal-lock", args=[first.public_id]),
        {"next": "https://evil.example/"},
    )
    assert response["Location"].startswith("/manage/")
    for page in ["?page=" + huge, "?page=-1", "?swap=" + huge, "?swap=" + foreign.public_id]:
        assert client.get(reverse("manage:run", args=[run.public_id]) + page).status_code == 200
    assert run.proposals.count() == 3


def test_hostile_round_form_keeps_input_and_never_breaks(world, round_program, as_user):
    client = as_user(world.admin)
    soon = datetime.date.today() + datetime.timedelta(days=3)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    url = reverse("manage:round-open", args=[round_program.public_id])
    for data in [
        {"name": "x" * 10_000, "max_choices": "3"},
        {"name": "Spring", "max_choices": "999999999999999999999"},
        {"name": "Spring", "max_choices": "-1"},
        {"name": "   ", "max_choices": "3"},
        {"name": "Spring", "max_choices": "3", "selection_closes_on": "2026-02-31"},
        {
            "name": "Spring",
            "max_choices": "3",
            "selection_closes_on": str(soon + datetime.timedelta(days=30)),
            "picking_closes_on": str(soon),
        },
        {"name": "Spring", "max_choices": "3", "selection_closes_on": "2020-01-01"},
        {"name": "Spring", "max_choices": "3", "picking_closes_on": str(yesterday)},
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert "Spring" in response.content.decode() or "x" * 100 in response.content.decode()
    assert not SelectionRound.objects.exists()
    response = client.post(
        reverse("manage:round-open", args=[round_program.public_id]),
        {"name": "<script>alert(1)</script>", "max_choices": "3"},
    )
    round = SelectionRound.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert round_advance(round=round, user=world.admin).status == "picking"


# ---------------------------------------------------------------------------------------------
# In a real browser: the progress bar polls and the page shows the proposal when it is ready;
# screenshots of the run page and the round page on a desktop and a phone.


def _shots(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed")
def test_run_and_round_pages_in_a_browser(world, live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(world.admin.email)
    page.get_by_label("Password").fill(world.password)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("button", name="Sign out").wait_for()  # home, or Manage for an admin

    # A queued run: the progress bar, then htmx reloads the page when the run is done.
    for name, langs in [("Rosa Reyes", ["Spanish"]), ("Kenji Sato", ["English"])]:
        make_participant(
            world.program,
            role="mentee",
            user=make_member(
                world.org, make_user(name=name, email=f"{name.split()[0].lower()}@guild.example")
            ),
            profile={"languages": langs, "interests": ["Storyboarding"], "goals": "Pitching"},
        )
    run = run_create(program=world.program, user=world.admin)
    MatchRun.objects.filter(pk=run.pk).update(
        status="running", progress=40, progress_note="Scoring 4 mentees against 2 mentors"
    )
    page.goto(f"{live_server.url}{reverse('manage:run', args=[run.public_id])}")
    page.locator("progress").wait_for()
    _shots(page, "manage-run-progress")
    from mentorwise.matching.services import run_execute

    MatchRun.objects.filter(pk=run.pk).update(status="queued")
    run_execute(run.pk)
    page.get_by_role("heading", name="Proposed pairs").wait_for(timeout=10_000)
    assert page.locator("progress").count() == 0

    # A manual pair with a warning, so the page shows one
    page.locator("#id_mentee").select_option(label="Ana Mentee")
    page.locator("#id_mentor").select_option(label="Omar Mentor")
    page.get_by_role("button", name="Add the pair").click()
    page.get_by_text("It breaks these rules").wait_for()
    _shots(page, "manage-run")

    page.get_by_role("link", name="Publish…").click()
    _shots(page, "manage-run-publish")

    # A selection round in the mentors' step
    from mentorwise.matching.services import run_discard

    run_discard(run=run, user=world.admin)
    world.program.matching_mode = "selection_round"
    world.program.save()
    round = round_open(program=world.program, user=world.admin, name="Spring 2026", max_choices=2)
    round_choose(
        round=round,
        user=world.mentee1.user,
        mentor_ids=[world.mentor1.public_id, world.mentor2.public_id],
    )
    round_choose(round=round, user=world.mentee2.user, mentor_ids=[world.mentor1.public_id])
    round_advance(round=round, user=world.admin)
    round_pick(round=round, user=world.mentor1.user, mentee_ids=[world.mentee2.public_id])
    page.goto(f"{live_server.url}{reverse('manage:round', args=[round.public_id])}")
    page.get_by_role("link", name="Close the mentors' choosing…").wait_for()
    _shots(page, "manage-round-picking")
    page.get_by_role("link", name="Close the mentors' choosing…").click()
    page.get_by_role("heading", name="Close the mentors' choosing?").wait_for()
    _shots(page, "manage-round-close-picking")
    page.get_by_role("button", name="Close the mentors' choosing").click()
    page.get_by_role("button", name="Fill remaining places with the algorithm…").wait_for()
    _shots(page, "manage-round-review")
    page.goto(f"{live_server.url}{reverse('manage:matching', args=[world.program.public_id])}")
    _shots(page, "manage-matching-home")
    # What counts in a match: open the form with the keyboard, change one criterion, save.
    page.get_by_text("Change what counts").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Industry").fill("6")
    _shots(page, "manage-matching-criteria")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved. The next run weighs the criteria this way.").wait_for()
    world.program.refresh_from_db()
    assert world.program.match_importance["industry"] == 6
    context.close()
