from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from mentorwise.core.errors import DomainError
from mentorwise.organizations.forms import join_code_help
from mentorwise.organizations.models import GuidePage, Organization
from mentorwise.organizations.permissions import get_membership_or_404
from mentorwise.organizations.services import join_code_verify, membership_join


class JoinForm(forms.Form):
    join_code = forms.CharField(label=_("Organization join code"), max_length=32)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["join_code"].help_text = join_code_help()


@login_required
def join(request):
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            join_code_verify(
                request=request, join_code=form.cleaned_data["join_code"], email=request.user.email
            )
            membership = membership_join(
                user=request.user, join_code=form.cleaned_data["join_code"]
            )
        except DomainError as exc:
            form.add_error("join_code", exc.message)
        else:
            messages.success(
                request, _("Welcome to %(name)s.") % {"name": membership.organization.name}
            )
            return redirect("programs:list")
    return render(request, "organizations/join.html", {"form": form})


@login_required
def guide_index(request):
    organizations = Organization.objects.filter(
        memberships__user=request.user, memberships__is_blocked=False
    ).prefetch_related("guides")
    return render(request, "organizations/guide_index.html", {"organizations": organizations})


@login_required
def guide_page(request, org_slug: str, kind: str):
    org = get_object_or_404(Organization, slug=org_slug)
    get_membership_or_404(request.user, org.pk)
    page = get_object_or_404(GuidePage, organization=org, kind=kind)
    siblings = org.guides.all()
    return render(
        request, "organizations/guide.html", {"org": org, "page": page, "siblings": siblings}
    )
