"""Meetings: plan (an invitation with a calendar file to both members), update, cancel, log as
held; each person's calendar feed; the hours a pair has met this month.

Every function takes a mentorship or a meeting fetched through the privacy gate
(`mentorships.access.get_mentorship`, `meetings.access.get_meeting`) and checks again that
`user` is one of the pair. An ended mentorship is read-only (409 `not_open`); a paused one
stays writable. The audit trail records that a meeting happened and how long it was, never
what was said.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.core.errors import Conflict, NotFound, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.core.zones import zone_of
from mentorwise.meetings import ics
from mentorwise.meetings.models import (
    DURATION_MAX,
    DURATION_MIN,
    PLACE_MAX,
    TEXT_MAX,
    TOPIC_MAX,
    TOPICS_MAX,
    CalendarFeed,
    Meeting,
    new_feed_token,
)
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import absolute_url, notify
from mentorwise.programs.models import Program

UNSET = object()


# ---------------------------------------------------------------------------------------------
# Checks shared by the services


def _require_member(mentorship: Mentorship, user) -> None:
    if mentorship.member_role(user) is None:
        raise NotFound(_("Not found, or not visible to you."))


def _require_open(mentorship: Mentorship) -> None:
    if not mentorship.is_open:
        raise Conflict(
            _("This mentorship has ended: its meetings can be read but no longer changed."),
            code="not_open",
        )


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related(
            "mentorship__program", "mentorship__mentor__user", "mentorship__mentee__user"
        )
        .get(pk=meeting.pk)
    )


def _aware(value: datetime, user) -> datetime:
    """A moment as given; a time without a zone is read in `user`'s zone."""
    if timezone.is_naive(value):
        return timezone.make_aware(value, zone_of(user))
    return value


def _check_duration(value, errors: dict) -> None:
    if not isinstance(value, int) or not DURATION_MIN <= value <= DURATION_MAX:
        errors.setdefault("duration_minutes", []).append(
            _("Give a duration between %(low)s and %(high)s minutes.")
            % {"low": DURATION_MIN, "high": DURATION_MAX}
        )


def _check_texts(errors: dict, **texts) -> None:
    for name, value in texts.items():
        limit = PLACE_MAX if name == "place" else TEXT_MAX
        if value is not None and len(value) > limit:
            errors.setdefault(name, []).append(
                _("Keep this under %(limit)s characters.") % {"limit": limit}
            )


def _check_channel(value, errors: dict) -> None:
    if value not in Meeting.Channel.values:
        errors.setdefault("channel", []).append(
            _("Choose in person, video call, phone call or other.")
        )


def _raise(errors: dict) -> None:
    if errors:
        names = ", ".join(sorted(errors))
        first = next(iter(errors.values()))[0]
        message = first if len(errors) == 1 else _("Please correct: %(names)s.") % {"names": names}
        raise ValidationFailed(message, errors=errors)


def clean_topics(value) -> list[str]:
    """Topics from a list, or from text separated by commas or lines: trimmed, without repeats,
    each short. Too many or too long is refused with a sentence."""
    items = re.split(r"[,\n]", value) if isinstance(value, str) else list(value or [])
    topics: list[str] = []
    for item in items:
        topic = " ".join(str(item).split())
        if not topic or topic.lower() in {t.lower() for t in topics}:
            continue
        if len(topic) > TOPIC_MAX:
            raise ValidationFailed(
                _("Keep each topic under %(limit)s characters (a few words).")
                % {"limit": TOPIC_MAX},
                field="topics",
            )
        topics.append(topic)
    if len(topics) > TOPICS_MAX:
        raise ValidationFailed(
            _("List at most %(limit)s topics.") % {"limit": TOPICS_MAX}, field="topics"
        )
    return topics


def _link(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.public_id])


