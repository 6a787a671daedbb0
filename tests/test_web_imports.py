"""The web process does not load the matching engine (NumPy, SciPy, Numba, OR-Tools: ~150 MB a
worker): the WSGI application, its URLconf and every view module import without it. Only the
process that runs matches (and the few administrator pages that score pairs) imports it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The engine's modules that compute; its package and ``engine.reason`` (the type of a stored
# reason, which imports nothing) may load, since a run's page reads its reasons.
ENGINE = (
    "mentorwise.matching.engine.run",
    "mentorwise.matching.engine.kernels",
    "mentorwise.matching.engine.features",
    "mentorwise.matching.engine.explain",
    "mentorwise.matching.engine.model",
    "numba",
    "scipy",
    "ortools",
    "numpy",
    "llvmlite",
)

PROBE = """
import sys
from mentorwise.wsgi import application
from django.urls import get_resolver

def walk(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            walk(pattern.url_patterns)
        else:
            pattern.callback  # imports the view's module

walk(get_resolver().url_patterns)
import mentorwise.matching.member_queries, mentorwise.matching.features
import mentorwise.matching.services, mentorwise.api.routes
print(" ".join(name for name in %r if name in sys.modules))
"""


def test_the_web_application_starts_without_the_matching_engine(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "mentorwise.settings",
        "MENTORWISE_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "DEBUG": "false",
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE % (ENGINE,)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"loaded by the web process: {done.stdout}"


def test_the_criteria_the_pages_name_are_the_engines():
    from mentorwise.matching.engine import CRITERIA
    from mentorwise.matching.services.criteria import CRITERIA as NAMED

    assert NAMED == CRITERIA
