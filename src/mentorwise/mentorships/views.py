"""Member pages of the request and mentorship lifecycle. Each action is a POST to its own URL
that fetches through an access helper and calls one service; a refusal becomes a message (or a
form error, with the input kept), a wrong person a 403 and a stranger a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.core.errors import DomainError, NotAllowed, NotFound
from mentorwise.mentorships import services
from mentorwise.mentorships.access import (
    get_mentorship,
    get_request,
)
from mentorwise.mentorships.forms import (
    ConcernForm,
    DeclineForm,
    EndForm,
    ExtendForm,
    RequestForm,
)
from mentorwise.mentorships.queries import lifecycle_for, pair_state
from mentorwise.profiles.access import get_participant_or_404


def _raise_if_access(exc: DomainError) -> None:
    """A refusal about who you are is a 403/404; a refusal about the state is shown."""
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


def _next_or(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


# ---------------------------------------------------------------------------------------------
# My mentorships


@login_required
def mine(request):
    return render(request, "mentorships/mine.html", {"life": lifecycle_for(request.user)})


# ---------------------------------------------------------------------------------------------
# Requests


@login_required
def request_create(request, public_id: str):
    participant = get_participant_or_404(request.user, public_id)
    if participant.user_id == request.user.pk:
        raise PermissionDenied("You cannot send a request to yourself.")
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_create(
                user=request.user, to=participant, message=form.cleaned_data["message"]
            )
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise Http404(exc.message) from None
            _apply_error(form, exc)
        else:
            message = (
                _("Your invitation is on its way to %(name)s. We will tell you when they answer.")
                if participant.role == "mentee"
                else _("Your request is on its way to %(name)s. We will tell you when they answer.")
            )
            messages.success(request, message % {"name": participant.user.name})
            return redirect("directory:participant", participant.public_id)
    return render(
        request,
        "mentorships/request.html",
        {
            "participant": participant,
            "form": form,
            "state": pair_state(request.user, participant),
        },
    )


def _request_action(request, public_id, action, success):
    obj = get_request(request.user, public_id)
    try:
        result = action(obj)
    except DomainError as exc:
        _raise_if_access(exc)
        messages.error(request, exc.message)
        return _next_or(request, "mentorships:mine")
    messages.success(request, success(obj))
    return result or _next_or(request, "mentorships:mine")


@login_required
@require_POST
def request_accept(request, public_id: str):
    def accept(obj):
        mentorship = services.request_accept(request=obj, user=request.user)
        return redirect("mentorships:detail", mentorship.public_id)

    return _request_action(
        request,
        public_id,
        accept,
        lambda obj: (
            _(
                "You and %(name)s are now a mentoring pair. You both have each other's contact "
                "details below."
            )
            % {"name": obj.sender.user.name}
        ),
    )


@login_required
def request_decline(request, public_id: str):
    obj = get_request(request.user, public_id)
    form = DeclineForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_decline(
                request=obj, user=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            _raise_if_access(exc)
            if exc.field == "reason":
                _apply_error(form, exc)
            else:
                messages.error(request, exc.message)
                return redirect("mentorships:mine")
        else:
            messages.success(
                request, _("You declined %(name)s's request.") % {"name": obj.sender.user.name}
            )
            return redirect("mentorships:mine")
    elif obj.recipient.user_id != request.user.pk:
        raise PermissionDenied("Only the person who received this request can decline it.")
    return render(request, "mentorships/decline.html", {"req": obj, "form": form})


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@login_required
def request_withdraw(request, public_id: str):
    """Withdrawing asks first, without JavaScript: GET (or a POST without `confirm`, from an
    older page) shows what will happen; the confirmation page's POST withdraws."""
    if request.method != "POST" or not request.POST.get("confirm"):
        obj = get_request(request.user, public_id)
        if obj.sender.user_id != request.user.pk:
            raise PermissionDenied(_("Only the person who sent this request can withdraw it."))
        if not obj.is_pending:
            messages.info(request, _("This request is no longer waiting for an answer."))
            return _next_or(request, "mentorships:mine")
        return render(
            request, "mentorships/withdraw.html", {"req": obj, "next": _safe_next(request)}
        )
    return _request_action(
        request,
        public_id,
        lambda obj: services.request_withdraw(request=obj, user=request.user) and None,
        lambda obj: _("You withdrew your request to %(name)s.") % {"name": obj.recipient.user.name},
    )


