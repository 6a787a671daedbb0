"""The values the search filters offer are cached per program, and every change to who is
accepted in the program or to what their profiles offer shows on the next search after it is
saved. Each change goes through the page or endpoint people use, and commits (the cache is
told after the commit)."""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorwise.mentorships.sweeps import release_idle_participants
from tests.factories import make_member, make_participant, make_program, make_user

pytestmark = pytest.mark.django_db


def offered(client, program, who="mentors") -> dict[str, list[str]]:
    """The choices each filter of the search page offers (without "Any")."""
    response = client.get(f"/programs/{program.public_id}/{who}/")
    assert response.status_code == 200
    fields = response.context["form"].fields
    return {
        name: [value for value, _ in fields[name].choices if value]
        for name in ("expertise", "language", "industry", "time_zone")
    }


def queries_of_search(client, program, who="mentors") -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/programs/{program.public_id}/{who}/").status_code == 200
    return len(ctx)


def api_patch(client, participant, data):
    response = client.patch(
        f"/api/v1/participants/{participant.public_id}",
        json.dumps(data),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content[:400]


def set_status(client, participant, status):
    url = reverse("manage:participant-status", args=[participant.public_id])
    assert client.post(url, {"status": status}).status_code == 302


OMAR_ONLY = {
    "expertise": ["python", "rigging"],
    "language": ["french"],
    "industry": ["Visual effects"],
    "time_zone": ["Europe/Paris"],
}


def assert_offers(facets, values, present: bool):
    for name, wanted in values.items():
        for value in wanted:
            assert (value in facets[name]) is present, (name, value, facets[name])


@pytest.fixture
def mentee(world, as_user):
    """A mentee's browser with the mentors' filters already cached."""
    client = as_user(world.mentee1.user)
    assert_offers(offered(client, world.program), OMAR_ONLY, present=True)
    return client


@pytest.mark.parametrize("away", ["released", "waitlisted"])
def test_a_mentor_leaving_and_accepted_again_changes_the_filters(
    world, as_user, mentee, django_capture_on_commit_callbacks, away
):
    admin = as_user(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(admin, world.mentor2, away)
    assert_offers(offered(mentee, world.program), OMAR_ONLY, present=False)
    assert offered(mentee, world.program)["language"] == ["english", "spanish"]  # Maya's
    with django_capture_on_commit_callbacks(execute=True):
        set_status(admin, world.mentor2, "accepted")
    assert_offers(offered(mentee, world.program), OMAR_ONLY, present=True)


def test_an_applicant_counts_once_accepted(
    world, as_user, mentee, django_capture_on_commit_callbacks
):
    world.program.requires_approval = True
    world.program.save()
    user = make_member(world.org, make_user(name="Gus Applicant"))
    new = {"language": ["german"], "industry": ["Games"], "time_zone": ["Europe/Berlin"]}
    with django_capture_on_commit_callbacks(execute=True):
        applicant = make_participant(
            world.program,
            role="mentor",
            user=user,
            profile={"languages": ["German"], "industry": "Games", "time_zone": "Europe/Berlin"},
        )
    assert applicant.status == "applied"
    assert_offers(offered(mentee, world.program), new, present=False)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(as_user(world.admin), applicant, "accepted")
    assert_offers(offered(mentee, world.program), new, present=True)


def test_joining_a_self_service_program_brings_ones_profile_to_the_filters(
    world, as_user, django_capture_on_commit_callbacks
):
    """The profile is the person's own, shared by their programs: Maya's is already filled in
    when she joins a second program."""
    second = make_program(world.org, actor=world.admin, name="Lighting Circle")
    viewer = as_user(make_participant(second, role="mentee").user)
    assert offered(viewer, second)["language"] == []
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.mentor1.user).post(
            f"/programs/{second.public_id}/apply/mentor/", {"capacity": "2"}
        )
    assert response.status_code == 302
    assert offered(viewer, second)["language"] == ["english", "spanish"]


def test_a_mentor_joining_as_mentee_too_brings_her_profile_to_the_mentees_filters(
    world, as_user, django_capture_on_commit_callbacks
):
    mentor = as_user(world.mentor2.user)
    assert "french" not in offered(mentor, world.program, "mentees")["language"]
    with django_capture_on_commit_callbacks(execute=True):
        response = mentor.post(f"/programs/{world.program.public_id}/apply/mentee/", {})
    assert response.status_code == 302
    assert "french" in offered(mentor, world.program, "mentees")["language"]


def test_releasing_idle_mentees_changes_the_mentees_filters(
    world, as_user, django_capture_on_commit_callbacks
):
    """The sweep is given the day it runs; the clock is left alone so that the cache's own
    timeout cannot be what makes the change show."""
    mentor = as_user(world.mentor1.user)
    assert offered(mentor, world.program, "mentees")["language"] == ["english", "spanish"]
    joined = world.mentee2.status_changed_at
    for day in (53, 60):  # warned a week ahead, then released
        with django_capture_on_commit_callbacks(execute=True):
            release_idle_participants(joined + datetime.timedelta(days=day, hours=1))
    world.mentee1.refresh_from_db()
    assert world.mentee1.status == "released"
    assert offered(mentor, world.program, "mentees") == {
        "expertise": [],
        "language": [],
        "industry": [],
        "time_zone": [],
    }


def test_editing_the_profile_page_changes_the_filters(
    world, as_user, mentee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(world.mentor2.user).post(
            "/profile/",
            {
                "name": "Omar Mentor",
                "expertise": "Lighting",
                "interests": "Compositing",
                "languages": "Arabic",
                "industry": "Games",
                "time_zone": "Africa/Cairo",
                "work_mode": "either",
                f"capacity_{world.mentor2.public_id}": "1",
            },
        )
    assert response.status_code == 302
    facets = offered(mentee, world.program)
    assert_offers(facets, OMAR_ONLY, present=False)
    assert_offers(
        facets,
        {
            "expertise": ["compositing", "lighting"],
            "language": ["arabic"],
            "industry": ["Games"],
            "time_zone": ["Africa/Cairo"],
        },
        present=True,
    )


@pytest.mark.parametrize(
    ("field", "value", "facet", "now_offered", "no_longer_offered"),
    [
        ("expertise", ["Lighting"], "expertise", "lighting", "python"),
        ("interests", ["Compositing"], "expertise", "compositing", None),
        ("languages", ["Arabic"], "language", "arabic", "french"),
        ("industry", "Games", "industry", "Games", "Visual effects"),
        ("time_zone", "Africa/Cairo", "time_zone", "Africa/Cairo", "Europe/Paris"),
    ],
)
def test_editing_one_profile_field_through_the_api_changes_its_filter(
    world,
    as_user,
    mentee,
    django_capture_on_commit_callbacks,
    field,
    value,
    facet,
    now_offered,
    no_longer_offered,
):
    omar = as_user(world.mentor2.user)
    with django_capture_on_commit_callbacks(execute=True):
        api_patch(omar, world.mentor2, {field: value})
    facets = offered(mentee, world.program)
    assert now_offered in facets[facet]
    if no_longer_offered:
        assert no_longer_offered not in facets[facet]


def test_editing_a_profile_changes_the_filters_of_each_of_the_persons_programs(
    world, as_user, django_capture_on_commit_callbacks
):
    second = make_program(world.org, actor=world.admin, name="Lighting Circle")
    make_participant(second, role="mentor", user=world.mentor2.user)
    viewer = as_user(make_participant(second, role="mentee").user)
    assert offered(viewer, second)["language"] == ["english", "french"]
    with django_capture_on_commit_callbacks(execute=True):
        api_patch(as_user(world.mentor2.user), world.mentor2, {"languages": ["Arabic"]})
    assert offered(viewer, second)["language"] == ["arabic"]


def test_editing_what_the_filters_do_not_offer_keeps_them_cached(
    world, as_user, mentee, django_capture_on_commit_callbacks
):
    warm = queries_of_search(mentee, world.program)
    with django_capture_on_commit_callbacks(execute=True):
        api_patch(as_user(world.mentor2.user), world.mentor2, {"headline": "Rigging supervisor"})
    assert queries_of_search(mentee, world.program) == warm
    with django_capture_on_commit_callbacks(execute=True):
        api_patch(as_user(world.mentor2.user), world.mentor2, {"industry": "Games"})
    assert queries_of_search(mentee, world.program) == warm + 3  # computed again, once
    assert queries_of_search(mentee, world.program) == warm


def test_a_change_seen_by_another_process_with_the_default_shared_cache(
    world, as_user, tmp_path, settings
):
    # The default cache is a directory that every process of the machine shares (the web
    # processes, the worker that runs the sweeps, the scheduler): a version retired by one
    # process must be seen by the others. The other process here is a real one.
    from mentorwise.profiles.models import Tag
    from mentorwise.profiles.search import FACETS
    from mentorwise.settings import _caches

    settings.CACHES = {"default": _caches(f"file://{tmp_path}")}
    client = as_user(world.mentee1.user)
    assert "glazing" not in offered(client, world.program)["expertise"]
    # A change this process is not told of, as when another process saved it.
    tag = Tag.objects.create(slug="glazing", name="Glazing", kind=Tag.Kind.TOPIC)
    world.mentor1.user.profile.expertise.add(tag)
    assert "glazing" not in offered(client, world.program)["expertise"]  # still cached
    code = (
        "import django; django.setup(); "
        "from mentorwise.core.cache import bump_version_on_commit; "
        f"bump_version_on_commit({FACETS!r}, [{str(world.program.public_id)!r}])"
    )
    env = {
        **os.environ,
        "CACHE_URL": f"file://{tmp_path}",
        "DJANGO_SETTINGS_MODULE": "mentorwise.settings",
        "MENTORWISE_VAR_DIR": str(tmp_path / "var"),
        "PYTHONPATH": os.pathsep.join(path for path in sys.path if path),
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert "glazing" in offered(client, world.program)["expertise"]
