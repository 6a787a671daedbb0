"""Forms of the administration area. They parse and explain; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from mentorwise.core.errors import DomainError
from mentorwise.mentorships.models import Mentorship
from mentorwise.organizations.models import GuidePage, Membership
from mentorwise.profiles.models import Participant
from mentorwise.programs.defaults import DEFAULT_WHAT_IT_IS, DEFAULT_WHAT_IT_IS_NOT
from mentorwise.programs.models import ApplicationQuestion, Program, Role


def add_service_errors(form: forms.Form, exc: Exception) -> None:
    """Puts a service's complaint on the form: on the field it names, or on top of the form."""
    if isinstance(exc, DomainError):
        errors = exc.errors or {None: [exc.message]}
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        errors = exc.message_dict
    elif isinstance(exc, ValidationError):
        errors = {None: exc.messages}
    else:  # pragma: no cover - only the two kinds above are passed in
        raise exc
    for field, messages in errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ProgramForm(forms.ModelForm):
    """Every policy of a program, grouped the way an administrator thinks about them."""

    FIELDSETS = [
        (
            _("About the program"),
            _("What people read before they apply."),
            ["name", "summary", "what_it_is", "what_it_is_not"],
        ),
        (
            _("Format and matching"),
            _("How people find each other."),
            [
                "format",
                "matching_mode",
                "group_size",
                "max_mentors_per_mentee",
                "default_mentor_capacity",
                "requires_approval",
                "mentors_can_invite",
                "mentors_outside_reporting_line",
            ],
        ),
        (
            _("Status and dates"),
            _("Leave a date empty when it does not apply."),
            ["status", "application_opens_on", "application_closes_on", "starts_on", "ends_on"],
        ),
        (
            _("Partnerships"),
            _("How long pairs work together and what the program expects of them."),
            [
                "partnership_months",
                "auto_close_months",
                "expected_hours_per_month",
                "goals_due_days",
            ],
        ),
        (
            _("Requests and inactive profiles"),
            _("Keep requests moving and places free for people who will use them."),
            [
                "request_reminder_days",
                "request_expiry_days",
                "open_request_cap",
                "profile_release_days",
            ],
        ),
    ]

    class Meta:
        model = Program
        fields = [
            "name",
            "summary",
            "what_it_is",
            "what_it_is_not",
            "format",
            "matching_mode",
            "status",
            "application_opens_on",
            "application_closes_on",
            "starts_on",
            "ends_on",
            "requires_approval",
            "mentors_can_invite",
            "mentors_outside_reporting_line",
            "partnership_months",
            "max_mentors_per_mentee",
            "default_mentor_capacity",
            "group_size",
            "request_reminder_days",
            "request_expiry_days",
            "open_request_cap",
            "profile_release_days",
            "auto_close_months",
            "expected_hours_per_month",
            "goals_due_days",
        ]
        labels = {
            "name": _("Program name"),
            "summary": _("One-line summary"),
            "what_it_is": _("What the program is"),
            "what_it_is_not": _("What the program is not"),
            "matching_mode": _("Matching"),
            "application_opens_on": _("Applications open on"),
            "application_closes_on": _("Applications close on"),
            "starts_on": _("Program starts on"),
            "ends_on": _("Program ends on"),
            "requires_approval": _("New participants need approval"),
            "mentors_can_invite": _("Mentors can search for mentees and invite them"),
            "mentors_outside_reporting_line": _("Keep mentors outside the mentee's reporting line"),
            "partnership_months": _("Partnership length (months)"),
            "max_mentors_per_mentee": _("Mentors per mentee at a time"),
            "default_mentor_capacity": _("Default mentor capacity"),
            "group_size": _("Group size"),
            "request_reminder_days": _("Reminder after (days)"),
            "request_expiry_days": _("Requests expire after (days)"),
            "open_request_cap": _("Open requests per person"),
            "profile_release_days": _("Release inactive participants after (days)"),
            "auto_close_months": _("Close partnerships automatically after (months)"),
            "expected_hours_per_month": _("Expected hours per month"),
            "goals_due_days": _("Goals due within (days)"),
        }
        help_texts = {
            "name": _("For example “Story Mentoring, spring 2026”."),
            "summary": _("One sentence shown in program lists."),
            "what_it_is": _("Shown on the program page. Markdown: **bold**, lists with -."),
            "what_it_is_not": _("Set expectations: not a job interview, not permanent, and so on."),
            "format": gettext_lazy(
                "Not in effect yet: pairs are one-to-one for now. Group, peer, reverse and "
                "flash are kept with the program for when they are supported; meanwhile every "
                "program pairs one mentor with one mentee."
            ),
            "matching_mode": _(
                "Self-service: mentees request mentors and mentors accept or "
                "decline. Selection round: mentees pick, then mentors choose. "
                "Administrator-matched: you review the algorithm's proposal before announcing it."
            ),
            "status": _(
                "Draft programs are visible to administrators only. People can apply "
                "while a program is open or running."
            ),
            "application_opens_on": _("Before this day nobody can apply."),
            "application_closes_on": _(
                "After this day nobody can apply. On or after the opening day."
            ),
            "ends_on": _("On or after the start day."),
            "requires_approval": _("Applicants wait until an administrator accepts them."),
            "mentors_can_invite": _("Otherwise only mentees start a request."),
            "mentors_outside_reporting_line": _(
                "Never pair people from the same department or reporting line."
            ),
            "partnership_months": _("How long a mentorship runs (1 to 36 months; 6 is common)."),
            "max_mentors_per_mentee": _(
                "A mentee can have this many active mentors at once "
                "(usually 2). When they reach it, their other pending requests are withdrawn."
            ),
            "default_mentor_capacity": _(
                "How many mentees a mentor takes unless they choose otherwise (1 to 50)."
            ),
            "group_size": gettext_lazy(
                "Not in effect yet: pairs are one-to-one for now. Mentees per group in a group "
                "program, kept for when groups are supported."
            ),
            "request_reminder_days": _(
                "The requester can send a reminder after this many days without an answer."
            ),
            "request_expiry_days": _(
                "An unanswered request expires after this many days. At least the reminder delay."
            ),
            "open_request_cap": _("How many pending requests one person can have at once."),
            "profile_release_days": _(
                "Participants who have not requested a mentorship within "
                "this many days are warned, then released so someone else can take the place."
            ),
            "auto_close_months": _(
                "Partnerships still open after this many months are closed, "
                "with notice. At least the partnership length."
            ),
            "expected_hours_per_month": _(
                "Shown to each pair against the time they log (for example 2 hours a month)."
            ),
            "goals_due_days": _("Pairs are reminded to set SMART goals within this many days."),
        }
        widgets = {
            "what_it_is": forms.Textarea(attrs={"rows": 5}),
            "what_it_is_not": forms.Textarea(attrs={"rows": 5}),
            "application_opens_on": DateInput(),
            "application_closes_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "expected_hours_per_month": forms.NumberInput(attrs={"step": "0.5"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Say on each format that is not in effect yet that it is not (the field stays).
        self.fields["format"].choices = [
            (
                value,
                label
                if value in Program.FORMATS_IN_EFFECT or not value
                else _("%(format)s (not in effect yet)") % {"format": label},
            )
            for value, label in self.fields["format"].choices
        ]
        if self.instance.pk is None:
            # A new program starts with the texts that program_create would give it.
            for name, text in (
                ("what_it_is", DEFAULT_WHAT_IT_IS),
                ("what_it_is_not", DEFAULT_WHAT_IT_IS_NOT),
            ):
                if not self.initial.get(name):
                    self.initial[name] = text

    def fieldsets(self):
        for legend, description, names in self.FIELDSETS:
            yield legend, description, [self[name] for name in names]

    def clean(self):
        data = super().clean()
        pairs = [
            (
                "application_opens_on",
                "application_closes_on",
                _("Applications cannot close before they open."),
            ),
            ("starts_on", "ends_on", _("The program cannot end before it starts.")),
            (
                "request_reminder_days",
                "request_expiry_days",
                _(
                    "A request cannot expire before the reminder is due: make the expiry at least as "
                    "long as the reminder delay."
                ),
            ),
            (
                "partnership_months",
                "auto_close_months",
                _(
                    "Partnerships would be closed before they end: make the automatic closing at least "
                    "as long as the partnership length."
                ),
            ),
        ]
        for first, second, message in pairs:
            a, b = data.get(first), data.get(second)
            if a is not None and b is not None and b < a:
                self.add_error(second, message)
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=ApplicationQuestion.Kind.choices)
    audience = forms.ChoiceField(
        label=_("Asked of"),
        choices=ApplicationQuestion.Audience.choices,
        initial=ApplicationQuestion.Audience.BOTH,
    )
    label = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(
        label=_("Help text"),
        max_length=300,
        required=False,
        help_text=_("Shown under the question, for example an example answer."),
    )
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice questions: one choice per line, at least two."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    used_for_matching = forms.BooleanField(
        label=_("Use the answers for matching"),
        required=False,
        help_text=_(
            "The matching algorithm compares mentors' and mentees' answers to this question."
        ),
    )

    @classmethod
    def initial_for(cls, question: ApplicationQuestion) -> dict:
        return {
            "kind": question.kind,
            "audience": question.audience,
            "label": question.label,
            "help_text": question.help_text,
            "choices": "\n".join(question.choices),
            "required": question.required,
            "used_for_matching": question.used_for_matching,
        }


