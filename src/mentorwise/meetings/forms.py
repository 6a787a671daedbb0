"""Forms of the meeting pages. Dates and times are entered in the viewer's zone (the one the
middleware activated), named next to the field."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentorwise.meetings.models import (
    DURATION_MAX,
    DURATION_MIN,
    PLACE_MAX,
    TEXT_MAX,
    Meeting,
)


def _zone_help():
    return _("In your time zone, %(zone)s.") % {"zone": timezone.get_current_timezone_name()}


class WhenFields(forms.Form):
    """A date and a time in the viewer's zone, read back as one aware moment."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time"].help_text = _zone_help()

    def starts_at(self) -> datetime:
        moment = datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"])
        return timezone.make_aware(moment, timezone.get_current_timezone())

    @classmethod
    def initial_for(cls, moment: datetime) -> dict:
        local = timezone.localtime(moment)
        return {"day": local.date(), "time": local.time().replace(second=0, microsecond=0)}


def _duration_field(**kwargs):
    return forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=DURATION_MIN,
        max_value=DURATION_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
        **kwargs,
    )


def _channel_field():
    return forms.ChoiceField(label=_("How you meet"), choices=Meeting.Channel.choices)


def _place_field():
    return forms.CharField(
        label=_("Place or link"),
        required=False,
        max_length=PLACE_MAX,
        help_text=_("An address, a room, or the link of the video call."),
    )


class PlanForm(WhenFields):
    duration_minutes = _duration_field(initial=60)
    channel = _channel_field()
    place = _place_field()
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you would like to talk about. Only the two of you can read it."),
    )


class LogForm(forms.Form):
    """Logs a planned meeting as held (duration, topics, notes, next steps)."""

    duration_minutes = _duration_field()
    topics = forms.CharField(
        label=_("Topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A few words each, separated by commas or on separate lines."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you talked about, in brief. Only the two of you can read it."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LogNewForm(WhenFields, LogForm):
    """Logs a meeting that was never planned: when it took place and how, then the log."""

    channel = _channel_field()
    place = _place_field()

    field_order = [
        "day",
        "time",
        "duration_minutes",
        "channel",
        "place",
        "topics",
        "notes",
        "next_steps",
    ]
