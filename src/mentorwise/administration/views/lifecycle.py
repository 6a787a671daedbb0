"""Administration of mentorships and safety: concerns, pausing, ending, extending, blocking.
(Placeholder views; the full pages replace these.)"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from mentorwise.administration.access import get_program


@login_required
def concerns(request, program_id: str):
    get_program(request.user, program_id)
    return HttpResponse("Concerns")
