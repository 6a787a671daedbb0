"""Background tasks (Django Tasks API) shared by every app."""

from django_tasks import task

from mentorwise.core import sweeps


@task()
def run_sweep(name: str) -> int:
    return sweeps.run(name)
