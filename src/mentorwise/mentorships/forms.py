from django import forms
from django.utils.formats import date_format, number_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import MESSAGE_MAX

FEEDBACK_MAX = 5000
CONCERN_MAX = 5000


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX}),
        help_text=lazy(
            lambda: (
                gettext(
                    "Optional. Say who you are and what you hope to work on together (up to "
                    "%(count)s characters)."
                )
                % {"count": number_format(MESSAGE_MAX, force_grouping=True)}
            ),
            str,
        )(),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
        help_text=_("The person who asked will see this. A kind sentence helps."),
    )


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            (Mentorship.Status.COMPLETED, "Completed — our goals are met"),
            (Mentorship.Status.ENDED_EARLY, "Ended early — we are stopping before the goals"),
        ],
        widget=forms.RadioSelect,
        required=False,  # checked with the other fields by the service: every error at once
    )
    reason = forms.CharField(
        label=_("Reason (needed when ending early)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
        help_text=_(
            "Required when the mentorship ends early. Kept in the program's record, "
            "which the program's administrators can read."
        ),
    )
    feedback = forms.CharField(
        label=_("Private feedback for the administrators (optional)"),
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": FEEDBACK_MAX}),
        help_text=_("Only the program's administrators can read this. Your partner never sees it."),
    )
    confirm = forms.BooleanField(
        label=_("I want to end this mentorship now. This cannot be undone."), required=False
    )


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("New end date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        import datetime

        earliest = mentorship.planned_end_on + datetime.timedelta(days=1)
        latest = mentorship.latest_end_on()
        self.fields["until"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )
        self.fields["until"].help_text = _(
            "Between %(earliest)s and %(latest)s, the latest the program allows."
        ) % {
            "earliest": date_format(earliest, "DATE_FORMAT"),
            "latest": date_format(latest, "DATE_FORMAT"),
        }


class ConcernForm(forms.Form):
    text = forms.CharField(
        label=_("What happened?"),
        max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CONCERN_MAX}),
        help_text=_("Describe what happened and when, in your own words."),
    )
