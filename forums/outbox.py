"""Sending the outbox: each message is claimed under a lock, sent once, and its result kept.

Delivery is at least once: a worker that dies after the SMTP server accepted a message but
before the row is marked sent leaves it in `sending`; the sweep re-queues it, so in that small
window a person may get the message twice. Nothing is lost.
"""

import datetime
import re
import smtplib
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from .emails import ANNOUNCED_STATUS, registration_message
from .models import (
    EmailKind,
    EmailStatus,
    Invitation,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)

# Tries in all before a temporary failure counts as final: with the default 30 s base the
# back-off doubles up to about an hour, about two hours in all.
MAX_ATTEMPTS = 8

# Why an invitation to someone who unsubscribed after it was written was not sent.
UNSUBSCRIBED_ERROR = "Unsubscribed before sending."
# Why a message queued unwritten was not sent: nothing left to write it from, or a later
# message tells how things stand.
ERASED_ERROR = "The registration was deleted before the message was written."
OUTDATED_ERROR = "The registration changed before the message was written; a later one says so."


class NotWritten(Exception):
    """A message queued unwritten that is not to be sent; the reason is kept on the row."""


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
        calendar = MIMEBase("text", "calendar", method="PUBLISH", charset="utf-8")
        calendar.set_payload(message.ics.encode(), charset="utf-8")
        calendar.add_header("Content-Disposition", "attachment", filename="meeting.ics")
        email.attach(calendar)
    return email


def _write(message: OutboundEmail) -> list[str]:
    """Write a message queued unwritten, from its registration as it is now; returns the
    fields filled in. Raises NotWritten when there is nothing true left to say."""
    if message.registration_id is None:
        raise NotWritten(ERASED_ERROR)
    registration = (
        Registration.objects.select_related("language", "guardian_language", "meeting__forum")
        .filter(pk=message.registration_id)
        .first()
    )
    if registration is None:
        raise NotWritten(ERASED_ERROR)
    announced = ANNOUNCED_STATUS.get(EmailKind(message.kind))
    if announced is not None and registration.status != announced:
        raise NotWritten(OUTDATED_ERROR)
    text = registration_message(registration, message.kind)
    fields = ["subject", "text_body", "html_body", "ics"]
    for name in fields:
        setattr(message, name, getattr(text, name))
    message.written = True
    return [*fields, "written"]


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
                email_id=message.pk, invitee__unsubscribed_at__isnull=False
            ).exists()
        ):
            message.status = EmailStatus.FAILED
            message.last_error = UNSUBSCRIBED_ERROR
            message.save(update_fields=["status", "last_error"])
            return message.status
        written: list[str] = []
        if not message.written:
            try:
                with transaction.atomic():
                    written = _write(message)
            except NotWritten as reason:
                message.status, message.last_error = EmailStatus.FAILED, str(reason)
            except DatabaseError as error:
                # A lock or statement timeout, a deadlock: a later try may well write it.
                message.attempts += 1
                _note_failure(message, error, temporary=message.attempts < MAX_ATTEMPTS)
            except Exception as error:
                # Writing it again would fail the same way: keep the reason for staff.
                _note_failure(message, error, temporary=False)
            if not message.written:
                message.save(update_fields=["status", "last_error", "attempts", "next_attempt_at"])
        if message.written:
            message.status = EmailStatus.SENDING
            message.claimed_at = timezone.now()
            message.attempts += 1
            message.save(update_fields=["status", "claimed_at", "attempts", *written])
    if message.status == EmailStatus.SENDING:
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


def replies_hand_over(*, now: datetime.datetime | None = None) -> list[int]:
    """The replies to the registration form queued and not yet handed to a worker, marked as
    handed over (their first attempt due now); returns their ids. Each comes back once however
    many relays run at the same time; one whose task is lost is sent by the sweep."""
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(status=EmailStatus.QUEUED, written=False, next_attempt_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        OutboundEmail.objects.filter(pk__in=ids).update(next_attempt_at=now or timezone.now())
    return ids


def emails_retry(*, email_ids: list[int]) -> list[int]:
    """Staff send failed messages again, with a fresh round of attempts; returns the ids."""
    with transaction.atomic():
        ids = list(
            # Lock only the outbox rows: the exclusions below join other tables.
            OutboundEmail.objects.select_for_update(of=("self",))
            .filter(pk__in=email_ids, status=EmailStatus.FAILED)
            # Not to people who have since unsubscribed, nor news of a seat given up since.
            .exclude(invitation__invitee__unsubscribed_at__isnull=False)
            .exclude(
                kind__in=[EmailKind.CONFIRMATION, EmailKind.PROMOTED, EmailKind.REMINDER],
                registration__status=RegistrationStatus.CANCELLED,
            )
            .values_list("pk", flat=True)
        )
        # Due now: if the task queued for it is lost, the sweep takes it up like any retry.
        OutboundEmail.objects.filter(pk__in=ids).update(
            status=EmailStatus.RETRYING, attempts=0, next_attempt_at=timezone.now()
        )
    return ids
