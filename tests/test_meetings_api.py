"""The meetings API of API.md: plan and log, read, log a planned meeting, change, cancel, the
calendar file and the calendar feed."""

from datetime import UTC, datetime

import pytest
from icalendar import Calendar

from mentorwise.meetings.models import Meeting
from mentorwise.notifications.models import OutboxEmail
from tests.meetings_helpers import T0, make_pair


@pytest.fixture
def pair(world, time_machine):
    time_machine.move_to(T0, tick=False)
    return world, make_pair(world)


def _plan(client, mentorship, **fields):
    body = {
        "starts_at": "2027-03-20T09:00:00+05:30",
        "duration_minutes": 60,
        "channel": "video",
        "place": "https://meet.example.org/x",
        "agenda": "Portfolio",
        **fields,
    }
    return client.post(
        f"/api/v1/mentorships/{mentorship.public_id}/meetings",
        body,
        content_type="application/json",
    )


def test_planning_answers_201_with_the_ics_url_and_e_mails_both(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    response = _plan(lee, mentorship)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "planned" and body["held"] is False
    assert datetime.fromisoformat(body["starts_at"]) == datetime(2027, 3, 20, 3, 30, tzinfo=UTC)
    assert body["ics_url"].endswith(f"/api/v1/meetings/{body['id']}/ics")
    assert body["ics_url"].startswith("http")
    assert OutboxEmail.objects.filter(kind="meeting_planned").count() == 2

    ics = lee.get(body["ics_url"].split("://", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert ics.status_code == 200 and ics["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("DTSTART") == datetime(2027, 3, 20, 3, 30, tzinfo=UTC)

    listed = lee.get(f"/api/v1/mentorships/{mentorship.public_id}/meetings").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    assert lee.get(f"/api/v1/meetings/{body['id']}").json()["agenda"] == "Portfolio"


def test_a_meeting_can_be_created_already_held(pair, as_user):
    world, mentorship = pair
    response = _plan(
        as_user(world.mentor1.user),
        mentorship,
        starts_at="2027-02-27T10:00:00-08:00",
        held=True,
        duration_minutes=45,
        topics=["Pitching", "Career"],
        notes="Good talk",
        next_steps="Draft the pitch",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "held" and body["topics"] == ["Pitching", "Career"]
    # no invitation for a meeting already held; the partner is told it was logged
    (email,) = OutboxEmail.objects.filter(kind__startswith="meeting_")
    assert email.kind == "meeting_logged" and email.to_email == world.mentee1.user.email
    assert "Maya Mentor logged your meeting as held." in email.body_text
    assert "Good talk" not in email.body_text + email.body_html  # the notes stay on the page
    assert not email.attachments


def test_patch_logs_a_planned_meeting_once_it_has_started(pair, as_user, time_machine):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    meeting_id = _plan(lee, mentorship, starts_at="2027-03-01T13:00:00Z").json()["id"]
    log = {"held": True, "duration_minutes": 50, "topics": ["Boards"], "notes": "N"}
    early = lee.patch(f"/api/v1/meetings/{meeting_id}", log, content_type="application/json")
    assert early.status_code == 409 and early.json()["code"] == "not_started"
    time_machine.move_to(datetime(2027, 3, 1, 14, 0, tzinfo=UTC), tick=False)
    response = lee.patch(f"/api/v1/meetings/{meeting_id}", log, content_type="application/json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["held"] is True and body["duration_minutes"] == 50
    assert body["topics"] == ["Boards"] and body["notes"] == "N"
    told = OutboxEmail.objects.get(kind="meeting_logged")
    assert told.to_email == world.mentor1.user.email  # the partner, not Lee who logged it
    assert "Mon 1 Mar 2027, 05:00 (America/Los_Angeles)" in told.subject  # in Maya's zone
    again = dict(log, notes="Edited")
    lee.patch(f"/api/v1/meetings/{meeting_id}", again, content_type="application/json")
    assert OutboxEmail.objects.filter(kind="meeting_logged").count() == 1  # an edit tells no one


def test_patch_changes_a_planned_meeting_and_raises_the_sequence(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    meeting_id = _plan(lee, mentorship).json()["id"]
    response = lee.patch(
        f"/api/v1/meetings/{meeting_id}",
        {"starts_at": "2027-03-22T10:00:00+05:30", "duration_minutes": 30},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["sequence"] == 1
    assert OutboxEmail.objects.filter(kind="meeting_updated").count() == 2


def test_delete_cancels_and_a_second_delete_is_a_conflict(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    meeting_id = _plan(lee, mentorship).json()["id"]
    response = lee.delete(f"/api/v1/meetings/{meeting_id}")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    again = lee.delete(f"/api/v1/meetings/{meeting_id}")
    assert again.status_code == 409 and again.json()["code"] == "not_planned"
    ics = lee.get(f"/api/v1/meetings/{meeting_id}/ics")
    assert b"METHOD:CANCEL" in ics.content


@pytest.mark.parametrize(
    "fields, status, field",
    [
        ({"duration_minutes": 4}, 400, "duration_minutes"),
        ({"duration_minutes": 601}, 400, "duration_minutes"),
        ({"channel": "carrier_pigeon"}, 400, "channel"),
        ({"starts_at": "2027-02-01T09:00:00Z"}, 400, "starts_at"),
        ({"starts_at": "not a date"}, 422, "starts_at"),
        ({"duration_minutes": "long"}, 422, "duration_minutes"),
        ({"colour": "blue"}, 422, "colour"),
        ({"held": True, "starts_at": "2027-04-01T09:00:00Z"}, 400, "starts_at"),
        ({"held": True, "topics": ["x" * 81]}, 400, "topics"),
    ],
)
def test_invalid_input_is_explained_never_a_500(pair, as_user, fields, status, field):
    world, mentorship = pair
    if fields.get("held"):
        fields = {"starts_at": "2027-02-01T09:00:00Z", **fields}
    response = _plan(as_user(world.mentee1.user), mentorship, **fields)
    assert response.status_code == status, response.json()
    body = response.json()
    assert body["detail"] and field in body["errors"]
    assert not Meeting.objects.exists()


def test_an_ended_mentorship_refuses_writes_with_not_open(pair, as_user):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    meeting_id = _plan(lee, mentorship).json()["id"]
    mentorship.status = "ended_early"
    mentorship.save(update_fields=["status"])
    assert _plan(lee, mentorship).json()["code"] == "not_open"
    assert _plan(lee, mentorship).status_code == 409
    assert lee.delete(f"/api/v1/meetings/{meeting_id}").json()["code"] == "not_open"
    assert lee.get(f"/api/v1/meetings/{meeting_id}").status_code == 200


def test_the_calendar_feed_address_and_its_rotation(pair, as_user, client):
    world, mentorship = pair
    lee = as_user(world.mentee1.user)
    _plan(lee, mentorship)
    first = lee.get("/api/v1/me/calendar").json()["feed_url"]
    assert lee.get("/api/v1/me/calendar").json()["feed_url"] == first
    path = "/" + first.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("/calendar/") and path.endswith(".ics")
    served = client.get(path)
    assert served.status_code == 200 and served["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(served.content).walk("VEVENT")) == 1
    rotated = lee.post("/api/v1/me/calendar/rotate").json()["feed_url"]
    assert rotated != first
    assert client.get(path).status_code == 404
    assert client.get("/" + rotated.split("://", 1)[1].split("/", 1)[1]).status_code == 200
