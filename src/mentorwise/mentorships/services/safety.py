"""Safety: reporting a concern about another participant, resolving it, and blocking a
person from the organization."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mentorwise.accounts.services import RevokeReason, api_tokens_revoke_all
from mentorwise.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Concern, Mentorship, MentorshipRequest
from mentorwise.mentorships.services.common import link
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify
from mentorwise.organizations.models import Membership
from mentorwise.organizations.permissions import is_org_admin
from mentorwise.profiles.models import Participant


@transaction.atomic
def concern_report(
    *, user, subject: Participant, text: str, mentorship: Mentorship | None = None
) -> Concern:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("Describe what happened."), field="text")
    if len(text) > 5000:
        raise ValidationFailed(_("Keep the report under 5,000 characters."), field="text")
    if subject.user_id == user.pk:
        raise ValidationFailed(_("You cannot report yourself."))
    reporter_in_program = Participant.objects.filter(
        program_id=subject.program_id, user=user
    ).exists()
    if mentorship is not None and mentorship.member_role(user) is None:
        raise NotFound(_("Mentorship not found."))
    if mentorship is not None and subject.pk not in (mentorship.mentor_id, mentorship.mentee_id):
        raise ValidationFailed(
            _("That mentorship is not with the person you are reporting."), field="mentorship"
        )
    if not reporter_in_program:
        raise NotAllowed(_("Only participants of this program can report a concern here."))
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
            context={"concern": concern, "program": program},
            url=link("manage:concerns", program.public_id),
            summary=gettext_lazy("Review it in the administration area."),
        )
    return concern


@transaction.atomic
def concern_resolve(*, concern: Concern, user, note: str = "") -> Concern:
    concern = (
        Concern.objects.select_for_update(of=("self",)).select_related("program").get(pk=concern.pk)
    )
    if not is_org_admin(user, concern.program.organization_id):
        raise NotAllowed(_("Only the program's administrators can resolve concerns."))
    if concern.status == Concern.Status.RESOLVED:
        raise Conflict(_("This concern is already resolved."), code="already_resolved")
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
    """Blocks (or unblocks) a person in the organization: they lose access to its programs,
    their pending requests are withdrawn, and their API tokens are revoked (a token is not tied
    to one organization; the person is e-mailed). Open mentorships are left for the administrator
    to pause or end explicitly."""
    program = participant.program
    if not is_org_admin(user, program.organization_id):
        raise NotAllowed(_("Only the program's administrators can block a participant."))
    if participant.user_id == user.pk:
        raise ValidationFailed(_("You cannot block yourself."))
    membership = (
        Membership.objects.select_for_update()
        .filter(organization_id=program.organization_id, user_id=participant.user_id)
        .first()
    )
    if membership is None:
        raise NotFound(_("This person is no longer a member of the organization."))
    if blocked and membership.role == Membership.Role.ADMIN:
        raise Conflict(
            _("Administrators cannot be blocked. Remove their administrator rights first."),
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
        api_tokens_revoke_all(
            user=participant.user,
            reason=RevokeReason.BLOCKED,
            actor=user,
            organization=program.organization,
        )
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
                context={"request": request, "program": request.program},
                url=link("mentorships:mine"),
                summary=gettext_lazy("A request involving you was withdrawn by the program."),
            )
    return membership
