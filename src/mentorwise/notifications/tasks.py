from django_tasks import task

from mentorwise.notifications.delivery import deliver


@task()
def deliver_email(pk: int) -> bool:
    return deliver(pk)
