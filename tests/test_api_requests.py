"""The request endpoints of the API: sending, listing, accept / decline / withdraw / remind, every
refusal rule with its status code, who may do what, hostile input and confidentiality."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorwise.accounts.models import ApiToken
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import request_create
from mentorwise.profiles.services import participant_set_status
from tests.api_helpers import API, HUGE, post
from tests.api_helpers import assert_error as _assert_error
from tests.factories import make_member, make_mentorship, make_participant, make_program

pytestmark = pytest.mark.django_db


def _send(world, sender="mentee1", to="mentor1", message=""):
    return request_create(user=getattr(world, sender).user, to=getattr(world, to), message=message)


# ---------------------------------------------------------------- happy paths


def test_mentee_sends_a_request_and_the_mentor_sees_it_incoming(
    world, as_user, django_capture_on_commit_callbacks
):
    mentee = as_user(world.mentee1.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(mentee, "/requests", {"to": world.mentor1.public_id, "message": "Hi!"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["direction"] == "outgoing" and body["initiated_by"] == "mentee"
    assert body["sender"] == {"id": world.mentee1.public_id, "name": "Lee Mentee", "role": "mentee"}
    assert body["recipient"] == {
        "id": world.mentor1.public_id,
        "name": "Maya Mentor",
        "role": "mentor",
    }
    assert body["program"] == {"id": world.program.public_id, "name": "Story Mentoring"}
    assert body["message"] == "Hi!"
    assert body["can_withdraw"] and not body["can_accept"] and not body["can_remind"]
    created = datetime.datetime.fromisoformat(body["created_at"])
    assert datetime.datetime.fromisoformat(body["reminder_available_at"]) == created + (
        datetime.timedelta(days=7)
    )
    assert datetime.datetime.fromisoformat(body["expires_at"]) == created + datetime.timedelta(
        days=14
    )
    assert not body["id"].isdigit()
    # the mentor is told by e-mail, text and HTML
    sent = [m for m in mail.outbox if world.mentor1.user.email in m.to]
    assert len(sent) == 1 and "Hi!" in sent[0].body and "Hi!" in sent[0].alternatives[0][0]

    listing = as_user(world.mentor1.user).get(f"{API}/requests?box=incoming").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["id"] == body["id"] and item["direction"] == "incoming"
    assert item["can_accept"] and item["can_decline"] and not item["can_withdraw"]
    assert item["message"] == "Hi!"
    assert as_user(world.mentor1.user).get(f"{API}/requests?box=outgoing").json()["count"] == 0
    assert mentee.get(f"{API}/requests?box=outgoing").json()["count"] == 1
    assert mentee.get(f"{API}/requests").json()["count"] == 1


def test_a_mentor_invites_a_mentee_where_the_program_allows(world, as_user):
    response = post(as_user(world.mentor1.user), "/requests", {"to": world.mentee1.public_id})
    assert response.status_code == 201
    body = response.json()
    assert body["initiated_by"] == "mentor"
    assert body["sender"]["id"] == world.mentor1.public_id
    assert body["recipient"]["id"] == world.mentee1.public_id
    incoming = as_user(world.mentee1.user).get(f"{API}/requests?box=incoming").json()
    assert [i["id"] for i in incoming["items"]] == [body["id"]]


def test_mentors_cannot_invite_when_the_program_says_so(world, as_user):
    world.program.mentors_can_invite = False
    world.program.save()
    response = post(as_user(world.mentor1.user), "/requests", {"to": world.mentee1.public_id})
    _assert_error(response, 403, "invites_off")


def test_accept_answers_with_the_request_and_its_new_mentorship(
    world, as_user, django_capture_on_commit_callbacks
):
    request = _send(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(as_user(world.mentor1.user), f"/requests/{request.public_id}/accept")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted" and body["responded_at"]
    mentorship = Mentorship.objects.get(public_id=body["mentorship_id"])
    assert mentorship.mentor == world.mentor1 and mentorship.mentee == world.mentee1
    for user in (world.mentee1.user, world.mentor1.user):
        detail = as_user(user).get(f"{API}/mentorships/{body['mentorship_id']}")
        assert detail.status_code == 200
    # both are told, each with the other's contact details
    to_mentee = [m for m in mail.outbox if world.mentee1.user.email in m.to][-1]
    assert world.mentor1.user.email in to_mentee.body
    assert world.mentor1.user.email in to_mentee.alternatives[0][0]


def test_decline_with_a_reason_only_the_sender_reads(world, as_user):
    request = _send(world, message="Please?")
    response = post(
        as_user(world.mentor1.user),
        f"/requests/{request.public_id}/decline",
        {"reason": "Full this spring"},
    )
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    mine = as_user(world.mentee1.user).get(f"{API}/requests/{request.public_id}").json()
    assert mine["decline_reason"] == "Full this spring"
    assert mine["status"] == "declined" and mine["expires_at"] is None


@pytest.mark.parametrize("body", [None, {}])
def test_decline_without_a_body_or_reason(world, as_user, body):
    request = _send(world)
    response = post(as_user(world.mentor1.user), f"/requests/{request.public_id}/decline", body)
    assert response.status_code == 200
    assert response.json()["decline_reason"] == ""


def test_the_sender_withdraws(world, as_user):
    request = _send(world)
    response = post(as_user(world.mentee1.user), f"/requests/{request.public_id}/withdraw")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "withdrawn" and body["closed_reason"] == "by_sender"
    assert not body["can_withdraw"]


def test_reminder_only_after_the_delay_and_once_per_delay(world, as_user, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC))
    request = _send(world)
    client = as_user(world.mentee1.user)
    url = f"/requests/{request.public_id}/remind"
    body = _assert_error(post(client, url), 409, "too_soon")
    assert "9 March 2026" in body["detail"]
    for day in range(3, 9):  # day by day: still too soon until a week has passed
        time_machine.move_to(datetime.datetime(2026, 3, day, 9, tzinfo=datetime.UTC))
        _assert_error(post(client, url), 409, "too_soon")
        assert not client.get(f"{API}/requests/{request.public_id}").json()["can_remind"]
    time_machine.move_to(datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC))
    assert client.get(f"{API}/requests/{request.public_id}").json()["can_remind"]
    response = post(client, url)
    assert response.status_code == 200
    body = response.json()
    assert body["reminded_at"].startswith("2026-03-09")
    assert body["reminder_available_at"].startswith("2026-03-16") and not body["can_remind"]
    _assert_error(post(client, url), 409, "too_soon")


# ---------------------------------------------------------------- refusals


def test_a_request_to_oneself_is_400(world, as_user):
    both = make_participant(world.program, role="mentor", user=world.mentee1.user)
    response = post(as_user(world.mentee1.user), "/requests", {"to": both.public_id})
    _assert_error(response, 400, "self_request")


def test_a_target_in_another_organization_is_404_like_its_profile(world, as_user):
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/participants/{world.outsider.public_id}").status_code == 404
    body = _assert_error(post(client, "/requests", {"to": world.outsider.public_id}), 404)
    assert body["code"] == "not_found" and "to" in body["errors"]
    missing = _assert_error(post(client, "/requests", {"to": "doesnotexist"}), 404)
    assert missing == body  # an outsider never learns whether the id exists


def test_a_target_outside_the_program_is_403_like_its_profile(world, as_user):
    elsewhere = make_program(world.org, actor=world.admin, name="Another Program")
    stranger = make_participant(elsewhere, role="mentor", capacity=2)
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/participants/{stranger.public_id}").status_code == 403
    _assert_error(post(client, "/requests", {"to": stranger.public_id}), 403)


@pytest.mark.parametrize("status", ["released", "waitlisted"])
def test_a_released_or_waitlisted_target_is_refused_like_its_profile(world, as_user, status):
    participant_set_status(participant=world.mentor2, status=status, actor=world.admin)
    client = as_user(world.mentee1.user)
    profile_status = client.get(f"{API}/participants/{world.mentor2.public_id}").status_code
    response = post(client, "/requests", {"to": world.mentor2.public_id})
    assert response.status_code == profile_status == 403


def test_a_released_sender_cannot_send(world, as_user):
    participant_set_status(participant=world.mentee1, status="released", actor=world.admin)
    response = post(as_user(world.mentee1.user), "/requests", {"to": world.mentor1.public_id})
    _assert_error(response, 403)  # the profile is already out of sight, as on its page


def test_someone_in_the_wrong_role_cannot_send(world, as_user):
    # a mentee cannot ask another mentee; an administrator who is not a participant cannot ask
    _assert_error(
        post(as_user(world.mentee1.user), "/requests", {"to": world.mentee2.public_id}),
        403,
        "not_participant",
    )
    _assert_error(
        post(as_user(world.admin), "/requests", {"to": world.mentor1.public_id}),
        403,
        "not_participant",
    )


def test_a_duplicate_pending_request_is_409_in_both_directions(world, as_user):
    _send(world)
    _assert_error(
        post(as_user(world.mentee1.user), "/requests", {"to": world.mentor1.public_id}),
        409,
        "duplicate",
    )
    _assert_error(
        post(as_user(world.mentor1.user), "/requests", {"to": world.mentee1.public_id}),
        409,
        "duplicate",
    )


def test_more_open_requests_than_the_cap_is_409(world, as_user):
    world.program.open_request_cap = 2
    world.program.save()
    extra = make_participant(world.program, role="mentor", capacity=1)
    client = as_user(world.mentee1.user)
    assert post(client, "/requests", {"to": world.mentor1.public_id}).status_code == 201
    assert post(client, "/requests", {"to": world.mentor2.public_id}).status_code == 201
    _assert_error(post(client, "/requests", {"to": extra.public_id}), 409, "open_request_cap")


def test_a_mentee_at_the_maximum_cannot_request_another_mentor(world, as_user):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)
    response = post(as_user(world.mentee1.user), "/requests", {"to": world.mentor1.public_id})
    _assert_error(response, 409, "mentee_full")


def test_a_full_mentor_cannot_be_requested(world, as_user):
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)  # capacity 1
    response = post(as_user(world.mentee1.user), "/requests", {"to": world.mentor2.public_id})
    _assert_error(response, 409, "mentor_full")


def test_a_mentor_without_room_at_acceptance_gets_409(world, as_user):
    first = _send(world, "mentee1", "mentor2")
    second = _send(world, "mentee2", "mentor2")
    client = as_user(world.mentor2.user)
    assert post(client, f"/requests/{first.public_id}/accept").status_code == 200
    _assert_error(post(client, f"/requests/{second.public_id}/accept"), 409, "mentor_full")
    assert MentorshipRequest.objects.get(pk=second.pk).status == "pending"


def test_accepting_a_mentee_who_reached_the_maximum_meanwhile_is_409(world, as_user):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    request = _send(world)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee1)  # paired some other way
    response = post(as_user(world.mentor1.user), f"/requests/{request.public_id}/accept")
    _assert_error(response, 409, "mentee_full")


def test_reaching_the_maximum_withdraws_the_mentees_other_requests(world, as_user):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    first = _send(world, "mentee1", "mentor1")
    second = _send(world, "mentee1", "mentor2")
    assert (
        post(as_user(world.mentor1.user), f"/requests/{first.public_id}/accept").status_code == 200
    )
    other = as_user(world.mentor2.user).get(f"{API}/requests/{second.public_id}").json()
    assert other["status"] == "withdrawn" and other["closed_reason"] == "mentee_full"
    _assert_error(
        post(as_user(world.mentor2.user), f"/requests/{second.public_id}/accept"),
        409,
        "mentee_full",  # says why, not just that it is closed
    )


def test_requests_are_refused_in_a_selection_round_program(world, as_user):
    world.program.matching_mode = "selection_round"
    world.program.save()
    response = post(as_user(world.mentee1.user), "/requests", {"to": world.mentor1.public_id})
    _assert_error(response, 409, "requests_closed")


def test_the_wrong_person_gets_403(world, as_user):
    request = _send(world)
    mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)
    _assert_error(post(mentee, f"/requests/{request.public_id}/accept"), 403, "not_recipient")
    _assert_error(post(mentee, f"/requests/{request.public_id}/decline"), 403, "not_recipient")
    _assert_error(post(mentor, f"/requests/{request.public_id}/withdraw"), 403, "not_sender")
    _assert_error(post(mentor, f"/requests/{request.public_id}/remind"), 403, "not_sender")
    assert MentorshipRequest.objects.get(pk=request.pk).status == "pending"


@pytest.mark.parametrize("closed_by", ["decline", "withdraw", "accept", "expire"])
def test_a_request_no_longer_pending_is_409_for_every_transition(world, as_user, closed_by):
    request = _send(world)
    mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)
    if closed_by == "expire":
        MentorshipRequest.objects.filter(pk=request.pk).update(status="expired")
    else:
        actor = mentee if closed_by == "withdraw" else mentor
        assert post(actor, f"/requests/{request.public_id}/{closed_by}").status_code == 200
    MentorshipRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    for client, action in (
        (mentor, "accept"),
        (mentor, "decline"),
        (mentee, "withdraw"),
        (mentee, "remind"),
    ):
        _assert_error(post(client, f"/requests/{request.public_id}/{action}"), 409, "not_pending")


# ---------------------------------------------------------------- lists


def test_lists_filter_by_box_and_status_across_programs(world, as_user):
    second = make_program(world.org, actor=world.admin, name="Second Program")
    there = make_participant(second, role="mentor", capacity=1)
    make_participant(second, role="mentee", user=world.mentee1.user)
    pending = _send(world)
    declined = _send(world, "mentee1", "mentor2")
    declined.status = "declined"
    declined.save()
    elsewhere = request_create(user=world.mentee1.user, to=there)
    invite = _send(world, "mentor1", "mentee2")  # not mentee1's
    client = as_user(world.mentee1.user)

    def ids(query):
        response = client.get(f"{API}/requests{query}")
        assert response.status_code == 200, response.content
        return {i["id"] for i in response.json()["items"]}

    assert ids("") == {pending.public_id, declined.public_id, elsewhere.public_id}
    assert ids("?status=pending") == {pending.public_id, elsewhere.public_id}
    assert ids("?box=outgoing&status=declined") == {declined.public_id}
    assert ids("?box=incoming") == set()
    assert invite.public_id in {
        i["id"] for i in as_user(world.mentor1.user).get(f"{API}/requests").json()["items"]
    }
    programs = {i["program"]["name"] for i in client.get(f"{API}/requests").json()["items"]}
    assert programs == {"Story Mentoring", "Second Program"}


@pytest.mark.parametrize(
    "query", ["?box=sideways", "?status=maybe", "?page=abc", "?box=" + "x" * 5000]
)
def test_bad_list_filters_are_422(world, as_user, query):
    _assert_error(as_user(world.mentee1.user).get(f"{API}/requests{query}"), 422, "invalid")


def test_the_list_is_paginated(world, as_user):
    world.program.open_request_cap = 10
    world.program.save()
    for _ in range(3):
        mentor = make_participant(world.program, role="mentor", capacity=1)
        request_create(user=world.mentee1.user, to=mentor)
    body = as_user(world.mentee1.user).get(f"{API}/requests?page=2&page_size=2").json()
    assert body["count"] == 3 and body["pages"] == 2 and body["page"] == 2
    assert len(body["items"]) == 1


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def test_the_list_needs_the_same_number_of_queries_for_2_and_10_requests(world, as_user):
    client = as_user(world.mentor1.user)
    world.mentor1.capacity = 20
    world.mentor1.save()
    mentees = [world.mentee1, world.mentee2] + [
        make_participant(world.program, role="mentee") for _ in range(8)
    ]
    for mentee in mentees[:2]:
        request_create(user=mentee.user, to=world.mentor1)
    client.get(f"{API}/requests")  # warm up (last-active stamp, session)
    few = _count_queries(client, f"{API}/requests")
    for mentee in mentees[2:]:
        request_create(user=mentee.user, to=world.mentor1)
    accepted = MentorshipRequest.objects.filter(mentee=mentees[0]).get()
    accepted.mentorship = make_mentorship(mentor=world.mentor1, mentee=mentees[0])
    accepted.status = "accepted"
    accepted.save()
    many = _count_queries(client, f"{API}/requests")
    assert client.get(f"{API}/requests").json()["count"] == 10
    assert few == many


# ---------------------------------------------------------------- who may do what

PERSONAS = [
    "anonymous",
    "outsider",
    "other_admin",
    "other_participant",
    "admin",
    "sender",
    "recipient",
]

MATRIX = {
    ("GET", "/requests"): [401, 200, 200, 200, 200, 200, 200],
    ("POST", "/requests"): [401, 404, 404, 201, 403, 409, 400],
    ("GET", "/requests/{id}"): [401, 404, 404, 404, 404, 200, 200],
    ("POST", "/requests/{id}/accept"): [401, 404, 404, 404, 404, 403, 200],
    ("POST", "/requests/{id}/decline"): [401, 404, 404, 404, 404, 403, 200],
    ("POST", "/requests/{id}/withdraw"): [401, 404, 404, 404, 404, 200, 403],
    ("POST", "/requests/{id}/remind"): [401, 404, 404, 404, 404, 200, 403],
}


def _persona(world, name):
    return {
        "anonymous": None,
        "outsider": world.outsider.user,
        "other_admin": world.other_admin,
        "other_participant": world.mentee2.user,
        "admin": world.admin,
        "sender": world.mentee1.user,
        "recipient": world.mentor1.user,
    }[name]


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
def test_permission_matrix(world, method, path):
    for persona, expected in zip(PERSONAS, MATRIX[(method, path)], strict=True):
        MentorshipRequest.objects.all().delete()
        Mentorship.objects.all().delete()
        request = _send(world)  # mentee1 → mentor1, a week old so that a reminder is due
        MentorshipRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=8)
        )
        client = Client()
        user = _persona(world, persona)
        if user is not None:
            client.force_login(user)
        body = {"to": world.mentor1.public_id} if path == "/requests" else None
        url = API + path.format(id=request.public_id)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(url, json.dumps(body) if body else "", "application/json")
        assert response.status_code == expected, (persona, method, path, response.content)
        if expected >= 400:
            assert {"detail", "code"} <= set(response.json())


def test_a_blocked_member_no_longer_sees_their_requests(world, as_user):
    request = _send(world)
    world.mentee1.user.memberships.update(is_blocked=True)
    client = as_user(world.mentee1.user)
    assert client.get(f"{API}/requests").json()["count"] == 0
    _assert_error(client.get(f"{API}/requests/{request.public_id}"), 404)
    _assert_error(post(client, f"/requests/{request.public_id}/withdraw"), 404)


# ---------------------------------------------------------------- confidentiality


def test_message_and_decline_reason_are_seen_by_the_two_people_only(world, as_user):
    request = _send(world, message="SECRET-MESSAGE")
    post(
        as_user(world.mentor1.user),
        f"/requests/{request.public_id}/decline",
        {"reason": "SECRET-REASON"},
    )
    for user in (world.mentee1.user, world.mentor1.user):
        text = as_user(user).get(f"{API}/requests").content.decode()
        assert "SECRET-MESSAGE" in text and "SECRET-REASON" in text
    member = make_member(world.org)
    for user in (world.admin, world.mentee2.user, world.mentor2.user, member, world.other_admin):
        client = as_user(user)
        for url in (f"{API}/requests", f"{API}/requests/{request.public_id}", f"{API}/me"):
            text = client.get(url).content.decode()
            assert "SECRET" not in text, (user, url)
        assert client.get(f"{API}/requests/{request.public_id}").status_code == 404


# ---------------------------------------------------------------- hostile input

WRONG_BODIES = [
    b"",
    b"{",
    b"not json",
    b"\xff\xfe\x00garbage",
    b"[]",
    b"123",
    b"null",
    b'"string"',
    b"{}",
    json.dumps({"unknown": 1}).encode(),
    json.dumps({"to": 5}).encode(),
    json.dumps({"to": None}).encode(),
    json.dumps({"to": ["a"]}).encode(),
    json.dumps({"to": {"id": "x"}}).encode(),
    json.dumps({"to": HUGE}).encode(),
    json.dumps({"to": "doesnotexist", "message": HUGE}).encode(),
    json.dumps({"to": "x", "message": 12}).encode(),
    json.dumps({"reason": HUGE}).encode(),
    json.dumps({"reason": ["a"]}).encode(),
    json.dumps({"reason": None}).encode(),
]

ODD_IDS = ["doesnotexist", HUGE, "%00", "..%2F..%2Fetc", "123", "ünïcödé", "'; DROP TABLE x;--"]


def _assert_4xx(response, label):
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"], label
    assert isinstance(body["code"], str) and body["code"], label


def test_wrong_bodies_are_4xx_never_500(world, as_user):
    request = _send(world)
    mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)
    targets = [
        (mentee, "/requests"),
        (mentor, f"/requests/{request.public_id}/decline"),
    ]
    for client, path in targets:
        for body in WRONG_BODIES:
            response = client.post(API + path, body, content_type="application/json")
            if path.endswith("/decline") and body in (b"", b"{}"):
                continue  # an empty decline is allowed; the next ones find it declined (409)
            _assert_4xx(response, (path, body[:60]))
    assert MentorshipRequest.objects.filter(message__startswith="xxx").count() == 0


def test_odd_and_foreign_ids_are_404(world, as_user):
    foreign = make_participant(world.other_program, role="mentor", capacity=2)
    theirs = request_create(user=world.outsider.user, to=foreign)
    client = as_user(world.mentor1.user)
    for odd in [*ODD_IDS, theirs.public_id]:
        for action in ("", "/accept", "/decline", "/withdraw", "/remind"):
            if action:
                response = post(client, f"/requests/{odd}{action}")
            else:
                response = client.get(f"{API}/requests/{odd}")
            _assert_4xx(response, (odd[:20], action))
            assert response.status_code in (404, 405), (odd[:20], action, response.status_code)
        response = post(client, "/requests", {"to": odd if len(odd) <= 64 else odd[:64]})
        _assert_4xx(response, odd[:20])
    assert post(client, "/requests", {"to": foreign.public_id}).status_code == 404
    assert MentorshipRequest.objects.get(pk=theirs.pk).status == "pending"


def test_other_content_types_are_refused(world, as_user):
    client = as_user(world.mentee1.user)
    response = client.post(f"{API}/requests", {"to": world.mentor1.public_id})  # multipart
    _assert_4xx(response, "multipart")
    response = client.generic(
        "POST", f"{API}/requests", f"to={world.mentor1.public_id}", "text/plain"
    )
    _assert_4xx(response, "text/plain")


def test_a_token_needs_no_csrf_and_a_session_does(world):
    _token, raw = ApiToken.issue(user=world.mentee1.user)
    client = Client(enforce_csrf_checks=True)
    body = json.dumps({"to": world.mentor1.public_id})
    response = client.post(
        f"{API}/requests", body, "application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 201
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.mentor1.user)
    url = f"{API}/requests/{response.json()['id']}/accept"
    _assert_error(session.post(url, "", "application/json"), 403, "csrf_failed")
    assert MentorshipRequest.objects.get().status == "pending"


def test_an_unanswered_request_expires_day_by_day_and_then_refuses_answers(
    world, as_user, time_machine
):
    from mentorwise.mentorships.sweeps import expire_pending_requests

    start = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    time_machine.move_to(start)
    request = _send(world)
    mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)
    expires = mentee.get(f"{API}/requests/{request.public_id}").json()["expires_at"]
    assert datetime.datetime.fromisoformat(expires) == start + datetime.timedelta(days=14)
    for day in range(1, 15):
        now = start + datetime.timedelta(days=day)
        time_machine.move_to(now)
        expire_pending_requests(now)
        mentee, mentor = as_user(world.mentee1.user), as_user(world.mentor1.user)  # fresh sessions
        status = mentee.get(f"{API}/requests/{request.public_id}").json()["status"]
        assert status == ("expired" if day >= 14 else "pending"), day
    body = mentee.get(f"{API}/requests?status=expired").json()["items"][0]
    assert body["closed_reason"] == "expired" and body["expires_at"] is None
    _assert_error(post(mentor, f"/requests/{request.public_id}/accept"), 409, "not_pending")
