from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.accounts.models import ApiToken
from mentorwise.accounts.services import TokenVia, account_set_language, api_token_create


@login_required
def settings_page(request):
    new_token = None
    if request.method == "POST":
        __, new_token = api_token_create(
            user=request.user, label=request.POST.get("label", ""), via=TokenVia.ACCOUNT_PAGE
        )
        messages.success(
            request,
            _(
                "Token created. Copy it now: it is shown only once. We e-mailed you that it was "
                "created."
            ),
        )
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/settings.html", {"tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.delete()
    messages.success(request, _("Token revoked."))
    return redirect("accounts:settings")


@require_POST
def language(request):
    """The footer's language switch: remembered in a cookie (before sign-in) and, for a
    signed-in person, on their account, so that e-mails follow it too."""
    code = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    if code not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        account_set_language(user=request.user, language=code)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
