"""State changes for accounts: personal access tokens and the second factor that guards them.

Every token created is e-mailed to its owner (when, from where, how to revoke it), and every
token is revoked when the password changes or an administrator blocks the person: a token is as
good as the password, so it must not outlive it.
"""

import time

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from allauth.core.internal.ratelimit import apply_rate, get_cache_key, parse_rates
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorwise.accounts.models import ApiToken, User
from mentorwise.core.errors import NotAuthenticated, TooManyAttempts, ValidationFailed
from mentorwise.core.models import audit
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import notify


def _account_rates():
    """allauth's "login_failed" limits that count per account (per `key`), as configured."""
    return [
        r for r in parse_rates(allauth_settings.RATE_LIMITS.get("login_failed")) if r.per == "key"
    ]


def account_lockout_seconds() -> int:
    """How long a locked account waits at most: the longest per-account window."""
    return int(max((r.duration for r in _account_rates()), default=300))


def account_is_locked(request, key: str) -> bool:
    """Whether the per-account limit on failed sign-ins is reached for `key` (allauth's key for
    an address), as opposed to the per-client one alone. Reads the counters, counts nothing."""
    now = time.time()
    for rate in _account_rates():
        cache_key = get_cache_key(
            request, app="allauth.account", action="login_failed", rate=rate, key=key
        )
        allowed, _history = apply_rate(list(cache.get(cache_key, [])), now, rate, dry_run=True)
        if not allowed:
            return True
    return False


def _owner_of(email: str) -> User | None:
    email = (email or "").strip()
    if not email:
        return None
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=email).first()


def account_lockout_announce(
    *, email: str = "", user: User | None = None, second_factor: bool = False
) -> bool:
    """Tells an account's owner that sign-ins to it are paused after too many failed attempts
    (with a wrong password or a wrong two-factor code): once per lockout window, however many
    attempts are refused meanwhile. Returns whether an e-mail was queued. An address without an
    account gets nothing (and the caller answers the same either way). `second_factor`: the
    attempts had the right password and wrong two-factor codes, which the e-mail says."""
    user = user or _owner_of(email)
    if user is None or not user.is_active:
        return False
    window = account_lockout_seconds()
    if not cache.add(f"mentorwise:lockout-notice:{user.pk}", True, timeout=window):
        return False  # already told during this window
    audit(actor=None, action="account.lockout", target=user, minutes=max(1, window // 60))
    notify(
        user=user,
        kind="account_locked",
        category=Category.SECURITY,
        context={"minutes": max(1, window // 60), "second_factor": second_factor},
        url=reverse("account_reset_password"),
        summary=lambda: _("Sign-ins to your account are paused after too many failed attempts."),
    )
    return True


class TokenVia:
    API = "api"
    ACCOUNT_PAGE = "account_page"


class RevokeReason:
    PASSWORD_CHANGED = "password_changed"
    BLOCKED = "blocked"


def second_factor_verify(*, user: User, code: str | None) -> None:
    """Asks for the second factor when the account has one (an authenticator app): `code` must
    be a current TOTP code or an unused recovery code. The check is allauth.mfa's own (the same
    form as the sign-in page's second step), with its rate limit on failed attempts per account;
    a recovery code is used up and a TOTP code cannot be replayed."""
    if not is_mfa_enabled(user):
        return
    code = (code or "").strip()
    if not code:
        raise NotAuthenticated(
            _(
                "This account uses two-factor authentication: send the current code from your "
                "authenticator app, or one of your recovery codes, in the field code."
            ),
            code="mfa_required",
        )
    form = AuthenticateForm(data={"code": code[:64]}, user=user)
    if form.is_valid():
        form.authenticator.record_usage()
        return
    codes = {e.code for e in form.errors.as_data().get("code", [])}
    if "too_many_login_attempts" in codes:
        account_lockout_announce(user=user, second_factor=True)
        raise TooManyAttempts(
            _(
                "Too many wrong codes. Wait a few minutes, then try again with a fresh code from "
                "your authenticator app."
            ),
            retry_after=account_lockout_seconds(),
        )
    raise NotAuthenticated(
        _(
            "That two-factor code is not right, or was already used. Send the current code from "
            "your authenticator app, or an unused recovery code."
        ),
        code="invalid_code",
    )


@transaction.atomic
def api_token_create(*, user: User, label: str = "", via: str) -> tuple[ApiToken, str]:
    """Issues a personal access token and e-mails its owner. Returns the token and its secret,
    which is shown once and never stored."""
    label = " ".join((label or "").split())[:100]
    token, raw = ApiToken.issue(user=user, label=label)
    audit(actor=user, action="api_token.create", target=token, via=via, prefix=token.prefix)
    notify(
        user=user,
        kind="api_token_created",
        category=Category.SECURITY,
        context={"token": token, "via": via, "from_api": via == TokenVia.API},
        url=reverse("accounts:settings"),
        summary=lambda: (
            _("A new API token (%(prefix)s…) was created for your account.")
            % {"prefix": token.prefix}
        ),
    )
    return token, raw


@transaction.atomic
def api_tokens_revoke_all(*, user: User, reason: str, actor=None, organization=None) -> int:
    """Revokes every personal access token of `user` and, when there were any, tells them why.
    Returns how many were revoked."""
    tokens = list(ApiToken.objects.select_for_update().filter(user=user))
    if not tokens:
        return 0
    ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).delete()
    audit(
        actor=actor or user,
        action="api_token.revoke_all",
        target=user,
        organization_id=getattr(organization, "pk", None),
        reason=reason,
        count=len(tokens),
    )
    notify(
        user=user,
        kind="api_tokens_revoked",
        category=Category.SECURITY,
        context={
            "count": len(tokens),
            "prefixes": [t.prefix for t in tokens],
            "password_changed": reason == RevokeReason.PASSWORD_CHANGED,
            "blocked": reason == RevokeReason.BLOCKED,
            "organization": organization,
        },
        url=reverse("accounts:settings"),
        summary=lambda: _("Your API tokens were revoked."),
    )
    return len(tokens)


def account_set_language(*, user, language: str) -> None:
    """The person's language for the interface and their e-mails ("" follows the browser)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationFailed(_("Choose one of the languages offered."), field="language")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
