"""The bare Django page `benchmarks/web.py` compares Mentorwise's pages with: one app, one view,
one template, 20 rows from the same PostgreSQL database (the accounts' table, read through an
unmanaged model), DEBUG off, persistent connections, the usual security/session middleware."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("SECRET_KEY", "bare-benchmark-page")
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["bare"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "bare.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {},
    }
]
DATABASES = {"default": dj_database_url.config(conn_max_age=600, conn_health_checks=True)}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
