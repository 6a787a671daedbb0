"""Mentor search at scale: builds a demo organization of the given size in a throwaway database
and prints how long the search page and its query take, and how many SQL queries a page costs.
The filters' values are cached (a repeated search does not compute them); the last row measures
the first search after a change, which computes them again.

    .venv/bin/python benchmarks/search.py                       # SQLite, 5,000 mentors, 20,000 mentees
    .venv/bin/python benchmarks/search.py --mentors 500 --mentees 2000
    .venv/bin/python benchmarks/search.py --postgres postgres://postgres@127.0.0.1:5432

With --postgres a temporary database is created on that server and dropped afterwards.
Figures are printed, never asserted: record them in benchmarks/RESULTS.md when they change.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

QUERIES = [
    ("browse, sorted by name", {}),
    ("one word", {"q": "story"}),
    ("two words", {"q": "character animation"}),
    ("expertise filter", {"expertise": "storyboarding"}),
    ("language + has room", {"language": "spanish", "has_room": "on"}),
    ("word + filters + room sort", {"q": "lead", "language": "english", "sort": "room"}),
    ("no result", {"q": "zzzzzz"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentors", type=int, default=5000)
    parser.add_argument("--mentees", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres", metavar="URL", help="server URL without a database name")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="mw-bench-")
    os.environ["MENTORWISE_VAR_DIR"] = workdir
    os.environ["DEBUG"] = "false"  # measure what production runs (no query log, hashed statics)
    os.environ["STATIC_ROOT"] = os.path.join(workdir, "static")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mentorwise.settings")
    dbname = None
    if args.postgres:
        import psycopg

        dbname = f"mentorwise_bench_{os.getpid()}"
        with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {dbname}")
        os.environ["DATABASE_URL"] = f"{args.postgres}/{dbname}"
    else:
        os.environ.pop("DATABASE_URL", None)

    try:
        run(args)
    finally:
        if dbname:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(f"{args.postgres}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {dbname}")


def run(args) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from mentorwise.core.cache import version_key
    from mentorwise.demo.seed import seed_demo
    from mentorwise.profiles.models import Participant
    from mentorwise.profiles.search import FACETS

    setup_test_environment()  # lets the client expose each response's template context
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    result = seed_demo(mentors=args.mentors, mentees=args.mentees)
    seeded = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    program = next(p for p in result.programs if p.is_self_service)
    mentee = (
        Participant.objects.filter(program=program, role="mentee").select_related("user").first()
    )
    client = Client()
    client.force_login(mentee.user)
    url = f"/programs/{program.public_id}/mentors/"

    print(
        f"database: {connection.vendor}; {args.mentors:,} mentors, {args.mentees:,} mentees "
        f"(seeded in {seeded:.1f} s)"
    )
    print(f"{'search':32} {'results':>8} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")

    def measure(label, params, before=lambda: None):
        before()
        client.get(url, params)  # warm up
        timings = []
        for _ in range(args.repeat):
            before()
            t0 = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - t0) * 1000)
        before()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, response.status_code
        count = response.context["page"].paginator.count
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(
            f"{label:32} {count:>8,} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(ctx):>8}"
        )

    for label, params in QUERIES:  # the filters' values come from the cache
        measure(label, params)
    # the first search after a change to the program's participants computes them again
    measure(
        "browse, just after a change",
        {},
        before=lambda: cache.delete(version_key(FACETS, program.public_id)),
    )


if __name__ == "__main__":
    main()
