from django import forms
from django.utils.translation import gettext_lazy as _

from mentorwise.agreements.models import Agreement

HELP = {
    "cadence": _(
        "For example: 2 hours a month as 30 minutes weekly, 60 minutes every other week, or one "
        "2-hour session."
    ),
    "channel": _("In person, video call, phone — or a mix."),
    "place": _("A café, an office, a video link you will reuse…"),
    "confidentiality": _(
        "What stays between the two of you, and what either of you may share (and with whom)."
    ),
    "in_bounds": _("The subjects you want to work on together."),
    "out_of_bounds": _("Anything either of you would rather not discuss."),
    "contact": _(
        "How and when to reach each other between meetings, and how soon to expect an answer."
    ),
}


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(Agreement.FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("confidentiality", "in_bounds", "out_of_bounds", "contact")
        }
        help_texts = HELP
