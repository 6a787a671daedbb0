from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentorwise.core.widgets import PlainSelect
from mentorwise.profiles.limits import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    PHOTO_MAX_PIXELS,
    YEARS_EXPERIENCE_MAX,
    YEARS_EXPERIENCE_MIN,
    photo_too_large_message,
)
from mentorwise.profiles.models import Profile, timezone_choices
from mentorwise.profiles.search import SORTS
from mentorwise.programs.models import ApplicationQuestion

TAG_HELP = "Separate with commas, for example: storyboarding, pitching, Blender."


def tag_text(tags) -> str:
    return ", ".join(t.name for t in tags)


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    pronouns = forms.CharField(
        max_length=40, required=False, help_text=_("Optional, e.g. she/her.")
    )
    headline = forms.CharField(
        max_length=150, required=False, help_text=_("One line: your role or what you focus on.")
    )
    bio = forms.CharField(max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 6}))
    expertise = forms.CharField(
        label=_("Expertise"), max_length=1000, required=False, help_text=TAG_HELP
    )
    interests = forms.CharField(
        label=_("Interests"), max_length=1000, required=False, help_text=TAG_HELP
    )
    goals = forms.CharField(
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you want to work on (mentees) or help others with (mentors)."),
    )
    industry = forms.CharField(max_length=80, required=False)
    department = forms.CharField(
        max_length=80,
        required=False,
        help_text=_("Used to keep mentors outside your team where the program asks for it."),
    )
    reports_to = forms.CharField(
        label=_("Manager or reporting line"), max_length=120, required=False
    )
    years_experience = forms.IntegerField(
        label=_("Years of experience"),
        min_value=YEARS_EXPERIENCE_MIN,
        max_value=YEARS_EXPERIENCE_MAX,
        required=False,
    )
    location = forms.CharField(max_length=100, required=False, help_text=_("City and country."))
    time_zone = forms.ChoiceField(choices=timezone_choices, required=False)
    languages = forms.CharField(
        max_length=500, required=False, help_text=_("Separate with commas, e.g. English, Spanish.")
    )
    work_mode = forms.ChoiceField(
        label=_("Meeting preference"),
        choices=Profile.WorkMode.choices,
        initial=Profile.WorkMode.EITHER,
    )
    availability = forms.CharField(
        max_length=300, required=False, help_text=_("e.g. Tuesday evenings, two hours a month.")
    )
    photo = forms.ImageField(
        required=False,
        help_text=lazy(
            lambda: (
                gettext("JPEG, PNG or WebP, up to %(size)s.")
                % {"size": filesizeformat(settings.PHOTO_MAX_BYTES)}
            ),
            str,
        )(),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, mentor_participations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor_participations = list(mentor_participations)
        current = (self.initial or {}).get("time_zone")
        if current and current not in dict(timezone_choices()):
            self.fields["time_zone"].choices = [*timezone_choices(), (current, current)]
        for p in self.mentor_participations:
            self.fields[f"capacity_{p.public_id}"] = forms.IntegerField(
                label=_("Mentees at a time in %(name)s") % {"name": p.program.name},
                min_value=CAPACITY_MIN,
                max_value=CAPACITY_MAX,
                initial=p.capacity,
            )
            self.fields[f"paused_{p.public_id}"] = forms.BooleanField(
                label=_("Not taking new mentees in %(program)s for now")
                % {"program": p.program.name},
                required=False,
                initial=p.is_paused(),
                help_text=_(
                    "You are not shown in search or suggestions, nor matched, and requests wait "
                    "until you are back. Your mentorships go on."
                ),
            )
            self.fields[f"paused_until_{p.public_id}"] = forms.DateField(
                label=_("Back on (optional)"),
                required=False,
                initial=p.paused_until if p.is_paused() else None,
                widget=forms.DateInput(attrs={"type": "date"}),
                help_text=_("The pause ends by itself on this day."),
            )

    @property
    def capacity_fields(self):
        """Each mentor participation's capacity, then its pause (with the return date)."""
        return [
            self[f"{name}_{p.public_id}"]
            for p in self.mentor_participations
            for name in ("capacity", "paused", "paused_until")
        ]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for p in self.mentor_participations:
            until = data.get(f"paused_until_{p.public_id}")
            if data.get(f"paused_{p.public_id}") and until is not None and until <= today:
                self.add_error(
                    f"paused_until_{p.public_id}",
                    _("Choose a return date after today, or leave it empty."),
                )
        return data

    def pop_participation(self, data: dict) -> dict:
        """Takes the participations' fields out of the cleaned `data`: participant →
        (capacity, paused, paused_until)."""
        return {
            p: tuple(
                data.pop(f"{name}_{p.public_id}") for name in ("capacity", "paused", "paused_until")
            )
            for p in self.mentor_participations
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return photo
        if photo.size > settings.PHOTO_MAX_BYTES:
            raise forms.ValidationError(
                gettext("This photo is %(size)s; the limit is %(limit)s.")
                % {
                    "size": filesizeformat(photo.size),
                    "limit": filesizeformat(settings.PHOTO_MAX_BYTES),
                }
            )
        image_format = getattr(getattr(photo, "image", None), "format", None)
        if image_format not in ("JPEG", "PNG", "WEBP"):
            raise forms.ValidationError(_("Upload a JPEG, PNG or WebP image."))
        width, height = photo.image.size  # read from the header: nothing is decoded yet
        if width * height > PHOTO_MAX_PIXELS:
            raise forms.ValidationError(photo_too_large_message((width, height)))
        return photo

    @classmethod
    def initial_for(cls, user, profile: Profile) -> dict:
        return {
            "name": user.name,
            "pronouns": profile.pronouns,
            "headline": profile.headline,
            "bio": profile.bio,
            "expertise": tag_text(profile.expertise.all()),
            "interests": tag_text(profile.interests.all()),
            "goals": profile.goals,
            "industry": profile.industry,
            "department": profile.department,
            "reports_to": profile.reports_to,
            "years_experience": profile.years_experience,
            "location": profile.location,
            "time_zone": profile.time_zone,
            "languages": tag_text(profile.languages.all()),
            "work_mode": profile.work_mode,
            "availability": profile.availability,
        }


def application_form_class(questions, role: str):
    """A form class for the program's application questions that apply to `role`."""
    fields = {}
    for q in questions:
        if not q.applies_to(role):
            continue
        common = {"label": q.label, "required": q.required, "help_text": q.help_text}
        Kind = ApplicationQuestion.Kind
        if q.kind == Kind.SHORT_TEXT:
            field = forms.CharField(max_length=300, **common)
        elif q.kind == Kind.LONG_TEXT:
            field = forms.CharField(
                max_length=5000, widget=forms.Textarea(attrs={"rows": 4}), **common
            )
        elif q.kind == Kind.SINGLE_CHOICE:
            field = forms.ChoiceField(
                choices=[(c, c) for c in q.choices], widget=forms.RadioSelect, **common
            )
        elif q.kind == Kind.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(
                choices=[(c, c) for c in q.choices], widget=forms.CheckboxSelectMultiple, **common
            )
        else:
            field = forms.DecimalField(max_digits=12, decimal_places=2, **common)
        fields[q.public_id] = field
    if role == "mentor":
        fields["capacity"] = forms.IntegerField(
            label=_("How many mentees can you take at a time?"),
            min_value=CAPACITY_MIN,
            max_value=CAPACITY_MAX,
        )
    return type("ApplicationForm", (forms.Form,), fields)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    expertise = forms.ChoiceField(
        label=_("Expertise or interest"), required=False, widget=PlainSelect
    )
    language = forms.ChoiceField(required=False, widget=PlainSelect)
    industry = forms.ChoiceField(required=False, widget=PlainSelect)
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False, widget=PlainSelect)
    location = forms.CharField(max_length=100, required=False)
    work_mode = forms.ChoiceField(
        label=_("Meeting preference"),
        required=False,
        choices=[("", "Any"), ("remote", "Remote"), ("in_person", "In person")],
    )
    has_room = forms.BooleanField(label=_("Only mentors with room"), required=False)
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, widget=PlainSelect)

    def __init__(self, *args, facets: dict, role: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].choices = [("", "Any"), *facets["topics"]]
        self.fields["language"].choices = [("", "Any"), *facets["languages"]]
        self.fields["industry"].choices = [("", "Any")] + [(i, i) for i in facets["industries"]]
        self.fields["time_zone"].choices = [("", "Any")] + [(z, z) for z in facets["time_zones"]]
        if role != "mentor":
            del self.fields["has_room"]
            self.fields["sort"].choices = [(k, v) for k, v in SORTS.items() if k != "room"]
