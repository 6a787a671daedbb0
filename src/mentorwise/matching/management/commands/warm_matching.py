"""Compiles the matching engine's kernels (or loads them from Numba's cache) so that the first
match run does not wait for it. Run it after installing or upgrading; `make run` starts it beside
the server."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the matching engine's kernels now instead of during the first match run."

    def handle(self, *args, **options):
        from mentorwise.matching.engine.warm import warm_up

        seconds = warm_up()
        self.stdout.write(f"Matching engine ready ({seconds:.1f} s).")
