"""The people pages: searching a program's mentors or mentees, and one participant's page with
what is going on between the viewer and them. They sit above the mentorships because both show
room to take someone, and the page shows the 15 Questions through the privacy gate."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import render

from mentorwise.directory.search import search_participants
from mentorwise.mentorships.access import can_read_fifteen_answers
from mentorwise.mentorships.queries import with_room
from mentorwise.profiles.access import check_can_search, get_participant_or_404
from mentorwise.profiles.forms import SearchForm
from mentorwise.profiles.models import FifteenAnswer, Participant, Profile, Tag
from mentorwise.profiles.search import SearchParams, facet_options
from mentorwise.profiles.services import profile_for
from mentorwise.programs.models import Role
from mentorwise.programs.permissions import get_program_for_member

PAGE_SIZE = 12
# What a result card shows (profiles/_results.html): the joined rows have ~60 columns otherwise.
CARD_FIELDS = (
    "public_id",
    "program",
    "role",
    "capacity",
    "user__name",
    "user__last_active_at",
    "user__profile__photo",
    "user__profile__pronouns",
    "user__profile__headline",
    "user__profile__industry",
    "user__profile__location",
    "user__profile__time_zone",
    "user__profile__work_mode",
)


@login_required
def search(request, program_id: str, who: str):
    program = get_program_for_member(request.user, program_id)
    roles = {"mentors": Role.MENTOR, "mentees": Role.MENTEE}
    if who not in roles:
        raise Http404
    role = roles[who]
    check_can_search(request.user, program, role)
    facets = facet_options(program=program, role=role)
    data = request.GET.copy()
    if not data.get("sort"):  # show the order actually used: best match for words, else name
        data["sort"] = "relevance" if data.get("q", "").strip() else "name"
    form = SearchForm(data, facets=facets, role=role)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    params = SearchParams(
        q=data.get("q") or "",
        expertise=data.get("expertise") or "",
        language=data.get("language") or "",
        industry=data.get("industry") or "",
        time_zone=data.get("time_zone") or "",
        location=data.get("location") or "",
        work_mode=data.get("work_mode") or "",
        has_room=bool(data.get("has_room")),
        sort=data.get("sort") or ("relevance" if data.get("q") else "name"),
    )
    results = search_participants(program=program, role=role, params=params).only(*CARD_FIELDS)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "profiles/_results.html" if request.htmx else "profiles/search.html"
    return render(
        request,
        template,
        {
            "program": program,
            "role": role,
            "who": who,
            "form": form,
            "page": page,
            "params": params,
        },
    )


@login_required
def participant_detail(request, public_id: str):
    participant = get_participant_or_404(request.user, public_id)
    room = with_room(Participant.objects.filter(pk=participant.pk), participant.role).first()
    try:
        profile = participant.user.profile  # fetched with the participant
    except Profile.DoesNotExist:
        profile = profile_for(participant.user)
    show_answers = can_read_fifteen_answers(request.user, participant)
    answers = []
    if show_answers:
        answers = list(
            FifteenAnswer.objects.filter(participant=participant).select_related("question")
        )
    tags = Prefetch("expertise", queryset=Tag.objects.order_by("name"))
    prefetch_related_objects([profile], tags, "interests", "languages")
    return render(
        request,
        "profiles/participant.html",
        {
            "participant": participant,
            "profile": profile,
            "room": room,
            "show_answers": show_answers,
            "answers": answers,
            "is_self": participant.user_id == request.user.pk,
            "is_admin": participant.viewer_is_admin,
        },
    )
