"""The pulse: "How is it going?" once the pair has logged a meeting, then every 60 days, private to
whoever answers; a low answer from the mentee offers a quiet request for a new match, of which
the administrators learn only that it was made (never the score or the comment)."""

import datetime

import pytest

from mentorwise.accounts.models import User
from mentorwise.conversations.models import CheckIn, RematchRequest
from mentorwise.conversations.services import checkin_record, rematch_request
from mentorwise.meetings.services import meeting_cancel, meeting_log, meeting_plan
from mentorwise.mentorships.models import Mentorship
from mentorwise.notifications.models import Notification, OutboxEmail
from mentorwise.profiles.models import Profile
from mentorwise.workspace.pulse import checkin_due
from tests.api_helpers import assert_error, post
from tests.factories import make_mentorship
from tests.privacy import client_as

START = datetime.datetime(2026, 3, 2, 17, tzinfo=datetime.UTC)
COMMENT = "We keep cancelling and I feel unheard"


@pytest.fixture
def pair(world, time_machine):
    """Maya mentors Lee from 2 March 2026; Omar and Ana are another pair."""
    time_machine.move_to(START)
    make_mentorship(mentor=world.mentor2, mentee=world.mentee2)
    return make_mentorship(mentor=world.mentor1, mentee=world.mentee1)


def day(n: int) -> datetime.date:
    return START.date() + datetime.timedelta(days=n)


def at_day(time_machine, n: int) -> None:
    time_machine.move_to(START + datetime.timedelta(days=n))


# ---------------------------------------------------------------------------- when it is due


def log_meeting(pair, user, n: int, hour: int = 17) -> None:
    """The pair logs a meeting held on day `n` (at `hour` UTC), as of that evening."""
    starts = START.replace(hour=hour) + datetime.timedelta(days=n)
    meeting_log(
        mentorship=pair,
        user=user,
        starts_at=starts,
        duration_minutes=45,
        now=starts + datetime.timedelta(hours=2),
    )


def test_not_asked_before_the_first_logged_meeting(world, pair):
    lee = world.mentee1.user
    for n in (0, 14, 30, 120):
        assert not checkin_due(pair, lee, today=day(n))


def test_first_asked_from_the_day_of_the_first_logged_meeting(world, pair):
    lee = world.mentee1.user
    log_meeting(pair, lee, 5)
    assert not checkin_due(pair, lee, today=day(4))
    assert checkin_due(pair, lee, today=day(5))
    assert checkin_due(pair, world.mentor1.user, today=day(30))  # both are asked


def test_a_planned_or_cancelled_meeting_does_not_count(world, pair, time_machine):
    lee = world.mentee1.user
    meeting = meeting_plan(
        mentorship=pair,
        user=lee,
        starts_at=START + datetime.timedelta(days=3),
        duration_minutes=30,
    )
    assert not checkin_due(pair, lee, today=day(10))
    meeting_cancel(meeting=meeting, user=lee)
    assert not checkin_due(pair, lee, today=day(10))


def test_the_first_logged_meeting_day_is_read_in_the_members_zone(world, pair):
    lee = world.mentee1.user
    # Auckland is UTC+13 in March: 17:00 UTC there is already the next day
    Profile.objects.filter(user=lee).update(time_zone="Pacific/Auckland")
    lee = User.objects.get(pk=lee.pk)
    log_meeting(pair, world.mentor1.user, 5)
    assert not checkin_due(pair, lee, today=day(5))
    assert checkin_due(pair, lee, today=day(6))


def test_asked_again_sixty_days_after_the_last_answer(world, pair, time_machine):
    lee = world.mentee1.user
    log_meeting(pair, lee, 10)
    at_day(time_machine, 20)
    checkin_record(mentorship=pair, user=lee, score=3)
    assert not checkin_due(pair, lee, today=day(20))
    assert not checkin_due(pair, lee, today=day(79))
    assert checkin_due(pair, lee, today=day(80))
    assert checkin_due(pair, world.mentor1.user, today=day(20))  # each member has their own clock


def test_never_asked_in_an_ended_mentorship_nor_of_someone_else(world, pair):
    log_meeting(pair, world.mentee1.user, 5)
    assert not checkin_due(pair, world.mentee2.user, today=day(30))
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.COMPLETED)
    pair.refresh_from_db()
    assert not checkin_due(pair, world.mentee1.user, today=day(30))


