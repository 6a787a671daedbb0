"""Signing up with a join code, verifying, signing in and out, password reset, e-mailed code."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from mentorwise.accounts.models import User
from mentorwise.organizations.models import Membership

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Rosa Newcomer",
    "email": "rosa@example.org",
    "join_code": "guild-2026",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def test_signup_with_join_code_creates_account_and_membership(world, delivered):
    client = Client()
    with delivered():
        response = client.post("/accounts/signup/", SIGNUP, follow=True)
    assert response.status_code == 200
    user = User.objects.get(email="rosa@example.org")
    assert user.name == "Rosa Newcomer"
    membership = Membership.objects.get(user=user)
    assert membership.organization == world.org
    assert membership.role == Membership.Role.MEMBER
    # The verification e-mail went out with a confirmation link.
    assert any("rosa@example.org" in m.to for m in mail.outbox)
    assert response.wsgi_request.user.is_authenticated


def test_signup_with_wrong_join_code_creates_nothing_and_keeps_input(world):
    client = Client()
    response = client.post("/accounts/signup/", {**SIGNUP, "join_code": "NOPE-0000"})
    assert response.status_code == 200
    assert not User.objects.filter(email="rosa@example.org").exists()
    html = response.content.decode()
    assert "does not match any organization" in html
    assert 'value="Rosa Newcomer"' in html
    assert 'value="rosa@example.org"' in html


def test_signup_page_labels_every_field():
    html = Client().get("/accounts/signup/").content.decode()
    for field in ("name", "email", "join_code", "password1", "password2"):
        match = re.search(rf'id="(id_{field})"', html)
        assert match, field
        assert f'for="{match.group(1)}"' in html


def test_email_verification_link_verifies_address(world, delivered):
    client = Client()
    with delivered():
        client.post("/accounts/signup/", SIGNUP)
    body = mail.outbox[-1].body
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(email="rosa@example.org").verified


def test_sign_in_and_sign_out(world):
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "maya@guild.example", "password": world.password}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].is_authenticated
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_is_refused_with_message(world):
    response = Client().post(
        "/accounts/login/", {"login": "maya@guild.example", "password": "not-it"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode().lower()


def test_password_reset_by_email(world, delivered):
    client = Client()
    with delivered():
        client.post("/accounts/password/reset/", {"email": "maya@guild.example"})
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    new = "another-long-passphrase-2026"
    client.post(form_path, {"password1": new, "password2": new})
    assert Client().login(email="maya@guild.example", password=new)


def test_sign_in_with_code_sent_by_email(world, delivered):
    client = Client()
    with delivered():
        client.post("/accounts/login/code/", {"email": "maya@guild.example"})
    body = mail.outbox[-1].body
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4})\s*$", body, re.M).group(1)
    client.post("/accounts/login/code/confirm/", {"code": code})
    assert client.get("/").context["user"].email == "maya@guild.example"


def test_existing_user_joins_another_organization_with_code(world, as_user):
    client = as_user(world.outsider.user)
    response = client.post("/join/", {"join_code": "GUILD-2026"})
    assert response.status_code == 302
    assert Membership.objects.filter(user=world.outsider.user, organization=world.org).exists()


def test_join_with_wrong_code_shows_error(world, as_user):
    response = as_user(world.outsider.user).post("/join/", {"join_code": "WRONG"})
    assert response.status_code == 200
    assert "does not match" in response.content.decode()


def test_create_organization_command_makes_org_and_admin(db):
    from io import StringIO

    from django.core.management import call_command

    from mentorwise.organizations.models import Organization

    out = StringIO()
    call_command(
        "create_organization",
        name="Film Guild",
        admin_email="Boss@Film.example",
        join_code="FILM-2027",
        stdout=out,
    )
    org = Organization.objects.get(name="Film Guild")
    assert org.join_code == "FILM-2027"
    membership = Membership.objects.get(organization=org)
    assert membership.user.email == "boss@film.example"
    assert membership.is_admin
    assert org.guides.count() == 5
    assert "FILM-2027" in out.getvalue()


def test_account_emails_go_through_the_outbox(world, delivered):
    from mentorwise.notifications.models import OutboxEmail

    with delivered():
        Client().post("/accounts/password/reset/", {"email": "maya@guild.example"})
    email = OutboxEmail.objects.get(to_email="maya@guild.example")
    assert email.category == "security" and email.status == "sent"
    assert "Mentorwise" in email.body_text and "testserver" not in email.body_text.split("\n")[0]
