"""Settings that are not in effect yet (a program's format other than one-on-one, and the group
size) say so where administrators set them and where people read the program, rather than
promising groups or peer pairs that the platform does not form."""

from html import unescape

import pytest
from django.urls import reverse

from mentorwise.programs.services import program_update

pytestmark = pytest.mark.django_db

NOT_IN_EFFECT = "Not in effect yet: pairs are one-to-one for now."


def test_the_program_form_says_format_and_group_size_are_not_in_effect(world, as_user):
    for url in (
        reverse("manage:program-edit", args=[world.program.public_id]),
        reverse("manage:program-create", args=[world.org.public_id]),
    ):
        response = as_user(world.admin).get(url)
        assert response.status_code == 200
        html = unescape(response.content.decode())
        assert html.count(NOT_IN_EFFECT) == 2  # on the format and on the group size
        assert "Group (one mentor, several mentees) (not in effect yet)" in html
        assert "Peer (not in effect yet)" in html and "Flash" in html
        assert "One-on-one (not in effect yet)" not in html
        assert 'name="format"' in html and 'name="group_size"' in html  # the fields stay


def test_the_program_page_shows_the_format_as_it_runs(world, as_user):
    url = f"/programs/{world.program.public_id}/"
    html = unescape(as_user(world.mentee1.user).get(url).content.decode())
    assert "One-on-one" in html and "for now" not in html
    program_update(program=world.program, actor=world.admin, format="peer")
    html = unescape(as_user(world.mentee1.user).get(url).content.decode())
    assert "Peer, run as one-to-one pairs for now" in html
