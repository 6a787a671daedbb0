from django import forms

from mentorwise.mentorships.models import Mentorship
from mentorwise.mentorships.services import MESSAGE_MAX

FEEDBACK_MAX = 5000
CONCERN_MAX = 5000


class RequestForm(forms.Form):
    message = forms.CharField(
        label="Message",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX}),
        help_text="Optional. Say who you are and what you hope to work on together "
        f"(up to {MESSAGE_MAX:,} characters).",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
        help_text="The person who asked will see this. A kind sentence helps.",
    )


class EndForm(forms.Form):
    outcome = forms.ChoiceField(
        label="How did it go?",
        choices=[
            (Mentorship.Status.COMPLETED, "Completed — our goals are met"),
            (Mentorship.Status.ENDED_EARLY, "Ended early — we are stopping before the goals"),
        ],
        widget=forms.RadioSelect,
        required=False,  # checked with the other fields by the service: every error at once
    )
    reason = forms.CharField(
        label="Reason (needed when ending early)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MESSAGE_MAX}),
        help_text="Required when the mentorship ends early. Kept in the program's record, "
        "which the program's administrators can read.",
    )
    feedback = forms.CharField(
        label="Private feedback for the administrators (optional)",
        required=False,
        max_length=FEEDBACK_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": FEEDBACK_MAX}),
        help_text="Only the program's administrators can read this. Your partner never sees it.",
    )
    confirm = forms.BooleanField(
        label="I want to end this mentorship now. This cannot be undone.", required=False
    )


class ExtendForm(forms.Form):
    until = forms.DateField(label="New end date", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, mentorship: Mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        import datetime

        earliest = mentorship.planned_end_on + datetime.timedelta(days=1)
        latest = mentorship.latest_end_on()
        self.fields["until"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )
        self.fields[
            "until"
        ].help_text = (
            f"Between {earliest:%-d %B %Y} and {latest:%-d %B %Y}, the latest the program allows."
        )


class ConcernForm(forms.Form):
    text = forms.CharField(
        label="What happened?",
        max_length=CONCERN_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CONCERN_MAX}),
        help_text="Describe what happened and when, in your own words.",
    )
