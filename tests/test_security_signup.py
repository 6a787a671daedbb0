"""Signing up tells a stranger nothing about who has an account, and join codes cannot be
guessed by trying many: the code is checked first, a taken address is answered like a new one
(its owner is e-mailed), and wrong codes are rate-limited per client and per address."""

import json

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from mentorwise.accounts.models import User
from mentorwise.organizations.models import Membership

API = "/api/v1"
PASSPHRASE = "a-long-and-unusual-passphrase"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


def api_signup(client=None, **overrides):
    body = {
        "email": "new.person@example.org",
        "password": PASSPHRASE,
        "name": "New Person",
        "join_code": "GUILD-2026",
        **overrides,
    }
    return (client or Client()).post(
        API + "/auth/signup", json.dumps(body), content_type="application/json"
    )


def page_signup(client=None, **overrides):
    data = {
        "name": "Rosa Newcomer",
        "email": "rosa@example.org",
        "join_code": "GUILD-2026",
        "password1": PASSPHRASE,
        "password2": PASSPHRASE,
        **overrides,
    }
    return (client or Client()).post("/accounts/signup/", data)


# ---------------------------------------------------------------- the join code speaks first


def test_the_api_with_a_wrong_code_answers_only_about_the_code_even_for_a_taken_address(world):
    response = api_signup(email="maya@guild.example", password="1", join_code="NOPE-0000")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_join_code"
    assert set(body["errors"]) == {"join_code"}


def test_the_page_with_a_wrong_code_does_not_say_the_address_is_registered(world):
    response = page_signup(email="maya@guild.example", join_code="NOPE-0000")
    assert response.status_code == 200
    html = response.content.decode()
    assert "does not match any organization" in html
    assert "already registered" not in html.lower()
    assert "already exists" not in html.lower()


def test_the_page_with_a_wrong_code_shows_no_other_error(world):
    response = page_signup(join_code="NOPE-0000", password2="something else entirely")
    form = response.context["form"]
    assert set(form.errors) == {"join_code"}


# ---------------------------------------------------------------- a taken address looks new


def test_the_api_answers_a_taken_address_like_a_new_one_and_emails_its_owner(world, delivered):
    new = api_signup(email="first.timer@example.org", name="First Timer")
    with delivered():
        taken = api_signup(email="Maya@Guild.example", name="Someone Else")
    assert new.status_code == taken.status_code == 201
    new_body, taken_body = new.json(), taken.json()
    assert set(new_body) == set(taken_body)
    assert taken_body["email"] == "maya@guild.example"
    assert taken_body["name"] == "Someone Else"
    assert taken_body["organizations"] == new_body["organizations"]
    assert taken_body["programs"] == [] and taken_body["participants"] == []
    assert taken_body["id"] != world.mentor1.user.public_id
    # nothing changed for the owner: same name, same password, one account
    maya = User.objects.get(email="maya@guild.example")
    assert maya.name == "Maya Mentor" and maya.check_password(world.password)
    assert User.objects.filter(email__iexact="maya@guild.example").count() == 1
    # the owner is told, with a way back into the account
    (message,) = [m for m in mail.outbox if "maya@guild.example" in m.to]
    assert "already exists" in message.body
    assert "/accounts/password/reset/" in message.body


def test_a_taken_address_in_another_organization_joins_nothing(world):
    response = api_signup(email="otto@other.example", join_code="GUILD-2026")
    assert response.status_code == 201
    otto = User.objects.get(email="otto@other.example")
    assert not Membership.objects.filter(user=otto, organization=world.org).exists()


@override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
def test_with_mandatory_verification_the_page_answers_a_taken_address_like_a_new_one(
    world, delivered
):
    with delivered():
        new = page_signup(email="rosa@example.org")
        taken = page_signup(email="maya@guild.example")
    assert new.status_code == taken.status_code == 302
    assert new["Location"] == taken["Location"]
    (message,) = [m for m in mail.outbox if "maya@guild.example" in m.to]
    assert "already exists" in message.body


# ---------------------------------------------------------------- wrong codes are rate-limited


@override_settings(ACCOUNT_RATE_LIMITS={"join_code_failed": "3/m/ip"})
def test_the_api_refuses_join_codes_after_too_many_wrong_ones_from_one_client(world):
    for n in range(3):
        wrong = api_signup(email=f"guess{n}@example.org", join_code=f"NOPE-000{n}")
        assert wrong.status_code == 400
    response = api_signup(email="guess9@example.org")  # even the right code, for now
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_join_code_attempts"
    assert response["Retry-After"] == "60"
    assert not User.objects.filter(email="guess9@example.org").exists()


@override_settings(ACCOUNT_RATE_LIMITS={"join_code_failed": "100/m/ip,2/h/key"})
def test_the_api_refuses_join_codes_after_too_many_wrong_ones_for_one_address(world):
    for code in ("NOPE-0001", "NOPE-0002"):
        assert api_signup(email="target@example.org", join_code=code).status_code == 400
    limited = api_signup(email="Target@Example.org")
    assert limited.status_code == 429
    assert limited["Retry-After"] == "3600"
    assert api_signup(email="someone.else@example.org").status_code == 201


@override_settings(ACCOUNT_RATE_LIMITS={"join_code_failed": "100/m/ip,100/h/key"})
def test_right_codes_are_not_counted(world):
    for n in range(5):
        assert api_signup(email=f"person{n}@example.org").status_code == 201


@override_settings(ACCOUNT_RATE_LIMITS={"join_code_failed": "2/m/ip"})
def test_the_sign_up_page_says_to_wait_after_too_many_wrong_codes(world):
    client = Client()
    for code in ("NOPE-0001", "NOPE-0002"):
        page_signup(client, join_code=code)
    response = page_signup(client)
    assert response.status_code == 200
    assert "Too many wrong join codes" in response.content.decode()
    assert not User.objects.filter(email="rosa@example.org").exists()


@override_settings(ACCOUNT_RATE_LIMITS={"join_code_failed": "2/m/ip"})
def test_the_join_page_says_to_wait_after_too_many_wrong_codes(world, as_user):
    client = as_user(world.outsider.user)
    for code in ("NOPE-0001", "NOPE-0002"):
        client.post("/join/", {"join_code": code})
    response = client.post("/join/", {"join_code": "GUILD-2026"})
    assert response.status_code == 200
    assert "Too many wrong join codes" in response.content.decode()
    assert not Membership.objects.filter(user=world.outsider.user, organization=world.org).exists()
