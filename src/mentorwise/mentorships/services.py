"""Requests and the mentorship lifecycle. Every rule is enforced here, inside one transaction,
with the scarce rows (the two participants) locked in a fixed order, so that two browser tabs,
two mentors or a double click cannot break capacity or the mentee's maximum.
"""

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest, add_months
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.organizations.models import Membership
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role

MESSAGE_MAX = 2000


# ---------------------------------------------------------------------------------------------
# Reads used by the rules


def open_mentorships(participant: Participant) -> int:
    """A mentor's established mentorships in the program; a mentee's in every program of the
    organization (the maximum of mentors per mentee counts them all)."""
    if participant.role == Role.MENTEE:
        return Mentorship.objects.filter(
            mentee__user_id=participant.user_id,
            program__organization_id=Program.objects.filter(pk=participant.program_id).values(
                "organization_id"
            )[:1],
            status__in=Mentorship.ESTABLISHED,
        ).count()
    return Mentorship.objects.filter(mentor=participant, status__in=Mentorship.ESTABLISHED).count()


def remaining_capacity(mentor: Participant) -> int:
    return mentor.capacity - open_mentorships(mentor)


def mentee_has_room(mentee: Participant) -> bool:
    return open_mentorships(mentee) < mentee.program.max_mentors_per_mentee


def _lock(*participants: Participant) -> list[Participant]:
    """Locks the participants' rows, always in primary-key order (no deadlocks)."""
    pks = sorted({p.pk for p in participants})
    locked = {
        p.pk: p
        for p in Participant.objects.select_for_update(of=("self",))
        .select_related("user", "program", "program__organization")
        .filter(pk__in=pks)
        .order_by("pk")
    }
    return [locked[p.pk] for p in participants]


def _link(name: str, *args) -> str:
    return reverse(name, args=args)


def _context(**extra) -> dict:
    return extra


# ---------------------------------------------------------------------------------------------
# Requests


def _check_can_be_paired(mentor: Participant, mentee: Participant, *, accepting: bool) -> None:
    if mentor.status != Participant.Status.ACCEPTED or mentee.status != Participant.Status.ACCEPTED:
        raise Conflict("Both people must be active participants of the program.", code="not_active")
    if Mentorship.objects.filter(
        mentor=mentor, mentee=mentee, status__in=Mentorship.ESTABLISHED
    ).exists():
        raise Conflict("You already have a mentorship together.", code="already_paired")
    if remaining_capacity(mentor) <= 0:
        raise Conflict(
            f"{mentor.user.name} has no room for another mentee right now."
            if not accepting
            else "You have no room for another mentee right now. End a mentorship or raise your "
            "capacity on your profile first.",
            code="mentor_full",
        )
    if not mentee_has_room(mentee):
        limit = mentee.program.max_mentors_per_mentee
        raise Conflict(
            f"{mentee.user.name} already has {limit} mentor{'s' if limit != 1 else ''}, the "
            "program's maximum at a time.",
            code="mentee_full",
        )


