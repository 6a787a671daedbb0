"""State changes of the pair's goals. Each one validates, writes the goal and a step of its
history, adds an audit entry (no content: administrators read the audit log) and tells the
partner, in one transaction.

Either member may add, update and delete a goal: the goals are the pair's shared record, the
mentee usually drives, and the mentor often types them in during a session. Deleting removes
the goal with its history (a history without its goal means nothing to anyone) and the partner
is told which goal went, so nothing disappears silently. A goal that no longer matters is
better marked "dropped", which keeps it and its history.
"""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, NotFound, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.core.zones import today_for
from mentorwise.goals.models import NOTE_MAX, TEXT_MAX, TITLE_MAX, Goal, GoalChange
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify

EDITABLE = ("title", "measure", "why", "due_on", "status", "progress")


def _check_member(mentorship: Mentorship, user) -> str:
    role = mentorship.member_role(user)
    if role is None:
        raise NotFound(_("Not found, or not visible to you."))
    return role


def _check_open(mentorship: Mentorship) -> None:
    if not mentorship.is_open:
        raise Conflict(
            _(
                "This mentorship has ended, so its goals can be read but no longer changed. "
                "You can still keep working on them together."
            ),
            code="not_open",
        )


def _text(value, *, field: str, limit: int, required: bool, label: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("Write %(label)s.") % {"label": label}, field=field)
    if len(value) > limit:
        raise ValidationFailed(
            _("Keep %(label)s within %(limit)s characters (this one has %(count)s).")
            % {"label": label, "limit": limit, "count": len(value)},
            field=field,
        )
    return value


