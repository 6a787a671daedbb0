"""Fails when the Spanish catalogue is behind the code: the check CI runs (docs/translating.md).

It copies the project package to a temporary directory and runs `makemessages` there with the
options of `make messages`, so the tracked catalogue is never touched. It then lists every entry
of the refreshed catalogue that is untranslated or fuzzy (a string added or changed in the code
without its translation), and compares the tracked compiled catalogue (.mo) with what
`compilemessages` would make of the tracked .po today.

Needs the GNU gettext tools (msgfmt, msgmerge, xgettext, msgattrib), as makemessages does.
"""

import gettext
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

import mentorwise

LANGUAGES = ["es"]
TOOLS = ["msgfmt", "msgmerge", "xgettext", "msguniq", "msgattrib"]
# The same options as `make messages` (see the Makefile).
MAKEMESSAGES_OPTIONS = {"no_location": True, "ignore_patterns": ["migrations/*"], "verbosity": 0}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "static", "media")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _entries(po: Path, *flags: str) -> list[str]:
    """The msgids of the entries of `po` that msgattrib selects with `flags`."""
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found, current = [], None
    for line in out.splitlines():
        if line.startswith('msgid "'):
            current = [line[len('msgid "') : -1]]
        elif current is not None and line.startswith('"'):
            current.append(line[1:-1])
        elif current is not None:
            if "".join(current):  # the header's msgid is empty
                found.append("".join(current))
            current = None
    return found


def _catalog(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]


def check_language(language: str) -> list[str]:
    """The problems of one language's catalogue, as lines to print (none when all is well)."""
    package = Path(mentorwise.__file__).resolve().parent
    tracked = package / "locale" / language / "LC_MESSAGES"
    problems = []
    with tempfile.TemporaryDirectory(prefix="mentorwise-messages-") as tmp:
        copy = Path(tmp) / "mentorwise"
        shutil.copytree(package, copy, ignore=SKIP)
        here = os.getcwd()
        os.chdir(copy)
        try:
            with override_settings(LOCALE_PATHS=[copy / "locale"]):
                call_command("makemessages", locale=[language], **MAKEMESSAGES_OPTIONS)
        finally:
            os.chdir(here)
        po = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        for msgid in _entries(po, "--untranslated"):
            problems.append(f"untranslated: {msgid}")
        for msgid in _entries(po, "--only-fuzzy"):
            problems.append(f"fuzzy: {msgid}")
        # The compiled catalogue must be what compilemessages makes of the tracked .po.
        fresh = Path(tmp) / "fresh.mo"
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(fresh), str(tracked / "django.po")],
            capture_output=True,
            check=True,
        )
        mo = tracked / "django.mo"
        if not mo.exists():
            problems.append("django.mo is missing: run `make messages`")
        elif _catalog(mo) != _catalog(fresh):
            problems.append("django.mo is out of date with django.po: run `make messages`")
    return problems


class Command(BaseCommand):
    help = (
        "Fails (exit status 1) when makemessages would leave an untranslated or fuzzy entry, or "
        "when a compiled catalogue is out of date."
    )

    def handle(self, *args, **options):
        missing = missing_tools()
        if missing:
            raise CommandError(
                "The GNU gettext tools are needed (apt-get install gettext); missing: "
                + ", ".join(missing)
            )
        failed = False
        for language in LANGUAGES:
            if language not in dict(settings.LANGUAGES):
                continue
            problems = check_language(language)
            if problems:
                failed = True
                self.stderr.write(f"{language}: {len(problems)} problem(s)")
                for problem in problems:
                    self.stderr.write(f"  {problem}")
            else:
                self.stdout.write(f"{language}: complete")
        if failed:
            raise CommandError("Translations are incomplete: see docs/translating.md")
