from django import forms
from django.utils.translation import gettext_lazy as _

from mentorwise.conversations.models import BODY_MAX, COMMENT_MAX

SCORE_CHOICES = [
    ("1", _("1 — Not well")),
    ("2", _("2 — Could be better")),
    ("3", _("3 — Well")),
    ("4", _("4 — Very well")),
]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a message before sending it.")},
    )


class CheckInForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How is it going?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how it is going, from 1 to 4.")},
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only you read your answer: not your partner, not the administrators."),
    )
