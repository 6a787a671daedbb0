"""In a real browser: the mentorship page's panels leave no holes. On a desktop the stage spans
the page and the panels flow down two columns, each starting right under the one above it,
however tall its neighbour is; on a phone they stack in one column. Screenshots at both widths
are saved to test-artifacts/ (workspace-layout-desktop.png, -phone.png) to look at."""

import itertools
from datetime import date, timedelta

import pytest

from mentorwise.goals.services import goal_create
from mentorwise.meetings.services import meeting_log
from tests.browser import CHROMIUM, DESKTOP, PHONE, log_in, shot, shots
from tests.factories import make_mentorship

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium package is not installed"),
]

GAP = 16  # 1rem between panels
PANELS = """els => els.filter(e => e.offsetParent !== null).map(e => {
  const r = e.getBoundingClientRect();
  return {id: e.id, left: Math.round(r.left), top: Math.round(r.top + scrollY),
          bottom: Math.round(r.bottom + scrollY), width: Math.round(r.width)};
})"""


@pytest.fixture
def pair(world):
    """A short panel (no agreement yet) beside a tall one (five goals)."""
    from django.utils import timezone

    mentorship = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    for n in range(5):
        goal_create(
            mentorship=mentorship,
            user=world.mentee1.user,
            title=f"Goal number {n + 1}: finish the second act of the animatic",
            measure="Cut and timed",
            due_on=date.today() + timedelta(days=60 + n),
        )
    meeting_log(
        mentorship=mentorship,
        user=world.mentee1.user,
        starts_at=timezone.now() - timedelta(days=2),
        duration_minutes=45,
    )
    return mentorship


def _panels(page):
    return page.eval_on_selector_all(".workspace > section", PANELS)


def test_the_panels_leave_no_holes(world, pair, live_server, browser):
    context, lee = log_in(browser, live_server, world.mentee1.user.email, world.password)
    try:
        lee.goto(f"{live_server.url}/mentorships/{pair.public_id}/")
        lee.get_by_role("heading", name="Goals").wait_for()
        shots(lee, "workspace-layout")

        lee.set_viewport_size(DESKTOP)
        stage, *panels = _panels(lee)
        assert stage["id"] == "stage"
        assert all(p["width"] < stage["width"] / 2 for p in panels)  # two columns under it
        assert len({p["left"] for p in panels}) == 2
        for panel in panels:
            above = [
                q["bottom"]
                for q in panels
                if q["left"] == panel["left"] and q["bottom"] <= panel["top"]
            ]
            gap = panel["top"] - max([stage["bottom"], *above])
            assert gap <= GAP + 1, f"a hole of {gap}px above #{panel['id']}"

        lee.set_viewport_size(PHONE)
        phone = _panels(lee)
        assert len({p["left"] for p in phone}) == 1  # one column
        for upper, lower in itertools.pairwise(phone):
            assert 0 <= lower["top"] - upper["bottom"] <= GAP + 1
    except Exception:
        shot(lee, "workspace-layout-failure")
        raise
    finally:
        context.close()
