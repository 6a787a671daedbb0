"""Member pages of selection rounds (placeholder views; the full pages replace these)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def round_choose_view(request, round_id: str):
    return HttpResponse("Choose mentors")


@login_required
def round_pick_view(request, round_id: str):
    return HttpResponse("Pick mentees")
