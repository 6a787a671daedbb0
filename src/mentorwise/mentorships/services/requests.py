"""Mentorship requests: send, accept, decline, withdraw, remind. Every rule is enforced here,
inside one transaction, with the two participants locked in a fixed order, so that two browser
tabs, two mentors or a double click cannot break capacity or the mentee's maximum."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services.common import (
    MESSAGE_MAX,
    link,
    lock_participants,
    mentee_has_room,
)
from mentorwise.mentorships.services.lifecycle import mentorship_start
from mentorwise.mentorships.services.rules import pair_check, request_check
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role


@transaction.atomic
def request_create(*, user, to: Participant, message: str = "") -> MentorshipRequest:
    """`user` asks `to` for a mentorship. The direction follows the roles: a mentee asks a
    mentor; a mentor invites a mentee where the program allows it."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationFailed(
            _("Keep your message under %(count)s characters.")
            % {"count": number_format(MESSAGE_MAX, force_grouping=True)},
            field="message",
        )
    program = Program.objects.get(pk=to.program_id)
    to.program = program
    sender = request_check(user, to).enforce()  # explains early, before taking locks
    sender_role = sender.role
    mentor, mentee = (to, sender) if to.role == Role.MENTOR else (sender, to)
    mentor, mentee = lock_participants(mentor, mentee)
    sender, to = (mentee, mentor) if sender_role == Role.MENTEE else (mentor, mentee)
    request_check(user, to, mine=[sender]).enforce()  # final: the two people are locked
    try:
        with transaction.atomic():
            request = MentorshipRequest.objects.create(
                program=program,
                mentor=mentor,
                mentee=mentee,
                initiated_by=sender_role,
                message=message,
            )
    except IntegrityError:
        raise Conflict(
            _("There is already a request waiting between the two of you."), code="duplicate"
        ) from None
    audit(
        actor=user, action="request.create", target=request, organization_id=program.organization_id
    )
    recipient = request.recipient
    notify(
        user=recipient.user,
        kind="request_received",
        category=Category.REQUESTS,
        context={"request": request, "sender": sender, "program": program},
        url=link("mentorships:mine"),
        summary=(
            f"“{message[:140]}”"
            if message
            else lambda: (
                ngettext(
                    "Please answer within %(days)s day.",
                    "Please answer within %(days)s days.",
                    program.request_reminder_days,
                )
                % {"days": program.request_reminder_days}
            )
        ),
    )
    return request


def _get_request_locked(request: MentorshipRequest) -> MentorshipRequest:
    return (
        MentorshipRequest.objects.select_for_update(of=("self",))
        .select_related("program", "mentor__user", "mentee__user")
        .get(pk=request.pk)
    )


def _require_pending(request: MentorshipRequest) -> None:
    if (
        request.status == MentorshipRequest.Status.WITHDRAWN
        and request.closed_reason == "mentee_full"
    ):
        limit = request.program.max_mentors_per_mentee
        raise Conflict(
            ngettext(
                "%(name)s already has %(count)d mentor, the program's maximum at a time, so this "
                "request was withdrawn.",
                "%(name)s already has %(count)d mentors, the program's maximum at a time, so "
                "this request was withdrawn.",
                limit,
            )
            % {"name": request.mentee.user.name, "count": limit},
            code="mentee_full",
        )
    if request.closed_reason == "paired":
        raise Conflict(
            _(
                "%(mentor)s and %(mentee)s already have a mentorship together, so this request "
                "was closed."
            )
            % {"mentor": request.mentor.user.name, "mentee": request.mentee.user.name},
            code="already_paired",
        )
    if not request.is_pending:
        raise Conflict(
            _("This request is no longer waiting for an answer (it is %(status)s).")
            % {"status": request.get_status_display().lower()},
            code="not_pending",
        )


@transaction.atomic
def request_accept(*, request: MentorshipRequest, user) -> Mentorship:
    # Lock the two people before the request row: close_requests_of_full_participants() locks
    # the mentee's other requests while holding the mentee, so the opposite order deadlocks.
    pair = MentorshipRequest.objects.only("mentor_id", "mentee_id").get(pk=request.pk)
    lock_participants(pair.mentor, pair.mentee)
    request = _get_request_locked(request)
    if request.recipient.user_id != user.pk:
        raise NotAllowed(
            _("Only the person who received this request can accept it."), code="not_recipient"
        )
    _require_pending(request)
    mentor, mentee = lock_participants(request.mentor, request.mentee)
    refusal = pair_check(mentor, mentee, acting=request.recipient.role)
    if refusal is not None:
        raise refusal.error()
    mentorship = mentorship_start(
        program=request.program,
        mentor=mentor,
        mentee=mentee,
        origin=Mentorship.Origin.REQUEST,
        actor=user,
        answering=request,
    )
    request.status = MentorshipRequest.Status.ACCEPTED
    request.responded_at = timezone.now()
    request.mentorship = mentorship
    request.save(update_fields=["status", "responded_at", "mentorship"])
    audit(
        actor=user,
        action="request.accept",
        target=request,
        organization_id=request.program.organization_id,
    )
    close_requests_of_full_participants(mentee=mentee, mentor=mentor)
    return mentorship