class FifteenQuestionsForm(forms.Form):
    """One text box per question, plus a few empty ones to add more."""

    EXTRA = 3
    MAX = 30

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        texts = [q.text for q in questions]
        count = min(max(len(texts) + self.EXTRA, 1), self.MAX)
        for i in range(1, count + 1):
            self.fields[f"q{i}"] = forms.CharField(
                label=_("Question %(number)d") % {"number": i},
                max_length=300,
                required=False,
                initial=texts[i - 1] if i <= len(texts) else "",
            )

    def texts(self) -> list[str]:
        """Every box in order, empty ones included: an emptied box removes its question."""
        return [self.cleaned_data.get(name) or "" for name in self.fields]


class GuidePageForm(forms.ModelForm):
    class Meta:
        model = GuidePage
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "body": "Markdown: # Heading, **bold**, *italic*, lists with - or 1., "
            "[a link](https://example.org).",
        }


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or e-mail"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", "Mentors and mentees"), *Role.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "Any status"), *Participant.Status.choices]
    )


class MemberFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or e-mail"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", "Everyone"), *Membership.Role.choices]
    )


def application_preview_form(questions, role: str) -> forms.Form:
    """The program's application form as a `role` applicant sees it (inputs disabled)."""
    form = forms.Form(auto_id="preview_%s")
    Kind = ApplicationQuestion.Kind
    for q in questions:
        if not q.applies_to(role):
            continue
        common = {
            "label": q.label,
            "help_text": q.help_text,
            "required": q.required,
            "disabled": True,
        }
        if q.kind == Kind.LONG_TEXT:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
        elif q.kind == Kind.SINGLE_CHOICE:
            field = forms.ChoiceField(
                choices=[(c, c) for c in q.choices], widget=forms.RadioSelect, **common
            )
        elif q.kind == Kind.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(
                choices=[(c, c) for c in q.choices], widget=forms.CheckboxSelectMultiple, **common
            )
        elif q.kind == Kind.NUMBER:
            field = forms.DecimalField(**common)
        else:
            field = forms.CharField(**common)
        form.fields[q.public_id] = field
    return form


