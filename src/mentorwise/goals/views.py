"""The goals pages: add a goal, read one with its history and update it, edit, delete. Each
fetches through the privacy gate and calls one service; a refusal becomes a form error with the
input kept. An ended mentorship's goals stay readable, without forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mentorwise.core.errors import DomainError, NotFound
from mentorwise.goals import services
from mentorwise.goals.access import get_goal
from mentorwise.goals.forms import GoalDeleteForm, GoalForm, GoalProgressForm
from mentorwise.goals.models import GoalChange
from mentorwise.mentorships.access import get_mentorship


def _apply_error(form, exc: DomainError) -> None:
    if isinstance(exc, NotFound):
        raise Http404(exc.message)
    placed = False
    for name, errors in exc.errors.items():
        if name in form.fields:
            for error in errors:
                form.add_error(name, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def _mentorship_goals_url(mentorship) -> str:
    return reverse("mentorships:detail", args=[mentorship.public_id]) + "#goals"


@login_required
def new(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    if not mentorship.is_open:
        return redirect(_mentorship_goals_url(mentorship))
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                mentorship=mentorship, user=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Goal added. Your partner has been told."))
            return redirect(_mentorship_goals_url(goal.mentorship))
    return render(
        request,
        "goals/new.html",
        {
            "mentorship": mentorship,
            "partner": mentorship.partner_of(request.user),
            "form": form,
        },
    )


@login_required
def detail(request, public_id: str):
    goal = get_goal(request.user, public_id)
    mentorship = goal.mentorship
    form = GoalProgressForm(
        request.POST or None, initial={"progress": goal.progress, "status": goal.status}
    )
    if request.method == "POST" and not mentorship.is_open:
        messages.error(request, _("This mentorship has ended: its goals can no longer change."))
        return redirect("goals:detail", goal.public_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Goal updated."))
            return redirect("goals:detail", goal.public_id)
    members = {
        mentorship.mentor.user_id: mentorship.mentor,
        mentorship.mentee.user_id: mentorship.mentee,
    }
    history = [
        (change, members.get(change.by_id))
        for change in GoalChange.objects.filter(goal=goal).order_by("-at", "-id")
    ]
    return render(
        request,
        "goals/detail.html",
        {
            "goal": goal,
            "mentorship": mentorship,
            "partner": mentorship.partner_of(request.user),
            "history": history,
            "form": form,
            "overdue": goal.is_overdue(timezone.localdate()),
        },
    )


@login_required
def edit(request, public_id: str):
    goal = get_goal(request.user, public_id)
    if not goal.mentorship.is_open:
        return redirect("goals:detail", goal.public_id)
    initial = {name: getattr(goal, name) for name in ("title", "measure", "why", "due_on")}
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, user=request.user, **form.cleaned_data)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("goals:detail", goal.public_id)
    return render(request, "goals/edit.html", {"goal": goal, "form": form})


@login_required
def delete(request, public_id: str):
    goal = get_goal(request.user, public_id)
    mentorship = goal.mentorship
    if not mentorship.is_open:
        return redirect("goals:detail", goal.public_id)
    form = GoalDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_delete(goal=goal, user=request.user)
        except DomainError as exc:
            _apply_error(form, exc)
        else:
            messages.success(request, _("Goal deleted. Your partner has been told."))
            return redirect(_mentorship_goals_url(mentorship))
    return render(
        request,
        "goals/delete.html",
        {"goal": goal, "partner": mentorship.partner_of(request.user), "form": form},
    )
