"""Version stamps for cached reads that depend on one program's data.

A cached read puts the current version of its scope (usually a program) in its cache key; a
service that changes what the read depends on bumps the version, and the next read misses and
recomputes. Old entries are never deleted: nothing asks for their key again and they expire.

Within one process the cache is exact. Web processes see each other's bumps only if CACHES is a
shared backend (see decision 0002); with Django's default per-process memory cache an entry can be
stale in another process for as long as its timeout.
"""

import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction


def version_key(name: str, scope) -> str:
    return f"{name}-version:{scope}"


def current_version(name: str, scope) -> float:
    """The version of `name` for `scope`, started now if there is none yet (or it was bumped)."""
    return cache.get_or_set(version_key(name, scope), time.time, None)


def bump_version_on_commit(name: str, scopes: Iterable) -> None:
    """Retires the current versions of `name` for these scopes once the transaction commits, so a
    read that starts after the commit cannot find an entry computed from the data before it."""
    keys = [version_key(name, scope) for scope in set(scopes)]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))
