"""The pages people feel, under load, against a bare Django page: builds the demo organization
at the given size in a PostgreSQL database, serves Mentorwise and a minimal Django page
(`benchmarks/bare/`: one view rendering 20 rows from the same database) with the same gunicorn
settings (2 sync workers, DEBUG off, persistent connections), loads them alternately with wrk on
127.0.0.1 (the bare page just before each page, in the same minute) and prints, for each page,
its throughput, p50/p99 latency, errors, CPU per request (web workers, and the PostgreSQL
backends serving them; "bare CPU" is the bare page's, both together) and its throughput as a
share of the bare page's; then each server's
worker memory (RSS) and whether the matching engine's libraries are loaded in it.

    .venv/bin/python benchmarks/web.py --mentors 500 --mentees 2000 --duration 5   # quick
    .venv/bin/python benchmarks/web.py --reuse          # 5,000 mentors, 20,000 mentees, kept
    .venv/bin/python benchmarks/web.py --reuse --only search home

The database is created on the server of --postgres and dropped afterwards, unless --reuse:
then it is named after the size, kept, and used again as it is by the next run (migrated,
seeded only if empty). Needs wrk (the load generator): `apt-get install wrk` on Debian/Ubuntu,
`brew install wrk` on macOS, or build it from https://github.com/wg/wrk. The machine's speed
varies when it is shared: compare the ratios of one run, not absolute figures across runs.
Figures are printed, never asserted: record them in benchmarks/RESULTS.md when they change.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT / "src"))

TICK = os.sysconf("SC_CLK_TCK")
ENGINE_LIBRARIES = ("numba", "scipy", "ortools", "llvmlite")

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p99_us\\": %d, "
    .. "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"status\\": %d, \\"timeout\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432", metavar="URL")
    parser.add_argument("--reuse", action="store_true", help="keep the database for next time")
    parser.add_argument("--duration", type=int, default=8, help="seconds of load per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each page (median kept)")
    parser.add_argument("--only", nargs="*", help="pages whose name contains one of these")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")
    args = parser.parse_args()
    if not Path(args.wrk).exists():
        sys.exit("wrk not found: apt-get install wrk (or brew install wrk), or pass --wrk PATH")

    import psycopg

    workdir = Path(tempfile.mkdtemp(prefix="mw-web-bench-"))
    dbname = (
        f"mw_webbench_{args.mentors}_{args.mentees}" if args.reuse else f"mw_webbench_{os.getpid()}"
    )
    with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE {dbname}")
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.postgres}/{dbname}",
        "DEBUG": "false",
        "CONN_MAX_AGE": "600",
        "SECRET_KEY": "web-benchmark-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": "http://127.0.0.1",
        "MENTORWISE_VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "mentorwise.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("MENTORWISE_TESTING", None)
    try:
        os.environ.update(env)
        setup = prepare(args)
        run(args, env, setup, dbname)
    finally:
        if not args.reuse:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)


def prepare(args) -> dict:
    """Migrates, seeds if empty, and returns the pages to load with the headers they need."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from mentorwise.accounts.models import ApiToken, User
    from mentorwise.demo.seed import ADMIN_EMAIL, mentee_email, seed_demo
    from mentorwise.mentorships.models import Mentorship
    from mentorwise.organizations.models import Organization
    from mentorwise.profiles.models import Participant
    from mentorwise.profiles.search import facet_options

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not Organization.objects.exists():
        started = time.perf_counter()
        seed_demo(mentors=args.mentors, mentees=args.mentees)
        print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    mentee = User.objects.get(email=mentee_email(1))
    admin = User.objects.get(email=ADMIN_EMAIL)
    mine = Participant.objects.filter(user=mentee, role="mentee").select_related("program")
    participation = next((p for p in mine if p.program.is_self_service), None) or mine.first()
    program = participation.program
    mentor = (
        Participant.objects.filter(program=program, role="mentor", status="accepted")
        .order_by("pk")
        .first()
    )
    mentorship = Mentorship.objects.visible_to(mentee).established().order_by("pk").first()
    topics = facet_options(program=program, role="mentor")["topics"]
    expertise = next((slug for slug, _ in topics if slug == "storyboarding"), topics[0][0])

    def session(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    token = ApiToken.issue(user=mentee, label="benchmark")[1]
    as_mentee = {"Cookie": f"sessionid={session(mentee)}"}
    as_admin = {"Cookie": f"sessionid={session(admin)}"}
    bearer = {"Authorization": f"Bearer {token}"}
    p = f"/programs/{program.public_id}"
    pages = [
        ("sign-in page", "/accounts/login/", {}),
        ("home, signed in", "/", as_mentee),
        ("mentor search", f"{p}/mentors/", as_mentee),
        ("mentor search, words", f"{p}/mentors/?q=story", as_mentee),
        ("mentor search, expertise", f"{p}/mentors/?expertise={expertise}", as_mentee),
        ("mentor search, language + room", f"{p}/mentors/?language=spanish&has_room=on", as_mentee),
        ("API mentor search", f"/api/v1{p}/mentors", bearer),
        ("API mentor search, words", f"/api/v1{p}/mentors?q=story", bearer),
        ("a mentor's profile", f"/people/{mentor.public_id}/", as_mentee),
        ("my mentorships", "/mentorships/", as_mentee),
        ("program page", f"{p}/", as_mentee),
        ("notifications", "/notifications/", as_mentee),
        ("participants (administrator)", f"/manage{p}/participants/", as_admin),
    ]
    if mentorship:
        m = f"/mentorships/{mentorship.public_id}"
        pages += [
            ("workspace: a mentorship", f"{m}/", as_mentee),
            ("workspace: messages", f"{m}/messages/", as_mentee),
            ("workspace: meetings", f"{m}/meetings/", as_mentee),
            ("workspace: agreement", f"{m}/agreement/", as_mentee),
        ]
    if args.only:
        pages = [page for page in pages if any(word in page[0] for word in args.only)]
    from django.db import connections

    connections.close_all()
    return {"pages": pages, "size": (args.mentors, args.mentees)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(module: str, chdir: Path, env: dict, workers: int) -> tuple:
    port = free_port()
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            module,
            "--chdir",
            str(chdir),
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        start_new_session=True,
    )
    return process, port


def wait_ready(port: int, path: str, headers: dict) -> None:
    deadline = time.time() + 60
    while True:
        try:
            fetch(port, path, headers)
            return
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.3)


