"""The privacy matrix of the meetings: every page, endpoint, calendar file and feed answers the
same for each role — the pair reads; a member of another pair, the program's administrator,
another organization's administrator and a blocked member get 404; anonymous visitors are sent
to sign in (pages) or get 401 (API)."""

from datetime import timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from mentorwise.meetings import services
from mentorwise.meetings.models import Meeting
from mentorwise.notifications.models import OutboxEmail
from tests.factories import make_mentorship
from tests.meetings_helpers import T0, make_pair
from tests.privacy import client_as as _client

ROLES = ["pair", "other_pair", "admin", "other_admin", "anonymous", "blocked"]
PAGE_STATUS = {
    "pair": 200,
    "other_pair": 404,
    "admin": 404,
    "other_admin": 404,
    "anonymous": 302,
    "blocked": 404,
}
API_STATUS = {**PAGE_STATUS, "anonymous": 401}
AGENDA = "Private agenda: salary worries"
NOTES = "Private notes: thinking of leaving"


@pytest.fixture
def gate(world, time_machine):
    time_machine.move_to(T0, tick=False)
    pair = make_pair(world)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    planned = services.meeting_plan(
        mentorship=pair,
        user=world.mentee1.user,
        starts_at=T0 + timedelta(days=2),
        duration_minutes=60,
        agenda=AGENDA,
    )
    held = services.meeting_log(
        mentorship=pair,
        user=world.mentee1.user,
        starts_at=T0 - timedelta(days=2),
        duration_minutes=60,
        notes=NOTES,
    )
    return world, pair, planned, held


PAGES = [
    "/mentorships/{m}/meetings/",
    "/mentorships/{m}/meetings/plan/",
    "/mentorships/{m}/meetings/log/",
    "/meetings/{p}/",
    "/meetings/{h}/",
    "/meetings/{p}/cancel/",
    "/meetings/{p}/meeting.ics",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PAGES)
def test_meeting_pages_open_to_the_pair_only(gate, role, path):
    world, pair, planned, held = gate
    url = path.format(m=pair.public_id, p=planned.public_id, h=held.public_id)
    response = _client(world, role).get(url)
    assert response.status_code == PAGE_STATUS[role]
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]
    if role != "pair":
        assert AGENDA.encode() not in response.content and NOTES.encode() not in response.content


POSTS = [
    ("/mentorships/{m}/meetings/plan/", {"day": "2027-03-20", "time": "09:00"}),
    ("/mentorships/{m}/meetings/log/", {"day": "2027-02-20", "time": "09:00"}),
    ("/meetings/{p}/update/", {"day": "2027-03-20", "time": "09:00", "duration_minutes": "5"}),
    ("/meetings/{h}/log/", {"duration_minutes": "5", "notes": "Overwritten"}),
    ("/meetings/{p}/cancel/", {}),
]


@pytest.mark.parametrize("role", [r for r in ROLES if r != "pair"])
@pytest.mark.parametrize("path, data", POSTS)
def test_nobody_outside_the_pair_can_write(gate, role, path, data):
    world, pair, planned, held = gate
    url = path.format(m=pair.public_id, p=planned.public_id, h=held.public_id)
    response = _client(world, role).post(url, data)
    assert response.status_code == PAGE_STATUS[role]
    planned.refresh_from_db()
    held.refresh_from_db()
    assert planned.is_planned and planned.duration_minutes == 60
    assert held.notes == NOTES and Meeting.objects.count() == 2


API_CALLS = [
    ("get", "/api/v1/mentorships/{m}/meetings", None),
    ("post", "/api/v1/mentorships/{m}/meetings", {"starts_at": "2027-03-20T09:00:00Z"}),
    ("get", "/api/v1/meetings/{p}", None),
    ("get", "/api/v1/meetings/{h}", None),
    ("patch", "/api/v1/meetings/{p}", {"duration_minutes": 30}),
    ("patch", "/api/v1/meetings/{h}", {"held": True, "notes": "Overwritten"}),
    ("delete", "/api/v1/meetings/{p}", None),
    ("get", "/api/v1/meetings/{p}/ics", None),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, path, body", API_CALLS)
def test_meeting_endpoints_open_to_the_pair_only(gate, role, method, path, body):
    world, pair, planned, held = gate
    url = path.format(m=pair.public_id, p=planned.public_id, h=held.public_id)
    kwargs = {"content_type": "application/json"} if body is not None else {}
    if method == "post":
        body = {**body, "duration_minutes": 30}
    args = (url, body) if body is not None else (url,)
    response = getattr(_client(world, role), method)(*args, **kwargs)
    expected = API_STATUS[role]
    if role == "pair" and method == "post":
        expected = 201
    assert response.status_code == expected, response.content
    if expected == 404:
        assert response.json()["code"] == "not_found"
    if role != "pair":
        assert AGENDA.encode() not in response.content and NOTES.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_each_persons_feed_holds_only_their_own_pairs_meetings(gate, role):
    world, _pair, planned, _held = gate
    client = _client(world, role)
    response = client.get("/api/v1/me/calendar")
    if role == "anonymous":
        assert response.status_code == 401
        assert client.get("/calendar/").status_code == 302
        return
    url = response.json()["feed_url"]
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    served = Client().get(path)  # the feed needs no sign-in: the token is the key
    assert served.status_code == 200
    uids = [str(e["UID"]) for e in Calendar.from_ical(served.content).walk("VEVENT")]
    has_it = any(planned.public_id in uid for uid in uids)
    assert has_it == (role == "pair")
    assert AGENDA.encode() not in served.content or role == "pair"


def test_a_wrong_or_old_feed_token_is_404(gate):
    world, *_ = gate
    feed = services.feed_for(world.mentee1.user)
    old = feed.token
    assert Client().get(f"/calendar/{old}.ics").status_code == 200
    assert Client().get(f"/calendar/{old[:-1]}x.ics").status_code == 404
    assert Client().get("/calendar/.ics").status_code == 404
    services.feed_rotate(user=world.mentee1.user)
    assert Client().get(f"/calendar/{old}.ics").status_code == 404


def test_only_the_pair_receives_meeting_e_mails(gate):
    world, *_ = gate
    recipients = set(
        OutboxEmail.objects.filter(kind__startswith="meeting_").values_list("to_email", flat=True)
    )
    assert recipients == {world.mentee1.user.email, world.mentor1.user.email}


def test_the_administrators_page_shows_no_meeting_content(gate):
    world, pair, *_ = gate
    response = _client(world, "admin").get(f"/manage/mentorships/{pair.public_id}/")
    assert response.status_code == 200
    assert AGENDA.encode() not in response.content and NOTES.encode() not in response.content
