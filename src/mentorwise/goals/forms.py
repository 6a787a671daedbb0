from django import forms
from django.utils.translation import gettext_lazy as _

from mentorwise.goals.models import NOTE_MAX, TEXT_MAX, TITLE_MAX, Goal


class GoalForm(forms.Form):
    """A SMART goal: each field's help says which letter it answers."""

    title = forms.CharField(
        label=_("The goal"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"maxlength": TITLE_MAX}),
        help_text=_(
            "Specific: say exactly what you will achieve, in one sentence. "
            "For example: “Pitch a short-film storyboard to the development team”."
        ),
    )
    measure = forms.CharField(
        label=_("How it is measured"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
        help_text=_(
            "Measurable: how will you both know it is done? A number, a result, something "
            "someone else could check."
        ),
    )
    why = forms.CharField(
        label=_("Why it matters"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
        help_text=_(
            "Relevant: how this goal serves where you want to go. Optional, but it helps you "
            "both keep it in view."
        ),
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Time-bound: the day by which it should be met. Attainable: pick a date you can "
            "reach alongside your work, within the mentorship."
        ),
    )


class GoalProgressForm(forms.Form):
    """Where the goal stands now, with a short note for the history."""

    progress = forms.IntegerField(
        label=_("Progress (per cent)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        help_text=_("From 0 to 100. Marking the goal achieved sets it to 100."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTE_MAX}),
        help_text=_("What moved, or what is in the way (up to 500 characters)."),
    )


class GoalDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Delete this goal and its history. This cannot be undone."), required=True
    )
