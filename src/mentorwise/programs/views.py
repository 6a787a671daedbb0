from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from mentorwise.organizations.permissions import is_org_admin
from mentorwise.programs.permissions import get_program_for_member, programs_visible_to


@login_required
def program_list(request):
    programs = (
        programs_visible_to(request.user)
        .select_related("organization")
        .order_by("organization__name", "name")
    )
    return render(request, "programs/list.html", {"programs": programs})


@login_required
def program_detail(request, public_id: str):
    program = get_program_for_member(request.user, public_id)
    mine = {p.role: p for p in request.user.participations.filter(program=program)}
    return render(
        request,
        "programs/detail.html",
        {
            "program": program,
            "mine": mine,
            "as_mentor": mine.get("mentor"),
            "as_mentee": mine.get("mentee"),
            "is_admin": is_org_admin(request.user, program.organization_id),
        },
    )
