"""The activity library (for every signed-in person: it holds no one's data) and the pair's
choice of stage (members only, through the privacy gate)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.core.errors import DomainError
from mentorwise.core.zones import label
from mentorwise.mentorships.access import get_mentorship
from mentorwise.workspace.activities import KINDS, search_activities
from mentorwise.workspace.export import build_record, to_markdown, to_pdf
from mentorwise.workspace.services import activity_add_to_agenda, stage_choose
from mentorwise.workspace.stages import BY_KEY, STAGES


@login_required
def activities(request):
    q = request.GET.get("q", "")[:200]
    stage = request.GET.get("stage", "")
    kind = request.GET.get("kind", "")
    stage = stage if stage in BY_KEY else ""
    kind = kind if kind in KINDS else ""
    found = search_activities(q=q, stage=stage, kind=kind)
    template = "workspace/_activity_list.html" if request.htmx else "workspace/activities.html"
    return render(
        request,
        template,
        {
            "activities": found,
            "stages": STAGES,
            "stage_names": {s.key: s.name for s in STAGES},
            "kinds": KINDS,
            "q": q,
            "stage": stage,
            "kind": kind,
        },
    )


@login_required
@require_POST
def stage_set(request, mentorship_id: str):
    mentorship = get_mentorship(request.user, mentorship_id)
    try:
        stage_choose(mentorship=mentorship, user=request.user, stage=request.POST.get("stage"))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your stage is updated."))
    return redirect(reverse("mentorships:detail", args=[mentorship.public_id]) + "#stage")


@login_required
@require_POST
def add_to_agenda(request, mentorship_id: str):
    mentorship = get_mentorship(request.user, mentorship_id)
    try:
        meeting = activity_add_to_agenda(
            mentorship=mentorship, user=request.user, slug=request.POST.get("activity", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Added to the agenda of your meeting on %(when)s.")
            % {"when": label(meeting.starts_at)},
        )
    return redirect(reverse("mentorships:detail", args=[mentorship.public_id]) + "#stage")


EXPORT_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


def export_response(mentorship, viewer, fmt: str) -> HttpResponse:
    """The pair's record as a file to download (`fmt` is "md" or "pdf")."""
    record = build_record(mentorship, viewer)
    body = to_markdown(record).encode() if fmt == "md" else to_pdf(record)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = slugify(f"mentorship {mentorship.program.name} {timezone.localdate():%Y-%m-%d}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def export(request, mentorship_id: str):
    mentorship = get_mentorship(request.user, mentorship_id)
    fmt = request.GET.get("format", "md")
    if fmt not in EXPORT_TYPES:
        raise Http404
    return export_response(mentorship, request.user, fmt)
