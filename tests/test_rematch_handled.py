"""Administrators mark a mentee's request for a new match handled — on the mentorship's page in
the administration area, or through the API — and who handled it, and when, is recorded and
audited. They still learn only that it was asked for: never the score, the comment or a
message."""

import datetime

import pytest

from mentorwise.conversations.models import RematchRequest
from mentorwise.conversations.services import checkin_record, message_post, rematch_request
from mentorwise.core.models import AuditEntry
from tests.api_helpers import assert_error, post
from tests.factories import make_mentorship

START = datetime.datetime(2026, 3, 2, 17, tzinfo=datetime.UTC)
COMMENT = "We keep cancelling and I feel unheard"
MESSAGE = "Can we talk about the schedule?"


@pytest.fixture
def asked(world, time_machine):
    """Lee answered 1 and asked for a new match on 20 March 2026."""
    time_machine.move_to(START)
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    message_post(mentorship=pair, user=world.mentee1.user, body=MESSAGE)
    time_machine.move_to(START + datetime.timedelta(days=18))
    checkin_record(mentorship=pair, user=world.mentee1.user, score=1, comment=COMMENT)
    rematch = rematch_request(mentorship=pair, user=world.mentee1.user)
    return pair, rematch


def test_an_administrator_marks_it_handled_on_the_mentorships_page(world, asked, as_user):
    pair, rematch = asked
    ada = as_user(world.admin)
    page = ada.get(f"/manage/mentorships/{pair.public_id}/").content.decode()
    assert "Re-match asked for on 20 March 2026" in page and "Mark handled" in page
    action = f"/manage/rematch-requests/{rematch.public_id}/handle/"
    assert f'action="{action}"' in page

    response = ada.post(action, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lee Mentee for a new match is marked handled" in page
    assert "handled on 20 March 2026 by Ada Admin" in page
    assert "Mark handled" not in page
    for words in (COMMENT, "unheard", MESSAGE, "Not well"):
        assert words not in page

    rematch.refresh_from_db()
    assert rematch.handled_by == world.admin and rematch.handled_at is not None
    entry = AuditEntry.objects.get(action="rematch.handle")
    assert entry.actor == world.admin and entry.target_id == rematch.public_id
    assert entry.organization_id == world.org.pk
    assert COMMENT not in str(entry.data)


def test_marking_it_twice_says_so(world, asked, as_user):
    _pair, rematch = asked
    ada = as_user(world.admin)
    ada.post(f"/manage/rematch-requests/{rematch.public_id}/handle/")
    again = ada.post(f"/manage/rematch-requests/{rematch.public_id}/handle/", follow=True)
    assert "already marked handled" in again.content.decode()
    assert AuditEntry.objects.filter(action="rematch.handle").count() == 1


def test_only_the_organizations_administrators_can_mark_it(world, asked, as_user):
    _pair, rematch = asked
    path = f"/manage/rematch-requests/{rematch.public_id}/handle/"
    assert as_user(world.other_admin).post(path).status_code == 404
    assert as_user(world.mentor2.user).post(path).status_code == 403
    assert as_user(world.mentee1.user).post(path).status_code == 403
    assert as_user(world.admin).get(path).status_code == 405
    rematch.refresh_from_db()
    assert rematch.handled_at is None


def test_once_handled_the_mentee_may_ask_again(world, asked, as_user):
    pair, rematch = asked
    as_user(world.admin).post(f"/manage/rematch-requests/{rematch.public_id}/handle/")
    rematch_request(mentorship=pair, user=world.mentee1.user)
    assert RematchRequest.objects.filter(handled_at__isnull=True).count() == 1
    page = as_user(world.admin).get(f"/manage/mentorships/{pair.public_id}/").content.decode()
    assert page.count("Re-match asked for on") == 2 and page.count("Mark handled") == 1


# ----------------------------------------------------------------------------------- the API


def test_api_lists_the_programs_requests_for_administrators(world, asked, as_user):
    pair, rematch = asked
    ada = as_user(world.admin)
    response = ada.get(f"/api/v1/programs/{world.program.public_id}/rematch-requests")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["pages"] == 1
    (item,) = body["items"]
    assert item["id"] == rematch.public_id and item["mentorship_id"] == pair.public_id
    assert item["mentee"]["name"] == "Lee Mentee" and item["mentor"]["name"] == "Maya Mentor"
    assert item["handled"] is False and item["handled_at"] is None and item["handled_by"] is None
    assert item["created_at"].startswith("2026-03-20")
    text = response.content.decode()
    for words in (COMMENT, "unheard", MESSAGE, "score", "comment"):
        assert words not in text
    handled = ada.get(f"/api/v1/programs/{world.program.public_id}/rematch-requests?status=handled")
    assert handled.json()["count"] == 0
    assert (
        ada.get(
            f"/api/v1/programs/{world.program.public_id}/rematch-requests?status=bogus"
        ).status_code
        == 422
    )


def test_api_marks_it_handled_once(world, asked, as_user):
    _pair, rematch = asked
    ada = as_user(world.admin)
    response = post(ada, f"/rematch-requests/{rematch.public_id}/handle")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["handled"] is True and body["handled_at"]
    assert body["handled_by"] == {"id": world.admin.public_id, "name": "Ada Admin"}
    assert_error(post(ada, f"/rematch-requests/{rematch.public_id}/handle"), 409, "already_handled")
    listed = ada.get(f"/api/v1/programs/{world.program.public_id}/rematch-requests?status=open")
    assert listed.json()["count"] == 0
    assert AuditEntry.objects.filter(action="rematch.handle").count() == 1


def test_api_is_for_the_organizations_administrators_only(world, asked, as_user):
    _pair, rematch = asked
    program = world.program.public_id
    for user, status in ((world.other_admin, 404), (world.mentor1.user, 403)):
        client = as_user(user)
        assert client.get(f"/api/v1/programs/{program}/rematch-requests").status_code == status
        assert post(client, f"/rematch-requests/{rematch.public_id}/handle").status_code == status
    assert post(as_user(world.admin), "/rematch-requests/nosuchid/handle").status_code == 404
    rematch.refresh_from_db()
    assert rematch.handled_at is None