@transaction.atomic
def request_create(*, user, to: Participant, message: str = "") -> MentorshipRequest:
    """`user` asks `to` for a mentorship. The direction follows the roles: a mentee asks a
    mentor; a mentor invites a mentee where the program allows it."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationFailed(
            f"Keep your message under {MESSAGE_MAX:,} characters.", field="message"
        )
    if to.user_id == user.pk:
        raise ValidationFailed("You cannot send a request to yourself.", code="self_request")
    program = Program.objects.get(pk=to.program_id)
    sender_role = Role.MENTEE if to.role == Role.MENTOR else Role.MENTOR
    sender = Participant.objects.filter(program=program, user=user, role=sender_role).first()
    if sender is None:
        raise NotAllowed(
            f"Join {program.name} as a {sender_role} to send this request.", code="not_participant"
        )
    if Membership.objects.filter(
        organization_id=program.organization_id, user=user, is_blocked=True
    ).exists():
        raise NotAllowed("Your access to this organization has been suspended.", code="blocked")
    if sender.status != Participant.Status.ACCEPTED:
        raise NotAllowed(
            f"Your place in the program is {sender.get_status_display().lower()}; you cannot "
            "send requests.",
            code="not_active",
        )
    if not program.is_self_service:
        raise Conflict(
            "In this program pairs are formed by the program's selection round or matching, not "
            "by requests.",
            code="requests_closed",
        )
    if sender_role == Role.MENTOR and not program.mentors_can_invite:
        raise NotAllowed(
            "In this program mentees ask mentors; mentors cannot invite.", code="invites_off"
        )
    if to.status != Participant.Status.ACCEPTED:
        raise Conflict(f"{to.user.name} is not taking requests right now.", code="not_active")
    mentor, mentee = (to, sender) if to.role == Role.MENTOR else (sender, to)
    mentor, mentee = _lock(mentor, mentee)
    if MentorshipRequest.objects.pending().filter(mentor=mentor, mentee=mentee).exists():
        raise Conflict(
            "There is already a request waiting between the two of you.", code="duplicate"
        )
    _check_can_be_paired(mentor, mentee, accepting=False)
    sender_locked = mentee if sender_role == Role.MENTEE else mentor
    open_sent = (
        MentorshipRequest.objects.pending()
        .filter(**{sender_role: sender_locked}, initiated_by=sender_role)
        .count()
    )
    if open_sent >= program.open_request_cap:
        raise Conflict(
            f"You already have {open_sent} requests waiting for an answer, the most this program "
            "allows at once. Withdraw one or wait for answers.",
            code="open_request_cap",
        )
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
            "There is already a request waiting between the two of you.", code="duplicate"
        ) from None
    audit(
        actor=user, action="request.create", target=request, organization_id=program.organization_id
    )
    recipient = request.recipient
    notify(
        user=recipient.user,
        kind="request_received",
        category=Category.REQUESTS,
        context=_context(request=request, sender=sender_locked, program=program),
        url=_link("mentorships:mine"),
        summary=(
            f"“{message[:140]}”"
            if message
            else f"Please answer within {program.request_reminder_days} days."
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
            f"{request.mentee.user.name} already has {limit} mentor{'s' if limit != 1 else ''}, "
            "the program's maximum at a time, so this request was withdrawn.",
            code="mentee_full",
        )
    if request.closed_reason == "paired":
        raise Conflict(
            _(
                "%(mentor)s and %(mentee)s already have a mentorship together, so this request was closed."
            )
            % {"mentor": request.mentor.user.name, "mentee": request.mentee.user.name},
            code="already_paired",
        )
    if not request.is_pending:
        raise Conflict(
            f"This request is no longer waiting for an answer (it is "
            f"{request.get_status_display().lower()}).",
            code="not_pending",
        )


@transaction.atomic
def request_accept(*, request: MentorshipRequest, user) -> Mentorship:
    # Lock the two people before the request row: close_requests_of_full_participants() locks
    # the mentee's other requests while holding the mentee, so the opposite order deadlocks.
    pair = MentorshipRequest.objects.only("mentor_id", "mentee_id").get(pk=request.pk)
    _lock(pair.mentor, pair.mentee)
    request = _get_request_locked(request)
    if request.recipient.user_id != user.pk:
        raise NotAllowed(
            "Only the person who received this request can accept it.", code="not_recipient"
        )
    _require_pending(request)
    mentor, mentee = _lock(request.mentor, request.mentee)
    _check_can_be_paired(mentor, mentee, accepting=request.recipient.role == Role.MENTOR)
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
            context=_context(request=other, program=other.program),
            url=_link("mentorships:mine"),
            summary=f"{mentee.user.name} now has the maximum number of mentors; their request "
            "was withdrawn.",
        )
    return len(others)


@transaction.atomic
def request_decline(*, request: MentorshipRequest, user, reason: str = "") -> MentorshipRequest:
    request = _get_request_locked(request)
    if request.recipient.user_id != user.pk:
        raise NotAllowed(
            "Only the person who received this request can decline it.", code="not_recipient"
        )
    _require_pending(request)
    reason = (reason or "").strip()
    if len(reason) > MESSAGE_MAX:
        raise ValidationFailed(f"Keep the reason under {MESSAGE_MAX:,} characters.", field="reason")
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
        context=_context(request=request, program=request.program),
        url=_link(
            "profiles:search",
            request.program.public_id,
            "mentors" if request.initiated_by == "mentee" else "mentees",
        ),
        summary=(f"“{reason[:140]}”" if reason else f"In {request.program.name}."),
    )
    return request


@transaction.atomic
def request_withdraw(*, request: MentorshipRequest, user) -> MentorshipRequest:
    request = _get_request_locked(request)
    if request.sender.user_id != user.pk:
        raise NotAllowed(
            "Only the person who sent this request can withdraw it.", code="not_sender"
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
        context=_context(request=request, program=request.program),
        url=_link("mentorships:mine"),
        summary=f"In {request.program.name}. Nothing to do.",
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
            "Only the person who sent this request can send a reminder.", code="not_sender"
        )
    _require_pending(request)
    available = reminder_available_at(request)
    if now < available:
        raise Conflict(
            f"You can send a reminder from {timezone.localtime(available):%-d %B %Y}, "
            f"{request.program.request_reminder_days} days after "
            f"{'your last reminder' if request.reminded_at else 'you sent the request'}.",
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
        context=_context(request=request, program=request.program, automatic=False),
        url=_link("mentorships:mine"),
        summary=f"Request sent on {request.created_at:%-d %B} in {request.program.name}.",
    )
    return request


# ---------------------------------------------------------------------------------------------
# Mentorships


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
        raise Conflict("You already have a mentorship together.", code="already_paired") from None
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
            context=_context(
                mentorship=mentorship, program=program, member=member, partner=partner
            ),
            url=_link("mentorships:detail", mentorship.public_id),
            summary=f"{program.name} · planned until {mentorship.planned_end_on:%-d %B %Y}.",
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
            context=_context(request=request, program=request.program, partner=partner),
            url=_link("mentorships:detail", mentorship.public_id),
            summary=_("You and %(name)s now have a mentorship together; nothing to do.")
            % {"name": partner.user.name},
        )
        closed += 1
    return closed


def _lock_mentorship(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("program", "program__organization", "mentor__user", "mentee__user")
        .get(pk=mentorship.pk)
    )


def _is_program_admin(user, program: Program) -> bool:
    return Membership.objects.filter(
        user=user,
        organization_id=program.organization_id,
        role=Membership.Role.ADMIN,
        is_blocked=False,
    ).exists()


def _require_member_or_admin(mentorship: Mentorship, user) -> str:
    role = mentorship.member_role(user)
    if role:
        return role
    if _is_program_admin(user, mentorship.program):
        return "admin"
    raise NotAllowed("Only the pair and the program's administrators can do this.")


def _require_open(mentorship: Mentorship) -> None:
    if not mentorship.is_open:
        raise Conflict(
            f"This mentorship has already ended ({mentorship.get_status_display().lower()}).",
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
        errors["outcome"] = ['Choose "completed" or "ended early".']
    if outcome == Mentorship.Status.ENDED_EARLY and not reason:
        errors["reason"] = ["Tell us briefly why the mentorship is ending early."]
    if len(reason) > MESSAGE_MAX:
        errors["reason"] = [f"Keep the reason under {MESSAGE_MAX:,} characters."]
    if len(feedback) > 5000:
        errors["feedback"] = ["Keep the feedback under 5,000 characters."]
    if not confirm:
        errors["confirm"] = ["Confirm that you want to end the mentorship."]
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
    for member in (mentorship.mentor, mentorship.mentee):
        notify(
            user=member.user,
            kind="mentorship_ended",
            category=Category.MENTORSHIPS,
            context=_context(
                mentorship=mentorship,
                program=mentorship.program,
                ended_by=user,
                by_admin=who == "admin",
                partner=mentorship.partner_of(member.user),
            ),
            url=_link("mentorships:mine"),
            summary=mentorship.get_status_display(),
        )
    return mentorship


@transaction.atomic
def mentorship_extend(*, mentorship: Mentorship, user, until: date) -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    who = _require_member_or_admin(mentorship, user)
    _require_open(mentorship)
    if not isinstance(until, date) or until <= mentorship.planned_end_on:
        raise ValidationFailed(
            f"Choose a date after the current end date, {mentorship.planned_end_on:%-d %B %Y}.",
            field="until",
        )
    latest = mentorship.latest_end_on()
    if until > latest:
        raise ValidationFailed(
            f"The program closes mentorships after {mentorship.program.auto_close_months} "
            f"months; choose a date on or before {latest:%-d %B %Y}.",
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
            context=_context(mentorship=mentorship, program=mentorship.program, extended_by=user),
            url=_link("mentorships:detail", mentorship.public_id),
            summary=f"Extended by {user.name}.",
        )
    return mentorship


@transaction.atomic
def mentorship_pause(*, mentorship: Mentorship, user, reason: str = "") -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    if not _is_program_admin(user, mentorship.program):
        raise NotAllowed("Only the program's administrators can pause a mentorship.")
    if mentorship.status != Mentorship.Status.ACTIVE:
        raise Conflict("Only an active mentorship can be paused.", code="not_active")
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
            context=_context(mentorship=mentorship, program=mentorship.program),
            url=_link("mentorships:detail", mentorship.public_id),
            summary=mentorship.paused_reason[:200] or f"In {mentorship.program.name}.",
        )
    return mentorship


@transaction.atomic
def mentorship_resume(*, mentorship: Mentorship, user) -> Mentorship:
    mentorship = _lock_mentorship(mentorship)
    if not _is_program_admin(user, mentorship.program):
        raise NotAllowed("Only the program's administrators can resume a mentorship.")
    if mentorship.status != Mentorship.Status.PAUSED:
        raise Conflict("Only a paused mentorship can be resumed.", code="not_paused")
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
            context=_context(mentorship=mentorship, program=mentorship.program),
            url=_link("mentorships:detail", mentorship.public_id),
            summary=f"In {mentorship.program.name}.",
        )
    return mentorship


# ---------------------------------------------------------------------------------------------
# Safety: concerns and blocking


@transaction.atomic
def concern_report(
    *, user, subject: Participant, text: str, mentorship: Mentorship | None = None
) -> Concern:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("Describe what happened.", field="text")
    if len(text) > 5000:
        raise ValidationFailed("Keep the report under 5,000 characters.", field="text")
    if subject.user_id == user.pk:
        raise ValidationFailed("You cannot report yourself.")
    reporter_in_program = Participant.objects.filter(
        program_id=subject.program_id, user=user
    ).exists()
    if mentorship is not None and mentorship.member_role(user) is None:
        raise NotFound("Mentorship not found.")
    if mentorship is not None and subject.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise ValidationFailed(
            "That mentorship is not with the person you are reporting.", field="mentorship"
        )
    if not reporter_in_program:
        raise NotAllowed("Only participants of this program can report a concern here.")
    concern = Concern.objects.create(
        program_id=subject.program_id,
        reporter=user,
        subject=subject,
        mentorship=mentorship,
        text=text,
    )
    program = subject.program
    audit(
        actor=user, action="concern.report", target=concern, organization_id=program.organization_id
    )
    admins = (
        Membership.objects.admins()
        .filter(organization_id=program.organization_id, is_blocked=False)
        .select_related("user")
    )
    for membership in admins:
        notify(
            user=membership.user,
            kind="concern_reported",
            category=Category.PROGRAM,
            context=_context(concern=concern, program=program),
            url=_link("manage:concerns", program.public_id),
            summary="Review it in the administration area.",
        )
    return concern


@transaction.atomic
def concern_resolve(*, concern: Concern, user, note: str = "") -> Concern:
    concern = (
        Concern.objects.select_for_update(of=("self",)).select_related("program").get(pk=concern.pk)
    )
    if not _is_program_admin(user, concern.program):
        raise NotAllowed("Only the program's administrators can resolve concerns.")
    if concern.status == Concern.Status.RESOLVED:
        raise Conflict("This concern is already resolved.", code="already_resolved")
    concern.status = Concern.Status.RESOLVED
    concern.resolved_at = timezone.now()
    concern.resolved_by = user
    concern.resolution_note = (note or "").strip()[:5000]
    concern.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
    audit(
        actor=user,
        action="concern.resolve",
        target=concern,
        organization_id=concern.program.organization_id,
    )
    return concern


@transaction.atomic
def participant_block(*, participant: Participant, user, blocked: bool = True) -> Membership:
    """Blocks (or unblocks) a person in the organization: they lose access to its programs, and
    their pending requests are withdrawn. Open mentorships are left for the administrator to
    pause or end explicitly."""
    program = participant.program
    if not _is_program_admin(user, program):
        raise NotAllowed("Only the program's administrators can block a participant.")
    if participant.user_id == user.pk:
        raise ValidationFailed("You cannot block yourself.")
    membership = (
        Membership.objects.select_for_update()
        .filter(organization_id=program.organization_id, user_id=participant.user_id)
        .first()
    )
    if membership is None:
        raise NotFound("This person is no longer a member of the organization.")
    if blocked and membership.role == Membership.Role.ADMIN:
        raise Conflict(
            "Administrators cannot be blocked. Remove their administrator rights first.",
            code="is_admin",
        )
    if membership.is_blocked == blocked:
        raise Conflict(
            "This person is already blocked." if blocked else "This person is not blocked.",
            code="unchanged",
        )
    membership.is_blocked = blocked
    membership.save(update_fields=["is_blocked"])
    audit(
        actor=user,
        action="participant.block" if blocked else "participant.unblock",
        target=participant,
        organization_id=program.organization_id,
    )
    if blocked:
        pending = (
            MentorshipRequest.objects.pending()
            .select_for_update(of=("self",))
            .filter(
                Q(mentor__user_id=participant.user_id) | Q(mentee__user_id=participant.user_id),
                program__organization_id=program.organization_id,
            )
            .select_related("mentor__user", "mentee__user", "program")
        )
        now = timezone.now()
        for request in pending:
            request.status = MentorshipRequest.Status.WITHDRAWN
            request.closed_reason = "blocked"
            request.responded_at = now
            request.save(update_fields=["status", "closed_reason", "responded_at"])
            other = (
                request.mentee if request.mentor.user_id == participant.user_id else request.mentor
            )
            notify(
                user=other.user,
                kind="request_auto_withdrawn",
                category=Category.REQUESTS,
                context=_context(request=request, program=request.program),
                url=_link("mentorships:mine"),
                summary="A request involving you was withdrawn by the program.",
            )
    return membership
