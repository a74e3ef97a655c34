"""Celery tasks: thin, they take ids and call the services. Their arguments are ids and
numbers only: they travel through the broker and appear in monitoring tools and worker
logs, so no name, address or token of a person goes into them."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from .outbox import TemporaryFailure, email_send, replies_hand_over, stuck_emails_requeue

logger = logging.getLogger(__name__)

# Set while a relay is queued and has not started: replies committed meanwhile queue no task
# of their own, since that relay will find them.
RELAY_PENDING_KEY = "outbox:relay-pending"
# How long a relay lost on its way (a broker restart) can hold the flag; beat runs a relay as
# often.
RELAY_PENDING_SECONDS = settings.REPLY_RELAY_SECONDS


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
def relay_replies() -> int:
    """Queue the sending of every reply to the registration form that no worker has yet.
    Beat runs it every minute too, for the replies of a relay that was lost (a broker
    restart, a worker killed while relaying)."""
    # First: a reply committed from here on finds the flag gone and queues another relay.
    cache.delete(RELAY_PENDING_KEY)
    return _send_each(replies_hand_over())


def _send_each(email_ids: list[int]) -> int:
    """Queue a send_email task for each message; one that cannot be queued (running eagerly,
    one that met a temporary SMTP error) stays in the outbox for the sweep, as with
    send_after_commit, and the others still go. Returns how many there were."""
    for email_id in email_ids:
        try:
            send_email.delay(email_id)
        except Exception:
            logger.exception("Outbox message %s was not sent now", email_id)
    return len(email_ids)


def reply_after_commit(email_id: int) -> None:
    """Queue a reply to the registration form once the current transaction commits. Publishing
    a task costs a web process more than the rest of a registration's bookkeeping, so the
    replies of people registering at the same moment go through one relay task. The flag
    that says one is on its way must be seen by the worker too: with a broker but without a
    shared cache (CACHE_URL), each reply is queued on its own."""
    if settings.CACHE_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: _wake_relay(email_id), robust=True)
    else:
        send_after_commit(email_id)


def _wake_relay(email_id: int) -> None:
    try:
        wanted = cache.add(RELAY_PENDING_KEY, True, RELAY_PENDING_SECONDS)
    except Exception:
        logger.warning("The shared cache did not answer: reply %s queued on its own.", email_id)
        send_email.delay(email_id)
        return
    if not wanted:
        return
    try:
        relay_replies.delay()
    except Exception:
        cache.delete(RELAY_PENDING_KEY)
        raise


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
    return _send_each(stuck_emails_requeue())


@shared_task
def anonymise_registrations() -> int:
    from .privacy import registrations_anonymise

    return registrations_anonymise()