@login_required
@require_POST
def request_remind(request, public_id: str):
    return _request_action(
        request,
        public_id,
        lambda obj: services.request_remind(request=obj, user=request.user) and None,
        lambda obj: _("We sent %(name)s a reminder.") % {"name": obj.recipient.user.name},
    )


# ---------------------------------------------------------------------------------------------
# The mentorship


@login_required
def detail(request, public_id: str, extend_form=None):
    mentorship = get_mentorship(request.user, public_id)
    partner = mentorship.partner_of(request.user)
    me = mentorship.mentor if partner == mentorship.mentee else mentorship.mentee
    return render(
        request,
        "mentorships/detail.html",
        {
            "mentorship": mentorship,
            "partner": partner,
            "me": me,
            "my_role": mentorship.member_role(request.user),
            "extend_form": extend_form or ExtendForm(mentorship=mentorship),
        },
    )


@login_required
@require_POST
def extend(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    form = ExtendForm(request.POST, mentorship=mentorship)
    if form.is_valid():
        try:
            services.mentorship_extend(
                mentorship=mentorship, user=request.user, until=form.cleaned_data["until"]
            )
        except DomainError as exc:
            _raise_if_access(exc)
            _apply_error(form, exc)
        else:
            messages.success(
                request,
                _("The mentorship now runs until %(date)s.")
                % {"date": date_format(form.cleaned_data["until"], "DATE_FORMAT")},
            )
            return redirect("mentorships:detail", mentorship.public_id)
    return detail(request, public_id, extend_form=form)


@login_required
def end(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    partner = mentorship.partner_of(request.user)
    if not mentorship.is_open:
        messages.info(request, _("This mentorship has already ended."))
        return redirect("mentorships:detail", mentorship.public_id)
    form = EndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.mentorship_end(
                mentorship=mentorship,
                user=request.user,
                outcome=data["outcome"],
                reason=data["reason"],
                feedback=data["feedback"],
                confirm=data["confirm"],
            )
        except DomainError as exc:
            _raise_if_access(exc)
            _apply_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your mentorship with %(name)s has ended. We told them too. "
                    "Thank you for the time and care you gave."
                )
                % {"name": partner.user.name},
            )
            return redirect("mentorships:mine")
    return render(
        request,
        "mentorships/end.html",
        {"mentorship": mentorship, "partner": partner, "form": form},
    )


# ---------------------------------------------------------------------------------------------
# Concerns


def _concern(request, *, subject, mentorship=None, back):
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_report(
                user=request.user,
                subject=subject,
                text=form.cleaned_data["text"],
                mentorship=mentorship,
            )
        except DomainError as exc:
            _raise_if_access(exc)
            _apply_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your report has gone to the program's administrators, who will "
                    "follow up with you."
                ),
            )
            return redirect(back)
    return render(
        request,
        "mentorships/concern.html",
        {"subject": subject, "mentorship": mentorship, "form": form, "back": back},
    )


@login_required
def concern_participant(request, public_id: str):
    participant = get_participant_or_404(request.user, public_id)
    if participant.user_id == request.user.pk:
        raise PermissionDenied("You cannot report yourself.")
    back = reverse("directory:participant", args=[participant.public_id])
    return _concern(request, subject=participant, back=back)


@login_required
def concern_mentorship(request, public_id: str):
    mentorship = get_mentorship(request.user, public_id)
    return _concern(
        request,
        subject=mentorship.partner_of(request.user),
        mentorship=mentorship,
        back=reverse("mentorships:detail", args=[mentorship.public_id]),
    )
