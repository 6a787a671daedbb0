"""Personal access tokens are as strong as signing in: the second factor is asked for when the
account has one, the owner is e-mailed whenever a token is created, and tokens do not outlive a
password change or a block."""

import json
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from mentorwise.accounts.models import ApiToken

API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # used TOTP codes and rate-limit counters live in the cache
    yield
    cache.clear()


def token_request(user, password, **extra):
    body = {"email": user.email, "password": password, **extra}
    return Client().post(API + "/auth/token", json.dumps(body), content_type="application/json")


def with_authenticator_app(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sent_to(user):
    return [m for m in mail.outbox if user.email in m.to]


# ---------------------------------------------------------------- the second factor


def test_an_account_with_two_factor_gets_no_token_without_a_code(world):
    user = world.mentor1.user
    with_authenticator_app(user)
    response = token_request(user, world.password)
    assert response.status_code == 401, response.content
    assert response.json()["code"] == "mfa_required"
    assert "authenticator app" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=user).exists()


def test_an_account_with_two_factor_gets_no_token_with_a_wrong_code(world):
    user = world.mentor1.user
    secret = with_authenticator_app(user)
    wrong = "000000" if current_code(secret) != "000000" else "111111"
    response = token_request(user, world.password, code=wrong)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_code"
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_current_authenticator_code_gets_a_token_once(world):
    user = world.mentor1.user
    secret = with_authenticator_app(user)
    code = current_code(secret)
    response = token_request(user, world.password, code=code)
    assert response.status_code == 201, response.content
    assert ApiToken.objects.filter(user=user).count() == 1
    replay = token_request(user, world.password, code=code)
    assert replay.status_code == 401 and replay.json()["code"] == "invalid_code"


def test_a_recovery_code_gets_a_token_and_is_then_used_up(world):
    user = world.mentor1.user
    with_authenticator_app(user)
    recovery = RecoveryCodes.activate(user).get_unused_codes()[0]
    assert token_request(user, world.password, code=recovery).status_code == 201
    again = token_request(user, world.password, code=recovery)
    assert again.status_code == 401 and again.json()["code"] == "invalid_code"


def test_a_wrong_password_is_refused_before_any_code_is_asked_for(world):
    user = world.mentor1.user
    with_authenticator_app(user)
    response = token_request(user, "not-the-password")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "100/m/ip,3/300s/key"})
def test_wrong_codes_are_rate_limited_like_failed_sign_ins(world):
    user = world.mentor1.user
    secret = with_authenticator_app(user)
    wrong = "000000" if current_code(secret) != "000000" else "111111"
    for _ in range(3):
        assert token_request(user, world.password, code=wrong).status_code == 401
    response = token_request(user, world.password, code=current_code(secret))
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.filter(user=user).exists()


def test_an_account_without_two_factor_needs_no_code(world):
    response = token_request(world.mentee1.user, world.password)
    assert response.status_code == 201, response.content


# ---------------------------------------------------------------- the owner is told


def test_creating_a_token_on_the_api_emails_the_owner_when_and_how_to_revoke(world, delivered):
    user = world.mentee1.user
    with delivered():
        response = token_request(user, world.password, label="reporting script")
    assert response.status_code == 201
    prefix = response.json()["prefix"]
    (message,) = sent_to(user)
    assert "API token" in message.subject
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert prefix in part
        assert "reporting script" in part
        assert "through the API" in part
        assert "revoke the token on your account page" in part
        assert "/account/" in part
    token = ApiToken.objects.get(user=user)
    assert token.created_at.strftime("%Y") in message.body


def test_creating_a_token_on_the_account_page_emails_the_owner(world, as_user, delivered):
    user = world.mentee1.user
    with delivered():
        response = as_user(user).post("/account/", {"label": "laptop"})
    assert response.status_code == 200
    (message,) = sent_to(user)
    assert "on your account page" in message.body
    assert "on your account page" in message.alternatives[0][0]
    assert ApiToken.objects.get(user=user).prefix in message.body


# ---------------------------------------------------------------- tokens do not outlive a password


def give_tokens(user, n=2):
    return [ApiToken.issue(user=user, label=f"script {i}")[1] for i in range(n)]


def assert_tokens_dead(raws):
    for raw in raws:
        response = Client().get(API + "/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 401


def assert_told(user, reason):
    (message,) = [m for m in sent_to(user) if "revoked" in m.subject]
    for part in (message.body, message.alternatives[0][0]):
        assert "2 personal access tokens" in part
        assert reason in part


def test_changing_the_password_revokes_the_api_tokens_and_says_so(world, as_user, delivered):
    user = world.mentee1.user
    raws = give_tokens(user)
    client = as_user(user)
    with delivered():
        response = client.post(
            "/accounts/password/change/",
            {
                "oldpassword": world.password,
                "password1": "a-brand-new-passphrase-42",
                "password2": "a-brand-new-passphrase-42",
            },
            follow=True,
        )
    assert response.status_code == 200
    assert "API tokens were revoked" in response.content.decode()
    assert not ApiToken.objects.filter(user=user).exists()
    assert_tokens_dead(raws)
    assert_told(user, "password of your account was changed")


def test_resetting_the_password_revokes_the_api_tokens(world, delivered):
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = world.mentee1.user
    raws = give_tokens(user)
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    client = Client()
    page = client.get(f"/accounts/password/reset/key/{key}/", follow=True)
    form_url = (
        page.redirect_chain[-1][0]
        if page.redirect_chain
        else f"/accounts/password/reset/key/{key}/"
    )
    with delivered():
        response = client.post(
            form_url,
            {"password1": "a-brand-new-passphrase-42", "password2": "a-brand-new-passphrase-42"},
        )
    assert response.status_code == 302, response.content[:500]
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-42")
    assert not ApiToken.objects.filter(user=user).exists()
    assert_tokens_dead(raws)
    assert_told(user, "password of your account was changed")


def test_setting_a_first_password_revokes_the_api_tokens(world, as_user, delivered):
    user = world.mentee1.user
    user.set_unusable_password()
    user.save()
    give_tokens(user)
    client = as_user(user)
    with delivered():
        response = client.post(
            "/accounts/password/set/",
            {"password1": "a-brand-new-passphrase-42", "password2": "a-brand-new-passphrase-42"},
        )
    assert response.status_code == 302, response.content[:500]
    assert not ApiToken.objects.filter(user=user).exists()


def test_a_password_change_without_tokens_sends_no_revocation_mail(world, as_user, delivered):
    user = world.mentee1.user
    with delivered():
        as_user(user).post(
            "/accounts/password/change/",
            {
                "oldpassword": world.password,
                "password1": "a-brand-new-passphrase-42",
                "password2": "a-brand-new-passphrase-42",
            },
        )
    assert not [m for m in sent_to(user) if "revoked" in m.subject]


def test_an_administrator_blocking_someone_revokes_their_api_tokens(world, as_user, delivered):
    user = world.mentee2.user
    raws = give_tokens(user)
    other = give_tokens(world.mentee1.user, n=1)
    with delivered():
        response = as_user(world.admin).post(
            f"/manage/participants/{world.mentee2.public_id}/block/", {"blocked": "yes"}
        )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()
    assert_tokens_dead(raws)
    assert_told(user, "An administrator of Animation Guild suspended your access")
    me = Client().get(API + "/me", HTTP_AUTHORIZATION=f"Bearer {other[0]}")
    assert me.status_code == 200  # nobody else's tokens are touched
