"""Celery tasks: thin, they take ids and call the services. Their arguments are ids and
numbers only: they travel through the broker and appear in monitoring tools and worker
logs, so no name, address or token of a person goes into them."""

from celery import shared_task
from django.db import transaction

from .outbox import TemporaryFailure, email_send, stuck_emails_requeue


# The outbox row counts the attempts and decides when to give up; Celery only waits.
@shared_task(bind=True, acks_late=True, max_retries=None)
def send_email(self, email_id: int) -> str:  # type: ignore[no-untyped-def]
    try:
        return email_send(email_id=email_id)
    except TemporaryFailure as error:
        raise self.retry(exc=error, countdown=error.delay) from error


def send_after_commit(email_id: int) -> None:
    """Queue the message once the current transaction commits. Each message is queued on its
    own, and a failure to queue it (broker down; or, running eagerly, a temporary SMTP error)
    is logged rather than raised: the row stays in the outbox and beat's sweep sends it."""
    transaction.on_commit(lambda: send_email.delay(email_id), robust=True)


@shared_task(acks_late=True)
def create_invitations(
    meeting_id: int, group_ids: list[int], organisation_ids: list[int] | None = None
) -> int:
    # Imported here: invitations.py queues send_email from this module.
    from .invitations import invitations_create

    return invitations_create(
        meeting_id=meeting_id, group_ids=group_ids, organisation_ids=organisation_ids
    ).created


@shared_task
def send_reminders() -> int:
    from .invitations import reminders_queue

    return reminders_queue()


@shared_task
def requeue_stuck_emails() -> int:
    ids = stuck_emails_requeue()
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)


@shared_task
def anonymise_registrations() -> int:
    from .privacy import registrations_anonymise

    return registrations_anonymise()
