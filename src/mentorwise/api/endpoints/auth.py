"""POST /auth/signup, POST /auth/token, DELETE /auth/token."""

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from mentorwise.accounts.models import ApiToken
from mentorwise.accounts.services import TokenVia, api_token_create, second_factor_verify
from mentorwise.api.endpoints.me import me_payload
from mentorwise.api.errors import NotAuthenticated, TooManyAttempts
from mentorwise.api.schemas import Error, MeOut, SignupIn, TokenIn, TokenOut
from mentorwise.core.errors import NotAllowed, ValidationFailed
from mentorwise.core.ids import new_public_id
from mentorwise.organizations.models import Membership
from mentorwise.organizations.services import account_signup

router = Router(tags=["auth"])

ERRORS = {400: Error, 401: Error, 403: Error, 409: Error, 422: Error, 429: Error}


def _verification_mode() -> str:
    mode = allauth_settings.EMAIL_VERIFICATION
    return getattr(mode, "value", mode)


@router.post(
    "/signup", auth=None, response={201: MeOut, **ERRORS}, summary="Sign up with a join code"
)
def signup(request, data: SignupIn):
    """Creates an account in the organization whose join code this is. The join code is checked
    first: a wrong one is a 400 with only that error (and wrong codes are rate-limited per client
    and address: 429 with Retry-After). Nothing is created when any field is invalid.

    An address that already has an account gets the same 201 answer as a new one (nothing is
    created; the owner is e-mailed that someone tried to sign up with it), so this endpoint does
    not tell who has an account."""
    outcome = account_signup(
        request=request,
        email=data.email,
        password=data.password,
        name=data.name,
        join_code=data.join_code,
    )
    if outcome.user is None:
        return Status(201, _lookalike_payload(outcome))
    if _verification_mode() != "none":
        outcome.address.send_confirmation(request, signup=True)
    return Status(201, me_payload(outcome.user))


def _lookalike_payload(outcome) -> dict:
    """What a brand-new member of `outcome.organization` looks like, for an address that was
    taken: same fields, a fresh opaque id, no programs yet."""
    return {
        "id": new_public_id(),
        "email": outcome.email,
        "name": outcome.name,
        "date_joined": timezone.now(),
        "last_active_at": None,
        "organizations": [
            {
                "id": outcome.organization.public_id,
                "name": outcome.organization.name,
                "role": Membership.Role.MEMBER,
            }
        ],
        "programs": [],
        "participants": [],
    }


@router.post("/token", auth=None, response={201: TokenOut, **ERRORS}, summary="Create a token")
def token_create(request, data: TokenIn):
    """Exchanges an e-mail address and password (and, for an account with two-factor
    authentication, a current `code`) for a personal access token. Keep it secret: it is shown
    only once. The owner is e-mailed that a token was created."""
    email = data.email.strip().lower()
    user = None
    if email:
        try:  # allauth's adapter applies the "login_failed" rate limits of sign-in
            user = get_adapter(request).authenticate(request, email=email, password=data.password)
        except forms.ValidationError:
            raise TooManyAttempts(
                _(
                    "Too many failed attempts. Wait a few minutes, or reset your password from the "
                    "sign-in page."
                )
            ) from None
    if user is None or not user.is_active:
        raise NotAuthenticated(
            _("That e-mail address and password do not match an account."),
            code="invalid_credentials",
        )
    if (
        _verification_mode() == "mandatory"
        and not EmailAddress.objects.filter(user=user, verified=True).exists()
    ):
        raise NotAllowed(
            _("Confirm your e-mail address first: follow the link we sent you."),
            code="email_unverified",
        )
    second_factor_verify(user=user, code=data.code)
    token, raw = api_token_create(user=user, label=data.label, via=TokenVia.API)
    return Status(201, {"token": raw, "prefix": token.prefix, "created_at": token.created_at})


@router.delete("/token", response={204: None, **ERRORS}, summary="Revoke the token used")
def token_revoke(request):
    """Revokes the token this request was authenticated with."""
    token = getattr(request, "api_token", None)
    if token is None:
        raise ValidationFailed(
            _(
                "This request was not made with a token: send Authorization: Bearer <token> to "
                "revoke that token."
            ),
            code="no_token",
        )
    ApiToken.objects.filter(pk=token.pk).delete()
    return Status(204, None)
