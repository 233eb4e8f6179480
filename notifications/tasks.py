"""The queue's side of e-mail: deliver one logged message."""

from django_tasks import task

from . import services


@task()
def deliver_email(*, message_id):
    return services.deliver(message_id)
