"""The mentorship itself: starting it (whatever started it), ending, extending, pausing and
resuming it."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.access import member_or_admin
from mentorwise.mentorships.models import Mentorship, MentorshipRequest, add_months
from mentorwise.mentorships.services.common import MESSAGE_MAX, link
from mentorwise.mentorships.signals import mentorship_ended
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.organizations.permissions import is_org_admin
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program


def mentorship_start(
    *,
    program: Program,
    mentor: Participant,
    mentee: Participant,
    origin: str,
    actor,
    today: date | None = None,
    answering: MentorshipRequest | None = None,
) -> Mentorship:
    """Creates the mentorship and tells both people. The caller holds the participants' locks
    and has checked the pairing rules (requests, selection rounds and match runs all do).
    Pending requests between the two people (other than the one `answering`) are closed."""
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            mentorship = Mentorship.objects.create(
                program=program,
                mentor=mentor,
                mentee=mentee,
                origin=origin,
                started_on=today,
                planned_end_on=add_months(today, program.partnership_months),
            )
    except IntegrityError:
        raise Conflict(
            _("You already have a mentorship together."), code="already_paired"
        ) from None
    audit(
        actor=actor,
        action="mentorship.start",
        target=mentorship,
        organization_id=program.organization_id,
        origin=origin,
    )
    close_requests_between(mentorship=mentorship, answering=answering)
    for member, partner in ((mentor, mentee), (mentee, mentor)):
        notify(
            user=member.user,
            kind="mentorship_started",
            category=Category.MENTORSHIPS,
            context={
                "mentorship": mentorship,
                "program": program,
                "member": member,
                "partner": partner,
            },
            url=link("mentorships:detail", mentorship.public_id),
            summary=lambda: (
                _("%(program)s · planned until %(date)s.")
                % {
                    "program": program.name,
                    "date": date_format(mentorship.planned_end_on, "DATE_FORMAT"),
                }
            ),
        )
    return mentorship


def close_requests_between(
    *, mentorship: Mentorship, answering: MentorshipRequest | None = None
) -> int:
    """However a mentorship starts (a request accepted, a round, a match run, an
    administrator's pair), the other pending requests between the same two people, in any
    program of the organization, are closed and their senders told: accepting one later would
    only say that they already work together."""
    pending = (
        MentorshipRequest.objects.pending()
        .select_for_update(of=("self",))
        .filter(
            mentor__user_id=mentorship.mentor.user_id,
            mentee__user_id=mentorship.mentee.user_id,
            program__organization_id=mentorship.program.organization_id,
        )
        .exclude(pk=getattr(answering, "pk", None))
        .select_related("mentor__user", "mentee__user", "program")
    )
    now = timezone.now()
    closed = 0
    for request in pending:
        request.status = MentorshipRequest.Status.WITHDRAWN
        request.closed_reason = "paired"
        request.responded_at = now
        request.save(update_fields=["status", "closed_reason", "responded_at"])
        partner = request.recipient
        notify(
            user=request.sender.user,
            kind="request_auto_withdrawn",
            category=Category.REQUESTS,
            context={"request": request, "program": request.program, "partner": partner},
            url=link("mentorships:detail", mentorship.public_id),
            summary=lambda partner=partner: (
                _("You and %(name)s now have a mentorship together; nothing to do.")
                % {"name": partner.user.name}
            ),
        )
        closed += 1
    return closed


def _lock_mentorship(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("program", "program__organization", "mentor__user", "mentee__user")
        .get(pk=mentorship.pk)
    )


def _require_member_or_admin(mentorship: Mentorship, user) -> str:
    who = member_or_admin(mentorship, user)
    if who is None:
        raise NotAllowed(_("Only the pair and the program's administrators can do this."))
    return who


def _require_open(mentorship: Mentorship) -> None:
    if not mentorship.is_open:
        raise Conflict(
            _("This mentorship has already ended (%(status)s).")
            % {"status": mentorship.get_status_display().lower()},
            code="not_open",
        )


ENDING_OUTCOMES = (Mentorship.Status.COMPLETED, Mentorship.Status.ENDED_EARLY)


@transaction.atomic
def mentorship_end(
    *,
    mentorship: Mentorship,
    user,
    outcome: str,
    reason: str = "",
    feedback: str = "",
    confirm: bool = False,
) -> Mentorship:
    """Either member (or an administrator) ends the mentorship; the mentor's place is freed at
    once. "Ended early" needs a reason; the feedback is private to the administrators."""
    mentorship = _lock_mentorship(mentorship)
    who = _require_member_or_admin(mentorship, user)
    _require_open(mentorship)
    reason, feedback = (reason or "").strip(), (feedback or "").strip()
    # Every problem at once, so the form shows them all together.
    errors: dict[str, list[str]] = {}
    if outcome not in ENDING_OUTCOMES:
        errors["outcome"] = [_('Choose "completed" or "ended early".')]
    if outcome == Mentorship.Status.ENDED_EARLY and not reason:
        errors["reason"] = [_("Tell us briefly why the mentorship is ending early.")]
    if len(reason) > MESSAGE_MAX:
        errors["reason"] = [
            _("Keep the reason under %(count)s characters.")
            % {"count": number_format(MESSAGE_MAX, force_grouping=True)}
        ]
    if len(feedback) > 5000:
        errors["feedback"] = [
            _("Keep the feedback under %(count)s characters.")
            % {"count": number_format(5000, force_grouping=True)}
        ]
    if not confirm:
        errors["confirm"] = [_("Confirm that you want to end the mentorship.")]
    if errors:
        field, (message, *_rest) = next(iter(errors.items()))
        raise ValidationFailed(message, field=field, errors=errors)
    mentorship.status = outcome
    mentorship.ended_on = timezone.localdate()
    mentorship.ended_by = user
    mentorship.end_reason = reason
    mentorship.end_feedback = feedback
    mentorship.save(update_fields=["status", "ended_on", "ended_by", "end_reason", "end_feedback"])
    audit(
        actor=user,
        action="mentorship.end",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
        outcome=outcome,
        by=who,
    )
    mentorship_ended.send(sender=Mentorship, mentorship=mentorship, actor=user)
    for member in (mentorship.mentor, mentorship.mentee):
        notify(
            user=member.user,
            kind="mentorship_ended",
            category=Category.MENTORSHIPS,
            context={
                "mentorship": mentorship,
                "program": mentorship.program,
                "ended_by": user,
                "by_admin": who == "admin",
                "partner": mentorship.partner_of(member.user),
            },
            url=link("mentorships:mine"),
            summary=mentorship.get_status_display,
        )
    return mentorship


@transaction.atomic
def mentorship_extend(*, mentorship: Mentorship, user, until: date) -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    who = _require_member_or_admin(mentorship, user)
    _require_open(mentorship)
    if not isinstance(until, date) or until <= mentorship.planned_end_on:
        raise ValidationFailed(
            _("Choose a date after the current end date, %(date)s.")
            % {"date": date_format(mentorship.planned_end_on, "DATE_FORMAT")},
            field="until",
        )
    latest = mentorship.latest_end_on()
    if until > latest:
        raise ValidationFailed(
            ngettext(
                "The program closes mentorships after %(count)d month; choose a date on or "
                "before %(date)s.",
                "The program closes mentorships after %(count)d months; choose a date on or "
                "before %(date)s.",
                mentorship.program.auto_close_months,
            )
            % {
                "count": mentorship.program.auto_close_months,
                "date": date_format(latest, "DATE_FORMAT"),
            },
            field="until",
        )
    previous = mentorship.planned_end_on
    mentorship.planned_end_on = until
    mentorship.end_prompted_at = None
    mentorship.save(update_fields=["planned_end_on", "end_prompted_at"])
    audit(
        actor=user,
        action="mentorship.extend",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
        previous=str(previous),
        until=str(until),
        by=who,
    )
    for member in (mentorship.mentor, mentorship.mentee):
        notify(
            user=member.user,
            kind="mentorship_extended",
            category=Category.MENTORSHIPS,
            context={"mentorship": mentorship, "program": mentorship.program, "extended_by": user},
            url=link("mentorships:detail", mentorship.public_id),
            summary=lambda: _("Extended by %(name)s.") % {"name": user.name},
        )
    return mentorship


@transaction.atomic
def mentorship_pause(*, mentorship: Mentorship, user, reason: str = "") -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    if not is_org_admin(user, mentorship.program.organization_id):
        raise NotAllowed(_("Only the program's administrators can pause a mentorship."))
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise Conflict(_("Only an active mentorship can be paused."), code="not_active")
    mentorship.status = Mentorship.Status.PAUSED
    mentorship.paused_reason = (reason or "").strip()[:MESSAGE_MAX]
    mentorship.save(update_fields=["status", "paused_reason"])
    audit(
        actor=user,
        action="mentorship.pause",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
    )
    for member in (mentorship.mentor, mentorship.mentee):
        notify(
            user=member.user,
            kind="mentorship_paused",
            category=Category.MENTORSHIPS,
            context={"mentorship": mentorship, "program": mentorship.program},
            url=link("mentorships:detail", mentorship.public_id),
            summary=mentorship.paused_reason[:200]
            or (lambda: _("In %(program)s.") % {"program": mentorship.program.name}),
        )
    return mentorship


@transaction.atomic
def mentorship_resume(*, mentorship: Mentorship, user) -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    if not is_org_admin(user, mentorship.program.organization_id):
        raise NotAllowed(_("Only the program's administrators can resume a mentorship."))
    if mentorship.status != Mentorship.Status.PAUSED:
        raise Conflict(_("Only a paused mentorship can be resumed."), code="not_paused")
    mentorship.status = Mentorship.Status.ACTIVE
    mentorship.paused_reason = ""
    mentorship.save(update_fields=["status", "paused_reason"])
    audit(
        actor=user,
        action="mentorship.resume",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
    )
    for member in (mentorship.mentor, mentorship.mentee):
        notify(
            user=member.user,
            kind="mentorship_resumed",
            category=Category.MENTORSHIPS,
            context={"mentorship": mentorship, "program": mentorship.program},
            url=link("mentorships:detail", mentorship.public_id),
            summary=lambda: _("In %(program)s.") % {"program": mentorship.program.name},
        )
    return mentorship
