"""The request and mentorship rules, through the service functions."""

import datetime

import pytest
from django.core import mail

from mentorwise.core.errors import Conflict, NotAllowed, ValidationFailed
from mentorwise.mentorships.models import Mentorship, MentorshipRequest
from mentorwise.mentorships.services import (
    mentorship_end,
    mentorship_extend,
    request_accept,
    request_create,
    request_decline,
    request_remind,
    request_withdraw,
)
from mentorwise.notifications.delivery import deliver_due
from mentorwise.notifications.models import Notification, OutboxEmail
from tests.factories import make_member, make_participant, make_user

pytestmark = pytest.mark.django_db


def test_mentee_requests_mentor_and_mentor_is_told(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        request = request_create(user=world.mentee1.user, to=world.mentor1, message="Hello!")
    assert request.status == "pending"
    assert request.sender == world.mentee1
    assert Notification.objects.filter(user=world.mentor1.user, kind="request_received").exists()
    sent = [m for m in mail.outbox if world.mentor1.user.email in m.to]
    assert len(sent) == 1
    assert "Lee Mentee" in sent[0].subject
    assert "Hello!" in sent[0].body
    assert "Story Mentoring" in sent[0].body
    html = sent[0].alternatives[0][0]
    assert "Hello!" in html and "Story Mentoring" in html
    assert OutboxEmail.objects.get(to_email=world.mentor1.user.email).status == "sent"


def test_accept_creates_mentorship_with_planned_end(world):
    request = request_create(user=world.mentee1.user, to=world.mentor1)
    mentorship = request_accept(request=request, user=world.mentor1.user)
    assert mentorship.mentor == world.mentor1 and mentorship.mentee == world.mentee1
    assert mentorship.planned_end_on.month == (mentorship.started_on.month + 5) % 12 + 1
    request.refresh_from_db()
    assert request.status == "accepted" and request.mentorship == mentorship
    kinds = set(Notification.objects.values_list("user__email", "kind"))
    assert (world.mentor1.user.email, "mentorship_started") in kinds
    assert (world.mentee1.user.email, "mentorship_started") in kinds


@pytest.mark.parametrize(
    ("who", "to", "error"),
    [
        ("mentee1", "mentee2", NotAllowed),  # a mentee cannot invite a mentee
        ("mentor1", "mentor2", NotAllowed),  # nor a mentor a mentor
    ],
)
def test_direction_follows_roles(world, who, to, error):
    with pytest.raises(error):
        request_create(user=getattr(world, who).user, to=getattr(world, to))


def test_request_to_oneself_is_refused(world):
    both = make_participant(world.program, role="mentor", user=world.mentee1.user)
    with pytest.raises(ValidationFailed):
        request_create(user=world.mentee1.user, to=both)


def test_duplicate_pending_request_is_refused(world):
    request_create(user=world.mentee1.user, to=world.mentor1)
    with pytest.raises(Conflict) as exc:
        request_create(user=world.mentee1.user, to=world.mentor1)
    assert exc.value.code == "duplicate"
    with pytest.raises(Conflict):
        request_create(user=world.mentor1.user, to=world.mentee1)


def test_open_request_cap(world):
    world.program.open_request_cap = 2
    world.program.save()
    extra = make_participant(world.program, role="mentor", capacity=1)
    request_create(user=world.mentee1.user, to=world.mentor1)
    request_create(user=world.mentee1.user, to=world.mentor2)
    with pytest.raises(Conflict) as exc:
        request_create(user=world.mentee1.user, to=extra)
    assert exc.value.code == "open_request_cap"


def test_outsider_and_released_people_cannot_be_requested(world):
    from mentorwise.profiles.services import participant_set_status

    with pytest.raises(NotAllowed):
        request_create(user=world.mentee1.user, to=world.outsider)
    participant_set_status(participant=world.mentor2, status="released", actor=world.admin)
    with pytest.raises(Conflict):
        request_create(user=world.mentee1.user, to=world.mentor2)


def test_reaching_max_mentors_withdraws_other_requests(world):
    world.program.max_mentors_per_mentee = 1
    world.program.save()
    first = request_create(user=world.mentee1.user, to=world.mentor1)
    second = request_create(user=world.mentee1.user, to=world.mentor2)
    request_accept(request=first, user=world.mentor1.user)
    second.refresh_from_db()
    assert second.status == "withdrawn" and second.closed_reason == "mentee_full"
    assert Notification.objects.filter(
        user=world.mentor2.user, kind="request_auto_withdrawn"
    ).exists()


def test_accept_checks_mentor_capacity_at_that_moment(world):
    other = make_participant(world.program, role="mentee")
    first = request_create(user=world.mentee1.user, to=world.mentor2)  # capacity 1
    second = request_create(user=other.user, to=world.mentor2)
    request_accept(request=first, user=world.mentor2.user)
    with pytest.raises(Conflict) as exc:
        request_accept(request=second, user=world.mentor2.user)
    assert exc.value.code == "mentor_full"


def test_only_recipient_accepts_or_declines_and_only_sender_withdraws(world):
    request = request_create(user=world.mentee1.user, to=world.mentor1)
    with pytest.raises(NotAllowed):
        request_accept(request=request, user=world.mentee1.user)
    with pytest.raises(NotAllowed):
        request_decline(request=request, user=world.mentor2.user)
    with pytest.raises(NotAllowed):
        request_withdraw(request=request, user=world.mentor1.user)
    request_decline(request=request, user=world.mentor1.user, reason="Full this spring")
    with pytest.raises(Conflict):
        request_accept(request=request, user=world.mentor1.user)
    with pytest.raises(Conflict):
        request_withdraw(request=request, user=world.mentee1.user)


def test_reminder_only_after_delay_and_once_per_delay(world, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC))
    request = request_create(user=world.mentee1.user, to=world.mentor1)
    with pytest.raises(Conflict) as exc:
        request_remind(request=request, user=world.mentee1.user)
    assert exc.value.code == "too_soon"
    time_machine.move_to(datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC))
    request_remind(request=request, user=world.mentee1.user)
    with pytest.raises(Conflict):
        request_remind(request=request, user=world.mentee1.user)
    time_machine.move_to(datetime.datetime(2026, 3, 16, 9, 1, tzinfo=datetime.UTC))
    request_remind(request=request, user=world.mentee1.user)


