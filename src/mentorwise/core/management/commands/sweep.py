"""Run sweeps now, in this process: `manage.py sweep --all` or `manage.py sweep NAME`."""

from django.core.management.base import BaseCommand, CommandError

from mentorwise.core import sweeps


class Command(BaseCommand):
    help = "Run one or all periodic sweeps immediately."

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*")
        parser.add_argument("--all", action="store_true")

    def handle(self, *args, names, all, **options):
        if all:
            names = list(sweeps.REGISTRY)
        if not names:
            raise CommandError(f"Name a sweep or use --all: {', '.join(sweeps.REGISTRY)}")
        for name in names:
            if name not in sweeps.REGISTRY:
                raise CommandError(f"Unknown sweep {name!r}.")
            self.stdout.write(f"{name}: {sweeps.run(name)}")
