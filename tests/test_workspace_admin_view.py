"""Administrators see that a pair works — counts and dates — never what the pair wrote."""

import datetime as dt
from html import unescape

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentorwise.agreements.services import agreement_confirm, agreement_save
from mentorwise.conversations.services import message_post
from mentorwise.goals.services import goal_create
from mentorwise.meetings.services import meeting_log
from tests.factories import make_mentorship

SECRETS = ("SECRET-AGREEMENT", "SECRET-GOAL", "SECRET-MEASURE", "SECRET-NOTES", "SECRET-MESSAGE")


def test_the_administrators_page_shows_counts_and_dates_only(world, as_user):
    pair = make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    lee = world.mentee1.user
    agreement_save(mentorship=pair, user=lee, values={"out_of_bounds": SECRETS[0]})
    agreement_confirm(mentorship=pair, user=lee)
    agreement_confirm(mentorship=pair, user=world.mentor1.user)
    goal_create(
        mentorship=pair,
        user=lee,
        title=SECRETS[1],
        measure=SECRETS[2],
        due_on=dt.date.today() + dt.timedelta(days=30),
    )
    meeting_log(
        mentorship=pair,
        user=lee,
        starts_at=timezone.now() - dt.timedelta(days=1),
        duration_minutes=90,
        topics=["SECRET-TOPIC"],
        notes=SECRETS[3],
    )
    message_post(mentorship=pair, user=lee, body=SECRETS[4])
    admin = as_user(world.admin)
    with CaptureQueriesContext(connection) as queries:
        page = unescape(admin.get(f"/manage/mentorships/{pair.public_id}/").content.decode())
    assert "Workspace activity" in page
    assert "Confirmed by both" in page
    assert "1 goal, 0 achieved" in page
    assert "1 meeting, 1.5 h" in page
    for secret in (*SECRETS, "SECRET-TOPIC"):
        assert secret not in page
    workspace_sql = [
        q["sql"]
        for q in queries.captured_queries
        if any(t in q["sql"] for t in ('"goals_goal"', '"meetings_meeting"', '"agreements_'))
    ]
    assert workspace_sql
    for sql in workspace_sql:  # no content column is even read
        for column in (
            '"title"',
            '"measure"',
            '"notes"',
            '"agenda"',
            '"out_of_bounds"',
            '"topics"',
        ):
            assert column not in sql, sql
