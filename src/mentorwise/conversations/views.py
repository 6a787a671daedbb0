"""The pair's conversation page, and the pulse: answering "How is it going?" and the mentee's
quiet request for a new match. Each fetches through the privacy gate and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from mentorwise.conversations import queries, services
from mentorwise.conversations.forms import CheckInForm, MessageForm
from mentorwise.core.errors import DomainError, NotAllowed, NotFound
from mentorwise.mentorships.access import get_mentorship


def _raise_if_access(exc: DomainError) -> None:
    if isinstance(exc, NotFound):
        raise Http404(exc.message)
    if isinstance(exc, NotAllowed):
        raise PermissionDenied(exc.message)


def _apply_error(form, exc: DomainError) -> None:
    placed = False
    for name, errors in exc.errors.items():
        if name in form.fields:
            for error in errors:
                form.add_error(name, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


@login_required
def thread(request, public_id: str):
    """All the pair's messages, newest last, and a form to write. Opening it marks the
    partner's messages read. With htmx the form posts without a reload and the thread
    refreshes itself (`?part=thread`); without JavaScript it is an ordinary page."""
    mentorship = get_mentorship(request.user, public_id)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.message_post(
                    mentorship=mentorship, user=request.user, body=form.cleaned_data["body"]
                )
            except DomainError as exc:
                _raise_if_access(exc)
                _apply_error(form, exc)
            else:
                if not request.htmx:
                    return redirect(reverse("conversations:thread", args=[public_id]) + "#latest")
                form = MessageForm()
    else:
        services.thread_mark_read(mentorship=mentorship, user=request.user)
    context = {
        "mentorship": mentorship,
        "partner": mentorship.partner_of(request.user),
        "thread": list(queries.thread(mentorship)),
        "form": form,
    }
    if request.htmx and request.GET.get("part") == "thread":
        return render(request, "conversations/_thread.html", context)
    if request.htmx and request.method == "POST":
        return render(request, "conversations/_conversation.html", context)
    return render(request, "conversations/thread.html", context)


@login_required
def checkin(request, public_id: str):
    """ "How is it going?" on its own page (the panel posts here; errors come back here)."""
    mentorship = get_mentorship(request.user, public_id)
    form = CheckInForm(request.POST if request.method == "POST" else None, auto_id="id_checkin_%s")
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.checkin_record(
                mentorship=mentorship,
                user=request.user,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except DomainError as exc:
            _raise_if_access(exc)
            _apply_error(form, exc)
        else:
            if services.rematch_offered(answer, mentorship):
                return redirect("conversations:rematch", mentorship.public_id)
            messages.success(request, _("Thank you. Only you can see your answer."))
            return redirect("mentorships:detail", mentorship.public_id)
    return render(
        request,
        "conversations/checkin.html",
        {"mentorship": mentorship, "partner": mentorship.partner_of(request.user), "form": form},
    )


@login_required
def rematch(request, public_id: str):
    """The mentee's quiet request for a new match, with a confirmation. The mentor is not told;
    the administrators learn only that she asked."""
    mentorship = get_mentorship(request.user, public_id)
    if mentorship.member_role(request.user) != "mentee":
        raise PermissionDenied(_("Only the mentee can ask the program for a new match."))
    error = ""
    if request.method == "POST":
        try:
            services.rematch_request(mentorship=mentorship, user=request.user)
        except DomainError as exc:
            _raise_if_access(exc)
            error = exc.message
        else:
            messages.success(
                request,
                _(
                    "We told the program's administrators that you would like a new match. "
                    "They will be in touch; %(name)s has not been told."
                )
                % {"name": mentorship.mentor.user.name},
            )
            return redirect("mentorships:detail", mentorship.public_id)
    return render(
        request,
        "conversations/rematch.html",
        {
            "mentorship": mentorship,
            "partner": mentorship.mentor,
            "already": services.rematch_open(mentorship),
            "error": error,
        },
    )
