"""Two state changes the administration area needs that the owning apps' services lack.

They follow the services' conventions (keyword-only, one transaction, an audit entry) so that
they can move as they are: `question_move` into programs/services.py and `guide_page_update`
into organizations/services.py.
"""

from django.db import transaction

from mentorwise.core.errors import ValidationFailed
from mentorwise.core.models import audit
from mentorwise.organizations.models import GuidePage
from mentorwise.programs.models import ApplicationQuestion


@transaction.atomic
def question_move(*, question: ApplicationQuestion, direction: str, actor) -> ApplicationQuestion:
    """Moves a question one place up or down on its program's form. Positions are renumbered
    1..n on the way, so gaps left by deleted questions or equal positions never block a move."""
    if direction not in ("up", "down"):
        raise ValidationFailed("Move a question up or down.", field="direction")
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


@transaction.atomic
def guide_page_update(*, guide: GuidePage, actor, title: str, body: str) -> GuidePage:
    """An administrator rewrites one of the organization's guide pages (Markdown body)."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationFailed("Give the page a title.", field="title")
    if len(title) > 150:
        raise ValidationFailed("Keep the title under 150 characters.", field="title")
    body = (body or "").strip()
    if not body:
        raise ValidationFailed("Write something on the page.", field="body")
    if len(body) > 50_000:
        raise ValidationFailed("Keep the page under 50,000 characters.", field="body")
    guide.title = title
    guide.body = body
    guide.save(update_fields=["title", "body", "updated_at"])
    audit(
        actor=actor,
        action="organization.guide_update",
        target=guide,
        organization_id=guide.organization_id,
        kind=guide.kind,
    )
    return guide
