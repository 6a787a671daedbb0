"""Searching a program's mentors (or mentees) to ask: the profile filters of `profiles.search`,
with each person's room to take someone (an established-mentorship count from the
mentorships' own queries)."""

from django.db.models import F

from mentorwise.mentorships.queries import with_room
from mentorwise.profiles.search import SearchParams, filter_participants, order_participants
from mentorwise.programs.models import Program, Role


def search_participants(*, program: Program, role: str, params: SearchParams):
    qs, ranked = filter_participants(program=program, role=role, params=params)
    qs = with_room(qs, role)
    if role == Role.MENTOR:  # a mentor who paused is not found until the pause ends
        qs = qs.taking_mentees()
    if params.has_room and role == Role.MENTOR:
        qs = qs.filter(capacity__gt=F("open_mentorships"))  # one count per row, not two
    return order_participants(qs, sort=params.sort, ranked=ranked)
