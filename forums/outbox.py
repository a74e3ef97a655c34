"""Sending the outbox: each message is claimed under a lock, sent once, and its result kept.

A message is written (its text rendered) when it is queued, in the transaction that causes
it; its `send_email` task is queued once that transaction commits. The task lives here,
beside the service it runs, so that every service can queue a message without importing the
tasks module (which imports the services).

Delivery is at least once: a worker that dies after the SMTP server accepted a message but
before the row is marked sent leaves it in `sending`; the sweep re-queues it, so in that small
window a person may get the message twice. Nothing is lost: a message whose task could not be
queued (the broker down) stays `queued` and the sweep sends it.
"""

import datetime
import logging
import re
import smtplib
from email.mime.base import MIMEBase
from typing import Any

import icalendar
from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import (
    EmailKind,
    EmailStatus,
    Invitation,
    Invitee,
    OutboundEmail,
    RegistrationStatus,
)

logger = logging.getLogger(__name__)

# Tries in all before a temporary failure counts as final: with the default 30 s base the
# back-off doubles up to about an hour, about two hours in all.
MAX_ATTEMPTS = 8

# Why an invitation to someone who unsubscribed after it was written was not sent.
UNSUBSCRIBED_ERROR = "Unsubscribed before sending."


class TemporaryFailure(Exception):
    """The message could not be sent now; try again after `delay` seconds."""

    def __init__(self, message: str, delay: int) -> None:
        super().__init__(message)
        self.delay = delay


def settings_stuck_after() -> datetime.timedelta:
    """How long a message may sit in `sending` before the sweep takes it back."""
    return datetime.timedelta(seconds=settings.EMAIL_STUCK_AFTER_SECONDS)


def retry_delay(attempts: int) -> int:
    """Seconds to wait after the given number of failed attempts: base, 2 x base, 4 x base…"""
    return int(settings.EMAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def _is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _message in error.recipients.values())
    return isinstance(error, OSError | smtplib.SMTPServerDisconnected)


