"""`manage.py seed_demo`: fill an empty database with the demo organization.

    seed_demo --if-empty        the `make run` default: seed only a database without any
                                organization; otherwise print a note (and the demo logins if
                                the demo organization is there) and change nothing
    seed_demo                   seed an empty database; refuse if it has organizations
    seed_demo --force           also seed a database that has other organizations (never on a
                                production site: every demo account has a published password)
    seed_demo --mentors 5000 --mentees 20000
                                a larger demo organization, for trying search and matching at
                                scale (start from an empty database: `make clean-db`)

There is only ever one demo organization (join code DEMO-2026); the command never adds people
to an existing one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mentorwise.demo.seed import (
    DEFAULT_MENTEES,
    DEFAULT_MENTORS,
    DEFAULT_SEED,
    DEMO_DOMAIN,
    DEMO_JOIN_CODE,
    demo_accounts_exist,
    demo_organization,
    logins_text,
    seed_demo,
)
from mentorwise.organizations.models import Organization

MAX_PEOPLE = 200_000


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"Expected a whole number, got {value!r}.") from None
    if not 1 <= number <= MAX_PEOPLE:
        raise CommandError(f"Choose a number from 1 to {MAX_PEOPLE:,}.")
    return number


class Command(BaseCommand):
    help = "Create the demo organization with its administrator, mentors and mentees."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Seed only when the database has no organization; otherwise do nothing.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though other organizations exist (never in production).",
        )
        parser.add_argument("--mentors", type=_count, default=DEFAULT_MENTORS)
        parser.add_argument("--mentees", type=_count, default=DEFAULT_MENTEES)
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed for names and profiles."
        )

    def handle(self, *args, if_empty, force, mentors, mentees, seed, **options):
        if Organization.objects.exists():
            existing = demo_organization()
            if if_empty:
                self.stdout.write("The database already has organizations; no demo data added.")
                if existing is not None:
                    self.stdout.write(logins_text(existing, base_url=settings.BASE_URL))
                return
            if existing is not None:
                raise CommandError(
                    f"The demo organization (join code {DEMO_JOIN_CODE}) already exists. To seed "
                    "it again, start from an empty database (make clean-db, then migrate)."
                )
            if not force:
                raise CommandError(
                    "The database already has organizations. The demo organization's accounts "
                    "share a published password; add --force to create it anyway (never on a "
                    "production site)."
                )
        if demo_accounts_exist():
            raise CommandError(
                f"Accounts with @{DEMO_DOMAIN} addresses already exist; remove them first."
            )
        result = seed_demo(mentors=mentors, mentees=mentees, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.organization.name}: {result.mentors:,} mentors, "
                f"{result.mentees:,} mentees, {result.participants:,} program places in "
                f"{len(result.programs)} programs ({result.seconds:.1f} s)."
            )
        )
        self.stdout.write(logins_text(result.organization, base_url=settings.BASE_URL))
