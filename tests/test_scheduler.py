"""The scheduler's claims, the `sweep` and `scheduler` commands, and `serve` starting and
stopping its worker and scheduler."""

import datetime
import io
import signal
import subprocess
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus

from mentorwise.core import sweeps
from mentorwise.core.management.commands import serve
from mentorwise.core.management.commands.scheduler import Scheduler
from mentorwise.core.models import SweepRun

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
EXPECTED_SWEEPS = {
    "outbox",
    "digests",
    "request_reminders",
    "request_expiry",
    "profile_release",
    "mentorship_close",
    "mentorship_end_prompt",
}


class FakeTask:
    """Stands in for run_sweep: records what was enqueued; results stay READY until run."""

    def __init__(self):
        self.enqueued: list[str] = []
        self.results: list = []

    def enqueue(self, name):
        self.enqueued.append(name)
        result = SimpleNamespace(status=TaskResultStatus.READY, refresh=lambda: None)
        self.results.append(result)
        return result

    def run_all(self):
        for result in self.results:
            result.status = TaskResultStatus.SUCCESSFUL


def test_every_time_based_rule_is_registered():
    assert set(sweeps.REGISTRY) >= EXPECTED_SWEEPS
    assert sweeps.REGISTRY["outbox"].every == datetime.timedelta(seconds=30)
    assert sweeps.REGISTRY["digests"].every == datetime.timedelta(hours=24)


def test_one_claim_per_interval_however_many_schedulers_ask():
    every = sweeps.REGISTRY["request_expiry"].every
    assert sweeps.claim_due("request_expiry", now=T0) is True
    assert sweeps.claim_due("request_expiry", now=T0) is False  # a second scheduler
    assert sweeps.claim_due("request_expiry", now=T0 + every / 2) is False
    second = datetime.timedelta(seconds=1)
    assert sweeps.claim_due("request_expiry", now=T0 + every - second) is False
    assert sweeps.claim_due("request_expiry", now=T0 + every) is True
    assert sweeps.claim_due("request_expiry", now=T0 + every) is False
    assert SweepRun.objects.get(name="request_expiry").last_started_at == T0 + every


def test_after_downtime_a_sweep_is_claimed_once_not_once_per_missed_interval():
    assert sweeps.claim_due("outbox", now=T0)
    later = T0 + datetime.timedelta(days=3)
    assert [sweeps.claim_due("outbox", now=later) for _ in range(5)] == [True] + [False] * 4


def test_two_schedulers_enqueue_each_sweep_once_per_interval():
    task_a, task_b = FakeTask(), FakeTask()
    a, b = Scheduler(task=task_a), Scheduler(task=task_b)
    assert set(a.tick(now=T0)) == set(sweeps.REGISTRY)
    assert b.tick(now=T0) == []
    task_a.run_all()
    # thirty seconds later only the outbox is due again, and only one scheduler gets it
    later = T0 + datetime.timedelta(seconds=30)
    assert b.tick(now=later) + a.tick(now=later) == ["outbox"]
    # a day later everything is due once more, and each sweep goes to one scheduler
    task_a.run_all()
    task_b.run_all()
    tomorrow = T0 + datetime.timedelta(days=1)
    assert set(b.tick(now=tomorrow)) == set(sweeps.REGISTRY)
    assert a.tick(now=tomorrow) == []
    assert task_a.enqueued.count("digests") + task_b.enqueued.count("digests") == 2


def test_a_sweep_still_waiting_for_a_worker_is_not_enqueued_again():
    task = FakeTask()
    scheduler = Scheduler(task=task)
    scheduler.tick(now=T0)
    for minutes in range(1, 60):  # the workers are down for an hour
        scheduler.tick(now=T0 + datetime.timedelta(minutes=minutes))
    assert task.enqueued.count("outbox") == 1
    assert len(task.enqueued) == len(sweeps.REGISTRY)
    task.run_all()  # a worker is back
    again = scheduler.tick(now=T0 + datetime.timedelta(minutes=61))
    assert set(again) == {"outbox", "request_reminders", "request_expiry"}


def test_scheduler_once_enqueues_and_the_tasks_run(mailoutbox):
    out = io.StringIO()
    call_command("scheduler", "--once", "-v", "2", stdout=out)
    assert "Enqueued:" in out.getvalue()
    assert SweepRun.objects.filter(last_started_at__isnull=False).count() == len(sweeps.REGISTRY)
    call_command("scheduler", "--once", "-v", "2", stdout=(again := io.StringIO()))
    assert again.getvalue() == ""  # nothing due yet


