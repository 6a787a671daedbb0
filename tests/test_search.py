"""Browsing and searching mentors and mentees."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentorwise.organizations.models import Membership
from tests.factories import make_member, make_mentorship, make_participant, make_user

pytestmark = pytest.mark.django_db


def url(world, who="mentors", **params):
    from urllib.parse import urlencode

    base = f"/programs/{world.program.public_id}/{who}/"
    return base + ("?" + urlencode(params) if params else "")


def names(response):
    return [p.user.name for p in response.context["page"]]


def test_mentee_browses_all_mentors(world, as_user):
    response = as_user(world.mentee1.user).get(url(world))
    assert response.status_code == 200
    assert names(response) == ["Maya Mentor", "Omar Mentor"]


def test_full_text_search_matches_prefix_of_expertise(world, as_user):
    response = as_user(world.mentee1.user).get(url(world, q="storyb"))
    assert names(response) == ["Maya Mentor"]


def test_full_text_search_matches_bio_words(world, as_user):
    response = as_user(world.mentee1.user).get(url(world, q="character rigging"))
    assert names(response) == ["Omar Mentor"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"language": "spanish"}, ["Maya Mentor"]),
        ({"language": "french"}, ["Omar Mentor"]),
        ({"expertise": "python"}, ["Omar Mentor"]),
        ({"industry": "Animation"}, ["Maya Mentor"]),
        ({"time_zone": "Europe/Paris"}, ["Omar Mentor"]),
        ({"location": "burb"}, ["Maya Mentor"]),
    ],
)
def test_filters(world, as_user, params, expected):
    assert names(as_user(world.mentee1.user).get(url(world, **params))) == expected


def test_has_room_hides_full_mentors(world, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # capacity 1: now full
    response = as_user(world.mentee1.user).get(url(world, has_room="on"))
    assert names(response) == ["Maya Mentor"]
    everyone = as_user(world.mentee1.user).get(url(world))
    rooms = {p.user.name: p.remaining_capacity for p in everyone.context["page"]}
    assert rooms == {"Maya Mentor": 2, "Omar Mentor": 0}


def test_sort_by_most_room(world, as_user):
    response = as_user(world.mentee1.user).get(url(world, sort="room"))
    assert names(response) == ["Maya Mentor", "Omar Mentor"]


def test_empty_result_explains_itself(world, as_user):
    response = as_user(world.mentee1.user).get(url(world, q="zzzzqqq"))
    html = response.content.decode()
    assert "No mentors match all of these filters" in html
    assert "Clear all filters" in html


def test_unknown_filter_values_do_not_break_the_page(world, as_user):
    response = as_user(world.mentee1.user).get(
        url(world, language="klingon", sort="nonsense", page="abc", q="x" * 5000)
    )
    assert response.status_code == 200


def test_htmx_request_returns_only_results(world, as_user):
    response = as_user(world.mentee1.user).get(url(world), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Maya Mentor" in html


def test_pagination(world, as_user):
    for i in range(25):
        make_participant(
            world.program,
            role="mentor",
            capacity=1,
            user=make_member(world.org, make_user(name=f"Zed Mentor {i:02}")),
        )
    client = as_user(world.mentee1.user)
    first = client.get(url(world))
    assert len(first.context["page"]) == 12
    last = client.get(url(world, page=3))
    assert len(last.context["page"]) == 3
    assert "Page 3 of 3" in last.content.decode()


def search_queries(client, world, **params):
    """The SQL statements of one search page request."""
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(world, **params)).status_code == 200
    return ctx.captured_queries


def test_search_page_query_count_does_not_grow_with_data(world, as_user):
    """Counted with the filters' values computed (cold) and taken from the cache (warm)."""
    client = as_user(world.mentee1.user)

    def counts():
        cache.clear()
        cold = len(search_queries(client, world, q="mentor"))
        return cold, len(search_queries(client, world, q="mentor"))

    search_queries(client, world, q="mentor")  # the first request also records "last active"
    before = counts()
    for i in range(15):
        make_participant(
            world.program,
            role="mentor",
            capacity=2,
            user=make_member(world.org, make_user(name=f"Extra Mentor {i}")),
            profile={
                "expertise": [f"Skill {i}", "Lighting"],
                "languages": ["English", f"L{i}"],
                "headline": "mentor",
            },
        )
    assert counts() == before


def test_a_repeated_search_takes_the_filters_from_the_cache(world, as_user):
    client = as_user(world.mentee1.user)
    search_queries(client, world)  # records "last active"
    cache.clear()
    cold = search_queries(client, world)
    warm = search_queries(client, world, q="story")  # other words, same filters
    assert len(warm) == len(cold) - 3
    interests = '"profiles_profile_interests"'  # read by the filters' values only
    assert any(interests in q["sql"] for q in cold)
    assert not any(interests in q["sql"] for q in warm)
    form = client.get(url(world, q="story")).context["form"]
    assert [v for v, _ in form.fields["language"].choices] == ["", "english", "french", "spanish"]


def test_mentors_browse_mentees_where_program_allows(world, as_user):
    response = as_user(world.mentor1.user).get(url(world, "mentees"))
    assert response.status_code == 200
    assert names(response) == ["Ana Mentee", "Lee Mentee"]


def test_mentee_cannot_browse_mentees(world, as_user):
    assert as_user(world.mentee1.user).get(url(world, "mentees")).status_code == 403


def test_mentors_cannot_browse_mentees_when_program_forbids(world, as_user):
    world.program.mentors_can_invite = False
    world.program.save()
    assert as_user(world.mentor1.user).get(url(world, "mentees")).status_code == 403


def test_member_not_in_program_cannot_browse(world, as_user):
    member = make_member(world.org, make_user())
    assert as_user(member).get(url(world)).status_code == 403


def test_outsider_gets_404(world, as_user):
    assert as_user(world.outsider.user).get(url(world)).status_code == 404


def test_admin_can_browse(world, as_user):
    assert Membership.objects.get(user=world.admin).is_admin
    assert as_user(world.admin).get(url(world)).status_code == 200


def test_released_mentors_are_not_listed(world, as_user):
    from mentorwise.profiles.services import participant_set_status

    participant_set_status(participant=world.mentor2, status="released", actor=world.admin)
    assert names(as_user(world.mentee1.user).get(url(world))) == ["Maya Mentor"]


def test_sort_shown_is_the_sort_used(world, as_user):
    client = as_user(world.mentee1.user)
    assert client.get(url(world)).context["form"]["sort"].value() == "name"
    assert client.get(url(world, q="story")).context["form"]["sort"].value() == "relevance"


def test_a_new_name_moves_the_person_in_lists_sorted_by_name(world, as_user):
    """Lists sorted by name read a copy of the name kept on each participation (indexed)."""
    from mentorwise.profiles.services import profile_update

    profile_update(user=world.mentor1.user, name="Zoe Mentor")
    assert names(as_user(world.mentee1.user).get(url(world))) == ["Omar Mentor", "Zoe Mentor"]
    admin_list = as_user(world.admin).get(
        f"/manage/programs/{world.program.public_id}/participants/"
    )
    listed = [row["participant"].user.name for row in admin_list.context["rows"]]
    assert listed == sorted(listed)
    assert listed.index("Zoe Mentor") == len(listed) - 1
