from django_tasks import task

from mentorwise.matching.services import run_execute


@task()
def execute_run(run_pk: int) -> str | None:
    run = run_execute(run_pk)
    return run.status if run else None