def test_the_panel_asks_after_the_first_logged_meeting_with_four_labelled_choices(
    world, pair, as_user, time_machine
):
    at_day(time_machine, 30)
    lee = as_user(world.mentee1.user)
    detail = f"/mentorships/{pair.public_id}/"
    first = lee.get(detail)
    assert first.status_code == 200
    assert "How is it going?" not in first.content.decode()  # 30 days in, no meeting yet
    log_meeting(pair, world.mentor1.user, 29)
    page = lee.get(detail).content.decode()
    assert "How is it going?" in page
    for label in ["1 — Not well", "2 — Could be better", "3 — Well", "4 — Very well"]:
        assert label in page
    assert page.count('type="radio" name="score"') == 4


def test_the_api_says_when_the_check_in_is_due(world, pair, as_user, time_machine):
    at_day(time_machine, 30)
    lee = as_user(world.mentee1.user)
    path = f"/api/v1/mentorships/{pair.public_id}"
    assert lee.get(path).json()["checkin_due"] is False
    log_meeting(pair, world.mentor1.user, 29)
    assert lee.get(path).json()["checkin_due"] is True
    post(lee, f"/mentorships/{pair.public_id}/checkins", {"score": 3})
    assert lee.get(path).json()["checkin_due"] is False


# ------------------------------------------------------------------------------- answering


def test_answering_well_thanks_and_stops_asking(world, pair, as_user, time_machine):
    at_day(time_machine, 15)
    maya = as_user(world.mentor1.user)
    response = maya.post(
        f"/mentorships/{pair.public_id}/checkin/", {"score": "3", "comment": "Good rhythm"}
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"/mentorships/{pair.public_id}/"
    )
    assert CheckIn.objects.get().score == 3
    assert "How is it going?" not in maya.get(f"/mentorships/{pair.public_id}/").content.decode()


