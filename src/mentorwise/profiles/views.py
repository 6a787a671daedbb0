from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.core.errors import DomainError
from mentorwise.core.zones import remember_zone
from mentorwise.organizations.models import Membership
from mentorwise.organizations.permissions import admin_organizations, suspensions_of
from mentorwise.profiles.access import get_participant_or_404
from mentorwise.profiles.answers import missing_required
from mentorwise.profiles.forms import ProfileForm, application_form_class
from mentorwise.profiles.models import Participant
from mentorwise.profiles.services import (
    fifteen_answers_save,
    participant_join,
    participant_pause,
    participant_update,
    profile_for,
    profile_update,
)
from mentorwise.programs.models import ApplicationQuestion, Role
from mentorwise.programs.permissions import get_program_for_member, programs_visible_to

PAGE_SIZE = 12


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    memberships = Membership.objects.filter(user=request.user).select_related("organization")
    # An organization that blocked the person says so, with whom to contact; its programs and
    # pairs are not offered (the privacy gate hides the pairs alike everywhere).
    suspensions = suspensions_of(request.user)
    suspended = {s.organization.pk for s in suspensions}
    participations = [
        p
        for p in Participant.objects.filter(user=request.user)
        .select_related("program", "program__organization")
        .order_by("-created_at")
        if p.program.organization_id not in suspended
    ]
    # Questions a program added to its form since they joined, still to answer.
    questions = {}
    for question in ApplicationQuestion.objects.filter(
        program__in={p.program_id for p in participations}, required=True
    ):
        questions.setdefault(question.program_id, []).append(question)
    for participation in participations:
        participation.missing_answers = missing_required(
            questions.get(participation.program_id, []), participation
        )
    joined = {p.program_id for p in participations}
    if not joined and not suspended and admin_organizations(request.user).exists():
        # An administrator who takes part in no program: their programs' overview, not a
        # participant's home saying they have not joined one.
        return redirect("manage:home")
    programs = [
        p
        for p in programs_visible_to(request.user).select_related("organization")
        if p.pk not in joined and p.accepts_applications
    ]
    return render(
        request,
        "core/dashboard.html",
        {
            "memberships": memberships,
            "participations": participations,
            "programs": programs,
            "suspensions": suspensions,
        },
    )


@login_required
@require_POST
def resume(request, public_id: str):
    """A paused mentor takes new mentees again from now (the home page's "Resume now")."""
    participant = get_object_or_404(
        Participant.objects.select_related("program"), public_id=public_id, user=request.user
    )
    try:
        participant_pause(participant=participant, actor=request.user, paused=False)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("You are taking new mentees in %(program)s again.")
            % {"program": participant.program.name},
        )
    return redirect("home")


def _apply_domain_error(form, exc: DomainError):
    placed = False
    for field, msgs in exc.errors.items():
        if field in form.fields:
            for msg in msgs:
                form.add_error(field, msg)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@login_required
def profile_edit(request):
    profile = profile_for(request.user)
    mentor_participations = (
        Participant.objects.filter(user=request.user, role=Role.MENTOR)
        .exclude(status=Participant.Status.RELEASED)
        .select_related("program")
    )
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        initial=ProfileForm.initial_for(request.user, profile),
        mentor_participations=mentor_participations,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo", None)
        remove_photo = photo is False
        participations = form.pop_participation(data)
        try:
            # One transaction for the page: a refusal anywhere changes nothing, not even the
            # photo's files (they change on commit only).
            with transaction.atomic():
                profile_update(
                    user=request.user,
                    photo=photo or None,
                    remove_photo=remove_photo,
                    **data,
                )
                for participant, (capacity, paused, until) in participations.items():
                    if capacity != participant.capacity:
                        participant_update(
                            participant=participant, actor=request.user, capacity=capacity
                        )
                    shown = participant.paused_until if participant.is_paused() else None
                    if (paused, until if paused else None) != (participant.is_paused(), shown):
                        participant_pause(
                            participant=participant,
                            actor=request.user,
                            paused=paused,
                            until=until,
                        )
        except DomainError as exc:
            _apply_domain_error(form, exc)
        else:
            remember_zone(request, data.get("time_zone", ""))
            messages.success(request, _("Your profile is saved."))
            return redirect("profiles:edit")
    return render(request, "profiles/edit.html", {"form": form, "profile": profile})


