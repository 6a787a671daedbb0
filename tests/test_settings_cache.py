"""The cache setting: every process of the site shares one cache unless told otherwise."""

import os
import subprocess
import sys

import pytest

from mentorwise.settings import _caches


def settings_of(env: dict) -> str:
    """CACHES as a fresh process configured by these variables sees it (not under pytest)."""
    code = "import json; from mentorwise import settings; print(json.dumps(settings.CACHES))"
    full = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    full.pop("MENTORWISE_TESTING", None)
    out = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True,
                         check=True, timeout=60)  # fmt: skip
    return out.stdout


def test_the_default_is_a_directory_all_processes_share(tmp_path):
    caches = settings_of({"MENTORWISE_VAR_DIR": str(tmp_path)})
    assert "FileBasedCache" in caches and str(tmp_path / "cache") in caches


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("db://", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://cache.example:6379/0", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("file:///srv/mentorwise/cache", "django.core.cache.backends.filebased.FileBasedCache"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend):
    assert _caches(url)["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(ValueError, match="CACHE_URL"):
        _caches("memcache://x")
