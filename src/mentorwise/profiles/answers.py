"""Validation of answers to a program's application form, shared by the page and the API."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from mentorwise.core.errors import ValidationFailed
from mentorwise.programs.models import ApplicationQuestion

MAX_TEXT = {ApplicationQuestion.Kind.SHORT_TEXT: 300, ApplicationQuestion.Kind.LONG_TEXT: 5000}


def clean_answers(questions, role: str, raw) -> dict[str, object]:
    """Returns answers keyed by question public id; raises ValidationFailed with per-field errors."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValidationFailed(
            _("Answers must be an object keyed by question id."), field="answers"
        )
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, object] = {}
    for q in questions:
        if not q.applies_to(role):
            continue
        value = raw.get(q.public_id)
        if value in (None, "", []):
            if q.required:
                errors[q.public_id] = ["This question needs an answer."]
            continue
        Kind = ApplicationQuestion.Kind
        if q.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            if not isinstance(value, str):
                errors[q.public_id] = [_("Expected text.")]
            elif len(value) > MAX_TEXT[q.kind]:
                errors[q.public_id] = [
                    _("Keep this under %(count)d characters.") % {"count": MAX_TEXT[q.kind]}
                ]
            else:
                cleaned[q.public_id] = value.strip()
        elif q.kind == Kind.SINGLE_CHOICE:
            if value not in q.choices:
                errors[q.public_id] = ["Choose one of the options offered."]
            else:
                cleaned[q.public_id] = value
        elif q.kind == Kind.MULTIPLE_CHOICE:
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(v, str) and v in q.choices for v in values):
                errors[q.public_id] = ["Choose from the options offered."]
            else:
                cleaned[q.public_id] = [c for c in q.choices if c in values]
        elif q.kind == Kind.NUMBER:
            try:
                if isinstance(value, bool):
                    raise InvalidOperation
                number = Decimal(str(value))
                if not number.is_finite() or abs(number) > Decimal("1e9"):
                    raise InvalidOperation
            except (InvalidOperation, ValueError):
                errors[q.public_id] = ["Enter a number."]
            else:
                cleaned[q.public_id] = (
                    int(number) if number == number.to_integral() else float(number)
                )
    if errors:
        raise ValidationFailed(_("Some answers need your attention."), errors=errors)
    return cleaned


def missing_required(questions, participant) -> list:
    """The required questions that apply to the participant's role and have no answer: asked of
    existing participants when the program adds one to its application form."""
    answers = participant.answers or {}
    return [
        q
        for q in questions
        if q.required
        and q.applies_to(participant.role)
        and answers.get(q.public_id) in (None, "", [])
    ]
