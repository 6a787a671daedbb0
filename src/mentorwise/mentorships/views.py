"""Pages of the mentorship lifecycle (placeholder views; the full pages replace these)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def mine(request):
    return HttpResponse("My mentorships")


@login_required
def detail(request, public_id: str):
    return HttpResponse("Mentorship")