def close_requests_of_full_participants(*, mentee: Participant, mentor: Participant) -> int:
    """When the mentee reaches the maximum, their other pending requests are withdrawn and the
    other people told. (A full mentor's requests stay: a place may free up; capacity is checked
    again at acceptance.)"""
    if mentee_has_room(mentee):
        return 0
    others = list(
        MentorshipRequest.objects.pending()
        .select_for_update(of=("self",))
        .select_related("mentor__user", "mentee__user", "program")
        .filter(mentee=mentee)
    )
    now = timezone.now()
    for other in others:
        other.status = MentorshipRequest.Status.WITHDRAWN
        other.closed_reason = "mentee_full"
        other.responded_at = now
        other.save(update_fields=["status", "closed_reason", "responded_at"])
        notify(
            user=other.mentor.user,
            kind="request_auto_withdrawn",
            category=Category.REQUESTS,
            context={"request": other, "program": other.program},
            url=link("mentorships:mine"),
            summary=lambda: (
                _("%(name)s now has the maximum number of mentors; their request was withdrawn.")
                % {"name": mentee.user.name}
            ),
        )
    return len(others)


@transaction.atomic
def request_decline(*, request: MentorshipRequest, user, reason: str = "") -> MentorshipRequest:
    request = _get_request_locked(request)
    if request.recipient.user_id != user.pk:
        raise NotAllowed(
            _("Only the person who received this request can decline it."), code="not_recipient"
        )
    _require_pending(request)
    reason = (reason or "").strip()
    if len(reason) > MESSAGE_MAX:
        raise ValidationFailed(
            _("Keep the reason under %(count)s characters.")
            % {"count": number_format(MESSAGE_MAX, force_grouping=True)},
            field="reason",
        )
    request.status = MentorshipRequest.Status.DECLINED
    request.decline_reason = reason
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "decline_reason", "responded_at"])
    audit(
        actor=user,
        action="request.decline",
        target=request,
        organization_id=request.program.organization_id,
    )
    notify(
        user=request.sender.user,
        kind="request_declined",
        category=Category.REQUESTS,
        context={"request": request, "program": request.program},
        url=link(
            "directory:search",
            request.program.public_id,
            "mentors" if request.initiated_by == "mentee" else "mentees",
        ),
        summary=(
            f"“{reason[:140]}”"
            if reason
            else lambda: _("In %(program)s.") % {"program": request.program.name}
        ),
    )
    return request


@transaction.atomic
def request_withdraw(*, request: MentorshipRequest, user) -> MentorshipRequest:
    request = _get_request_locked(request)
    if request.sender.user_id != user.pk:
        raise NotAllowed(
            _("Only the person who sent this request can withdraw it."), code="not_sender"
        )
    _require_pending(request)
    request.status = MentorshipRequest.Status.WITHDRAWN
    request.closed_reason = "by_sender"
    request.responded_at = timezone.now()
    request.save(update_fields=["status", "closed_reason", "responded_at"])
    audit(
        actor=user,
        action="request.withdraw",
        target=request,
        organization_id=request.program.organization_id,
    )
    notify(
        user=request.recipient.user,
        kind="request_withdrawn",
        category=Category.REQUESTS,
        context={"request": request, "program": request.program},
        url=link("mentorships:mine"),
        summary=lambda: _("In %(program)s. Nothing to do.") % {"program": request.program.name},
    )
    return request


def reminder_available_at(request: MentorshipRequest) -> datetime:
    delay = timedelta(days=request.program.request_reminder_days)
    last = max(filter(None, [request.created_at, request.reminded_at]))
    return last + delay


@transaction.atomic
def request_remind(*, request: MentorshipRequest, user, now: datetime | None = None):
    now = now or timezone.now()
    request = _get_request_locked(request)
    if request.sender.user_id != user.pk:
        raise NotAllowed(
            _("Only the person who sent this request can send a reminder."), code="not_sender"
        )
    _require_pending(request)
    available = reminder_available_at(request)
    if now < available:
        raise Conflict(
            (
                _("You can send a reminder from %(date)s, %(days)d days after your last reminder.")
                if request.reminded_at
                else _(
                    "You can send a reminder from %(date)s, %(days)d days after you sent the "
                    "request."
                )
            )
            % {
                "date": date_format(timezone.localtime(available), "DATE_FORMAT"),
                "days": request.program.request_reminder_days,
            },
            code="too_soon",
        )
    request.reminded_at = now
    request.save(update_fields=["reminded_at"])
    audit(
        actor=user,
        action="request.remind",
        target=request,
        organization_id=request.program.organization_id,
    )
    notify(
        user=request.recipient.user,
        kind="request_reminder",
        category=Category.REMINDERS,
        context={"request": request, "program": request.program, "automatic": False},
        url=link("mentorships:mine"),
        summary=lambda: (
            _("Request sent on %(date)s in %(program)s.")
            % {
                "date": date_format(timezone.localtime(request.created_at), "MONTH_DAY_FORMAT"),
                "program": request.program.name,
            }
        ),
    )
    return request
