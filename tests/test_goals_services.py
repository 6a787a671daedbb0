"""The goals' services: what either member may do, the history each change leaves, the
partner's notice (text and HTML), and the rules on progress, status and ended mentorships."""

import datetime

import pytest

from mentorwise.core.errors import Conflict, NotFound, ValidationFailed
from mentorwise.core.models import AuditEntry
from mentorwise.goals.models import Goal, GoalChange
from mentorwise.goals.services import goal_create, goal_delete, goal_update
from mentorwise.notifications.models import Notification, OutboxEmail
from tests.factories import make_mentorship

FUTURE = datetime.date.today() + datetime.timedelta(days=60)


@pytest.fixture
def pair(world):
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def _goal(pair, user, **extra):
    fields = {
        "title": "Pitch a storyboard to the development team",
        "measure": "A 10-panel board pitched in the monthly review",
        "why": "Story lead roles ask for pitching experience",
        "due_on": FUTURE,
        **extra,
    }
    return goal_create(mentorship=pair, user=user, **fields)


def test_mentee_adds_a_goal_and_the_mentor_is_told_by_email_in_text_and_html(world, pair):
    goal = _goal(pair, world.mentee1.user)

    assert goal.status == Goal.Status.NOT_STARTED and goal.progress == 0
    change = goal.changes.get()
    assert change.changed == ["created"] and change.by == world.mentee1.user
    email = OutboxEmail.objects.get(kind="goal_added")
    assert email.to_email == world.mentor1.user.email
    assert "Lee added a goal: Pitch a storyboard" in email.subject
    assert "Pitch a storyboard to the development team" in email.body_text
    assert f"/goals/{goal.public_id}/" in email.body_text
    assert "<strong>Pitch a storyboard to the development team</strong>" in email.body_html
    assert Notification.objects.filter(user=world.mentor1.user, kind="goal_added").exists()


def test_the_audit_entry_carries_no_content_of_the_goal(world, pair):
    goal = _goal(pair, world.mentee1.user)
    entry = AuditEntry.objects.get(action="goal.create")
    assert entry.target_id == goal.public_id
    assert "storyboard" not in str(entry.data).lower()


def test_mentor_may_add_and_update_goals_too(world, pair):
    goal = _goal(pair, world.mentor1.user)
    goal_update(goal=goal, user=world.mentor1.user, progress=30, note="First panels drawn")
    assert OutboxEmail.objects.filter(to_email=world.mentee1.user.email).count() == 2


def test_update_records_a_step_of_history_with_the_note_and_changed_fields(world, pair):
    goal = _goal(pair, world.mentee1.user)
    goal_update(goal=goal, user=world.mentee1.user, progress=40, note="Thumbnails done")

    goal.refresh_from_db()
    assert goal.progress == 40
    assert goal.status == Goal.Status.IN_PROGRESS  # progress moves a goal not started along
    last = goal.changes.last()
    assert (last.progress, last.status, last.note) == (40, "in_progress", "Thumbnails done")
    assert last.changed == ["status", "progress"]
    email = OutboxEmail.objects.get(kind="goal_updated")
    assert "in progress, at 40%" in email.body_text and "Thumbnails done" in email.body_text
    assert "Thumbnails done" in email.body_html


def test_achieved_sets_progress_to_100_unless_given(world, pair):
    goal = _goal(pair, world.mentee1.user, progress=20, status="in_progress")
    goal_update(goal=goal, user=world.mentee1.user, status="achieved")
    goal.refresh_from_db()
    assert goal.progress == 100

    other = _goal(pair, world.mentee1.user, title="Second")
    goal_update(goal=other, user=world.mentee1.user, status="achieved", progress=90)
    other.refresh_from_db()
    assert (other.status, other.progress) == ("achieved", 90)


def test_a_goal_created_achieved_is_at_100(world, pair):
    assert _goal(pair, world.mentee1.user, status="achieved").progress == 100


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_to_100_is_refused_on_field_progress(world, pair, progress):
    goal = _goal(pair, world.mentee1.user)
    with pytest.raises(ValidationFailed) as exc:
        goal_update(goal=goal, user=world.mentee1.user, progress=progress)
    assert exc.value.field == "progress"
    with pytest.raises(ValidationFailed):
        _goal(pair, world.mentee1.user, progress=progress)


def test_a_note_longer_than_500_characters_is_refused(world, pair):
    goal = _goal(pair, world.mentee1.user)
    with pytest.raises(ValidationFailed) as exc:
        goal_update(goal=goal, user=world.mentee1.user, note="x" * 501)
    assert exc.value.field == "note"


def test_title_and_measure_are_required_and_due_date_not_in_the_past(world, pair):
    with pytest.raises(ValidationFailed) as exc:
        _goal(pair, world.mentee1.user, title="  ")
    assert exc.value.field == "title"
    with pytest.raises(ValidationFailed) as exc:
        _goal(pair, world.mentee1.user, measure="")
    assert exc.value.field == "measure"
    with pytest.raises(ValidationFailed) as exc:
        _goal(pair, world.mentee1.user, due_on=datetime.date.today() - datetime.timedelta(days=1))
    assert exc.value.field == "due_on"


def test_an_update_that_changes_nothing_records_nothing(world, pair):
    goal = _goal(pair, world.mentee1.user)
    goal_update(goal=goal, user=world.mentee1.user, progress=0, title=goal.title)
    assert goal.changes.count() == 1
    assert not OutboxEmail.objects.filter(kind="goal_updated").exists()


def test_a_note_alone_is_a_step_of_history(world, pair):
    goal = _goal(pair, world.mentee1.user)
    goal_update(goal=goal, user=world.mentor1.user, note="Let's look at this on Friday")
    assert goal.changes.last().changed == []
    assert goal.changes.count() == 2


def test_either_member_may_delete_and_the_partner_is_told(world, pair):
    goal = _goal(pair, world.mentee1.user)
    goal_delete(goal=goal, user=world.mentor1.user)
    assert not Goal.objects.exists() and not GoalChange.objects.exists()
    email = OutboxEmail.objects.get(kind="goal_deleted")
    assert email.to_email == world.mentee1.user.email
    assert "Pitch a storyboard" in email.body_text and "Pitch a storyboard" in email.body_html


def test_an_ended_mentorship_refuses_every_write_with_not_open(world, pair):
    goal = _goal(pair, world.mentee1.user)
    pair.status = "completed"
    pair.save()
    with pytest.raises(Conflict) as exc:
        _goal(pair, world.mentee1.user)
    assert exc.value.code == "not_open"
    with pytest.raises(Conflict):
        goal_update(goal=goal, user=world.mentee1.user, progress=50)
    with pytest.raises(Conflict):
        goal_delete(goal=goal, user=world.mentee1.user)


def test_a_paused_mentorship_is_writable(world, pair):
    pair.status = "paused"
    pair.save()
    assert _goal(pair, world.mentee1.user).pk


def test_someone_outside_the_pair_cannot_write(world, pair):
    with pytest.raises(NotFound):
        _goal(pair, world.mentee2.user)
    goal = _goal(pair, world.mentee1.user)
    with pytest.raises(NotFound):
        goal_update(goal=goal, user=world.admin, progress=10)
