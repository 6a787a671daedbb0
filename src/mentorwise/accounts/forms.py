"""allauth forms with Mentorwise's additions."""

from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from django import forms

from mentorwise.accounts.services import account_lockout_announce


class AuthenticateForm(AllauthAuthenticateForm):
    """The sign-in page's second step (MFA_FORMS["authenticate"]): allauth.mfa's own check and
    rate limit; when too many wrong codes pause the account's sign-ins, its owner is e-mailed,
    as after too many wrong passwords and wrong codes sent with a token request."""

    def clean_code(self) -> str:
        try:
            return super().clean_code()
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                account_lockout_announce(user=self.user, second_factor=True)
            raise
