"""The goals pages: the panel on the mentorship page, adding a goal, a goal's page with its
history and update form, editing and deleting; ended mentorships read-only; who may open what;
and constant query counts whatever the number of goals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorwise.goals.models import Goal, GoalChange
from mentorwise.goals.services import goal_create, goal_update
from mentorwise.notifications.models import OutboxEmail
from tests.factories import make_mentorship
from tests.privacy import client_as as _client

TODAY = datetime.date.today()
FUTURE = TODAY + datetime.timedelta(days=45)


@pytest.fixture
def pair(world):
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def _goal(pair, user, title="Pitch a storyboard to the development team", **extra):
    return goal_create(
        mentorship=pair,
        user=user,
        title=title,
        measure=extra.pop("measure", "A 10-panel board pitched in the monthly review"),
        due_on=extra.pop("due_on", FUTURE),
        **extra,
    )


def _page(client, pair):
    response = client.get(f"/mentorships/{pair.public_id}/")
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------------------------ the panel


def test_the_panel_shows_the_programs_deadline_until_the_first_goal(world, pair, as_user):
    client = as_user(world.mentee1.user)
    due = pair.started_on + datetime.timedelta(days=world.program.goals_due_days)
    html = _page(client, pair)
    assert 'id="goals"' in html
    assert f"Set your goals by {due:%-d %B %Y}" in html
    assert f"/mentorships/{pair.public_id}/goals/new/" in html

    _goal(pair, world.mentee1.user)
    html = _page(client, pair)
    assert "Set your goals by" not in html
    assert "Pitch a storyboard to the development team" in html


def test_the_panel_shows_each_goal_with_progress_status_due_date_and_overdue(
    world, pair, as_user, time_machine
):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC))
    late = _goal(pair, world.mentee1.user, title="Late one", due_on=datetime.date(2026, 3, 10))
    done = _goal(pair, world.mentee1.user, title="Done one", due_on=datetime.date(2026, 3, 10))
    goal_update(goal=late, user=world.mentee1.user, progress=55)
    goal_update(goal=done, user=world.mentee1.user, status="achieved")
    time_machine.move_to(datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC))

    html = _page(as_user(world.mentee1.user), pair)
    assert f'<progress id="progress-{late.public_id}" max="100" value="55">' in html
    assert f'<label for="progress-{late.public_id}"' in html
    assert "In progress" in html and "Achieved" in html
    assert "Due 10 March 2026" in html
    assert html.count("Overdue") == 1  # the achieved goal is not overdue
    assert "1 of 2 goals achieved" in html


def test_an_ended_mentorship_shows_its_goals_without_forms(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    pair.status = "completed"
    pair.save()
    client = as_user(world.mentee1.user)
    html = _page(client, pair)
    assert "Pitch a storyboard" in html and "Add a goal" not in html
    detail = client.get(f"/goals/{goal.public_id}/").content.decode()
    assert "Update progress" not in detail and "can no longer change" in detail
    assert client.get(f"/mentorships/{pair.public_id}/goals/new/").status_code == 302
    response = client.post(f"/goals/{goal.public_id}/", {"progress": 50, "status": "in_progress"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.progress == 0


# -------------------------------------------------------------------------------- add a goal


def test_the_add_page_explains_smart_and_labels_every_field(world, pair, as_user):
    html = (
        as_user(world.mentee1.user)
        .get(f"/mentorships/{pair.public_id}/goals/new/")
        .content.decode()
    )
    for word in ("Specific", "Measurable", "Attainable", "Relevant", "Time-bound"):
        assert word in html
    for field in ("title", "measure", "why", "due_on"):
        assert f'<label for="id_{field}"' in html


def test_the_mentee_adds_a_goal_and_returns_to_the_panel(world, pair, as_user):
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{pair.public_id}/goals/new/",
        {
            "title": "Finish the animatic",
            "measure": "Cut, timed and shown to the director",
            "why": "It is the next step to a story lead role",
            "due_on": FUTURE.isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/mentorships/{pair.public_id}/#goals"
    goal = Goal.objects.get()
    assert (goal.title, goal.created_by) == ("Finish the animatic", world.mentee1.user)
    assert OutboxEmail.objects.filter(kind="goal_added", to_email=world.mentor1.user.email)


def test_a_refused_goal_re_renders_with_the_input_and_the_error(world, pair, as_user):
    yesterday = TODAY - datetime.timedelta(days=1)
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{pair.public_id}/goals/new/",
        {"title": "Finish the animatic", "measure": "Shown", "due_on": yesterday.isoformat()},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Finish the animatic"' in html
    assert "Choose a due date from today on" in html
    assert not Goal.objects.exists()


# -------------------------------------------------------------------------- a goal's page


def test_the_goal_page_shows_the_history_with_who_when_and_notes(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    goal_update(goal=goal, user=world.mentor1.user, progress=40, note="Strong thumbnails")
    html = as_user(world.mentee1.user).get(f"/goals/{goal.public_id}/").content.decode()
    assert "A 10-panel board pitched in the monthly review" in html
    assert "Maya Mentor" in html and "Lee Mentee" in html
    assert "Strong thumbnails" in html and "Added the goal" in html
    assert "(America/" in html or "(UTC)" in html or "(Europe/" in html  # times name the zone


def test_updating_progress_from_the_goal_page(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    response = as_user(world.mentee1.user).post(
        f"/goals/{goal.public_id}/",
        {"progress": "60", "status": "in_progress", "note": "Halfway through the board"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.progress == 60
    assert goal.changes.last().note == "Halfway through the board"


def test_an_invalid_progress_re_renders_the_form_with_the_error(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    response = as_user(world.mentee1.user).post(
        f"/goals/{goal.public_id}/", {"progress": "150", "status": "in_progress", "note": "Hm"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Progress is a whole number from 0 to 100" in html
    assert 'value="150"' in html


def test_editing_the_goal_text(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    client = as_user(world.mentor1.user)
    assert (
        'value="Pitch a storyboard' in client.get(f"/goals/{goal.public_id}/edit/").content.decode()
    )
    response = client.post(
        f"/goals/{goal.public_id}/edit/",
        {"title": "Pitch two storyboards", "measure": "Both pitched", "why": "", "due_on": FUTURE},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Pitch two storyboards"
    assert goal.changes.last().changed == ["title", "measure"]


def test_deleting_needs_the_confirmation(world, pair, as_user):
    goal = _goal(pair, world.mentee1.user)
    client = as_user(world.mentee1.user)
    assert client.post(f"/goals/{goal.public_id}/delete/", {}).status_code == 200
    assert Goal.objects.exists()
    response = client.post(f"/goals/{goal.public_id}/delete/", {"confirm": "on"})
    assert response["Location"] == f"/mentorships/{pair.public_id}/#goals"
    assert not Goal.objects.exists() and not GoalChange.objects.exists()


# ------------------------------------------------------------------------------ privacy matrix

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]
STATUS = {
    "pair": 200,
    "other_pair": 404,
    "admin": 404,
    "other_admin": 404,
    "anonymous": 302,
    "blocked": 404,
}
PAGES = [
    "/mentorships/{m}/goals/new/",
    "/goals/{g}/",
    "/goals/{g}/edit/",
    "/goals/{g}/delete/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_goal_pages_open_to_the_pair_only(world, pair, role, path):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    goal = _goal(pair, world.mentee1.user)
    client = _client(world, role)
    url = path.format(m=pair.public_id, g=goal.public_id)
    response = client.get(url)
    assert response.status_code == STATUS[role]
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "pair"])
@pytest.mark.parametrize("path", PAGES)
def test_nobody_outside_the_pair_can_write_through_the_pages(world, pair, role, path):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    goal = _goal(pair, world.mentee1.user)
    url = path.format(m=pair.public_id, g=goal.public_id)
    data = {
        "title": "Hijack",
        "measure": "x",
        "due_on": FUTURE.isoformat(),
        "progress": "99",
        "status": "dropped",
        "confirm": "on",
    }
    response = _client(world, role).post(url, data)
    assert response.status_code == STATUS[role]
    goal.refresh_from_db()
    assert (goal.title, goal.progress) == ("Pitch a storyboard to the development team", 0)
    assert Goal.objects.count() == 1


def test_the_goals_content_is_not_on_the_administrators_pages(world, pair, as_user):
    _goal(pair, world.mentee1.user, title="A very private aim")
    client = as_user(world.admin)
    for path in ("/manage/", f"/manage/programs/{world.program.public_id}/"):
        response = client.get(path, follow=True)
        assert "A very private aim" not in response.content.decode()


# ------------------------------------------------------------------------------- query counts


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _make(pair, user, n):
    for i in range(n):
        goal = _goal(pair, user, title=f"Goal {Goal.objects.count() + 1}")
        goal_update(goal=goal, user=user, progress=(i * 7) % 100, note=f"Step {i}")


def test_the_mentorship_page_keeps_a_constant_number_of_queries(
    world, pair, as_user, django_assert_num_queries
):
    client = as_user(world.mentee1.user)
    client.get(f"/mentorships/{pair.public_id}/")  # warm-up: session, "last active"
    _make(pair, world.mentee1.user, 1)
    one = _count(client, f"/mentorships/{pair.public_id}/")
    _make(pair, world.mentee1.user, 19)
    with django_assert_num_queries(one):
        html = _page(client, pair)
    assert html.count('class="card goal-card"') == 20


def test_the_goal_page_keeps_a_constant_number_of_queries(
    world, pair, as_user, django_assert_num_queries
):
    client = as_user(world.mentee1.user)
    goal = _goal(pair, world.mentee1.user)
    url = f"/goals/{goal.public_id}/"
    client.get(url)  # warm-up
    few = _count(client, url)
    for i in range(20):
        goal_update(goal=goal, user=world.mentor1.user, progress=i + 1, note=f"Step {i}")
    with django_assert_num_queries(few):
        html = client.get(url).content.decode()
    assert html.count("Step ") == 20
