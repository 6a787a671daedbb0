"""State changes for programs: creation with defaults, policies, application form, 15 Questions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mentorwise.core.errors import ValidationFailed
from mentorwise.core.models import audit
from mentorwise.programs.defaults import (
    DEFAULT_FIFTEEN_QUESTIONS,
    DEFAULT_WHAT_IT_IS,
    DEFAULT_WHAT_IT_IS_NOT,
)
from mentorwise.programs.models import ApplicationQuestion, FifteenQuestion, Program


def _full_clean(obj) -> None:
    """Model validation as a domain error, so every interface reports it the same way."""
    try:
        obj.full_clean()
    except DjangoValidationError as exc:
        errors = {field: list(messages) for field, messages in exc.message_dict.items()}
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, errors=errors) from None


@transaction.atomic
def program_create(*, organization, actor, name: str, **policies) -> Program:
    policies.setdefault("what_it_is", DEFAULT_WHAT_IT_IS)
    policies.setdefault("what_it_is_not", DEFAULT_WHAT_IT_IS_NOT)
    program = Program(organization=organization, name=name, **policies)
    _full_clean(program)
    program.save()
    FifteenQuestion.objects.bulk_create(
        FifteenQuestion(program=program, position=i, text=text)
        for i, text in enumerate(DEFAULT_FIFTEEN_QUESTIONS, start=1)
    )
    audit(actor=actor, action="program.create", target=program, organization_id=organization.pk)
    return program


@transaction.atomic
def program_update(*, program: Program, actor, **changes) -> Program:
    for field, value in changes.items():
        setattr(program, field, value)
    _full_clean(program)
    program.save()
    audit(
        actor=actor,
        action="program.update",
        target=program,
        organization_id=program.organization_id,
        fields=sorted(changes),
    )
    return program


def _clean_choices(kind: str, choices) -> list[str]:
    if isinstance(choices, str):
        choices = choices.splitlines()
    cleaned = []
    for choice in choices or []:
        text = " ".join(str(choice).split())[:120]
        if text and text not in cleaned:
            cleaned.append(text)
    if kind in (ApplicationQuestion.Kind.SINGLE_CHOICE, ApplicationQuestion.Kind.MULTIPLE_CHOICE):
        if len(cleaned) < 2:
            raise ValidationFailed(
                _("A choice question needs at least two choices."), field="choices"
            )
        if len(cleaned) > 50:
            raise ValidationFailed(_("A question can offer at most 50 choices."), field="choices")
        return cleaned
    return []


@transaction.atomic
def question_save(
    *, program: Program, actor, question: ApplicationQuestion | None = None, **fields
) -> ApplicationQuestion:
    kind = fields.get("kind", question.kind if question else ApplicationQuestion.Kind.SHORT_TEXT)
    if "choices" in fields or question is None:
        fields["choices"] = _clean_choices(kind, fields.get("choices", []))
    if question is None:
        last = program.questions.order_by("-position").values_list("position", flat=True).first()
        fields.setdefault("position", (last or 0) + 1)
        question = ApplicationQuestion(program=program)
    for field, value in fields.items():
        setattr(question, field, value)
    _full_clean(question)
    question.save()
    audit(
        actor=actor,
        action="program.question_save",
        target=program,
        organization_id=program.organization_id,
        question=question.public_id,
    )
    return question


@transaction.atomic
def question_delete(*, question: ApplicationQuestion, actor) -> None:
    program = question.program
    question.delete()
    audit(
        actor=actor,
        action="program.question_delete",
        target=program,
        organization_id=program.organization_id,
    )


@transaction.atomic
def fifteen_questions_set(*, program: Program, actor, texts: list[str]) -> list[FifteenQuestion]:
    """Sets the program's 15 Questions from the editor's boxes, in order.

    `texts[i]` is the box of the i-th existing question (then new ones): editing a box keeps
    that question's row and so its answers; emptying a box removes that question (and its
    answers); questions beyond the list are removed. Positions are renumbered 1..n, so an
    answer always stays with the question it answered."""
    cleaned = [" ".join((t or "").split())[:300] for t in texts]
    if not any(cleaned):
        raise ValidationFailed(_("Keep at least one question."), field="texts")
    if sum(1 for t in cleaned if t) > 30:
        raise ValidationFailed(_("At most 30 questions."), field="texts")
    existing = list(program.fifteen_questions.select_for_update().order_by("position", "id"))
    kept: list[FifteenQuestion] = []
    removed: list[int] = []
    for index, text in enumerate(cleaned):
        question = existing[index] if index < len(existing) else None
        if not text:
            if question is not None:
                removed.append(question.pk)
            continue
        position = len(kept) + 1
        if question is None:
            question = FifteenQuestion.objects.create(program=program, position=position, text=text)
        elif question.text != text or question.position != position:
            question.text, question.position = text, position
            question.save(update_fields=["text", "position"])
        kept.append(question)
    removed += [q.pk for q in existing[len(cleaned) :]]
    FifteenQuestion.objects.filter(pk__in=removed).delete()
    audit(
        actor=actor,
        action="program.fifteen_questions_set",
        target=program,
        organization_id=program.organization_id,
        count=len(kept),
        removed=len(removed),
    )
    return kept


@transaction.atomic
def question_move(*, question: ApplicationQuestion, direction: str, actor) -> ApplicationQuestion:
    """Moves a question one place up or down on its program's form. Positions are renumbered
    1..n on the way, so gaps left by deleted questions or equal positions never block a move."""
    if direction not in ("up", "down"):
        raise ValidationFailed(_("Move a question up or down."), field="direction")
    program = question.program
    questions = list(
        ApplicationQuestion.objects.select_for_update()
        .filter(program=program)
        .order_by("position", "id")
    )
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(questions):
        questions[index], questions[other] = questions[other], questions[index]
    changed = []
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            q.position = position
            changed.append(q)
    ApplicationQuestion.objects.bulk_update(changed, ["position"])
    moved = next(q for q in questions if q.pk == question.pk)
    question.position = moved.position
    audit(
        actor=actor,
        action="program.question_move",
        target=program,
        organization_id=program.organization_id,
        question=question.public_id,
        direction=direction,
    )
    return question
