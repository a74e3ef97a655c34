"""Celery tasks run by beat or queued by admin: thin, they take ids and call the services.
Their arguments are ids and numbers only: they travel through the broker and appear in
monitoring tools and worker logs, so no name, address or token of a person goes into them.

The task that sends one message, `send_email`, lives in outbox.py beside the service it runs.
"""

from celery import shared_task

from .invitations import invitations_create, reminders_queue
from .invitee_imports import invitee_import_run
from .outbox import emails_send_each, stuck_emails_requeue
from .privacy import registrations_anonymise
from .services import holds_release_all


@shared_task(acks_late=True)
def create_invitations(
    meeting_id: int, group_ids: list[int], organisation_ids: list[int] | None = None
) -> int:
    return invitations_create(
        meeting_id=meeting_id, group_ids=group_ids, organisation_ids=organisation_ids
    ).created


@shared_task
def send_reminders() -> int:
    return reminders_queue()


@shared_task
def requeue_stuck_emails() -> int:
    return emails_send_each(stuck_emails_requeue())


@shared_task
def anonymise_registrations() -> int:
    return registrations_anonymise()


@shared_task
def release_seat_holds() -> int:
    return holds_release_all()


@shared_task(acks_late=True)
def import_invitees(import_id: int) -> int:
    return invitee_import_run(import_id=import_id).created
