"""The tiny scheduler loop: every few seconds, enqueue each sweep whose interval has passed.

Safe to run on several machines at once: a sweep is claimed for its interval by a conditional
UPDATE (core.sweeps.claim_due), so one scheduler enqueues it per interval, and every sweep is
idempotent anyway. While a sweep it enqueued still waits for a worker, this scheduler does not
claim it again: when the workers are down, the queue does not fill up with copies.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django_tasks import TaskResultStatus

from mentorwise.core import sweeps
from mentorwise.core.tasks import run_sweep

log = logging.getLogger("mentorwise.scheduler")


class Scheduler:
    def __init__(self, task=run_sweep):
        self.task = task
        self.waiting: dict[str, object] = {}

    def _still_waiting(self, name: str) -> bool:
        result = self.waiting.get(name)
        if result is None:
            return False
        try:
            result.refresh()
        except Exception:  # a backend that cannot look results up, or the row was pruned
            return False
        return result.status == TaskResultStatus.READY

    def tick(self, now=None) -> list[str]:
        """Enqueues the sweeps that are due and that this process claimed; returns their names."""
        enqueued = []
        for name in sweeps.REGISTRY:
            if self._still_waiting(name):
                continue
            if sweeps.claim_due(name, now=now):
                self.waiting[name] = self.task.enqueue(name)
                enqueued.append(name)
        return enqueued


class Command(BaseCommand):
    help = "Enqueue periodic sweeps (reminders, expiries, releases, auto-close, digests, mail)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, interval, once, verbosity, **options):
        scheduler = Scheduler()
        self.running = True
        if once:
            self._loop(scheduler, interval, once=True, verbosity=verbosity)
            return
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        self.stdout.write(
            f"Scheduler started: {len(sweeps.REGISTRY)} sweeps, checking every {interval:g}s."
        )
        try:
            self._loop(scheduler, interval, once=False, verbosity=verbosity)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        self.stdout.write("Scheduler stopped.")

    def _loop(self, scheduler: Scheduler, interval: float, *, once: bool, verbosity: int):
        while self.running:
            try:
                enqueued = scheduler.tick()
            except DatabaseError as exc:  # e.g. SQLite busy, PostgreSQL restarting: try again
                log.warning("Scheduler tick failed, retrying: %s", exc)
                enqueued = []
            if enqueued and verbosity >= 2:
                self.stdout.write(f"Enqueued: {', '.join(enqueued)}")
            if once:
                return
            self._sleep(interval)
            close_old_connections()  # drop a connection that broke or aged while we slept

    def _stop(self, signum, frame):
        self.running = False

    def _sleep(self, seconds: float):
        end = time.monotonic() + seconds
        while self.running and time.monotonic() < end:
            time.sleep(min(0.5, end - time.monotonic()))
