"""Runs the web server and, beside it, the background worker: the laptop default of `make run`."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Mentorwise on 127.0.0.1 with an in-process background worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, port, host, no_worker, **options):
        worker = None
        if not no_worker:
            worker = subprocess.Popen(
                [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker"],
                start_new_session=True,
            )
            self.stdout.write(f"Background worker started (pid {worker.pid}).")
        try:
            self.stdout.write(self.style.SUCCESS(f"Mentorwise is at http://{host}:{port}/"))
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=10)