def _error_text(error: Exception, recipient: str) -> str:
    """The error for the outbox row and the logs, without the recipient's address: SMTP
    servers and smtplib often repeat it ("<anna@example.org>: Recipient address rejected")."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _message in error.recipients.values()})
        text = f"{type(error).__name__}: {', '.join(str(code) for code in codes)}"
    else:
        text = f"{type(error).__name__}: {error}"
    if recipient:
        text = re.sub(re.escape(recipient), "[recipient]", text, flags=re.IGNORECASE)
    return text[:2000]


def _build(message: OutboundEmail) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text_body,
        to=[message.recipient],
        headers={**message.headers, "Content-Language": message.language},
    )
    email.attach_alternative(message.html_body, "text/html")
    if message.ics:
        # The part's method= must be the calendar's own METHOD (RFC 6047): PUBLISH adds the
        # meeting, CANCEL removes it.
        method = str(icalendar.Calendar.from_ical(message.ics).method)
        calendar = MIMEBase("text", "calendar", method=method, charset="utf-8")
        calendar.set_payload(message.ics.encode(), charset="utf-8")
        calendar.add_header("Content-Disposition", "attachment", filename="meeting.ics")
        email.attach(calendar)
    return email


def email_send(*, email_id: int) -> str:
    """Send one outbox message unless it is already sent or being sent; returns its status.
    Raises TemporaryFailure when the caller should retry later."""
    with transaction.atomic():
        message = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if message is None or message.status not in {EmailStatus.QUEUED, EmailStatus.RETRYING}:
            return message.status if message else ""
        # Unsubscribing stops invitations at once, also those already written.
        if (
            message.kind == EmailKind.INVITATION
            and Invitation.objects.filter(
                email_id=message.pk, invitee__in=Invitee.objects.unsubscribed()
            ).exists()
        ):
            message.status = EmailStatus.FAILED
            message.last_error = UNSUBSCRIBED_ERROR
            message.save(update_fields=["status", "last_error"])
            return message.status
        message.status = EmailStatus.SENDING
        message.claimed_at = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
    try:
        _build(message).send()
    except Exception as error:
        _note_failure(
            message, error, temporary=_is_temporary(error) and message.attempts < MAX_ATTEMPTS
        )
        _record(message, ["status", "last_error", "next_attempt_at"])
    else:
        message.status = EmailStatus.SENT
        message.sent_at = timezone.now()
        message.last_error = ""
        _record(message, ["status", "sent_at", "last_error"])
    if message.status == EmailStatus.RETRYING:
        # Not chained: the original error's text, in tracebacks that are logged (Celery's
        # retry, a failed on_commit hand-over), may carry the recipient's address.
        raise TemporaryFailure(message.last_error, retry_delay(message.attempts)) from None
    return message.status


def _note_failure(message: OutboundEmail, error: Exception, *, temporary: bool) -> None:
    """Keep why the message was not sent, and when to try again if it is worth it."""
    message.status = EmailStatus.RETRYING if temporary else EmailStatus.FAILED
    message.last_error = _error_text(error, message.recipient)
    delay = retry_delay(message.attempts)
    message.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)


def _record(message: OutboundEmail, fields: list[str]) -> None:
    """Keep the result of sending, unless the row was deleted meanwhile (the person's data
    was erased while the message was on its way)."""
    OutboundEmail.objects.filter(pk=message.pk).update(
        **{name: getattr(message, name) for name in fields}
    )


def stuck_emails_requeue(*, now: datetime.datetime | None = None) -> list[int]:
    """Messages left in `sending` by a worker that died, still `queued` long after they were
    written (the broker was down at commit), or whose retry is long overdue (the retry was
    lost); returns their ids for sending again."""
    cutoff = (now or timezone.now()) - settings_stuck_after()
    with transaction.atomic():
        stuck = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=EmailStatus.SENDING, claimed_at__lt=cutoff)
                | Q(status=EmailStatus.QUEUED, created_at__lt=cutoff)
                | Q(status=EmailStatus.RETRYING, next_attempt_at__lt=cutoff)
            )
            .values_list("pk", flat=True)
        )
        # Due at once; if the task queued now is lost too, the next sweep finds them again.
        OutboundEmail.objects.filter(pk__in=stuck).update(
            status=EmailStatus.RETRYING, next_attempt_at=now or timezone.now()
        )
    return stuck


def emails_retry(*, email_ids: list[int]) -> list[int]:
    """Staff send failed messages again, with a fresh round of attempts; returns the ids."""
    with transaction.atomic():
        ids = list(
            # Lock only the outbox rows: the exclusions below join other tables.
            OutboundEmail.objects.select_for_update(of=("self",))
            .filter(pk__in=email_ids, status=EmailStatus.FAILED)
            # Not to people who have since unsubscribed, nor news of a seat given up since.
            .exclude(invitation__invitee__in=Invitee.objects.unsubscribed())
            .exclude(
                kind__in=[
                    EmailKind.CONFIRMATION,
                    EmailKind.PROMOTED,
                    EmailKind.REMINDER,
                    EmailKind.CHILDCARE_BOOKED,
                    EmailKind.HELPER_COPY,
                ],
                registration__status=RegistrationStatus.CANCELLED,
            )
            .values_list("pk", flat=True)
        )
        # Due now: if the task queued for it is lost, the sweep takes it up like any retry.
        OutboundEmail.objects.filter(pk__in=ids).update(
            status=EmailStatus.RETRYING, attempts=0, next_attempt_at=timezone.now()
        )
    return ids


# The outbox row counts the attempts and decides when to give up; Celery only waits. The name
# is the one the task had in forums.tasks: tasks queued before an upgrade still find it.
@shared_task(name="forums.tasks.send_email", bind=True, acks_late=True, max_retries=None)
def send_email(self: Any, email_id: int) -> str:
    try:
        return email_send(email_id=email_id)
    except TemporaryFailure as error:
        raise self.retry(exc=error, countdown=error.delay) from error


def email_send_after_commit(email_id: int) -> None:
    """Queue the message's sending once the current transaction commits. A failure to queue
    it (the broker down; or, running eagerly, a temporary SMTP error) is logged rather than
    raised: the row stays in the outbox and beat's sweep sends it."""
    transaction.on_commit(lambda: send_email.delay(email_id), robust=True)


def emails_send_each(email_ids: list[int]) -> int:
    """Queue a send_email task for each message now; one that cannot be queued stays in the
    outbox for the sweep, and the others still go. Returns how many there were."""
    for email_id in email_ids:
        try:
            send_email.delay(email_id)
        except Exception:
            logger.exception("Outbox message %s was not sent now", email_id)
    return len(email_ids)
