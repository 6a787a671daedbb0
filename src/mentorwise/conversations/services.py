"""State changes of the conversation and the pulse: posting a message, reading the thread,
answering "How is it going?" (when it is asked is the workspace's rule, `workspace.pulse`,
since it reads the pair's meetings too), and asking the program for a new match.

Each takes a mentorship already fetched through the privacy gate
(`mentorships.access.get_mentorship`), and checks again that `user` is one of its two people.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorwise.conversations.models import (
    BODY_MAX,
    COMMENT_MAX,
    PREVIEW_MAX,
    CheckIn,
    Message,
    RematchRequest,
    ThreadRead,
)
from mentorwise.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify, shows_previews
from mentorwise.organizations.models import Membership
from mentorwise.organizations.permissions import is_org_admin


def _member(mentorship: Mentorship, user) -> str:
    role = mentorship.member_role(user)
    if role is None:
        raise NotFound(_("Mentorship not found."))
    return role


def _writable(mentorship: Mentorship) -> None:
    if not mentorship.is_open:
        raise Conflict(
            _("This mentorship has ended: its conversation can be read but not added to."),
            code="not_open",
        )


def _refuse_invalid_text(text: str, field: str) -> None:
    """Text with lone surrogates (a JSON "\\ud800" escape) cannot be stored: refuse it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationFailed(
            _("This text contains characters that are not valid. Remove them and try again."),
            field=field,
        ) from None


def preview_of(body: str) -> str:
    """At most PREVIEW_MAX characters of `body` on one line, with an ellipsis when cut."""
    text = " ".join(body.split())
    if len(text) <= PREVIEW_MAX:
        return text
    return text[: PREVIEW_MAX - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Messages


@transaction.atomic
def message_post(*, mentorship: Mentorship, user, body: str) -> Message:
    """Adds `user`'s message to the pair's thread and tells the partner (an e-mail by their
    preference for messages; a preview of the words only if they asked for previews)."""
    _member(mentorship, user)
    _writable(mentorship)
    body = (body or "").strip()
    _refuse_invalid_text(body, "body")
    if not body:
        raise ValidationFailed(_("Write a message before sending it."), field="body")
    if len(body) > BODY_MAX:
        raise ValidationFailed(
            _("Keep a message under %(max)s characters (this one has %(n)s).")
            % {"max": f"{BODY_MAX:,}", "n": f"{len(body):,}"},
            field="body",
        )
    message = Message.objects.create(mentorship=mentorship, author=user, body=body)
    _mark_read(mentorship=mentorship, user=user, at=message.created_at)
    audit(
        actor=user,
        action="message.post",
        target=message,
        organization_id=mentorship.program.organization_id,
    )
    partner = mentorship.partner_of(user).user
    preview = preview_of(body) if shows_previews(partner) else ""
    notify(
        user=partner,
        kind="message_received",
        category=Category.MESSAGES,
        context={"author": user, "preview": preview, "program": mentorship.program},
        url=reverse("conversations:thread", args=[mentorship.public_id]),
        summary=preview or gettext_lazy("Open the conversation to read it."),
    )
    return message


def _mark_read(*, mentorship: Mentorship, user, at) -> None:
    ThreadRead.objects.update_or_create(
        mentorship=mentorship, user=user, defaults={"last_read_at": at}
    )


@transaction.atomic
def thread_mark_read(*, mentorship: Mentorship, user) -> None:
    """`user` has read the whole thread: their unread count drops to zero."""
    _member(mentorship, user)
    _mark_read(mentorship=mentorship, user=user, at=timezone.now())


# ---------------------------------------------------------------------------------------------
# The pulse


@transaction.atomic
def checkin_record(*, mentorship: Mentorship, user, score, comment: str = "") -> CheckIn:
    """Records `user`'s answer. Nobody is told: not the partner, not the administrators."""
    _member(mentorship, user)
    _writable(mentorship)
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 4:
        raise ValidationFailed(
            _("Choose how it is going, from 1 (not well) to 4 (very well)."), field="score"
        )
    comment = (comment or "").strip()
    _refuse_invalid_text(comment, "comment")
    if len(comment) > COMMENT_MAX:
        raise ValidationFailed(
            _("Keep the comment under %(max)s characters.") % {"max": f"{COMMENT_MAX:,}"},
            field="comment",
        )
    checkin = CheckIn.objects.create(
        mentorship=mentorship, member=user, score=score, comment=comment
    )
    audit(  # that it happened, never what was said
        actor=user,
        action="checkin.record",
        target=checkin,
        organization_id=mentorship.program.organization_id,
    )
    return checkin


def rematch_offered(checkin: CheckIn, mentorship: Mentorship) -> bool:
    """A low score from the mentee offers her a quiet request for a new match."""
    return checkin.is_low and mentorship.mentee.user_id == checkin.member_id


def rematch_open(mentorship: Mentorship) -> RematchRequest | None:
    return RematchRequest.objects.filter(mentorship=mentorship, handled_at__isnull=True).first()


@transaction.atomic
def rematch_request(*, mentorship: Mentorship, user) -> RematchRequest:
    """The mentee asks the program for a new match. The program's administrators are told that
    she asked, with a link to the mentorship's administrator page, and nothing of why. The
    mentor is not told."""
    role = _member(mentorship, user)
    if role != "mentee":
        raise NotAllowed(_("Only the mentee can ask the program for a new match."))
    _writable(mentorship)
    if rematch_open(mentorship) is not None:
        raise Conflict(
            _(
                "You have already asked for a new match; the program's administrators will be in touch."
            ),
            code="already_asked",
        )
    try:
        with transaction.atomic():
            rematch = RematchRequest.objects.create(mentorship=mentorship, mentee=user)
    except IntegrityError:  # asked twice at once
        raise Conflict(
            _(
                "You have already asked for a new match; the program's administrators will be in touch."
            ),
            code="already_asked",
        ) from None
    program = mentorship.program
    audit(
        actor=user,
        action="rematch.request",
        target=mentorship,
        organization_id=program.organization_id,
    )
    admins = (
        Membership.objects.admins()
        .filter(organization_id=program.organization_id, is_blocked=False)
        .select_related("user")
    )
    for membership in admins:
        notify(
            user=membership.user,
            kind="rematch_requested",
            category=Category.PROGRAM,
            context={"mentee": user, "program": program, "rematch": rematch},
            url=reverse("manage:mentorship", args=[mentorship.public_id]),
            summary=lambda: _("Open the mentorship in the administration area."),
        )
    return rematch


@transaction.atomic
def rematch_mark_handled(*, rematch: RematchRequest, user) -> RematchRequest:
    """An administrator of the program's organization has dealt with the mentee's request for a
    new match: who and when are recorded, and audited. Nobody is told; nothing of why is read."""
    rematch = (
        RematchRequest.objects.select_for_update(of=("self",))
        .select_related("mentorship__program")
        .get(pk=rematch.pk)
    )
    program = rematch.mentorship.program
    if not is_org_admin(user, program.organization_id):
        raise NotAllowed(_("Only the program's administrators can mark a request handled."))
    if rematch.handled_at is not None:
        raise Conflict(
            _("This request for a new match was already marked handled."), code="already_handled"
        )
    rematch.handled_at = timezone.now()
    rematch.handled_by = user
    rematch.save(update_fields=["handled_at", "handled_by"])
    audit(
        actor=user,
        action="rematch.handle",
        target=rematch,
        organization_id=program.organization_id,
        mentorship=rematch.mentorship.public_id,
    )
    return rematch
