"""Failed sign-ins: the per-client limit stays, the per-account one takes many more attempts
than allauth's default, and when it triggers the account's owner is e-mailed, once per pause."""

import json

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from mentorwise.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db

CONFIGURED = override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": settings.LOGIN_FAILED_RATE_LIMIT}
)
PER_ACCOUNT = next(r for r in parse_rates(settings.LOGIN_FAILED_RATE_LIMIT) if r.per == "key")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters and the once-per-pause marker live in the cache
    yield
    cache.clear()


def sign_in(user, password, ip):
    return Client(REMOTE_ADDR=ip).post(
        "/accounts/login/", {"login": user.email, "password": password}
    )


def token_request(user, password, ip):
    body = {"email": user.email, "password": password}
    return Client(REMOTE_ADDR=ip).post(
        "/api/v1/auth/token", json.dumps(body), content_type="application/json"
    )


def lockout_emails(user):
    return OutboxEmail.objects.filter(kind="account_locked", to_email=user.email)


def test_the_per_account_limit_is_slower_to_trigger_than_allauths_and_per_client_stays():
    rates = parse_rates(settings.LOGIN_FAILED_RATE_LIMIT)
    per_client = [r for r in rates if r.per == "ip"]
    assert per_client and all(r.amount <= 10 and r.duration <= 60 for r in per_client)
    assert PER_ACCOUNT.amount >= 20  # allauth's default: 5 in 5 minutes
    assert PER_ACCOUNT.amount / PER_ACCOUNT.duration <= 5 / 300 * 1.5  # no faster guessing


@CONFIGURED
def test_a_few_wrong_passwords_from_many_places_do_not_lock_the_owner_out(world):
    user = world.mentee1.user
    for i in range(10):
        response = sign_in(user, "wrong password", f"203.0.113.{i}")
        assert response.status_code == 200
    response = sign_in(user, world.password, "198.51.100.7")
    assert response.status_code == 302  # signed in
    assert not lockout_emails(user).exists()


@CONFIGURED
def test_the_owner_is_emailed_once_when_their_account_is_locked(world, delivered):
    user = world.mentee1.user
    for i in range(PER_ACCOUNT.amount):
        response = sign_in(user, "wrong password", f"203.0.113.{i}")
        assert response.status_code == 200
        assert "Too many failed" not in response.content.decode()
    assert not lockout_emails(user).exists()
    with delivered():
        locked = sign_in(user, world.password, "198.51.100.7")
    assert locked.status_code == 200
    assert "Too many failed login attempts" in locked.content.decode()
    (email,) = lockout_emails(user)
    assert "paused for up to 15 minutes" in email.body_text
    assert "paused for up to 15 minutes" in email.body_html
    assert "/accounts/password/reset/" in email.body_text
    for i in range(3):  # further refused attempts in the same pause: no more e-mail
        assert sign_in(user, world.password, f"198.51.100.{10 + i}").status_code == 200
    assert lockout_emails(user).count() == 1


@CONFIGURED
def test_a_locked_account_is_announced_through_the_api_too(world):
    user = world.mentor1.user
    for i in range(PER_ACCOUNT.amount):
        assert token_request(user, "wrong password", f"203.0.113.{i}").status_code == 401
    response = token_request(user, world.password, "198.51.100.7")
    assert response.status_code == 429
    assert lockout_emails(user).count() == 1


@CONFIGURED
def test_the_per_client_limit_alone_emails_nobody(world):
    user = world.mentee2.user
    for _ in range(10):
        assert sign_in(user, "wrong password", "203.0.113.9").status_code == 200
    refused = sign_in(user, world.password, "203.0.113.9")
    assert "Too many failed login attempts" in refused.content.decode()
    assert not lockout_emails(user).exists()
    assert sign_in(user, world.password, "198.51.100.7").status_code == 302  # elsewhere: fine


@CONFIGURED
def test_an_address_without_an_account_is_answered_alike_and_emails_nobody(world):
    from tests.factories import make_user

    nobody = make_user(email="nobody@example.org")
    nobody_email = nobody.email
    nobody.delete()
    for i in range(PER_ACCOUNT.amount + 1):
        Client(REMOTE_ADDR=f"203.0.113.{i}").post(
            "/accounts/login/", {"login": nobody_email, "password": "x"}
        )
    assert not OutboxEmail.objects.filter(kind="account_locked").exists()


@CONFIGURED
def test_wrong_two_factor_codes_on_the_api_lock_and_announce_once(world):
    import time as clock

    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    user = world.mentor2.user
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    current = format_hotp_value(hotp_value(secret, int(clock.time()) // 30))
    wrong = "000000" if current != "000000" else "111111"
    for i in range(PER_ACCOUNT.amount + 3):
        body = {"email": user.email, "password": world.password, "code": wrong}
        response = Client(REMOTE_ADDR=f"203.0.113.{i}").post(
            "/api/v1/auth/token", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == (401 if i < PER_ACCOUNT.amount else 429)
    assert int(response["Retry-After"]) == PER_ACCOUNT.duration
    assert lockout_emails(user).count() == 1
    assert "too many wrong two-factor codes" in lockout_emails(user).get().body_text


@CONFIGURED
def test_wrong_two_factor_codes_on_the_sign_in_page_announce_the_lockout_once(world, delivered):
    import time as clock

    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    user = world.mentee2.user
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    current = format_hotp_value(hotp_value(secret, int(clock.time()) // 30))
    wrong = "000000" if current != "000000" else "111111"
    client = Client()
    first = client.post(
        "/accounts/login/",
        {"login": user.email, "password": world.password},
        REMOTE_ADDR="198.51.100.7",
    )
    assert first.status_code == 302 and first["Location"] == "/accounts/2fa/authenticate/"
    for i in range(PER_ACCOUNT.amount):
        response = client.post(
            "/accounts/2fa/authenticate/", {"code": wrong}, REMOTE_ADDR=f"203.0.113.{i}"
        )
        assert response.status_code == 200
        assert "Too many failed" not in response.content.decode()
    assert not lockout_emails(user).exists()
    with delivered():
        refused = client.post(
            "/accounts/2fa/authenticate/", {"code": wrong}, REMOTE_ADDR="198.51.100.8"
        )
    assert "Too many failed login attempts" in refused.content.decode()
    (email,) = lockout_emails(user)
    assert "paused for up to 15 minutes" in email.body_text
    assert "too many wrong two-factor codes" in email.body_text
    assert "whoever tried knew your password" in email.body_html
    assert "guessing your password" not in email.body_text
    for i in range(3):  # further refused codes in the same pause: no more e-mail
        client.post(
            "/accounts/2fa/authenticate/", {"code": wrong}, REMOTE_ADDR=f"198.51.100.{20 + i}"
        )
    assert lockout_emails(user).count() == 1
    assert "_auth_user_id" not in client.session