def test_scheduler_loops_until_told_to_stop(monkeypatch):
    from mentorwise.core.management.commands import scheduler as command

    ticks = []

    def sleep(self, seconds):
        ticks.append(seconds)
        if len(ticks) == 3:
            self._stop(signal.SIGTERM, None)  # what SIGTERM does

    monkeypatch.setattr(command.Command, "_sleep", sleep)
    monkeypatch.setattr(command, "close_old_connections", lambda: None)
    before = signal.getsignal(signal.SIGTERM)
    out = io.StringIO()
    call_command("scheduler", "--interval", "2", stdout=out)
    assert ticks == [2.0, 2.0, 2.0]
    assert f"Scheduler started: {len(sweeps.REGISTRY)} sweeps" in out.getvalue()
    assert out.getvalue().endswith("Scheduler stopped.\n")
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_database_hiccup_does_not_stop_the_scheduler(monkeypatch, caplog):
    from django.db import OperationalError

    from mentorwise.core.management.commands import scheduler as command

    calls = []

    def tick(self, now=None):
        calls.append(now)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return ["outbox"]

    def sleep(self, seconds):
        if len(calls) == 2:
            self._stop(signal.SIGTERM, None)

    monkeypatch.setattr(command.Scheduler, "tick", tick)
    monkeypatch.setattr(command.Command, "_sleep", sleep)
    monkeypatch.setattr(command, "close_old_connections", lambda: None)
    out = io.StringIO()
    call_command("scheduler", "-v", "2", stdout=out)
    assert len(calls) == 2
    assert "database is locked" in caplog.text
    assert "Enqueued: outbox" in out.getvalue()


def test_sweep_all_runs_every_sweep(world):
    out = io.StringIO()
    call_command("sweep", "--all", stdout=out)
    lines = out.getvalue().splitlines()
    assert {line.split(":")[0] for line in lines} == set(sweeps.REGISTRY)
    call_command("sweep", "request_expiry", stdout=(one := io.StringIO()))
    assert one.getvalue() == "request_expiry: 0\n"
    with pytest.raises(CommandError, match="Unknown sweep"):
        call_command("sweep", "nonsense")
    with pytest.raises(CommandError, match="Name a sweep"):
        call_command("sweep")


# ---------------------------------------------------------------------------------------------
# serve


class FakeProcess:
    started: list = []

    def __init__(self, argv, **kwargs):
        self.argv, self.kwargs = argv, kwargs
        self.pid = 4242 + len(FakeProcess.started)
        self.returncode = None
        FakeProcess.started.append(self)

    def poll(self):
        return self.returncode

    def wait(self, timeout=None):
        return self.returncode


@pytest.fixture
def fake_children(monkeypatch):
    FakeProcess.started = []
    killed = []

    def killpg(pid, sig):
        killed.append((pid, sig))
        for child in FakeProcess.started:
            if child.pid == pid:
                child.returncode = -sig

    monkeypatch.setattr(subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(serve.os, "killpg", killpg)
    monkeypatch.setattr(serve, "port_is_free", lambda host, port: True)
    return killed


@pytest.mark.parametrize("ending", [KeyboardInterrupt, SystemExit])
def test_serve_runs_worker_and_scheduler_and_stops_both(monkeypatch, fake_children, ending):
    collected = []

    def runserver(name, *args, **kwargs):
        if name == "collectstatic":  # first, with DEBUG off: WhiteNoise serves the CSS
            collected.append(kwargs)
            return
        assert name == "runserver" and collected
        started = [p.argv[2] for p in FakeProcess.started]
        assert started == ["db_worker", "warm_matching", "scheduler"]
        raise ending()

    monkeypatch.setattr(serve, "call_command", runserver)
    out = io.StringIO()
    with pytest.raises(ending):
        call_command("serve", "--port", "8765", stdout=out)
    worker, warm_up, scheduler = FakeProcess.started
    assert "--no-reload" in worker.argv
    assert all(p.kwargs["start_new_session"] for p in FakeProcess.started)
    assert sorted(pid for pid, _ in fake_children) == [worker.pid, warm_up.pid, scheduler.pid]
    assert all(p.returncode is not None for p in FakeProcess.started)
    text = out.getvalue()
    assert "Background worker started" in text and "Background scheduler started" in text
    assert "Background worker stopped" in text and "Background scheduler stopped" in text


def test_serve_without_helpers(monkeypatch, fake_children):
    monkeypatch.setattr(serve, "call_command", lambda *a, **k: None)
    call_command("serve", "--no-worker", "--no-scheduler", stdout=io.StringIO())
    assert FakeProcess.started == []


def test_serve_refuses_a_taken_port_before_starting_anything(monkeypatch, fake_children):
    monkeypatch.setattr(serve, "port_is_free", lambda host, port: False)
    with pytest.raises(CommandError, match="in use"):
        call_command("serve", "--port", "8765", stdout=io.StringIO())
    assert FakeProcess.started == []


def test_port_is_free_sees_a_listening_socket():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        assert serve.port_is_free("127.0.0.1", sock.getsockname()[1]) is False
