"""Celery tasks: thin, they take ids and call the outbox."""

from celery import shared_task

from .outbox import TemporaryFailure, email_send, stuck_emails_requeue

MAX_RETRIES = 8


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES)
def send_email(self, email_id: int) -> str:  # type: ignore[no-untyped-def]
    try:
        return email_send(email_id=email_id, final_attempt=self.request.retries >= MAX_RETRIES)
    except TemporaryFailure as error:
        # 30 s, 1 min, 2 min, ... about two hours in all.
        raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error


@shared_task
def requeue_stuck_emails() -> int:
    ids = stuck_emails_requeue()
    for email_id in ids:
        send_email.delay(email_id)
    return len(ids)
