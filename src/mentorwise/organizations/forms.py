from django import forms
from django.utils.translation import gettext as _

from mentorwise.organizations.models import Organization
from mentorwise.organizations.services import organization_for_join_code


def join_code_help() -> str:
    """Where the code comes from; the demo's own code is named only on a site that holds the
    demo organization (`make run`), never on a real one."""
    text = _("Your program administrator gives you this code.")
    demo = Organization.objects.filter(is_demo=True).values_list("join_code", flat=True).first()
    if demo:
        text += " " + _("To try the demo, use %(code)s.") % {"code": demo}
    return text


class JoinSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: a display name and the organization's join code.

    The code is checked before any account is created, so a wrong code creates nothing.
    """

    name = forms.CharField(
        label="Your name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    join_code = forms.CharField(
        label="Organization join code",
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
            raise forms.ValidationError("Please tell us your name.")
        return name

    def clean_join_code(self):
        code = self.cleaned_data["join_code"]
        org = organization_for_join_code(code)
        if org is None:
            raise forms.ValidationError(
                "That join code does not match any organization. Check it with your program "
                "administrator; codes look like ABCD-1234."
            )
        self.organization = org
        return code

    def signup(self, request, user):
        from mentorwise.organizations.services import membership_join

        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])
        membership_join(user=user, join_code=self.cleaned_data["join_code"])