def _progress(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationFailed(
            _("Progress is a whole number from 0 to 100 (per cent)."), field="progress"
        )
    return value


def _status(value) -> str:
    if value not in Goal.Status.values:
        raise ValidationFailed(
            _("Choose a status: not started, in progress, achieved or dropped."), field="status"
        )
    return value


def _due_on(value, user) -> date:
    if not isinstance(value, date):
        raise ValidationFailed(
            _("Give the date by which the goal should be met (time-bound)."), field="due_on"
        )
    if value < today_for(user):
        raise ValidationFailed(
            _("Choose a due date from today on: a goal is set for the future."), field="due_on"
        )
    return value


def _notify_partner(goal: Goal, user, *, kind: str, summary, **context) -> None:
    mentorship = goal.mentorship
    partner = mentorship.partner_of(user)
    url = (
        reverse("mentorships:detail", args=[mentorship.public_id]) + "#goals"
        if kind == "goal_deleted"
        else reverse("goals:detail", args=[goal.public_id])
    )
    notify(
        user=partner.user,
        kind=kind,
        category=Category.MENTORSHIPS,
        context={
            "goal": goal,
            "mentorship": mentorship,
            "program": mentorship.program,
            "actor": user,
            **context,
        },
        url=url,
        summary=summary,
    )


@transaction.atomic
def goal_create(
    *,
    mentorship: Mentorship,
    user,
    title: str,
    measure: str,
    due_on: date,
    why: str = "",
    status: str = Goal.Status.NOT_STARTED,
    progress: int | None = None,
) -> Goal:
    """Adds a goal to the pair's list; the first step of its history; the partner is told."""
    _check_member(mentorship, user)
    _check_open(mentorship)
    status = _status(status)
    if progress is None:
        progress = 100 if status == Goal.Status.ACHIEVED else 0
    goal = Goal(
        mentorship=mentorship,
        title=_text(title, field="title", limit=TITLE_MAX, required=True, label=_("the goal")),
        measure=_text(
            measure, field="measure", limit=TEXT_MAX, required=True, label=_("how it is measured")
        ),
        why=_text(why, field="why", limit=TEXT_MAX, required=False, label=_("why it matters")),
        due_on=_due_on(due_on, user),
        status=status,
        progress=_progress(progress),
        created_by=user,
    )
    goal.save()
    GoalChange.objects.create(
        goal=goal,
        at=goal.created_at,
        by=user,
        progress=goal.progress,
        status=goal.status,
        changed=[GoalChange.CREATED],
    )
    audit(
        actor=user,
        action="goal.create",
        target=goal,
        organization_id=mentorship.program.organization_id,
        mentorship=mentorship.public_id,
    )
    _notify_partner(
        goal,
        user,
        kind="goal_added",
        summary=lambda: (
            _("%(name)s added a goal: %(title)s")
            % {"name": user.get_short_name(), "title": goal.title}
        ),
    )
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    user,
    title: str | None = None,
    measure: str | None = None,
    why: str | None = None,
    due_on: date | None = None,
    status: str | None = None,
    progress: int | None = None,
    note: str = "",
) -> Goal:
    """Changes what is given (None leaves a field as it is) and records a step of the history
    with the optional `note`. Marking a goal achieved sets its progress to 100 unless a
    progress is given; giving progress to a goal not started moves it to "in progress". A
    request that changes nothing and carries no note records nothing."""
    mentorship = goal.mentorship
    _check_member(mentorship, user)
    _check_open(mentorship)
    goal = (
        Goal.objects.select_for_update()
        .select_related(
            "mentorship__program", "mentorship__mentor__user", "mentorship__mentee__user"
        )
        .get(pk=goal.pk)
    )
    note = _text(note, field="note", limit=NOTE_MAX, required=False, label=_("the note"))
    new = {}
    if title is not None:
        new["title"] = _text(
            title, field="title", limit=TITLE_MAX, required=True, label=_("the goal")
        )
    if measure is not None:
        new["measure"] = _text(
            measure, field="measure", limit=TEXT_MAX, required=True, label=_("how it is measured")
        )
    if why is not None:
        new["why"] = _text(
            why, field="why", limit=TEXT_MAX, required=False, label=_("why it matters")
        )
    if due_on is not None and due_on != goal.due_on:
        new["due_on"] = _due_on(due_on, user)
    if status is not None:
        new["status"] = _status(status)
    if progress is not None:
        new["progress"] = _progress(progress)
    if new.get("status") == Goal.Status.ACHIEVED and progress is None:
        new["progress"] = 100
    if status is None and new.get("progress", 0) > 0 and goal.status == Goal.Status.NOT_STARTED:
        new["status"] = Goal.Status.IN_PROGRESS
    changed = [name for name in EDITABLE if name in new and getattr(goal, name) != new[name]]
    if not changed and not note:
        return goal
    before = {"status": goal.status, "progress": goal.progress}
    for name in changed:
        setattr(goal, name, new[name])
    goal.save()
    GoalChange.objects.create(
        goal=goal,
        at=timezone.now(),
        by=user,
        progress=goal.progress,
        status=goal.status,
        note=note,
        changed=changed,
    )
    audit(
        actor=user,
        action="goal.update",
        target=goal,
        organization_id=mentorship.program.organization_id,
        mentorship=mentorship.public_id,
        fields=changed,
    )
    _notify_partner(
        goal,
        user,
        kind="goal_updated",
        summary=lambda: (
            _("%(name)s updated the goal %(title)s: %(progress)s%%, %(status)s.")
            % {
                "name": user.get_short_name(),
                "title": goal.title,
                "progress": goal.progress,
                "status": goal.get_status_display().lower(),
            }
        ),
        before=before,
        note=note,
        changed=changed,
    )
    return goal


@transaction.atomic
def goal_delete(*, goal: Goal, user) -> None:
    """Deletes the goal and its history (either member); the partner is told which one."""
    mentorship = goal.mentorship
    _check_member(mentorship, user)
    _check_open(mentorship)
    audit(
        actor=user,
        action="goal.delete",
        target=goal,
        organization_id=mentorship.program.organization_id,
        mentorship=mentorship.public_id,
    )
    _notify_partner(
        goal,
        user,
        kind="goal_deleted",
        summary=lambda: (
            _("%(name)s deleted the goal %(title)s.")
            % {"name": user.get_short_name(), "title": goal.title}
        ),
    )
    goal.delete()
