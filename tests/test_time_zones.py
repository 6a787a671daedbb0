"""Times in each person's zone: activated per request from the profile, named on the page, and
used for "today"."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.template import Context, Template
from django.utils import timezone

from mentorwise.core import zones
from mentorwise.profiles.services import profile_update


def test_pages_use_the_viewers_zone_and_follow_a_change_of_zone(world, as_user):
    profile_update(user=world.mentee1.user, time_zone="Asia/Kolkata")
    client = as_user(world.mentee1.user)
    client.get("/")
    assert client.session[zones.SESSION_KEY] == "Asia/Kolkata"
    # Changing the zone on the profile form takes effect on the next page.
    form = client.get("/profile/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"name": world.mentee1.user.name, "time_zone": "America/Los_Angeles"})
    for key, value in form.initial.items():
        if isinstance(value, list):
            data[key] = value
    client.post("/profile/", data)
    assert client.session[zones.SESSION_KEY] == "America/Los_Angeles"


def test_a_moment_is_labelled_with_the_zone():
    moment = dt.datetime(2026, 12, 8, 9, 0, tzinfo=dt.UTC)
    with timezone.override(ZoneInfo("Asia/Kolkata")):
        text = Template("{% load mentorwise %}{{ t|when }}").render(Context({"t": moment}))
    assert text == "Tue 8 Dec 2026, 14:30 (Asia/Kolkata)"
    la = zones.label(moment, ZoneInfo("America/Los_Angeles"))
    assert la == "Tue 8 Dec 2026, 01:00 (America/Los_Angeles)"


def test_today_is_where_the_person_is(world):
    profile_update(user=world.mentee1.user, time_zone="Asia/Kolkata")
    profile_update(user=world.mentor1.user, time_zone="America/Los_Angeles")
    world.mentee1.user.refresh_from_db()
    world.mentor1.user.refresh_from_db()
    with time_machine.travel(dt.datetime(2026, 12, 8, 20, 0, tzinfo=dt.UTC), tick=False):
        assert zones.today_for(world.mentee1.user) == dt.date(2026, 12, 9)  # 01:30 in Kolkata
        assert zones.today_for(world.mentor1.user) == dt.date(2026, 12, 8)  # 12:00 in LA


def test_an_unknown_or_missing_zone_falls_back_to_the_sites(settings):
    assert zones.zone_named("Mars/Olympus").key == settings.TIME_ZONE
    assert zones.zone_named("").key == settings.TIME_ZONE
