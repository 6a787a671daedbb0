"""Reads across the pair's workspace, for the stage and the pair's record. Every function takes
a mentorship already fetched through the privacy gate."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Min, Q, Sum

from mentorwise.agreements.models import Agreement
from mentorwise.goals.models import Goal
from mentorwise.meetings.models import Meeting
from mentorwise.meetings.services import expected_hours_per_month, hours_this_month
from mentorwise.mentorships.models import Mentorship
from mentorwise.workspace.models import StageChoice
from mentorwise.workspace.pulse import checkin_due
from mentorwise.workspace.stages import BY_KEY, Signals, Stage, infer_stage


def signals_for(mentorship: Mentorship, *, today: date) -> Signals:
    """What the pair has done so far, in a constant number of queries (three)."""
    agreement = Agreement.objects.filter(mentorship=mentorship).first()
    goals = Goal.objects.filter(mentorship=mentorship).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=[Goal.Status.NOT_STARTED, Goal.Status.IN_PROGRESS])),
        achieved=Count("pk", filter=Q(status=Goal.Status.ACHIEVED)),
    )
    return Signals(
        is_open=mentorship.is_open,
        days_in=(today - mentorship.started_on).days,
        days_left=(mentorship.planned_end_on - today).days,
        agreement_confirmed=bool(agreement and agreement.confirmed),
        goals=goals["total"],
        goals_open=goals["open"],
        goals_achieved=goals["achieved"],
        meetings_held=Meeting.objects.held().filter(mentorship=mentorship).count(),
    )


@dataclass(frozen=True)
class StageView:
    stage: Stage
    inferred: Stage
    chosen: bool


def stage_of(mentorship: Mentorship, *, today: date) -> StageView:
    """The pair's stage: the one they chose, else the one inferred from what they have done."""
    inferred = BY_KEY[infer_stage(signals_for(mentorship, today=today))]
    choice = StageChoice.objects.filter(mentorship=mentorship).first()
    if choice is not None and mentorship.is_open:
        return StageView(stage=BY_KEY[choice.stage], inferred=inferred, chosen=True)
    return StageView(stage=inferred, inferred=inferred, chosen=False)


def workspace_summary(mentorship: Mentorship, viewer, *, today: date) -> dict:
    """The workspace's figures that `GET /mentorships/{id}` carries for a member (API.md)."""
    from mentorwise.workspace.activities import ACTIVITIES

    view = stage_of(mentorship, today=today)
    agreement = Agreement.objects.filter(mentorship=mentorship).first()
    return {
        "stage": {
            "key": view.stage.key,
            "name": str(view.stage.name),
            "chosen": view.chosen,
            "activities": [
                {"id": a.slug, "title": str(a.title), "kind": a.kind}
                for a in ACTIVITIES
                if a.stage == view.stage.key
            ],
        },
        "agreement_confirmed": bool(agreement and agreement.confirmed),
        "hours_this_month": float(hours_this_month(mentorship, today=today)),
        "expected_hours_per_month": float(expected_hours_per_month(mentorship.program)),
        "checkin_due": checkin_due(mentorship, viewer, today=today),
    }


def activity_for_administrators(mentorship: Mentorship) -> dict:
    """What the program's administrators may know of a pair's workspace: counts and dates, never
    a word the pair wrote. Each query selects only status, date and duration columns."""
    agreement = (
        Agreement.objects.filter(mentorship=mentorship)
        .values("mentor_confirmed_at", "mentee_confirmed_at")
        .first()
    )
    goals = Goal.objects.filter(mentorship=mentorship).aggregate(
        total=Count("pk"),
        achieved=Count("pk", filter=Q(status=Goal.Status.ACHIEVED)),
        first_on=Min("created_at"),
    )
    held = Meeting.objects.held().filter(mentorship=mentorship)
    meetings = held.aggregate(
        count=Count("pk"), minutes=Sum("duration_minutes"), last=Max("starts_at")
    )
    return {
        "agreement_confirmed": bool(
            agreement and agreement["mentor_confirmed_at"] and agreement["mentee_confirmed_at"]
        ),
        "agreement_written": agreement is not None,
        "goals": goals["total"],
        "goals_achieved": goals["achieved"],
        "first_goal_on": goals["first_on"],
        "meetings_held": meetings["count"],
        "hours_held": round((meetings["minutes"] or 0) / 60, 1),
        "last_meeting_at": meetings["last"],
        "planned": Meeting.objects.filter(
            mentorship=mentorship, status=Meeting.Status.PLANNED
        ).count(),
    }
