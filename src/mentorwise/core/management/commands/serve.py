"""Runs the web server and, beside it, a background worker and the scheduler (and, once, the
matching engine's warm-up): the laptop default of `make run`, with DEBUG off unless asked for
(the static files are collected first for WhiteNoise). The two helpers are child processes in
their own process group; they are stopped when the server stops (Ctrl-C, SIGTERM, or the port being taken), and on Linux they also stop if
this process is killed outright."""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

PR_SET_PDEATHSIG = 1


def _die_with_parent():  # pragma: no cover - runs in the child between fork and exec
    """Linux: the child gets SIGTERM when serve dies, even by SIGKILL."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def helpers(*, worker: bool = True, scheduler: bool = True) -> list[tuple[str, list[str]]]:
    """The background processes to run beside the web server, as (name, manage.py arguments)."""
    found = []
    if worker:
        # no autoreloader: it would leave a grandchild behind when stopped
        found.append(("worker", ["db_worker", "--no-reload", "--interval", "1"]))
        # compiles the matching engine (once; cached on disk) so match runs need not wait for it
        found.append(("matching warm-up", ["warm_matching"]))
    if scheduler:
        found.append(("scheduler", ["scheduler", "--interval", "5"]))
    return found


def collect_static() -> None:
    """With DEBUG off (the default, also for `make run`), WhiteNoise serves CSS and images from
    STATIC_ROOT under hashed names: gather them there first, or no page could render. With
    DEBUG on they are served from the source directories as they change."""
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


class Command(BaseCommand):
    help = "Serve Mentorwise on 127.0.0.1 with a background worker and the scheduler beside it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-worker", action="store_true")
        parser.add_argument("--no-scheduler", action="store_true")

    def handle(self, *args, port, host, no_worker, no_scheduler, **options):
        # runserver os._exit()s on a taken port, which would leave the helpers running: check first
        if not port_is_free(host, port):
            raise CommandError(f"Port {port} on {host} is in use; choose another with PORT=...")
        collect_static()
        self.children: list[tuple[str, subprocess.Popen]] = []
        previous = signal.signal(signal.SIGTERM, self._terminate)
        try:
            for name, arguments in helpers(worker=not no_worker, scheduler=not no_scheduler):
                self.children.append((name, self._spawn(arguments)))
                self.stdout.write(f"Background {name} started (pid {self.children[-1][1].pid}).")
            self.stdout.write(self.style.SUCCESS(f"Mentorwise is at http://{host}:{port}/"))
            call_command("runserver", f"{host}:{port}", use_reloader=False)
        finally:
            self.stop_children()
            signal.signal(signal.SIGTERM, previous)

    def _spawn(self, arguments: list[str]) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
            start_new_session=True,  # Ctrl-C reaches us, and we stop them in order
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )

    def _terminate(self, signum, frame):
        raise SystemExit(0)  # runs the `finally` above

    def stop_children(self, timeout: float = 10) -> None:
        for _name, child in self.children:
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGTERM)
        for name, child in self.children:
            try:
                child.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()
            self.stdout.write(f"Background {name} stopped.")
        self.children = []
