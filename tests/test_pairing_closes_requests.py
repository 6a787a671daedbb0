"""However two people are paired — a match run or a round published by an administrator, a pair
added by hand, another request accepted — the requests still waiting between them are closed and
their senders told, instead of staying pending until an accept says they already work together."""

import pytest
from django.core import mail
from django.urls import reverse

from mentorwise.matching.models import MatchRun
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.notifications.models import Notification
from tests.api_helpers import assert_error, post
from tests.factories import make_participant, make_program

pytestmark = pytest.mark.django_db


def _ask(client, participant, message="Could you help me with my storyboards?"):
    response = client.post(
        reverse("mentorships:request-create", args=[participant.public_id]),
        {"message": message},
    )
    assert response.status_code == 302
    return MentorshipRequest.objects.get(mentor=participant, status="pending")


def test_publishing_a_run_closes_the_request_between_the_pair_and_tells_the_sender(
    world, as_user, delivered
):
    world.program.max_mentors_per_mentee = 2  # room for a second mentor after this pair
    world.program.save()
    mentee = as_user(world.mentee1.user)
    with delivered():
        waiting = _ask(mentee, world.mentor1)
    admin = as_user(world.admin)
    with delivered():
        admin.post(reverse("manage:run-create", args=[world.program.public_id]))
    run = MatchRun.objects.get()
    if not run.proposals.filter(mentee=world.mentee1, mentor=world.mentor1).exists():
        admin.post(  # the administrator's hand-made pair
            reverse("manage:proposal-add", args=[run.public_id]),
            {"mentee": world.mentee1.public_id, "mentor": world.mentor1.public_id},
        )
    mail.outbox.clear()
    with delivered():
        admin.post(reverse("manage:run-publish", args=[run.public_id]))
    mentorship = Mentorship.objects.get(mentee=world.mentee1, mentor=world.mentor1)

    waiting.refresh_from_db()
    assert (waiting.status, waiting.closed_reason) == ("withdrawn", "paired")
    told = Notification.objects.get(user=world.mentee1.user, kind="request_auto_withdrawn")
    assert "Maya Mentor" in told.title + told.body
    sent = [m for m in mail.outbox if "request is closed" in m.subject]
    assert len(sent) == 1 and sent[0].to == [world.mentee1.user.email]
    text, html = sent[0].body, sent[0].alternatives[0][0]
    for body in (text, html):
        assert "You and Maya Mentor now have a mentorship together in Story Mentoring" in body
        assert mentorship.public_id in body

    # The mentor no longer sees it waiting; answering it says why, and nothing breaks.
    accept = reverse("mentorships:request-accept", args=[waiting.public_id])
    assert accept not in _waiting_for(as_user(world.mentor1.user))
    response = as_user(world.mentor1.user).post(accept, follow=True)
    assert "already have a mentorship together, so this request was closed" in (
        response.content.decode()
    )
    assert Mentorship.objects.filter(mentee=world.mentee1, mentor=world.mentor1).count() == 1
    mine = as_user(world.mentee1.user).get(reverse("mentorships:mine")).content.decode()
    assert "you were paired with each other" in mine


def _waiting_for(client) -> str:
    page = client.get(reverse("mentorships:mine")).content.decode()
    return page.split("Past requests", 1)[0]


def test_accepting_a_request_in_one_program_closes_the_pairs_request_in_another(
    world, as_user, delivered
):
    second = make_program(world.org, actor=world.admin, name="Leadership circle")
    mentor_there = make_participant(second, role="mentor", user=world.mentor1.user, capacity=2)
    mentee_there = make_participant(second, role="mentee", user=world.mentee1.user)
    mentee = as_user(world.mentee1.user)
    with delivered():
        here = _ask(mentee, world.mentor1)
        there = _ask(mentee, mentor_there)
    with delivered():
        response = post(as_user(world.mentor1.user), f"/requests/{there.public_id}/accept")
    assert response.status_code == 200, response.content
    assert Mentorship.objects.filter(mentee=mentee_there, mentor=mentor_there).exists()

    here.refresh_from_db()
    there.refresh_from_db()
    assert there.status == "accepted"
    assert (here.status, here.closed_reason) == ("withdrawn", "paired")
    body = assert_error(
        post(as_user(world.mentor1.user), f"/requests/{here.public_id}/accept"),
        409,
        "already_paired",
    )
    assert "already have a mentorship together" in body["detail"]
