"""Time-based rules of the lifecycle, as idempotent sweeps (see core/sweeps.py).

Each sweep claims its rows with a conditional UPDATE (`...filter(<still due>).update(<done>)`),
so two schedulers, a retry or a late run after downtime never act twice on the same row.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorwise.core import sweeps
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Mentorship, MentorshipRequest, add_months
from mentorwise.mentorships.signals import mentorship_ended
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.profiles.models import Participant
from mentorwise.profiles.search import facets_changed
from mentorwise.programs.models import Program, Role

RELEASE_WARNING = timedelta(days=7)
CLOSE_NOTICE = timedelta(days=14)


@sweeps.register("request_reminders", every=timedelta(hours=1))
def remind_pending_requests(now: datetime) -> int:
    """Reminds the recipient of a request that waited past the program's reminder delay (once,
    automatically, where the program says so)."""
    due = MentorshipRequest.objects.filter(
        status=MentorshipRequest.Status.PENDING,
        auto_reminded_at__isnull=True,
        program__auto_remind_requests=True,
    ).select_related("program", "mentor__user", "mentee__user")
    count = 0
    for request in due:
        if request.created_at > now - timedelta(days=request.program.request_reminder_days):
            continue
        if request.created_at <= now - timedelta(days=request.program.request_expiry_days):
            continue  # past its expiry (a late run after downtime): expire it, don't remind
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(
                pk=request.pk,
                status=MentorshipRequest.Status.PENDING,
                auto_reminded_at__isnull=True,
            ).update(auto_reminded_at=now)
            if not claimed:
                continue
            notify(
                user=request.recipient.user,
                kind="request_reminder",
                category=Category.REMINDERS,
                context={"request": request, "program": request.program, "automatic": True},
                url=reverse("mentorships:mine"),
                summary=lambda request=request: (
                    _("%(name)s is waiting for your answer.") % {"name": request.sender.user.name}
                ),
            )
            count += 1
    return count


@sweeps.register("request_expiry", every=timedelta(hours=1))
def expire_pending_requests(now: datetime) -> int:
    """A request unanswered for the program's expiry delay expires; the sender is told and
    pointed to people with room."""
    candidates = MentorshipRequest.objects.filter(
        status=MentorshipRequest.Status.PENDING
    ).select_related("program", "mentor__user", "mentee__user")
    count = 0
    for request in candidates:
        if request.created_at > now - timedelta(days=request.program.request_expiry_days):
            continue
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(
                pk=request.pk, status=MentorshipRequest.Status.PENDING
            ).update(
                status=MentorshipRequest.Status.EXPIRED, responded_at=now, closed_reason="expired"
            )
            if not claimed:
                continue
            audit(
                actor=None,
                action="request.expire",
                target=request,
                organization_id=request.program.organization_id,
            )
            who = "mentors" if request.initiated_by == Role.MENTEE else "mentees"
            notify(
                user=request.sender.user,
                kind="request_expired",
                category=Category.REQUESTS,
                context={"request": request, "program": request.program},
                url=reverse("directory:search", args=[request.program.public_id, who])
                + ("?has_room=on" if who == "mentors" else ""),
                summary=lambda request=request: (
                    _("%(name)s did not answer in time.") % {"name": request.recipient.user.name}
                ),
            )
            count += 1
    return count


def _idle_mentees():
    """Accepted mentees in self-service programs who are in no mentorship, have no invitation
    waiting and have sent no request since their current window began (joining, being accepted
    or being reinstated all start a new window): the people the release rule is about."""
    sent = MentorshipRequest.objects.filter(
        mentee=OuterRef("pk"),
        initiated_by=Role.MENTEE,
        created_at__gte=OuterRef("status_changed_at"),
    )
    paired = Mentorship.objects.filter(mentee=OuterRef("pk"))
    invited_pending = MentorshipRequest.objects.filter(
        mentee=OuterRef("pk"), status=MentorshipRequest.Status.PENDING
    )
    return (
        Participant.objects.filter(
            role=Role.MENTEE,
            status=Participant.Status.ACCEPTED,
            program__matching_mode=Program.MatchingMode.SELF_SERVICE,
        )
        .exclude(Exists(sent))
        .exclude(Exists(paired))
        .exclude(Exists(invited_pending))
        .select_related("program", "user")
    )


def _locked_if_idle(pk: int) -> Participant | None:
    """Locks the participant's row, then checks the rule again in a fresh statement. A request
    being made at this moment locks the same row (request_create), so it either commits first
    and is seen here, or waits and finds the participant released."""
    if not Participant.objects.select_for_update().filter(pk=pk).exists():
        return None
    return _idle_mentees().filter(pk=pk).first()


@transaction.atomic
def _release_step(pk: int, now: datetime) -> bool:
    """Warns or releases one participant if due; False when nothing was (still) due."""
    participant = _locked_if_idle(pk)
    if participant is None:
        return False
    program = participant.program
    release_on = participant.status_changed_at + timedelta(days=program.profile_release_days)
    if participant.release_warned_at is None:
        if now < release_on - RELEASE_WARNING:
            return False
        participant.release_warned_at = now
        participant.save(update_fields=["release_warned_at"])
        notify(
            user=participant.user,
            kind="release_warning",
            category=Category.REMINDERS,
            context={
                "participant": participant,
                "program": program,
                # after downtime the warning is late: the week's notice still holds
                "release_on": max(release_on, now + RELEASE_WARNING),
            },
            url=reverse("directory:search", args=[program.public_id, "mentors"]),
            summary=gettext_lazy("Request a mentor within a week to keep your place."),
        )
        return True
    if now < release_on or now < participant.release_warned_at + RELEASE_WARNING:
        return False
    participant.status = Participant.Status.RELEASED
    participant.status_changed_at = now
    participant.save(update_fields=["status", "status_changed_at"])
    facets_changed([program.public_id])
    audit(
        actor=None,
        action="participant.release",
        target=participant,
        organization_id=program.organization_id,
    )
    notify(
        user=participant.user,
        kind="released",
        category=Category.PROGRAM,
        context={"participant": participant, "program": program},
        url=reverse("programs:detail", args=[program.public_id]),
        summary=gettext_lazy("Your place was released so that someone else can take it."),
    )
    return True


@sweeps.register("profile_release", every=timedelta(hours=6))
def release_idle_participants(now: datetime) -> int:
    """Warns a mentee a week before their place is released for not requesting a mentorship
    within the program's window, then releases it (administrators can reinstate). The release
    comes no earlier than the window's end and a full week after the warning."""
    count = 0
    for participant in _idle_mentees():
        window = timedelta(days=participant.program.profile_release_days)
        if now < participant.status_changed_at + window - RELEASE_WARNING:
            continue  # not due yet: skip the locking transaction
        count += _release_step(participant.pk, now)
    return count


