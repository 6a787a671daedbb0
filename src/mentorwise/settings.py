"""Mentorwise settings: one module, configured by environment variables.

Every setting has a default that works on a laptop (`make run`): SQLite under var/, mail
printed to the console, the database task backend worked by an in-process worker. See
.env.example for the variables and docs/deployment.md for production.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("MENTORWISE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

TESTING = "pytest" in sys.modules or os.environ.get("MENTORWISE_TESTING") == "1"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Off unless asked for, also on a laptop (`DEBUG=true make run`): with it on, a mistyped address
# shows every URL pattern of the site instead of the product's own 404 page.
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)
SITE_NAME = os.environ.get("SITE_NAME", "Mentorwise")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "mentorwise.core",
    "mentorwise.accounts",
    "mentorwise.organizations",
    "mentorwise.programs",
    "mentorwise.profiles",
    "mentorwise.notifications",
    "mentorwise.mentorships",
    "mentorwise.matching",
    "mentorwise.agreements",
    "mentorwise.goals",
    "mentorwise.meetings",
    "mentorwise.conversations",
    "mentorwise.workspace",
    "mentorwise.api",
    "mentorwise.administration",
    "mentorwise.demo",
]

MIDDLEWARE = [
    "mentorwise.core.middleware.RequestLanguageScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentorwise.accounts.middleware.LastActiveMiddleware",
    "mentorwise.accounts.middleware.UserLanguageMiddleware",
    "mentorwise.core.zones.UserTimeZoneMiddleware",
    "mentorwise.core.middleware.RejectNulMiddleware",
]

ROOT_URLCONF = "mentorwise.urls"
WSGI_APPLICATION = "mentorwise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "mentorwise" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentorwise.core.context_processors.site",
                "mentorwise.organizations.context_processors.navigation",
                "mentorwise.notifications.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite file under var/ unless DATABASE_URL is set (postgres://user@host:5432/name).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'mentorwise.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if TESTING:
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # threads in tests must not keep connections open
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Settings for each of the site's sessions (docs/deployment.md, "Database"): the pages run
    # short queries, for which compiling a plan (JIT, ~40 ms) or starting a parallel worker costs
    # more than it saves on a small machine. POSTGRES_OPTIONS="" keeps the server's own settings.
    _pg_options = os.environ.get(
        "POSTGRES_OPTIONS", "-c jit=off -c max_parallel_workers_per_gather=0"
    )
    if _pg_options:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = _pg_options
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: e-mail is the login; sign-up asks for the organization's join code.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SIGNUP_FORM_CLASS = "mentorwise.organizations.forms.JoinSignupForm"
ACCOUNT_ADAPTER = "mentorwise.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if BASE_URL.startswith("https") else "http"
# allauth's rate limits, plus ours on wrong join codes (per client IP and per e-mail address;
# see docs/security.md). Format: "amount/period/per", comma-separated.
# Failed sign-ins (wrong passwords, wrong two-factor codes): allauth's 10 a minute per client,
# but per account 20 in 15 minutes instead of allauth's 5 in 5 minutes, so that a stranger cannot
# pause someone's sign-ins with a handful of guesses; the owner is e-mailed when it happens.
LOGIN_FAILED_RATE_LIMIT = os.environ.get("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,20/15m/key")
ACCOUNT_RATE_LIMITS = {
    "login_failed": LOGIN_FAILED_RATE_LIMIT,
    "join_code_failed": os.environ.get("JOIN_CODE_RATE_LIMIT", "10/m/ip,30/h/ip,10/h/key"),
}
if TESTING:
    ACCOUNT_RATE_LIMITS = False  # rate limits would couple tests; those that test one set it
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# E-mail: console by default; EMAIL_URL=smtp://user:password@host:587/?tls=True in production.
_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mentorwise <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# The cache, shared by every process that serves or works for the site (web processes, workers,
# the scheduler): reads keyed by a per-program version are exact only if a bump in one process is
# seen by all. CACHE_URL: file:///path (default var/cache: every process on one machine),
# db:// (the database's cache table, for several machines; run `manage.py createcachetable`),
# redis://host:6379/0 (needs the `redis` package), locmem:// (one process only; the tests).
def _caches(url: str) -> dict:
    if url.startswith("file://"):
        location = url.removeprefix("file://") or str(VAR_DIR / "cache")
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": location, "OPTIONS": {"MAX_ENTRIES": 10_000}}  # fmt: skip
    if url == "db://":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "mentorwise_cache"}  # fmt: skip
    if url.startswith(("redis://", "rediss://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(f"CACHE_URL: unknown scheme in {url!r}")


CACHE_URL = os.environ.get("CACHE_URL", "locmem://" if TESTING else "file://")
CACHES = {"default": _caches(CACHE_URL)}

# Background work: the Django Tasks API on the database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Threads the matching engine's compiled kernels use in a match run (a background job).
MATCHING_THREADS = env_int("MATCHING_THREADS", min(4, os.cpu_count() or 1))
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

LANGUAGE_CODE = "en"
# The interface ships complete in these languages; each person picks theirs (the footer's
# switch, saved on their account), and before signing in the browser's preference counts.
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "src" / "mentorwise" / "locale"]
FORMAT_MODULE_PATH = ["mentorwise.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "src" / "mentorwise" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded photos are served by Django itself on the embedded default (one process, no proxy),
# whatever DEBUG says; behind a proxy, map /media/ to MEDIA_ROOT there (docs/deployment.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG or "DATABASE_URL" not in os.environ)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 2 * 1024 * 1024)


NINJA_PAGINATION_MAX_LIMIT = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# A TrueType font for PDF exports (see docs/deployment.md); empty: DejaVu Sans where installed.
PDF_FONT = os.environ.get("PDF_FONT", "")


# --- Security: HTTPS, headers, caching (docs/security.md, docs/deployment.md) ------------------
# HTTPS is on when BASE_URL starts with https://: secure cookies, a redirect of plain HTTP and
# HSTS. Each can be set on its own from the environment.
HTTPS = BASE_URL.startswith("https://")
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (see docs/deployment.md).
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", default=False)
    # Rate limits per client IP must see the client, not the proxy: take the address the
    # nearest trusted proxy put in X-Forwarded-For.
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=HTTPS)
# Django redirects plain HTTP to HTTPS only when it can tell them apart: behind a proxy, from
# X-Forwarded-Proto (BEHIND_PROXY); otherwise the proxy redirects (docs/deployment.md).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS and BEHIND_PROXY)
# Strict-Transport-Security: a year by default over HTTPS; 0 turns it off. Browsers remember it,
# so try a short value (300) first on a new domain.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles and everything else come from this site
# only; no inline script, style attribute or <style> block, no plugin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# The sign-in page's second step e-mails the owner when wrong codes pause the account.
MFA_FORMS = {"authenticate": "mentorwise.accounts.forms.AuthenticateForm"}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics",
        "camera", "display-capture", "geolocation", "gyroscope", "hid", "idle-detection",
        "magnetometer", "microphone", "midi", "payment", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
# The headers' middleware right after Django's SecurityMiddleware; the Cache-Control one after
# authentication, so that it knows who asked (core.middleware.NoStorePersonalMiddleware).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "mentorwise.core.middleware.NoStorePersonalMiddleware",
)
