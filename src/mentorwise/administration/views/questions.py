"""The application form editor and the 15 Questions editor of a program."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.administration.access import get_program, get_question
from mentorwise.administration.forms import (
    FifteenQuestionsForm,
    QuestionForm,
    add_service_errors,
    application_preview_form,
)
from mentorwise.core.errors import DomainError
from mentorwise.programs.models import Role
from mentorwise.programs.services import (
    fifteen_questions_set,
    question_delete,
    question_move,
    question_save,
)


@login_required
def questions(request, program_id):
    program = get_program(request.user, program_id)
    items = list(program.questions.order_by("position", "id"))
    role = request.GET.get("preview")
    role = role if role in Role.values else Role.MENTEE
    return render(
        request,
        "manage/questions.html",
        {
            "program": program,
            "organization": program.organization,
            "questions": items,
            "form": QuestionForm(),
            "preview_role": role,
            "roles": Role.choices,
            "preview": application_preview_form(items, role),
        },
    )


def _question_form_page(request, program, form, question=None):
    return render(
        request,
        "manage/question_form.html",
        {
            "program": program,
            "organization": program.organization,
            "form": form,
            "question": question,
        },
    )


@login_required
def question_create(request, program_id):
    program = get_program(request.user, program_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question_save(program=program, actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is added to the form."))
            return redirect("manage:questions", program_id=program.public_id)
    return _question_form_page(request, program, form)


@login_required
def question_edit(request, question_id):
    question = get_question(request.user, question_id)
    program = question.program
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            question_save(
                program=program, actor=request.user, question=question, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            question.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("manage:questions", program_id=program.public_id)
    return _question_form_page(request, program, form, question)


@login_required
def question_delete_view(request, question_id):
    question = get_question(request.user, question_id)
    program = question.program
    if request.method == "POST":
        question_delete(question=question, actor=request.user)
        messages.success(
            request, _("“%(label)s” is removed from the form.") % {"label": question.label}
        )
        return redirect("manage:questions", program_id=program.public_id)
    answered = program.participants.filter(answers__has_key=question.public_id).count()
    return render(
        request,
        "manage/question_delete.html",
        {
            "program": program,
            "organization": program.organization,
            "question": question,
            "answered": answered,
        },
    )


@login_required
@require_POST
def question_move_view(request, question_id):
    question = get_question(request.user, question_id)
    try:
        question_move(
            question=question, direction=request.POST.get("direction", ""), actor=request.user
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(f"{_questions_url(question.program)}#q-{question.public_id}")


def _questions_url(program) -> str:
    return reverse("manage:questions", kwargs={"program_id": program.public_id})


@login_required
def fifteen_questions(request, program_id):
    program = get_program(request.user, program_id)
    current = list(program.fifteen_questions.order_by("position", "id"))
    form = FifteenQuestionsForm(request.POST or None, questions=current)
    if request.method == "POST" and form.is_valid():
        try:
            fifteen_questions_set(program=program, actor=request.user, texts=form.texts())
        except DomainError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The 15 Questions are saved."))
            return redirect("manage:fifteen-questions", program_id=program.public_id)
    return render(
        request,
        "manage/fifteen_questions.html",
        {
            "program": program,
            "organization": program.organization,
            "form": form,
            "count": len(current),
        },
    )
