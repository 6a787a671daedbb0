"""The tiny scheduler loop: every few seconds, enqueue each sweep whose interval has passed.

Safe to run on several machines at once: a sweep is claimed for its interval by a conditional
UPDATE, and every sweep is idempotent anyway.
"""

import time

from django.core.management.base import BaseCommand

from mentorwise.core import sweeps
from mentorwise.core.tasks import run_sweep


class Command(BaseCommand):
    help = "Enqueue periodic sweeps (reminders, expiries, releases, auto-close, digests, mail)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between checks")
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args, interval, once, **options):
        while True:
            for name in sweeps.REGISTRY:
                if sweeps.claim_due(name):
                    run_sweep.enqueue(name)
            if once:
                return
            time.sleep(interval)
