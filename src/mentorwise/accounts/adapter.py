from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.utils.translation import ngettext

from mentorwise.accounts.services import RevokeReason, api_tokens_revoke_all


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to anyone who has an organization's join code (checked by the form)."""

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