@sweeps.register("mentorship_close", every=timedelta(hours=6))
def close_long_mentorships(now: datetime) -> int:
    """Mentorships reaching the program's maximum length: notice two weeks ahead, then closed."""
    today = timezone.localdate(now)
    count = 0
    open_ones = Mentorship.objects.filter(status__in=Mentorship.ESTABLISHED).select_related(
        "program", "mentor__user", "mentee__user"
    )
    for mentorship in open_ones:
        close_on = add_months(mentorship.started_on, mentorship.program.auto_close_months)
        if today >= close_on:
            with transaction.atomic():
                if Mentorship.objects.filter(
                    pk=mentorship.pk, status__in=Mentorship.ESTABLISHED
                ).update(
                    status=Mentorship.Status.CLOSED,
                    ended_on=today,
                    end_reason=f"Closed after the program's maximum of "
                    f"{mentorship.program.auto_close_months} months.",
                ):
                    audit(
                        actor=None,
                        action="mentorship.close",
                        target=mentorship,
                        organization_id=mentorship.program.organization_id,
                    )
                    mentorship_ended.send(sender=Mentorship, mentorship=mentorship, actor=None)
                    for member in (mentorship.mentor, mentorship.mentee):
                        notify(
                            user=member.user,
                            kind="mentorship_closed",
                            category=Category.MENTORSHIPS,
                            context={
                                "mentorship": mentorship,
                                "program": mentorship.program,
                                "partner": mentorship.partner_of(member.user),
                            },
                            url=reverse("mentorships:mine"),
                            summary=gettext_lazy(
                                "The program closed this mentorship after its maximum length."
                            ),
                        )
                    count += 1
        elif today >= close_on - CLOSE_NOTICE and mentorship.close_warned_at is None:
            with transaction.atomic():
                if Mentorship.objects.filter(
                    pk=mentorship.pk,
                    status__in=Mentorship.ESTABLISHED,
                    close_warned_at__isnull=True,
                ).update(close_warned_at=now):
                    for member in (mentorship.mentor, mentorship.mentee):
                        notify(
                            user=member.user,
                            kind="mentorship_close_warning",
                            category=Category.MENTORSHIPS,
                            context={
                                "mentorship": mentorship,
                                "program": mentorship.program,
                                "close_on": close_on,
                                "partner": mentorship.partner_of(member.user),
                            },
                            url=reverse("mentorships:detail", args=[mentorship.public_id]),
                            summary=lambda close_on=close_on: (
                                _("This mentorship will be closed on %(date)s.")
                                % {"date": date_format(close_on, "DATE_FORMAT")}
                            ),
                        )
                    count += 1
    return count


@sweeps.register("mentorship_end_prompt", every=timedelta(hours=6))
def prompt_at_planned_end(now: datetime) -> int:
    """When a mentorship reaches its planned end date, ask both members to mark it completed
    or extend it (once per planned end date; extending clears the prompt)."""
    today = timezone.localdate(now)
    count = 0
    due = Mentorship.objects.filter(
        status=Mentorship.Status.ACTIVE, planned_end_on__lte=today, end_prompted_at__isnull=True
    ).select_related("program", "mentor__user", "mentee__user")
    for mentorship in due:
        with transaction.atomic():
            if Mentorship.objects.filter(
                pk=mentorship.pk,
                status=Mentorship.Status.ACTIVE,
                planned_end_on__lte=today,
                end_prompted_at__isnull=True,
            ).update(end_prompted_at=now):
                for member in (mentorship.mentor, mentorship.mentee):
                    notify(
                        user=member.user,
                        kind="mentorship_end_prompt",
                        category=Category.MENTORSHIPS,
                        context={
                            "mentorship": mentorship,
                            "program": mentorship.program,
                            "partner": mentorship.partner_of(member.user),
                        },
                        url=reverse("mentorships:detail", args=[mentorship.public_id]),
                        summary=gettext_lazy("Your planned end date has come: complete or extend."),
                    )
                count += 1
    return count
