from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentorwise.accounts.models import ApiToken


@login_required
def settings_page(request):
    new_token = None
    if request.method == "POST":
        label = request.POST.get("label", "").strip()[:100]
        _, new_token = ApiToken.issue(user=request.user, label=label)
        messages.success(request, "Token created. Copy it now: it is shown only once.")
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/settings.html", {"tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token.delete()
    messages.success(request, "Token revoked.")
    return redirect("accounts:settings")
