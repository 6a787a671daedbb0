"""Organization settings: the join code, the administrators and the guide pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.administration.access import get_organization
from mentorwise.administration.forms import GuidePageForm, MemberFilterForm, add_service_errors
from mentorwise.core.errors import DomainError
from mentorwise.organizations.models import GuidePage, Membership
from mentorwise.organizations.services import (
    guide_page_update,
    join_code_regenerate,
    membership_set_role,
)

MEMBERS_PER_PAGE = 50


@login_required
def join_code(request, org_id):
    organization = get_organization(request.user, org_id)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(
                request, _("Tick the box to confirm that the current code should stop working.")
            )
        else:
            code = join_code_regenerate(organization=organization, actor=request.user)
            messages.success(
                request,
                _("The new join code is %(code)s. The old code no longer works.") % {"code": code},
            )
            return redirect("manage:join-code", org_id=organization.public_id)
    signup_url = request.build_absolute_uri(reverse("account_signup"))
    return render(
        request,
        "manage/join_code.html",
        {"organization": organization, "signup_url": signup_url},
    )


@login_required
def administrators(request, org_id):
    organization = get_organization(request.user, org_id)
    form = MemberFilterForm(request.GET or None)
    queryset = (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", "user__name", "pk")  # "admin" sorts before "member"
    )
    if form.is_valid():
        if form.cleaned_data["role"]:
            queryset = queryset.filter(role=form.cleaned_data["role"])
        for word in form.cleaned_data["q"].split()[:5]:
            queryset = queryset.filter(
                Q(user__name__icontains=word) | Q(user__email__icontains=word)
            )
    page = Paginator(queryset, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "manage/administrators.html",
        {
            "organization": organization,
            "form": form if form.is_bound else MemberFilterForm(),
            "page": page,
            "admin_count": Membership.objects.filter(
                organization=organization, role=Membership.Role.ADMIN
            ).count(),
            "next": request.get_full_path(),
        },
    )


@login_required
@require_POST
def member_role(request, org_id, user_id):
    organization = get_organization(request.user, org_id)
    membership = (
        Membership.objects.select_related("user")
        .filter(organization=organization, user__public_id=user_id)
        .first()
    )
    if membership is None:
        raise Http404
    role = request.POST.get("role", "")
    name = membership.user.name or membership.user.email
    try:
        membership_set_role(membership=membership, role=role, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if role == Membership.Role.ADMIN:
            messages.success(
                request, _("%(name)s is now a program administrator.") % {"name": name}
            )
        else:
            messages.success(
                request, _("%(name)s is no longer a program administrator.") % {"name": name}
            )
        if membership.user_id == request.user.pk and role != Membership.Role.ADMIN:
            return redirect("home")
    return redirect("manage:administrators", org_id=organization.public_id)


@login_required
def guides(request, org_id):
    organization = get_organization(request.user, org_id)
    pages = {g.kind: g for g in organization.guides.all()}
    return render(
        request,
        "manage/guides.html",
        {
            "organization": organization,
            "pages": [(kind, label, pages.get(kind)) for kind, label in GuidePage.Kind.choices],
        },
    )


@login_required
def guide_edit(request, org_id, kind):
    organization = get_organization(request.user, org_id)
    guide = organization.guides.filter(kind=kind).first()
    if guide is None:
        raise Http404
    form = GuidePageForm(request.POST or None, instance=guide)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.cleaned_data["body"]
        else:
            try:
                guide_page_update(guide=guide, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("“%(title)s” is saved.") % {"title": guide.title})
                return redirect("manage:guides", org_id=organization.public_id)
    if form.errors or preview is not None:
        guide.refresh_from_db()
    return render(
        request,
        "manage/guide_form.html",
        {"organization": organization, "guide": guide, "form": form, "preview": preview},
    )
