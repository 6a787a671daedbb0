"""`through_gate`: a panel reuses the mentorship its page fetched through the privacy gate for
the same viewer, and fetches through the gate otherwise (404 for anyone outside the pair)."""

import pytest
from django.http import Http404

from mentorwise.mentorships.access import get_mentorship, through_gate
from mentorwise.mentorships.models import Mentorship
from tests.factories import make_mentorship

pytestmark = pytest.mark.django_db


def test_a_panel_reuses_only_what_the_gate_gave_the_same_viewer(world, django_assert_num_queries):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    mine = get_mentorship(world.mentee1.user, pair.public_id)
    with django_assert_num_queries(0):
        assert through_gate(world.mentee1.user, mine) is mine
    with pytest.raises(Http404):  # the same object, another viewer: asked again, refused
        through_gate(world.admin, mine)
    with pytest.raises(Http404):  # read without the gate: asked again, refused
        through_gate(world.mentee2.user, Mentorship.objects.get(pk=pair.pk))
    plain = Mentorship.objects.get(pk=pair.pk)
    with django_assert_num_queries(1):
        assert through_gate(world.mentor1.user, plain) == pair