def fetch(port: int, path: str, headers: dict) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    with opener.open(request, timeout=30) as response:
        response.read()
        return response.status


def workers_of(process) -> list[int]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def engine_loaded(pid: int) -> bool:
    maps = Path(f"/proc/{pid}/maps").read_text()
    return any(f"/{name}" in maps for name in ENGINE_LIBRARIES)


def backends(dsn: str, dbname: str) -> list[int]:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [dbname],
        ).fetchall()
    return [row[0] for row in rows]


def load(args, port: int, path: str, headers: dict, server, dsn: str, dbname: str) -> dict:
    script = Path(tempfile.gettempdir()) / "mw-web-bench.lua"
    script.write_text(WRK_SCRIPT)
    command = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--timeout", "10s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    web, db = workers_of(server), backends(dsn, dbname)
    web_before, db_before = cpu_seconds(web), cpu_seconds(db)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    web_cpu, db_cpu = cpu_seconds(web) - web_before, cpu_seconds(db) - db_before
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    n = max(result["requests"], 1)
    errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50": result["p50_us"] / 1000,
        "p99": result["p99_us"] / 1000,
        "errors": errors,
        "web_cpu": web_cpu / n * 1000,
        "db_cpu": db_cpu / n * 1000,
    }


def run(args, env: dict, setup: dict, dbname: str) -> None:
    dsn = f"{args.postgres}/{dbname}"
    pages = setup["pages"]
    app, app_port = start_server("mentorwise.wsgi:application", ROOT / "src", env, args.workers)
    bare_env = {**env, "DJANGO_SETTINGS_MODULE": "bare.settings", "PYTHONPATH": str(BENCH)}
    bare, bare_port = start_server("bare.wsgi:application", BENCH, bare_env, args.workers)
    try:
        wait_ready(bare_port, "/", {})
        wait_ready(app_port, "/accounts/login/", {})
        for name, path, headers in pages:  # every page answers 200, and is warm in both workers
            for _ in range(4):
                status = fetch(app_port, path, headers)
                if status != 200:
                    sys.exit(f"{name}: {path} answered {status}")
        mentors, mentees = setup["size"]
        print(
            f"{time.strftime('%Y-%m-%d %H:%M')} UTC; {platform.node()}: {os.cpu_count()} cores, "
            f"{cpu_model()}; PostgreSQL; {mentors:,} mentors, {mentees:,} mentees; "
            f"gunicorn {args.workers} sync workers; wrk -t{args.threads} -c{args.connections} "
            f"-d{args.duration}s, the bare page just before each page"
        )
        header = (
            f"{'page':34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
            f"{'web CPU ms':>10} {'db CPU ms':>9} {'bare req/s':>10} {'bare p99':>8} {'bare CPU':>8} "
            f"{'ratio':>6}"
        )
        print(header)
        print("-" * len(header), flush=True)
        for name, path, headers in pages:
            runs = []
            for _ in range(args.rounds):
                base = load(args, bare_port, "/", {}, bare, dsn, dbname)
                page = load(args, app_port, path, headers, app, dsn, dbname)
                runs.append((page["rps"] / base["rps"], page, base))
            ratio, page, base = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
            print(
                f"{name:34} {page['rps']:>7.0f} {page['p50']:>7.1f} {page['p99']:>7.1f} "
                f"{page['errors']:>6} {page['web_cpu']:>10.1f} {page['db_cpu']:>9.1f} "
                f"{base['rps']:>10.0f} {base['p99']:>8.1f} {base['web_cpu'] + base['db_cpu']:>8.1f} "
                f"{ratio:>6.0%}",
                flush=True,
            )
        print()
        for label, server in (("Mentorwise", app), ("bare Django", bare)):
            workers = workers_of(server)
            sizes = ", ".join(f"{rss_mb(pid):.0f} MB" for pid in workers)
            loaded = any(engine_loaded(pid) for pid in workers)
            print(
                f"{label} workers' RSS: {sizes}; matching engine's libraries loaded: "
                f"{'yes' if loaded else 'no'}"
            )
    finally:
        for server in (app, bare):
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except FileNotFoundError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
