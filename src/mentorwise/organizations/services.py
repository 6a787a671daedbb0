"""State changes for organizations: creation, joining with a code, administrators, join codes."""

from dataclasses import dataclass

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import parse_rates
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mentorwise.core.errors import NotAllowed, TooManyAttempts, ValidationFailed
from mentorwise.core.ids import new_join_code
from mentorwise.core.markdown import MARKDOWN_MAX_CHARS
from mentorwise.core.models import audit
from mentorwise.organizations.guides import DEFAULT_GUIDES
from mentorwise.organizations.models import GuidePage, Membership, Organization


def normalize_join_code(code: str) -> str:
    return "".join((code or "").split()).upper()


def organization_for_join_code(code: str) -> Organization | None:
    code = normalize_join_code(code)
    if not code or len(code) > 32:
        return None
    return Organization.objects.filter(join_code__iexact=code).first()


# Wrong join codes are counted per client IP and per e-mail address with allauth's rate limits
# (the action below, configured in settings.ACCOUNT_RATE_LIMITS next to allauth's own).
JOIN_CODE_ACTION = "join_code_failed"


def wrong_join_code_message() -> str:
    return _(
        "That join code does not match any organization. Check it with your program "
        "administrator; codes look like ABCD-1234."
    )


def join_code_retry_after() -> int:
    """Seconds to wait once limited: the longest window of the configured rates."""
    rates = parse_rates(allauth_settings.RATE_LIMITS.get(JOIN_CODE_ACTION))
    return int(max((rate.duration for rate in rates), default=60))


def join_code_verify(*, request, join_code: str, email: str = "") -> Organization:
    """The organization of a join code someone typed (sign-up pages and API, joining another
    organization). A wrong code counts against the client's IP and the e-mail address; past
    the limit every code, right or wrong, is refused until the window has passed, so codes
    cannot be guessed by trying many."""
    key = (email or "").strip().lower()[:254] or "-"
    if not ratelimit.consume(request, action=JOIN_CODE_ACTION, key=key, dry_run=True):
        minutes = max(1, round(join_code_retry_after() / 60))
        raise TooManyAttempts(
            _(
                "Too many wrong join codes. Wait %(minutes)d minutes, then check the code with "
                "your program administrator before trying again."
            )
            % {"minutes": minutes},
            code="too_many_join_code_attempts",
            field="join_code",
            retry_after=join_code_retry_after(),
        )
    organization = organization_for_join_code(join_code)
    if organization is None:
        ratelimit.consume(request, action=JOIN_CODE_ACTION, key=key)
        raise ValidationFailed(
            wrong_join_code_message(), code="invalid_join_code", field="join_code"
        )
    return organization


@transaction.atomic
def organization_create(
    *, name: str, admin=None, join_code: str | None = None, **fields
) -> Organization:
    base = slugify(name)[:50] or "organization"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    org = Organization.objects.create(
        name=name, slug=slug, join_code=normalize_join_code(join_code) or new_join_code(), **fields
    )
    GuidePage.objects.bulk_create(
        GuidePage(organization=org, kind=kind, title=title, body=body)
        for kind, (title, body) in DEFAULT_GUIDES.items()
    )
    if admin is not None:
        Membership.objects.create(organization=org, user=admin, role=Membership.Role.ADMIN)
    audit(actor=admin, action="organization.create", target=org, organization_id=org.pk)
    return org


@transaction.atomic
def membership_join(*, user, join_code: str) -> Membership:
    """Adds `user` to the organization whose join code this is (idempotent)."""
    org = organization_for_join_code(join_code)
    if org is None:
        raise ValidationFailed(
            _(
                "That join code does not match any organization. Check it with your program "
                "administrator; codes look like ABCD-1234."
            ),
            code="invalid_join_code",
            field="join_code",
        )
    membership, created = Membership.objects.get_or_create(organization=org, user=user)
    if membership.is_blocked:
        raise NotAllowed(_("Your access to this organization has been suspended."), code="blocked")
    if created:
        audit(actor=user, action="membership.join", target=membership, organization_id=org.pk)
    return membership