def test_ending_frees_the_mentor_place(world):
    request = request_create(user=world.mentee1.user, to=world.mentor2)
    mentorship = request_accept(request=request, user=world.mentor2.user)
    with pytest.raises(Conflict):
        request_create(user=world.mentee2.user, to=world.mentor2)
    with pytest.raises(ValidationFailed):
        mentorship_end(
            mentorship=mentorship, user=world.mentee1.user, outcome="ended_early", confirm=True
        )  # a reason is needed
    with pytest.raises(ValidationFailed):
        mentorship_end(mentorship=mentorship, user=world.mentee1.user, outcome="completed")
    mentorship_end(
        mentorship=mentorship,
        user=world.mentee1.user,
        outcome="completed",
        confirm=True,
        feedback="Great mentor",
    )
    assert Mentorship.objects.get(pk=mentorship.pk).status == "completed"
    request_create(user=world.mentee2.user, to=world.mentor2)


def test_outsider_cannot_end_or_extend(world):
    mentorship = request_accept(
        request=request_create(user=world.mentee1.user, to=world.mentor1), user=world.mentor1.user
    )
    stranger = make_member(world.org, make_user())
    with pytest.raises(NotAllowed):
        mentorship_end(mentorship=mentorship, user=stranger, outcome="completed", confirm=True)
    with pytest.raises(NotAllowed):
        mentorship_extend(
            mentorship=mentorship,
            user=world.mentee2.user,
            until=mentorship.planned_end_on + datetime.timedelta(days=30),
        )
    mentorship_extend(
        mentorship=mentorship,
        user=world.admin,
        until=mentorship.planned_end_on + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationFailed):
        mentorship_extend(
            mentorship=mentorship,
            user=world.mentee1.user,
            until=mentorship.started_on + datetime.timedelta(days=800),
        )


def test_failed_delivery_is_retried_later(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.test_requests_services.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        request_create(user=world.mentee1.user, to=world.mentor1)
    email = OutboxEmail.objects.get()
    assert email.status == "queued" and email.attempts == 1 and "refused" in email.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.utils import timezone

    assert deliver_due(timezone.now()) == 0  # not due yet (back-off)
    assert deliver_due(timezone.now() + datetime.timedelta(minutes=2)) == 1
    email.refresh_from_db()
    assert email.status == "sent"
    assert MentorshipRequest.objects.count() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("refused")


def test_blocking_refuses_admins_and_repeats(world):
    from mentorwise.mentorships.services import participant_block

    admin_as_mentor = make_participant(world.program, role="mentor", user=world.admin, capacity=1)
    other_admin = make_user()
    from mentorwise.organizations.models import Membership

    Membership.objects.create(organization=world.org, user=other_admin, role="admin")
    with pytest.raises(ValidationFailed):
        participant_block(participant=admin_as_mentor, user=world.admin)
    assert admin_as_mentor.user == world.admin
    with pytest.raises(Conflict) as exc:
        participant_block(participant=admin_as_mentor, user=other_admin)
    assert exc.value.code == "is_admin"
    participant_block(participant=world.mentee2, user=world.admin)
    with pytest.raises(Conflict) as exc:
        participant_block(participant=world.mentee2, user=world.admin)
    assert exc.value.code == "unchanged"
    participant_block(participant=world.mentee2, user=world.admin, blocked=False)


def test_concern_mentorship_must_involve_the_subject(world):
    from mentorwise.mentorships.services import concern_report

    mentorship = request_accept(
        request=request_create(user=world.mentee1.user, to=world.mentor1), user=world.mentor1.user
    )
    with pytest.raises(ValidationFailed) as exc:
        concern_report(
            user=world.mentee1.user, subject=world.mentor2, text="x", mentorship=mentorship
        )
    assert exc.value.field == "mentorship"
    concern_report(user=world.mentee1.user, subject=world.mentor1, text="x", mentorship=mentorship)


def test_too_long_feedback_is_reported_on_the_feedback_field(world):
    mentorship = request_accept(
        request=request_create(user=world.mentee1.user, to=world.mentor1), user=world.mentor1.user
    )
    with pytest.raises(ValidationFailed) as exc:
        mentorship_end(
            mentorship=mentorship,
            user=world.mentee1.user,
            outcome="completed",
            feedback="x" * 5001,
            confirm=True,
        )
    assert exc.value.field == "feedback"
