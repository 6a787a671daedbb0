"""The API's sign-up, tokens, sessions and error shape."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from mentorwise.accounts.models import ApiToken, User
from mentorwise.organizations.models import Membership

API = "/api/v1"


def post(client, path, data, **extra):
    return client.post(API + path, json.dumps(data), content_type="application/json", **extra)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def signup_body(**overrides):
    body = {
        "email": "new.person@example.org",
        "password": "a-long-and-unusual-passphrase",
        "name": "New Person",
        "join_code": "guild-2026",
    }
    body.update(overrides)
    return body


def test_signup_with_a_join_code_creates_a_member_who_can_sign_in_by_email(world, delivered):
    with delivered():
        response = post(Client(), "/auth/signup", signup_body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["email"] == "new.person@example.org"
    assert data["name"] == "New Person"
    assert data["organizations"] == [
        {"id": world.org.public_id, "name": world.org.name, "role": "member"}
    ]
    assert isinstance(data["id"], str) and not data["id"].isdigit()
    user = User.objects.get(email="new.person@example.org")
    assert EmailAddress.objects.filter(user=user, email=user.email, primary=True).exists()
    assert Membership.objects.filter(user=user, organization=world.org).exists()
    # a confirmation mail went out (verification is optional in tests, but offered)
    assert any("new.person@example.org" in m.to for m in mail.outbox)
    # e-mail login works through allauth
    login = Client().post(
        "/accounts/login/",
        {"login": "new.person@example.org", "password": "a-long-and-unusual-passphrase"},
    )
    assert login.status_code == 302


def test_signup_with_a_wrong_join_code_is_400_and_creates_nothing(world):
    before = User.objects.count()
    response = post(Client(), "/auth/signup", signup_body(join_code="NOPE-0000"))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_join_code"
    assert "join_code" in body["errors"]
    assert User.objects.count() == before
    assert not EmailAddress.objects.filter(email="new.person@example.org").exists()


def test_signup_with_a_taken_email_answers_like_a_new_account(world):
    # the rest is in test_security_signup.py: the owner is e-mailed, nothing is created
    response = post(Client(), "/auth/signup", signup_body(email="MAYA@guild.example"))
    assert response.status_code == 201
    assert response.json()["email"] == "maya@guild.example"


def test_signup_validates_the_password_with_django_validators(world):
    response = post(Client(), "/auth/signup", signup_body(password="12345678"))
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["password"]
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_signup_with_missing_fields_is_422_with_per_field_errors(db):
    response = post(Client(), "/auth/signup", {"email": "x@example.org"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) >= {"password", "name", "join_code"}


def test_token_create_use_and_revoke(world):
    client = Client()
    response = post(
        client, "/auth/token", {"email": "Maya@guild.example", "password": world.password}
    )
    assert response.status_code == 201
    token = response.json()["token"]
    assert token.startswith("mw_")
    assert ApiToken.objects.filter(user=world.mentor1.user).count() == 1

    me = client.get(API + "/me", **bearer(token))
    assert me.status_code == 200
    assert me.json()["email"] == "maya@guild.example"

    revoked = client.delete(API + "/auth/token", **bearer(token))
    assert revoked.status_code == 204
    assert not ApiToken.objects.filter(user=world.mentor1.user).exists()

    after = client.get(API + "/me", **bearer(token))
    assert after.status_code == 401
    assert after.json()["code"] == "not_authenticated"


def test_revoking_one_token_leaves_the_others(world):
    _, first = ApiToken.issue(user=world.mentee1.user)
    _, second = ApiToken.issue(user=world.mentee1.user)
    assert Client().delete(API + "/auth/token", **bearer(first)).status_code == 204
    assert Client().get(API + "/me", **bearer(second)).status_code == 200


def test_token_with_wrong_password_is_401(world):
    response = post(Client(), "/auth/token", {"email": "maya@guild.example", "password": "wrong"})
    assert response.status_code == 401
    assert response.json() == {
        "detail": "That e-mail address and password do not match an account.",
        "code": "invalid_credentials",
    }
    assert not ApiToken.objects.exists()


def test_token_creation_is_rate_limited_after_failed_attempts(world, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/key"}
    body = {"email": "omar@guild.example", "password": "wrong"}
    statuses = [post(Client(), "/auth/token", body).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    refused = post(Client(), "/auth/token", {**body, "password": world.password})
    assert refused.status_code == 429
    assert refused.json()["code"] == "too_many_attempts"


def test_token_for_unknown_email_is_401(db):
    response = post(Client(), "/auth/token", {"email": "nobody@example.org", "password": "x"})
    assert response.status_code == 401


def test_token_is_refused_for_unverified_email_when_verification_is_mandatory(world, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = post(
        Client(), "/auth/token", {"email": "maya@guild.example", "password": world.password}
    )
    assert response.status_code == 403
    assert response.json()["code"] == "email_unverified"


def test_an_unknown_or_garbled_bearer_token_is_401(world):
    for header in ["Bearer nope", "Bearer ", "Bearer " + "x" * 100_000]:
        response = Client().get(API + "/me", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header[:20]
        assert response.json()["code"] == "not_authenticated"


def test_unauthenticated_requests_are_401_with_the_error_shape(world):
    response = Client().get(API + "/me")
    assert response.status_code == 401
    body = response.json()
    assert set(body) == {"detail", "code"}
    assert body["code"] == "not_authenticated"


def test_revoking_without_a_token_is_400(world, as_user):
    response = as_user(world.mentee1.user).delete(API + "/auth/token")
    assert response.status_code == 400
    assert response.json()["code"] == "no_token"


def test_session_requests_need_csrf_for_unsafe_methods(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.mentee1.user)
    assert client.get(API + "/me").status_code == 200
    url = f"{API}/participants/{world.mentee1.public_id}"
    refused = client.patch(url, json.dumps({"headline": "x"}), content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    csrf = "a" * 32
    client.cookies["csrftoken"] = csrf  # what the browser holds after any page of the site
    allowed = client.patch(
        url,
        json.dumps({"headline": "x"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    assert allowed.status_code == 200, allowed.content


def test_token_requests_need_no_csrf(world):
    _, raw = ApiToken.issue(user=world.mentee1.user)
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        f"{API}/participants/{world.mentee1.public_id}",
        json.dumps({"headline": "Via token"}),
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 200
    assert response.json()["user"]["headline"] == "Via token"


def test_me_lists_organizations_programs_and_participant_records(world, as_user):
    response = as_user(world.mentor1.user).get(API + "/me")
    assert response.status_code == 200
    data = response.json()
    assert data["organizations"] == [
        {"id": world.org.public_id, "name": "Animation Guild", "role": "member"}
    ]
    assert [p["id"] for p in data["programs"]] == [world.program.public_id]
    assert data["participants"] == [
        {
            "id": world.mentor1.public_id,
            "program_id": world.program.public_id,
            "role": "mentor",
            "status": "accepted",
            "capacity": 2,
            "created_at": data["participants"][0]["created_at"],
        }
    ]
    assert "T" in data["participants"][0]["created_at"]  # ISO 8601


def test_me_shows_the_admin_role(world, as_user):
    data = as_user(world.admin).get(API + "/me").json()
    assert data["organizations"][0]["role"] == "admin"
    assert data["programs"] == [] and data["participants"] == []


def test_openapi_document_and_docs_are_served(db):
    client = Client()
    spec = client.get(API + "/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    for path in [
        "/api/v1/auth/signup",
        "/api/v1/auth/token",
        "/api/v1/me",
        "/api/v1/programs",
        "/api/v1/programs/{program_id}",
        "/api/v1/programs/{program_id}/participants",
        "/api/v1/programs/{program_id}/mentors",
        "/api/v1/programs/{program_id}/mentees",
        "/api/v1/participants/{participant_id}",
    ]:
        assert path in paths, path
    assert client.get(API + "/docs").status_code == 200


@pytest.mark.parametrize("body", [b"{", b"not json", b"\xff\xfe", b"[1, 2]", b'"text"', b"null"])
def test_bodies_that_are_not_a_json_object_are_4xx(world, body):
    response = Client().post(API + "/auth/token", body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert {"detail", "code"} <= set(response.json())
