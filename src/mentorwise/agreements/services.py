"""The pair's agreement: write or change it (either member), confirm it (each member). A change
to any field clears both confirmations, so that both agree to the same text."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.agreements.models import TEXT_MAX, Agreement
from mentorwise.core.errors import Conflict, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify

SHORT_MAX = 300


def agreement_for(mentorship: Mentorship) -> Agreement:
    """The pair's agreement, or an unsaved blank one when they have not written it yet."""
    try:
        return mentorship.agreement
    except Agreement.DoesNotExist:
        return Agreement(mentorship=mentorship)


def _lock(mentorship: Mentorship) -> Mentorship:
    """The mentorship's row, locked: two members saving at once are serialised."""
    return (
        Mentorship.objects.select_for_update(of=("self",))
        .select_related("program", "mentor__user", "mentee__user")
        .get(pk=mentorship.pk)
    )


def _require_member_of_open(mentorship: Mentorship, user) -> str:
    role = mentorship.member_role(user)
    if role is None:  # the gate lets members only through; this guards direct calls
        raise Conflict(_("Only the pair can change their agreement."), code="not_member")
    if not mentorship.is_open:
        raise Conflict(
            _("This mentorship has ended; its agreement can be read but not changed."),
            code="not_open",
        )
    return role


def _clean(values: dict) -> dict:
    cleaned, errors = {}, {}
    for name in Agreement.FIELDS:
        value = values.get(name)
        value = "" if value is None else str(value).strip()
        limit = SHORT_MAX if name in ("cadence", "channel", "place") else TEXT_MAX
        if len(value) > limit:
            errors[name] = [_("Keep this under %(limit)s characters.") % {"limit": f"{limit:,}"}]
        cleaned[name] = value
    if errors:
        field, (message, *_rest) = next(iter(errors.items()))
        raise ValidationFailed(message, field=field, errors=errors)
    return cleaned


@transaction.atomic
def agreement_save(*, mentorship: Mentorship, user, values: dict) -> Agreement:
    """Writes the agreement (fields absent from `values` keep their text). When anything
    changes, both confirmations are cleared and the partner is asked to read it again; the
    writer's own confirmation is then given back only by confirming."""
    mentorship = _lock(mentorship)
    role = _require_member_of_open(mentorship, user)
    agreement = agreement_for(mentorship)
    current = {name: getattr(agreement, name) for name in Agreement.FIELDS}
    cleaned = _clean({**current, **{k: v for k, v in values.items() if k in Agreement.FIELDS}})
    if agreement.pk and cleaned == current:
        return agreement  # nothing changed: the confirmations stand
    for name, value in cleaned.items():
        setattr(agreement, name, value)
    if agreement.pk:
        agreement.version += 1
    agreement.updated_by = user
    agreement.mentor_confirmed_at = agreement.mentee_confirmed_at = None
    agreement.save()
    audit(
        actor=user,
        action="agreement.save",
        target=mentorship,
        organization_id=mentorship.program.organization_id,
        version=agreement.version,
    )
    partner = mentorship.mentee if role == "mentor" else mentorship.mentor
    notify(
        user=partner.user,
        kind="agreement_changed",
        category=Category.MENTORSHIPS,
        context={"mentorship": mentorship, "author": user, "program": mentorship.program},
        url=reverse("agreements:edit", args=[mentorship.public_id]),
        summary=lambda: _("Read it and confirm it when it suits you both."),
    )
    return agreement


@transaction.atomic
def agreement_confirm(*, mentorship: Mentorship, user) -> Agreement:
    """The caller confirms the agreement as it stands; once both have, it is confirmed and both
    are told."""
    mentorship = _lock(mentorship)
    role = _require_member_of_open(mentorship, user)
    agreement = agreement_for(mentorship)
    if not agreement.pk or agreement.is_blank:
        raise Conflict(
            _("Write your agreement first: there is nothing to confirm yet."), code="no_agreement"
        )
    now = timezone.now()
    field = "mentor_confirmed_at" if role == "mentor" else "mentee_confirmed_at"
    if getattr(agreement, field) is None:
        setattr(agreement, field, now)
        agreement.save(update_fields=[field])
        audit(
            actor=user,
            action="agreement.confirm",
            target=mentorship,
            organization_id=mentorship.program.organization_id,
            version=agreement.version,
        )
        if agreement.confirmed:
            for member in (mentorship.mentor, mentorship.mentee):
                notify(
                    user=member.user,
                    kind="agreement_confirmed",
                    category=Category.MENTORSHIPS,
                    context={"mentorship": mentorship, "program": mentorship.program},
                    url=reverse("mentorships:detail", args=[mentorship.public_id]),
                    summary=lambda: _("You both confirmed how you will work together."),
                )
    return agreement