def _tell_both(meeting: Meeting, *, kind: str, actor, method: str, summary) -> None:
    """E-mails both members (the partner and the one who acted) with the calendar file."""
    mentorship = meeting.mentorship
    attachment = ics.attachment_for(meeting, method=method)
    for member in (mentorship.mentor, mentorship.mentee):
        partner = mentorship.partner_of(member.user)
        notify(
            user=member.user,
            kind=kind,
            category=Category.MENTORSHIPS,
            context={
                "meeting": meeting,
                "mentorship": mentorship,
                "program": mentorship.program,
                "actor": actor,
                "partner": partner.user,
                "by_me": actor.pk == member.user_id,
            },
            url=_link(meeting),
            summary=summary,
            attachments=[attachment],
        )


def _audit(meeting: Meeting, user, action: str, **data) -> None:
    """Metadata only: when and how long, never the agenda, the topics or the notes."""
    audit(
        actor=user,
        action=action,
        target=meeting,
        organization_id=meeting.mentorship.program.organization_id,
        mentorship=meeting.mentorship.public_id,
        starts_at=meeting.starts_at.isoformat(),
        duration_minutes=meeting.duration_minutes,
        **data,
    )


# ---------------------------------------------------------------------------------------------
# Planning, updating, cancelling


@transaction.atomic
def meeting_plan(
    *,
    mentorship: Mentorship,
    user,
    starts_at: datetime,
    duration_minutes: int,
    channel: str = Meeting.Channel.VIDEO,
    place: str = "",
    agenda: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Plans a meeting and e-mails both members an invitation with a calendar file."""
    _require_member(mentorship, user)
    _require_open(mentorship)
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not isinstance(starts_at, datetime):
        errors["starts_at"] = [_("Give the date and time of the meeting.")]
    elif _aware(starts_at, user) <= now:
        errors["starts_at"] = [
            _("Choose a time in the future, or log the meeting as held if it already happened.")
        ]
    _check_duration(duration_minutes, errors)
    _check_channel(channel, errors)
    _check_texts(errors, place=place, agenda=agenda)
    _raise(errors)
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=_aware(starts_at, user),
        duration_minutes=duration_minutes,
        channel=channel,
        place=(place or "").strip(),
        agenda=(agenda or "").strip(),
        created_by=user,
    )
    _audit(meeting, user, "meeting.plan")
    _tell_both(
        meeting,
        kind="meeting_planned",
        actor=user,
        method="REQUEST",
        summary=lambda: _("%(name)s planned a meeting.") % {"name": user.name},
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    user,
    starts_at=UNSET,
    duration_minutes=UNSET,
    channel=UNSET,
    place=UNSET,
    agenda=UNSET,
    now: datetime | None = None,
) -> Meeting:
    """Changes a planned meeting; when something changed, both members get the updated
    invitation (same UID, SEQUENCE one higher)."""
    meeting = _lock(meeting)
    _require_member(meeting.mentorship, user)
    _require_open(meeting.mentorship)
    if not meeting.is_planned:
        raise Conflict(
            _("Only a planned meeting can be changed; this one is %(status)s.")
            % {"status": meeting.get_status_display().lower()},
            code="not_planned",
        )
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    changes = {}
    if starts_at is not UNSET:
        if not isinstance(starts_at, datetime):
            errors["starts_at"] = [_("Give the date and time of the meeting.")]
        elif _aware(starts_at, user) <= now:
            errors["starts_at"] = [_("Choose a time in the future.")]
        else:
            changes["starts_at"] = _aware(starts_at, user)
    if duration_minutes is not UNSET:
        _check_duration(duration_minutes, errors)
        changes["duration_minutes"] = duration_minutes
    if channel is not UNSET:
        _check_channel(channel, errors)
        changes["channel"] = channel
    for name, value in (("place", place), ("agenda", agenda)):
        if value is not UNSET:
            _check_texts(errors, **{name: value or ""})
            changes[name] = (value or "").strip()
    _raise(errors)
    changed = {k: v for k, v in changes.items() if getattr(meeting, k) != v}
    if not changed:
        return meeting
    for name, value in changed.items():
        setattr(meeting, name, value)
    meeting.ics_sequence += 1
    meeting.save(update_fields=[*changed, "ics_sequence", "updated_at"])
    _audit(meeting, user, "meeting.update", changed=sorted(changed))
    _tell_both(
        meeting,
        kind="meeting_updated",
        actor=user,
        method="REQUEST",
        summary=lambda: _("%(name)s changed a planned meeting.") % {"name": user.name},
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, user) -> Meeting:
    """Cancels a planned meeting; both members get a cancellation (METHOD:CANCEL) that removes
    it from their calendars."""
    meeting = _lock(meeting)
    _require_member(meeting.mentorship, user)
    _require_open(meeting.mentorship)
    if not meeting.is_planned:
        raise Conflict(
            _("Only a planned meeting can be cancelled; this one is %(status)s.")
            % {"status": meeting.get_status_display().lower()},
            code="not_planned",
        )
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.ics_sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "ics_sequence", "updated_at"])
    _audit(meeting, user, "meeting.cancel")
    _tell_both(
        meeting,
        kind="meeting_cancelled",
        actor=user,
        method="CANCEL",
        summary=lambda: _("%(name)s cancelled a meeting.") % {"name": user.name},
    )
    return meeting


def meetings_cancel_for_ended(*, mentorship: Mentorship, actor=None, now=None) -> list[Meeting]:
    """The mentorship has ended (whoever ended it, or the program): each meeting still planned
    for later is cancelled, and both members get the cancellation (METHOD:CANCEL) that removes
    it from their calendars. Runs in the transaction that ended the mentorship."""
    now = now or timezone.now()
    planned = list(
        Meeting.objects.planned()
        .select_for_update(of=("self",))
        .filter(mentorship=mentorship, starts_at__gte=now)
        .select_related(
            "mentorship__program", "mentorship__mentor__user", "mentorship__mentee__user"
        )
        .order_by("starts_at", "pk")
    )
    for meeting in planned:
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancelled_at = now
        meeting.ics_sequence += 1
        meeting.save(update_fields=["status", "cancelled_at", "ics_sequence", "updated_at"])
        _audit(meeting, actor, "meeting.cancel", because="mentorship_ended")
        attachment = ics.attachment_for(meeting, method="CANCEL")
        for member in (mentorship.mentor, mentorship.mentee):
            partner = mentorship.partner_of(member.user)
            notify(
                user=member.user,
                kind="meeting_cancelled_ended",
                category=Category.MENTORSHIPS,
                context={
                    "meeting": meeting,
                    "mentorship": mentorship,
                    "program": mentorship.program,
                    "partner": partner.user,
                },
                url=_link(meeting),
                summary=_("Your mentorship has ended, so this planned meeting is cancelled."),
                attachments=[attachment],
            )
    return planned


def cancel_when_ended(sender, *, mentorship: Mentorship, actor=None, **kwargs) -> None:
    """Receiver of `mentorships.signals.mentorship_ended`."""
    meetings_cancel_for_ended(mentorship=mentorship, actor=actor)


# ---------------------------------------------------------------------------------------------
# Logging


@transaction.atomic
def meeting_log(
    *,
    mentorship: Mentorship,
    user,
    meeting: Meeting | None = None,
    starts_at: datetime | None = None,
    duration_minutes: int | None = None,
    channel: str = Meeting.Channel.VIDEO,
    place: str = "",
    topics=(),
    notes: str = "",
    next_steps: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Logs a meeting as held: a planned one whose start has passed (its duration may be
    corrected), one already logged (the log is edited), or a new one that was never planned.
    The first log tells the partner (in the app, and by e-mail by their preference); the
    e-mail says when and how long, not the notes: those are read on the meeting's page."""
    _require_member(mentorship, user)
    _require_open(mentorship)
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if meeting is not None:
        meeting = _lock(meeting)
        if meeting.mentorship_id != mentorship.pk:
            raise NotFound(_("Not found, or not visible to you."))
        if meeting.status == Meeting.Status.CANCELLED:
            raise Conflict(
                _("This meeting was cancelled; log the meeting you held as a new one."),
                code="not_planned",
            )
        if meeting.starts_at > now:
            raise Conflict(
                _("This meeting has not started yet: log it once it has taken place."),
                code="not_started",
            )
        if duration_minutes is None:
            duration_minutes = meeting.duration_minutes
    else:
        if not isinstance(starts_at, datetime):
            errors["starts_at"] = [_("Give the date and time when you met.")]
        elif _aware(starts_at, user) > now:
            errors["starts_at"] = [
                _("This time is still to come: plan the meeting instead, then log it.")
            ]
        _check_channel(channel, errors)
    _check_duration(duration_minutes, errors)
    _check_texts(errors, place=place, notes=notes, next_steps=next_steps)
    _raise(errors)
    topics = clean_topics(topics)
    if meeting is None:
        meeting = Meeting(
            mentorship=mentorship,
            starts_at=_aware(starts_at, user),
            channel=channel,
            place=(place or "").strip(),
            created_by=user,
        )
    first_log = not meeting.held
    meeting.status = Meeting.Status.HELD
    meeting.duration_minutes = duration_minutes
    meeting.topics = topics
    meeting.notes = (notes or "").strip()
    meeting.next_steps = (next_steps or "").strip()
    if first_log:
        meeting.held_at = now
    meeting.save()
    _audit(meeting, user, "meeting.log" if first_log else "meeting.log_edit")
    if first_log:
        partner = mentorship.partner_of(user).user
        notify(
            user=partner,
            kind="meeting_logged",
            category=Category.MENTORSHIPS,
            context={
                "meeting": meeting,
                "mentorship": mentorship,
                "program": mentorship.program,
                "actor": user,
            },
            url=_link(meeting),
            summary=_("%(name)s logged your meeting as held.") % {"name": user.name},
        )
    return meeting


# ---------------------------------------------------------------------------------------------
# Calendar feeds


def feed_for(user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_url(feed: CalendarFeed) -> str:
    return absolute_url(reverse("meetings:feed", args=[feed.token]))


@transaction.atomic
def feed_rotate(*, user) -> CalendarFeed:
    """A new secret address; the old one answers 404 from now on."""
    feed = feed_for(user)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    feed.token = new_feed_token()
    feed.rotated_at = timezone.now()
    feed.save(update_fields=["token", "rotated_at"])
    audit(actor=user, action="calendar_feed.rotate", target=None)
    return feed


def feed_meetings(feed: CalendarFeed):
    """The planned meetings of the feed's owner, in the mentorships they may still read and
    that are still open (a blocked member's feed is empty)."""
    return (
        Meeting.objects.planned()
        .filter(
            mentorship__in=Mentorship.objects.visible_to(feed.user).filter(
                status__in=Mentorship.ESTABLISHED
            )
        )
        .select_related("mentorship__mentor__user", "mentorship__mentee__user", "created_by")
        .order_by("starts_at")
    )


# ---------------------------------------------------------------------------------------------
# Hours against the program's expectation


def month_bounds(today: date, zone) -> tuple[datetime, datetime]:
    """The first moment of `today`'s month and of the next one, in `zone`."""
    first = today.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = datetime(first.year, first.month, 1, tzinfo=zone)
    end = datetime(following.year, following.month, 1, tzinfo=zone)
    return start, end


def hours_this_month(mentorship: Mentorship, *, today: date, zone=None) -> Decimal:
    """Hours of held meetings that started in `today`'s month, the month read in `zone` (the
    active zone by default: the viewer's)."""
    start, end = month_bounds(today, zone or timezone.get_current_timezone())
    minutes = (
        Meeting.objects.held()
        .filter(mentorship=mentorship, starts_at__gte=start, starts_at__lt=end)
        .aggregate(total=Sum("duration_minutes"))["total"]
        or 0
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def expected_hours_per_month(program: Program) -> Decimal:
    """The program's "Expected hours" setting: hours a pair is expected to meet each month."""
    return Decimal(program.expected_hours_per_month or 0)
