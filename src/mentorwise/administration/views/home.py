"""The administration home: every organization I administer, its join code and programs."""

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from mentorwise.administration.access import administered_organization_ids
from mentorwise.organizations.models import Membership, Organization
from mentorwise.profiles.models import Participant
from mentorwise.programs.models import Program, Role

STATUS_ORDER = [s.value for s in Participant.Status]


def participant_counts(program_ids) -> dict[int, dict[str, dict[str, int]]]:
    """program id → role → status → count, in one query."""
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = (
        Participant.objects.filter(program_id__in=program_ids)
        .values("program_id", "role", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["program_id"]][row["role"]][row["status"]] = row["n"]
    return counts


def attach_counts(programs) -> None:
    """Gives each program `.roles`: [(role, label, total, [(status label, status, n), ...])]."""
    counts = participant_counts([p.pk for p in programs])
    labels = dict(Participant.Status.choices)
    for program in programs:
        program.roles = []
        for role, role_label in ((Role.MENTOR, _("Mentors")), (Role.MENTEE, _("Mentees"))):
            by_status = counts[program.pk][role]
            program.roles.append(
                (
                    role,
                    role_label,
                    sum(by_status.values()),
                    [
                        (labels[s].split(" (")[0], s, by_status[s])
                        for s in STATUS_ORDER
                        if by_status.get(s)
                    ],
                )
            )


@login_required
def home(request):
    org_ids = administered_organization_ids(request.user)
    organizations = list(
        Organization.objects.filter(pk__in=org_ids)
        .annotate(
            member_count=Count("memberships", distinct=True),
            admin_count=Count(
                "memberships", filter=Q(memberships__role=Membership.Role.ADMIN), distinct=True
            ),
        )
        .prefetch_related(Prefetch("programs", queryset=Program.objects.order_by("name")))
        .order_by("name")
    )
    attach_counts([p for org in organizations for p in org.programs.all()])
    return render(request, "manage/home.html", {"organizations": organizations})
