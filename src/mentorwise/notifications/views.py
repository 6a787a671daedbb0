"""The bell's pages: the list of notices, opening one (marks it read), and e-mail preferences."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentorwise.core.errors import DomainError
from mentorwise.notifications.models import Category, Notification, NotificationPreference
from mentorwise.notifications.services import (
    mark_read,
    preference_modes,
    preferences_set,
    previews_set,
    shows_previews,
)

PAGE_SIZE = 20


@login_required
def notification_list(request):
    notices = Notification.objects.filter(user=request.user).order_by("-created_at", "-id")
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request, public_id: str):
    """Marks one notice read and follows its link (only to a path on this site)."""
    notice = get_object_or_404(Notification, public_id=public_id, user=request.user)
    mark_read(user=request.user, public_ids=[notice.public_id])
    if notice.url and url_has_allowed_host_and_scheme(
        notice.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notice.url)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = mark_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "Marked %(count)d notification as read.",
            "Marked %(count)d notifications as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications:list")


EDITABLE = [c for c in Category if c != Category.SECURITY]


class PreferencesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in EDITABLE:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label,
                choices=NotificationPreference.Mode.choices,
                widget=forms.RadioSelect,
            )
        self.fields["message_previews"] = forms.BooleanField(
            label=_("Show a preview of messages in e-mails"),
            required=False,
            help_text=_(
                "Off: the e-mail only says that your partner wrote to you. On: it also shows "
                "the first 140 characters of the message."
            ),
        )


@login_required
def preferences(request):
    initial = {**preference_modes(request.user), "message_previews": shows_previews(request.user)}
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            previews = data.pop("message_previews")
            preferences_set(user=request.user, modes=data)
            previews_set(user=request.user, show=previews)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "security_label": Category.SECURITY.label},
    )