@login_required
def apply(request, program_id: str, role: str):
    program = get_program_for_member(request.user, program_id)
    if role not in Role.values:
        raise Http404
    existing = Participant.objects.filter(program=program, user=request.user, role=role).first()
    if existing is not None:
        messages.info(
            request,
            _("You are already in this program as a mentor.")
            if role == Role.MENTOR
            else _("You are already in this program as a mentee."),
        )
        return redirect("programs:detail", program.public_id)
    questions = list(program.questions.all())
    form_class = application_form_class(questions, role)
    initial = {"capacity": program.default_mentor_capacity}
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answers = {k: v for k, v in form.cleaned_data.items() if k != "capacity"}
        answers = {k: (str(v) if hasattr(v, "as_tuple") else v) for k, v in answers.items()}
        try:
            participant = participant_join(
                user=request.user,
                program=program,
                role=role,
                answers=answers,
                capacity=form.cleaned_data.get("capacity"),
            )
        except DomainError as exc:
            _apply_domain_error(form, exc)
        else:
            if participant.status == Participant.Status.ACCEPTED:
                messages.success(
                    request,
                    _("Welcome to %(name)s! Complete your profile so people can find you.")
                    % {"name": program.name},
                )
            else:
                messages.success(
                    request,
                    _("Thank you for applying. An administrator will review your application."),
                )
            return redirect("profiles:edit")
    return render(request, "profiles/apply.html", {"program": program, "role": role, "form": form})


@login_required
def fifteen_edit(request, public_id: str):
    participant = get_object_or_404(
        Participant.objects.select_related("program"), public_id=public_id
    )
    if participant.user_id != request.user.pk:
        get_participant_or_404(request.user, public_id)  # 404 for outsiders
        raise PermissionDenied("Only the author can edit these answers.")
    questions = list(participant.program.fifteen_questions.all())
    existing = {a.question_id: a.answer for a in participant.fifteen_answers.all()}
    values = {q.pk: existing.get(q.pk, "") for q in questions}
    error = None
    if request.method == "POST":
        submitted = {q.pk: request.POST.get(f"q{q.pk}", "") for q in questions}
        values = submitted
        try:
            fifteen_answers_save(participant=participant, actor=request.user, answers=submitted)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Your answers are saved. Only your mentorship partners will see them.")
            )
            return redirect("profiles:fifteen", participant.public_id)
    rows = [(q, values.get(q.pk, "")) for q in questions]
    return render(
        request,
        "profiles/fifteen.html",
        {"participant": participant, "rows": rows, "error": error},
    )


@login_required
def answers(request, program_id: str, role: str):
    """A participant's own answers to the program's application form: to read, to change, and
    to complete when the program adds a required question."""
    program = get_program_for_member(request.user, program_id)
    participant = Participant.objects.filter(program=program, user=request.user, role=role).first()
    if participant is None:
        raise Http404
    questions = list(program.questions.all())
    form_class = application_form_class(questions, role)
    form = form_class(
        request.POST if request.method == "POST" else None, initial=participant.answers or {}
    )
    form.fields.pop("capacity", None)  # capacity lives on the profile page
    if request.method == "POST" and form.is_valid():
        cleaned = {
            k: (str(v) if hasattr(v, "as_tuple") else v) for k, v in form.cleaned_data.items()
        }
        try:
            participant_update(participant=participant, actor=request.user, answers=cleaned)
        except DomainError as exc:
            _apply_domain_error(form, exc)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("programs:detail", program.public_id)
    return render(
        request,
        "profiles/answers.html",
        {
            "program": program,
            "participant": participant,
            "form": form,
            "missing": missing_required(questions, participant),
        },
    )