# ---------------------------------------------------------------------------------------------
# Mentorships, requests and safety


class MentorshipFilterForm(forms.Form):
    OPEN = "open"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", "Any status"),
            (OPEN, "Open (active or paused)"),
            *Mentorship.Status.choices,
        ],
    )


class MentorshipPauseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why pause it?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Both members are told that the program paused the mentorship, and see this "
            "reason on their mentorship page."
        ),
    )


class MentorshipExtendForm(forms.Form):
    until = forms.DateField(label=_("New planned end date"), widget=DateInput())


class MentorshipEndForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (Mentorship.Status.COMPLETED, "Completed — goals met"),
            (Mentorship.Status.ENDED_EARLY, "Ended early"),
        ],
        required=False,  # checked with the other fields by the service: every error at once
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the mentorship ends early. The pair can read it."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that the mentorship ends today for both members and the mentor's "
            "place is freed."
        ),
        required=False,
    )


class ConcernResolveForm(forms.Form):
    note = forms.CharField(
        label=_("Resolution note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was done. Seen by administrators only."),
    )


# ---------------------------------------------------------------------------------------------
# Matching: match runs and selection rounds


class PairAddForm(forms.Form):
    """A pair an administrator adds to a run by hand: a mentee and a mentor of the program."""

    mentee = forms.ChoiceField(label=_("Mentee"))
    mentor = forms.ChoiceField(label=_("Mentor"))

    def __init__(self, *args, mentees=(), mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].choices = [("", _("Choose a mentee"))] + [
            (p.public_id, p.user.name or p.user.email) for p in mentees
        ]
        self.fields["mentor"].choices = [("", _("Choose a mentor"))] + [
            (p.public_id, p.user.name or p.user.email) for p in mentors
        ]


class RoundOpenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the round"),
        max_length=120,
        help_text=_("For example “Spring 2026”. Mentees see it in their e-mail."),
    )
    max_choices = forms.IntegerField(
        label=_("How many mentors each mentee may choose"),
        min_value=1,
        max_value=20,
        initial=3,
    )
    selection_closes_on = forms.DateField(
        label=_("Mentees choose until"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional; shown to mentees. You close the choosing yourself."),
    )
    picking_closes_on = forms.DateField(
        label=_("Mentors choose until"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional; shown to mentors."),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("selection_closes_on"), data.get("picking_closes_on")
        if first and second and second < first:
            self.add_error(
                "picking_closes_on", _("Mentors choose after mentees: pick a later date.")
            )
        return data


class MatchImportanceForm(forms.Form):
    """How much each matching criterion counts in the program, 0 (ignored) to 10."""

    def __init__(self, *args, initial_importance: dict[str, int], **kwargs):
        from mentorwise.matching.services.criteria import CRITERIA_WORDS, MOST

        super().__init__(*args, **kwargs)
        for name, (label, help_text) in CRITERIA_WORDS.items():
            self.fields[name] = forms.IntegerField(
                label=label,
                help_text=help_text,
                min_value=0,
                max_value=MOST,
                initial=initial_importance[name],
                widget=forms.NumberInput(attrs={"min": 0, "max": MOST, "step": 1}),
            )
