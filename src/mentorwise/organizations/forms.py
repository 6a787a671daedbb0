from allauth.core import context as allauth_context
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentorwise.core.errors import DomainError
from mentorwise.organizations.models import Organization
from mentorwise.organizations.services import join_code_verify


def join_code_help() -> str:
    """Where the code comes from; the demo's own code is named only on a site that holds the
    demo organization (`make run`), never on a real one."""
    text = gettext("Your program administrator gives you this code.")
    demo = Organization.objects.filter(is_demo=True).values_list("join_code", flat=True).first()
    if demo:
        text += " " + gettext("To try the demo, use %(code)s.") % {"code": demo}
    return text


class JoinSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: a display name and the organization's join code.

    The code is checked before any account is created, so a wrong code creates nothing; and it
    is checked first: with a wrong code the page shows only that error, never whether the
    e-mail address already has an account. Wrong codes are rate-limited per client and address.
    """

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    join_code = forms.CharField(
        label=_("Organization join code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )

    field_order = ["name", "email", "join_code", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["join_code"].help_text = join_code_help()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please tell us your name."))
        return name

    def clean_join_code(self):
        code = self.cleaned_data["join_code"]
        try:
            self.organization = join_code_verify(
                request=allauth_context.request,
                join_code=code,
                email=str(self.data.get("email", "")),
            )
        except DomainError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from None
        return code

    def _post_clean(self):
        # After every clean() of allauth's sign-up form: until the join code is right, it is
        # the only error shown (no "already registered" for strangers).
        super()._post_clean()
        if self.has_error("join_code"):
            for field in list(self.errors):
                if field != "join_code":
                    del self.errors[field]

    def signup(self, request, user):
        from mentorwise.organizations.services import membership_join

        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        membership_join(user=user, join_code=self.cleaned_data["join_code"])
