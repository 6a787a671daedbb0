"""Periodic work as idempotent "sweeps", and the registry the scheduler reads.

A sweep is a plain function `sweep(now) -> int` (how many things it changed). It must be safe to
run twice, concurrently, or late after downtime: each one claims rows with conditional UPDATEs.
Apps register their sweeps in their `sweeps.py`, imported by `AppConfig.ready()`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Sweep:
    name: str
    func: Callable[[datetime], int]
    every: timedelta


REGISTRY: dict[str, Sweep] = {}


def register(name: str, *, every: timedelta):
    def decorator(func):
        REGISTRY[name] = Sweep(name=name, func=func, every=every)
        return func

    return decorator


def claim_due(name: str, *, now: datetime | None = None) -> bool:
    """True for exactly one caller per interval, however many schedulers run at once."""
    from mentorwise.core.models import SweepRun

    sweep = REGISTRY[name]
    now = now or timezone.now()
    SweepRun.objects.get_or_create(name=name)
    with transaction.atomic():
        claimed = SweepRun.objects.filter(
            Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - sweep.every), name=name
        ).update(last_started_at=now)
    return claimed == 1


def run(name: str, *, now: datetime | None = None) -> int:
    return REGISTRY[name].func(now or timezone.now())


def run_all(*, now: datetime | None = None) -> dict[str, int]:
    """Runs every sweep once, in registration order (tests and `manage.py sweep --all`)."""
    now = now or timezone.now()
    return {name: sweep.func(now) for name, sweep in REGISTRY.items()}
