"""The activity library (for every signed-in person: it holds no one's data) and the pair's
choice of stage (members only, through the privacy gate)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentorwise.core.errors import DomainError
from mentorwise.mentorships.access import get_mentorship
from mentorwise.workspace.activities import KINDS, search_activities
from mentorwise.workspace.services import stage_choose
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
