"""The participants list of a program: filters, search, pages, status changes, query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentorwise.core.models import AuditEntry
from mentorwise.profiles.models import Participant
from tests.factories import make_mentorship, make_participant, make_program, make_user


def list_url(program):
    return reverse("manage:participants", args=[program.public_id])


def status_url(participant):
    return reverse("manage:participant-status", args=[participant.public_id])


def test_participants_list_shows_each_participant_with_their_details(world, as_user):
    make_mentorship(mentor=world.mentor1, mentee=world.mentee1)
    response = as_user(world.admin).get(list_url(world.program))
    html = response.content.decode()
    for name in ("Maya Mentor", "Omar Mentor", "Lee Mentee", "Ana Mentee"):
        assert name in html
    assert "maya@guild.example" in html
    assert "Otto Outsider" not in html
    rows = {row["participant"].user.name: row for row in response.context["rows"]}
    assert (rows["Maya Mentor"]["in_use"], rows["Maya Mentor"]["limit"]) == (1, 2)
    assert (rows["Lee Mentee"]["in_use"], rows["Lee Mentee"]["limit"]) == (1, 2)
    assert "1 of 2 mentees" in html
    assert "Joined" in html and "Last active" in html


def test_participants_list_filters_by_role_and_status(world, as_user):
    client = as_user(world.admin)
    html = client.get(list_url(world.program), {"role": "mentor"}).content.decode()
    assert "Maya Mentor" in html and "Omar Mentor" in html
    assert "Lee Mentee" not in html

    Participant.objects.filter(pk=world.mentee2.pk).update(status="waitlisted")
    html = client.get(list_url(world.program), {"status": "waitlisted"}).content.decode()
    assert "Ana Mentee" in html
    assert "Maya Mentor" not in html and "Lee Mentee" not in html


def test_participants_list_searches_names_and_emails(world, as_user):
    client = as_user(world.admin)
    html = client.get(list_url(world.program), {"q": "omar@guild"}).content.decode()
    assert "Omar Mentor" in html and "Maya Mentor" not in html
    html = client.get(list_url(world.program), {"q": "lee mentee"}).content.decode()
    assert "Lee Mentee" in html and "Ana Mentee" not in html
    html = client.get(list_url(world.program), {"q": "nobody-like-this"}).content.decode()
    assert "Nobody matches these filters." in html


def test_participants_list_ignores_unknown_filter_values(world, as_user):
    response = as_user(world.admin).get(list_url(world.program), {"role": "boss", "page": "x"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 4


def test_participants_list_is_paginated(world, as_user):
    for _ in range(26):
        make_participant(world.program, role="mentee")
    client = as_user(world.admin)
    first = client.get(list_url(world.program))
    assert len(first.context["rows"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(list_url(world.program), {"page": 2})
    assert len(second.context["rows"]) == 5


def test_participants_list_uses_a_constant_number_of_queries(world, as_user):
    small = make_program(world.org, actor=world.admin, name="Small")
    large = make_program(world.org, actor=world.admin, name="Large")
    for program, count in ((small, 5), (large, 25)):
        for i in range(count):
            role = "mentor" if i % 3 == 0 else "mentee"
            make_participant(program, role=role, capacity=2 if role == "mentor" else None)
    client = as_user(world.admin)
    client.get(list_url(small))  # warm up: the last-active stamp is written once

    def queries(program):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url(program))
        assert response.status_code == 200
        return len(ctx), len(response.context["rows"])

    small_queries, small_rows = queries(small)
    large_queries, large_rows = queries(large)
    assert (small_rows, large_rows) == (5, 25)
    assert small_queries == large_queries


def test_administrator_accepts_waitlists_releases_and_reinstates(world, as_user):
    program = make_program(world.org, actor=world.admin, name="Approval", requires_approval=True)
    applicant = make_participant(
        program, role="mentee", user=make_user(name="Ivy Applicant", email="ivy@guild.example")
    )
    assert applicant.status == "applied"
    client = as_user(world.admin)
    html = client.get(list_url(program)).content.decode()
    assert "Applied" in html and ">Accept<" in html and ">Wait-list<" in html

    steps = [
        ("waitlisted", "Ivy Applicant is now wait-listed."),
        ("accepted", "Ivy Applicant is now accepted."),
        ("released", "Ivy Applicant is now released."),
        ("accepted", "Ivy Applicant is now accepted."),
    ]
    for status, message in steps:
        response = client.post(status_url(applicant), {"status": status}, follow=True)
        assert message in response.content.decode()
        applicant.refresh_from_db()
        assert applicant.status == status
    assert AuditEntry.objects.filter(action="participant.set_status").count() == 4


def test_a_released_participant_row_says_so_and_offers_reinstatement(world, as_user):
    client = as_user(world.admin)
    client.post(status_url(world.mentee2), {"status": "released"})
    response = client.get(list_url(world.program), {"q": "Ana"})
    html = response.content.decode()
    assert "Released on" in html
    assert ">Reinstate<" in html
    assert [a[0] for a in response.context["rows"][0]["actions"]] == ["accepted", "waitlisted"]


def test_an_invalid_transition_shows_the_service_message(world, as_user):
    response = as_user(world.admin).post(
        status_url(world.mentee1), {"status": "applied"}, follow=True
    )
    assert "cannot become applied" in response.content.decode()
    world.mentee1.refresh_from_db()
    assert world.mentee1.status == "accepted"


def test_an_unknown_status_is_refused_politely(world, as_user):
    response = as_user(world.admin).post(status_url(world.mentee1), {"status": "boss"}, follow=True)
    assert response.status_code == 200
    assert "Unknown status." in response.content.decode()


def test_setting_the_current_status_again_changes_nothing(world, as_user):
    response = as_user(world.admin).post(
        status_url(world.mentee1), {"status": "accepted"}, follow=True
    )
    assert "is already accepted" in response.content.decode()
    assert not AuditEntry.objects.filter(action="participant.set_status").exists()


def test_status_change_returns_to_the_filtered_list(world, as_user):
    next_url = list_url(world.program) + "?role=mentee"
    response = as_user(world.admin).post(
        status_url(world.mentee1), {"status": "waitlisted", "next": next_url}
    )
    assert response.url == next_url


def test_status_change_never_redirects_elsewhere(world, as_user):
    response = as_user(world.admin).post(
        status_url(world.mentee1), {"status": "waitlisted", "next": "https://evil.example/"}
    )
    assert response.url == list_url(world.program)


def test_participant_status_change_is_post_only(world, as_user):
    assert as_user(world.admin).get(status_url(world.mentee1)).status_code == 405


def test_administrator_of_another_organization_cannot_release_our_participants(world, as_user):
    response = as_user(world.other_admin).post(status_url(world.mentee1), {"status": "released"})
    assert response.status_code == 404
    assert (
        as_user(world.admin).post(status_url(world.outsider), {"status": "released"}).status_code
        == 404
    )
    world.outsider.refresh_from_db()
    assert world.outsider.status == "accepted"


def test_participant_is_told_when_their_status_changes(world, delivered):
    from django.core import mail

    from mentorwise.profiles.services import participant_set_status

    with delivered():
        participant_set_status(participant=world.mentee2, status="waitlisted", actor=world.admin)
    message = mail.outbox[-1]
    assert message.to == [world.mentee2.user.email]
    assert "waiting list" in message.subject
    assert "Story Mentoring" in message.body
    assert "waiting list" in message.alternatives[0][0]
    with delivered():
        participant_set_status(participant=world.mentee2, status="accepted", actor=world.admin)
    assert "You are in" in mail.outbox[-1].subject


def test_the_pages_count_the_rows_each_filter_lists(world, as_user):
    """Without a role or words, the list's length comes from the status totals (no second
    count over every participant): it must still be the number of rows listed."""
    from mentorwise.profiles.services import participant_set_status

    participant_set_status(participant=world.mentor2, status="released", actor=world.admin)
    client = as_user(world.admin)
    for params in ({}, {"status": "released"}, {"status": "accepted"}, {"role": "mentee"},
                   {"q": "maya"}, {"status": "applied"}, {"status": "nonsense"}, {"q": "  "}):  # fmt: skip
        response = client.get(list_url(world.program), params)
        listed = Participant.objects.filter(program=world.program)
        form = response.context["form"]
        if form.is_valid():
            data = form.cleaned_data
            listed = listed.filter(**{k: data[k] for k in ("role", "status") if data[k]})
            for word in data["q"].split():
                listed = listed.filter(user__name__icontains=word)
        assert (
            response.context["page"].paginator.count
            == listed.count()
            == len(response.context["rows"])
        ), params