@transaction.atomic
def join_code_regenerate(*, organization: Organization, actor) -> str:
    for _attempt in range(5):
        code = new_join_code()
        try:
            with transaction.atomic():
                Organization.objects.filter(pk=organization.pk).update(join_code=code)
        except IntegrityError:
            continue
        organization.join_code = code
        audit(
            actor=actor,
            action="organization.join_code_regenerate",
            target=organization,
            organization_id=organization.pk,
        )
        return code
    raise ValidationFailed(_("Could not generate a new join code; please try again."))


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, actor) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationFailed(_("Unknown role."), field="role")
    if membership.role == Membership.Role.ADMIN and role != Membership.Role.ADMIN:
        admins = Membership.objects.select_for_update().filter(
            organization_id=membership.organization_id,
            role=Membership.Role.ADMIN,
            is_blocked=False,
        )
        if admins.count() <= 1:
            raise ValidationFailed(_("An organization needs at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role"])
    audit(
        actor=actor,
        action="membership.set_role",
        target=membership,
        organization_id=membership.organization_id,
        role=role,
    )
    return membership


@transaction.atomic
def guide_page_update(*, guide: GuidePage, actor, title: str, body: str) -> GuidePage:
    """An administrator rewrites one of the organization's guide pages (Markdown body)."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationFailed(_("Give the page a title."), field="title")
    if len(title) > 150:
        raise ValidationFailed(_("Keep the title under 150 characters."), field="title")
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(_("Write something on the page."), field="body")
    if len(body) > MARKDOWN_MAX_CHARS:
        raise ValidationFailed(
            _("Keep the page to %(limit)s characters (it has %(count)s).")
            % {"limit": f"{MARKDOWN_MAX_CHARS:,}", "count": f"{len(body):,}"},
            field="body",
        )
    guide.title = title
    guide.body = body
    guide.save(update_fields=["title", "body", "updated_at"])
    audit(
        actor=actor,
        action="organization.guide_update",
        target=guide,
        organization_id=guide.organization_id,
        kind=guide.kind,
    )
    return guide


@dataclass
class SignupOutcome:
    """What a sign-up did. `user` is None when the address already had an account: nothing was
    created and its owner was e-mailed instead; callers answer exactly as for a new account."""

    organization: Organization
    email: str
    name: str
    user: object | None = None
    address: EmailAddress | None = None


def account_signup(
    *, request, email: str, password: str, name: str, join_code: str
) -> SignupOutcome:
    """Creates an account in the organization whose join code this is, with an unverified
    primary e-mail address (the caller sends the confirmation).

    The join code is checked first (and wrong codes are rate-limited): with a wrong code, that
    is the only error, so nothing is learnt about the address. Then every other problem is
    reported at once, field by field. An address that already has an account is not revealed:
    nothing is created, its owner is e-mailed that someone tried to sign up with it (with a
    link to reset the password), and the outcome looks like a new account's."""
    organization = join_code_verify(request=request, join_code=join_code, email=email)
    User = get_user_model()
    email = User.objects.normalize_email((email or "").strip()).lower()
    name = " ".join((name or "").split())
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except DjangoValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if not name:
        errors["name"] = [_("Please tell us your name.")]
    elif len(name) > 150:
        errors["name"] = [_("Keep your name under 150 characters.")]
    try:
        password_validation.validate_password(password, User(email=email, name=name))
    except DjangoValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        first = next(iter(errors))
        raise ValidationFailed(errors[first][0], code=f"invalid_{first}", errors=errors)
    outcome = SignupOutcome(organization=organization, email=email, name=name)
    if _address_taken(email):
        return _signup_for_taken_address(outcome, password)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password, name=name)
            address = EmailAddress.objects.create(
                user=user, email=email, primary=True, verified=False
            )
            membership_join(user=user, join_code=join_code)
    except IntegrityError:  # taken between the check and the insert
        return _signup_for_taken_address(outcome, password)
    audit(actor=user, action="account.signup", target=user)
    outcome.user, outcome.address = user, address
    return outcome


def _address_taken(email: str) -> bool:
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def _signup_for_taken_address(outcome: SignupOutcome, password: str) -> SignupOutcome:
    make_password(password)  # the same work as creating an account, so timing tells nothing
    get_account_adapter().send_account_already_exists_mail(outcome.email)
    audit(
        actor=None,
        action="account.signup_taken_address",
        target=outcome.organization,
        organization_id=outcome.organization.pk,
    )
    return outcome
