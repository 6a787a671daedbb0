from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import ngettext

from mentorwise.accounts.services import (
    RevokeReason,
    account_is_locked,
    account_lockout_announce,
    api_tokens_revoke_all,
)
from mentorwise.notifications.models import Category
from mentorwise.notifications.services import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to anyone who has an organization's join code (checked by the form).
    Account e-mails (verification, password reset, sign-in codes) go through the outbox, so they
    are retried like every other message when the mail server is down."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"),
            "",
        )
        queue_email(
            to_email=email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            category=Category.SECURITY,
            kind=template_prefix.rsplit("/", 1)[-1],
        )

    def pre_authenticate(self, request, **credentials) -> None:
        """allauth refuses a sign-in here once a "login_failed" limit is reached (the sign-in
        page and POST /api/v1/auth/token both come through). When the per-account limit is the
        one reached, and not only the per-client one, the account's owner is e-mailed, once per
        lockout window: a stranger can pause sign-ins to an account, but not unnoticed."""
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            key = self._get_login_attempts_cache_key(request, **credentials)
            if account_is_locked(request, key):
                account_lockout_announce(email=credentials.get("email", ""))
            raise

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.name = form.cleaned_data.get("name", "").strip()
        if commit:
            user.save()
        return user

    def set_password(self, user, password) -> None:
        """allauth sets a password here for every change, reset and first set: the person's API
        tokens were as good as the old password, so they are revoked (and the person told)."""
        super().set_password(user, password)
        revoked = api_tokens_revoke_all(user=user, reason=RevokeReason.PASSWORD_CHANGED)
        request = allauth_context.request
        if revoked and request is not None:
            messages.add_message(
                request,
                messages.INFO,
                ngettext(
                    "Your API token was revoked with the old password. Create a new one on your "
                    "account page if a script needs it.",
                    "Your %(count)d API tokens were revoked with the old password. Create new "
                    "ones on your account page if scripts need them.",
                    revoked,
                )
                % {"count": revoked},
                fail_silently=True,
            )
