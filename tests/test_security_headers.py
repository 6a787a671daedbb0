"""The security headers and settings: Content-Security-Policy, Permissions-Policy, no caching of
answers that carry personal data, HTTPS and HSTS switched from the environment, and
`check --deploy` clean with the production settings of docs/deployment.md."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from mentorwise.accounts.services import TokenVia, api_token_create

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "mentorwise" / "templates"


def _directives(response) -> dict[str, str]:
    parts = [p.strip() for p in response["Content-Security-Policy"].split(";") if p.strip()]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] for p in parts}


def test_pages_carry_the_content_security_policy(db):
    assert _directives(Client().get("/")) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "frame-ancestors": "'none'",
        "form-action": "'self'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }


def test_signed_in_pages_and_api_answers_carry_it_too(world, as_user):
    assert _directives(as_user(world.mentee1.user).get("/mentorships/"))["style-src"] == "'self'"
    assert "script-src" in _directives(Client().get("/api/v1/me"))


def test_pages_turn_off_browser_features_the_site_does_not_use(db):
    response = Client().get("/accounts/login/")
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Cache-Control ------------------------------------------------------------------------------


def test_a_signed_in_page_is_not_stored(world, as_user):
    response = as_user(world.mentee1.user).get("/mentorships/")
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}


def test_a_public_page_seen_signed_out_keeps_its_caching(db):
    response = Client().get("/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_an_api_answer_with_a_token_is_not_stored(world):
    _, raw = api_token_create(user=world.mentee1.user, via=TokenVia.API)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_the_answer_that_hands_out_a_token_is_not_stored(world):
    response = Client().post(
        "/api/v1/auth/token",
        json.dumps({"email": world.mentee1.user.email, "password": world.password}),
        content_type="application/json",
    )
    assert response.status_code in (200, 201), response.content
    assert "no-store" in response["Cache-Control"]


def test_a_view_that_sets_its_own_cache_control_keeps_it(world, as_user, rf):
    from django.http import HttpResponse

    from mentorwise.core.middleware import NoStorePersonalMiddleware

    request = rf.get("/anything/")
    request.user = world.mentee1.user
    own = HttpResponse("x")
    own["Cache-Control"] = "max-age=60"
    assert NoStorePersonalMiddleware(lambda r: own)(request)["Cache-Control"] == "max-age=60"
    plain = NoStorePersonalMiddleware(lambda r: HttpResponse("x"))(request)
    assert "no-store" in plain["Cache-Control"]


# --- No inline script or style in the pages' templates ----------------------------------------

INLINE = [
    (re.compile(r"\sstyle\s*="), "a style attribute"),
    (re.compile(r"<style[\s>]"), "a <style> block"),
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>"),
        "an inline <script>",
    ),
    (re.compile(r"\son[a-z]+\s*="), "an inline event handler"),
]


def test_no_template_of_a_page_holds_inline_script_or_style():
    """The policy refuses them; the browser test proves the main pages, this catches the rest.
    E-mails are not pages: the policy does not apply to them, and they keep inline styles."""
    found = []
    for path in TEMPLATES.rglob("*.html"):
        rel = path.relative_to(TEMPLATES).as_posix()
        if rel.startswith(("emails/", "account/email/")):
            continue
        text = path.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{rel}:{line}: {what}")
    assert not found, "\n".join(found)


# --- Settings from the environment ------------------------------------------------------------

# The production environment of docs/deployment.md ("Configuration", the example block).
PRODUCTION = {
    "DATABASE_URL": "postgres://mentorwise:secret@127.0.0.1:5432/mentorwise",
    "SECRET_KEY": "k" * 20 + "Zq9-vT3#pL8!xR2@wM6$eN4%bH7^cJ5&" + "s" * 20,
    "ALLOWED_HOSTS": "mentoring.example.org",
    "BASE_URL": "https://mentoring.example.org",
    "EMAIL_URL": "smtp://mentorwise:secret@smtp.example.org:587/?tls=True",
    "DEFAULT_FROM_EMAIL": "Mentoring <mentoring@example.org>",
    "BEHIND_PROXY": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def _environment(extra: dict, tmp_path) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST", "MENTORWISE_", "SECURE_", "SESSION_", "CSRF_"))
        and k
        not in {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "DEBUG", "BEHIND_PROXY"}
    }
    env.update(extra)
    env["MENTORWISE_VAR_DIR"] = str(tmp_path)
    env["STATIC_ROOT"] = str(tmp_path / "static")
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def _settings(extra: dict, tmp_path) -> dict:
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**_environment(extra, tmp_path), "DJANGO_SETTINGS_MODULE": "mentorwise.settings"},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_https_settings_follow_base_url_and_the_proxy(tmp_path):
    laptop = _settings({}, tmp_path)
    assert laptop["SECURE_SSL_REDIRECT"] is False and laptop["SECURE_HSTS_SECONDS"] == 0
    assert laptop["SESSION_COOKIE_SECURE"] is False and laptop["SECURE_PROXY_SSL_HEADER"] is None

    production = _settings(PRODUCTION, tmp_path)
    assert production == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
    }
    # HTTPS without BEHIND_PROXY: Django cannot tell HTTP from HTTPS behind a proxy, so it does
    # not redirect (the proxy does); each switch can also be set on its own.
    alone = _settings({"BASE_URL": "https://m.example.org"}, tmp_path)
    assert alone["SECURE_SSL_REDIRECT"] is False and alone["SESSION_COOKIE_SECURE"] is True
    tuned = _settings(
        {**PRODUCTION, "SECURE_HSTS_SECONDS": "300", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false"},
        tmp_path,
    )
    assert tuned["SECURE_HSTS_SECONDS"] == 300 and tuned["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_the_deployment_guide_lists_the_production_environment_of_this_test():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    for name in (
        "BEHIND_PROXY",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
    ):
        assert f"`{name}`" in guide
    for name, value in PRODUCTION.items():
        if name not in {"SECRET_KEY", "DATABASE_URL", "EMAIL_URL"}:
            assert f"{name}={value}" in guide, name


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment(PRODUCTION, tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=_environment({"SECRET_KEY": PRODUCTION["SECRET_KEY"]}, tmp_path),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS over plain HTTP


@pytest.mark.django_db
def test_behind_a_proxy_plain_http_is_redirected_and_https_gets_hsts(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