def test_a_check_in_without_a_score_comes_back_with_the_comment_kept(world, pair, as_user):
    response = as_user(world.mentee1.user).post(
        f"/mentorships/{pair.public_id}/checkin/", {"comment": "Kept words"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose how it is going" in page and "Kept words" in page
    assert not CheckIn.objects.exists()


def test_a_low_answer_from_the_mentor_offers_nothing(world, pair, as_user):
    response = as_user(world.mentor1.user).post(
        f"/mentorships/{pair.public_id}/checkin/", {"score": "1"}
    )
    assert response["Location"].endswith(f"/mentorships/{pair.public_id}/")


def test_a_low_answer_from_the_mentee_offers_a_quiet_rematch(world, pair, as_user, time_machine):
    at_day(time_machine, 15)
    lee = as_user(world.mentee1.user)
    response = lee.post(
        f"/mentorships/{pair.public_id}/checkin/", {"score": "2", "comment": COMMENT}
    )
    assert response["Location"].endswith(f"/mentorships/{pair.public_id}/new-match/")
    offer = lee.get(response["Location"]).content.decode()
    assert "Ask the program for a new match" in offer and 'method="post"' in offer
    assert not RematchRequest.objects.exists()  # nothing happens until she confirms

    done = lee.post(f"/mentorships/{pair.public_id}/new-match/")
    assert done.status_code == 302
    rematch = RematchRequest.objects.get()
    assert rematch.mentee == world.mentee1.user and rematch.handled_at is None

    email = OutboxEmail.objects.get(kind="rematch_requested")
    assert email.to_email == world.admin.email
    link = f"/manage/mentorships/{pair.public_id}/"
    for part in (email.body_text, email.body_html):
        assert "Lee Mentee" in part and "Story Mentoring" in part and link in part
    for part in (email.subject, email.body_text, email.body_html):
        assert COMMENT not in part and "unheard" not in part
        assert "score" not in part.lower() and "Could be better" not in part
    notice = Notification.objects.get(kind="rematch_requested")
    assert "unheard" not in notice.title + notice.body
    # the mentor is not told
    assert not Notification.objects.filter(user=world.mentor1.user).exists()
    assert not OutboxEmail.objects.filter(to_email=world.mentor1.user.email).exists()


def test_administrators_see_that_a_rematch_was_asked_for_and_nothing_else(
    world, pair, as_user, time_machine
):
    at_day(time_machine, 20)
    checkin_record(mentorship=pair, user=world.mentee1.user, score=1, comment=COMMENT)
    rematch_request(mentorship=pair, user=world.mentee1.user)
    page = as_user(world.admin).get(f"/manage/mentorships/{pair.public_id}/").content.decode()
    assert "Re-match asked for on 22 March 2026" in page
    assert COMMENT not in page and "unheard" not in page and "Not well" not in page
    other = as_user(world.other_admin).get(f"/manage/mentorships/{pair.public_id}/")
    assert other.status_code == 404


def test_only_the_mentee_asks_for_a_new_match_and_only_once(world, pair, as_user):
    assert (
        as_user(world.mentor1.user).get(f"/mentorships/{pair.public_id}/new-match/").status_code
        == 403
    )
    assert (
        as_user(world.mentor1.user).post(f"/mentorships/{pair.public_id}/new-match/").status_code
        == 403
    )
    lee = as_user(world.mentee1.user)
    lee.post(f"/mentorships/{pair.public_id}/new-match/")
    again = lee.get(f"/mentorships/{pair.public_id}/new-match/").content.decode()
    assert "You asked the program for a new match on" in again
    lee.post(f"/mentorships/{pair.public_id}/new-match/")
    assert RematchRequest.objects.count() == 1
    assert OutboxEmail.objects.filter(kind="rematch_requested").count() == 1


def test_the_partner_never_sees_the_answer(world, pair, as_user, time_machine):
    at_day(time_machine, 15)
    checkin_record(mentorship=pair, user=world.mentee1.user, score=1, comment=COMMENT)
    for path in ["", "messages/"]:
        page = as_user(world.mentor1.user).get(f"/mentorships/{pair.public_id}/{path}")
        assert COMMENT not in page.content.decode()


# ----------------------------------------------------------------------------------- the API


def test_api_records_a_check_in(world, pair, as_user):
    response = post(
        as_user(world.mentee1.user),
        f"/mentorships/{pair.public_id}/checkins",
        {"score": 4, "comment": "Going great"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["score"] == 4 and body["comment"] == "Going great" and body["id"]
    assert body["rematch_offered"] is False
    low = post(as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/checkins", {"score": 1})
    assert low.json()["rematch_offered"] is True


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"score": 0}, 400),
        ({"score": 5}, 400),
        ({"score": -1}, 400),
        ({"score": 3, "comment": "x" * 1001}, 400),
        ({"score": "very"}, 422),
        ({"comment": "no score"}, 422),
    ],
)
def test_api_refuses_a_score_outside_one_to_four(world, pair, as_user, payload, status):
    response = post(as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/checkins", payload)
    assert assert_error(response, status).get("errors")
    assert not CheckIn.objects.exists()


def test_api_refuses_a_check_in_on_an_ended_mentorship(world, pair, as_user):
    Mentorship.objects.filter(pk=pair.pk).update(status=Mentorship.Status.ENDED_EARLY)
    response = post(
        as_user(world.mentee1.user), f"/mentorships/{pair.public_id}/checkins", {"score": 3}
    )
    assert_error(response, 409, "not_open")


# ------------------------------------------------------------------------- the privacy gate

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


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_checks_in_through_the_api(world, pair, role):
    response = post(client_as(world, role), f"/mentorships/{pair.public_id}/checkins", {"score": 2})
    assert response.status_code == {**API_STATUS, "pair": 201}[role]
    assert CheckIn.objects.exists() is (role == "pair")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["checkin/", "new-match/"])
def test_only_the_pair_opens_the_pulse_pages(world, pair, role, path):
    response = client_as(world, role).get(f"/mentorships/{pair.public_id}/{path}")
    assert response.status_code == PAGE_STATUS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_mentee_of_the_pair_can_ask_for_a_new_match(world, pair, role):
    response = client_as(world, role).post(f"/mentorships/{pair.public_id}/new-match/")
    assert response.status_code == {**PAGE_STATUS, "pair": 302}[role]
    assert RematchRequest.objects.exists() is (role == "pair")
