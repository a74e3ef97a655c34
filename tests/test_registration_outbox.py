"""Sending from the outbox: each message sent once, SMTP errors retried with back-off or failed,
stuck messages re-queued, and messages written when they are queued."""

import datetime
import smtplib

import icalendar
import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from forums import services
from forums.models import EmailKind, EmailStatus, Language, Meeting, OutboundEmail, Registration
from forums.outbox import (
    MAX_ATTEMPTS,
    TemporaryFailure,
    email_send,
    send_email,
    settings_stuck_after,
    stuck_emails_requeue,
)

from .forum_factories import register, send_queued
from .registration_helpers import _emails, _meeting

pytestmark = pytest.mark.django_db


# Sending from the outbox


def _queued_message(email: str = "anna@example.org") -> OutboundEmail:
    register(_meeting(), email, confirm=False)
    return OutboundEmail.objects.get(recipient=email)


def test_email_send_does_not_send_a_sent_message_again():
    message = _queued_message()

    first = email_send(email_id=message.pk)
    second = email_send(email_id=message.pk)

    assert first == second == EmailStatus.SENT
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.SENT, 1)


def test_email_send_of_a_deleted_message_does_nothing():
    message = _queued_message()
    message.delete()

    assert email_send(email_id=message.pk) == ""
    assert mail.outbox == []


def test_email_send_leaves_a_message_being_sent_alone():
    message = _queued_message()
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=EmailStatus.SENDING, claimed_at=timezone.now()
    )

    assert email_send(email_id=message.pk) == EmailStatus.SENDING
    assert mail.outbox == []


def test_temporary_smtp_error_is_retried(smtp_errors):
    message = _queued_message()
    smtp_errors.append(smtplib.SMTPResponseException(451, b"try later"))

    with pytest.raises(TemporaryFailure):
        email_send(email_id=message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.RETRYING, 1)
    assert "451" in message.last_error
    assert mail.outbox == []

    assert email_send(email_id=message.pk) == EmailStatus.SENT

    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (EmailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_temporary_smtp_error_on_the_last_attempt_fails(smtp_errors):
    message = _queued_message()
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=EmailStatus.RETRYING, attempts=MAX_ATTEMPTS - 1
    )
    smtp_errors.append(smtplib.SMTPResponseException(451, b"try later"))

    assert email_send(email_id=message.pk) == EmailStatus.FAILED

    message.refresh_from_db()
    assert message.status == EmailStatus.FAILED
    assert "451" in message.last_error


def test_permanent_smtp_error_fails_at_once(smtp_errors):
    message = _queued_message()
    smtp_errors.append(smtplib.SMTPResponseException(550, b"no such user"))

    assert email_send(email_id=message.pk) == EmailStatus.FAILED

    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.FAILED, 1)
    assert "550" in message.last_error
    assert "no such user" in message.last_error
    # A failed message is not tried again.
    assert email_send(email_id=message.pk) == EmailStatus.FAILED
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.attempts == 1


def test_the_task_asks_celery_to_retry_a_temporary_error_later(smtp_errors):
    message = _queued_message()
    smtp_errors.append(smtplib.SMTPResponseException(421, b"busy"))

    # Run eagerly, Celery hands the retry back instead of scheduling it.
    with pytest.raises(Retry) as retry:
        send_email.delay(message.pk)

    assert retry.value.when == 30
    message.refresh_from_db()
    assert (message.status, message.attempts) == (EmailStatus.RETRYING, 1)
    assert mail.outbox == []


def test_the_task_backs_off_more_after_each_failure(smtp_errors, settings):
    settings.EMAIL_RETRY_BASE_SECONDS = 10
    message = _queued_message()
    OutboundEmail.objects.filter(pk=message.pk).update(status=EmailStatus.RETRYING, attempts=2)
    smtp_errors.append(smtplib.SMTPResponseException(421, b"busy"))

    with pytest.raises(Retry) as retry:
        send_email.delay(message.pk)

    assert retry.value.when == 40  # the third attempt failed: 10 s x 2²
    message.refresh_from_db()
    assert message.next_attempt_at is not None


def test_the_tasks_last_retry_gives_up_on_a_temporary_error(smtp_errors):
    message = _queued_message()
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=EmailStatus.RETRYING, attempts=MAX_ATTEMPTS - 1
    )
    smtp_errors.append(smtplib.SMTPResponseException(421, b"busy"))

    result = send_email.apply(args=[message.pk])

    assert result.get() == EmailStatus.FAILED
    message.refresh_from_db()
    assert message.status == EmailStatus.FAILED
    assert "421" in message.last_error


def test_an_error_in_the_task_after_commit_does_not_reach_the_registrant(
    smtp_errors, django_capture_on_commit_callbacks
):
    smtp_errors.append(smtplib.SMTPResponseException(421, b"busy"))

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(_meeting(), "anna@example.org", confirm=False)

    assert Registration.objects.get().pk == registration.pk
    message = OutboundEmail.objects.get()
    assert message.status == EmailStatus.RETRYING
    assert mail.outbox == []


def test_stuck_emails_requeue_takes_messages_stuck_in_sending_or_queued():
    now = timezone.now()
    long_ago = now - settings_stuck_after() - datetime.timedelta(minutes=1)
    a_moment_ago = now - settings_stuck_after() + datetime.timedelta(minutes=1)
    messages = {
        name: _queued_message(f"{name}@example.org")
        for name in ("stuck", "recent", "old_queued", "new_queued", "sent", "failed")
    }
    changes = {
        "stuck": {"status": EmailStatus.SENDING, "claimed_at": long_ago, "attempts": 1},
        "recent": {"status": EmailStatus.SENDING, "claimed_at": a_moment_ago, "attempts": 1},
        "old_queued": {"created_at": long_ago},
        "new_queued": {"created_at": a_moment_ago},
        "sent": {"status": EmailStatus.SENT, "claimed_at": long_ago, "created_at": long_ago},
        "failed": {"status": EmailStatus.FAILED, "claimed_at": long_ago, "created_at": long_ago},
    }
    for name, fields in changes.items():
        OutboundEmail.objects.filter(pk=messages[name].pk).update(**fields)

    requeued = stuck_emails_requeue(now=now)

    assert sorted(requeued) == sorted([messages["stuck"].pk, messages["old_queued"].pk])
    statuses = dict(OutboundEmail.objects.values_list("pk", "status"))
    assert {name: statuses[message.pk] for name, message in messages.items()} == {
        "stuck": EmailStatus.RETRYING,
        "recent": EmailStatus.SENDING,
        "old_queued": EmailStatus.RETRYING,
        "new_queued": EmailStatus.QUEUED,
        "sent": EmailStatus.SENT,
        "failed": EmailStatus.FAILED,
    }
    # The re-queued message is sent on the next try, and counted as a second attempt.
    assert email_send(email_id=messages["stuck"].pk) == EmailStatus.SENT
    assert OutboundEmail.objects.get(pk=messages["stuck"].pk).attempts == 2
    assert [m.to for m in mail.outbox] == [["stuck@example.org"]]


def test_a_message_is_written_when_it_is_queued():
    meeting = _meeting(capacity=1, venue="Kirjasto")
    register(meeting, "anna@example.org", name="Anna Aalto")
    (queued,) = _emails(EmailKind.CONFIRMATION)
    assert queued.status == EmailStatus.QUEUED
    assert "Anna Aalto" in queued.text_body
    assert "Kirjasto" in queued.text_body
    event = icalendar.Calendar.from_ical(queued.ics).walk("VEVENT")[0]
    assert "Kirjasto" in str(event["LOCATION"])

    send_queued()

    (sent,) = [message for message in mail.outbox if message.subject == queued.subject]
    assert sent.body == queued.text_body


def test_a_meeting_cancelled_and_then_deleted_still_tells_everyone():
    meeting = _meeting()
    anna = register(meeting, "anna@example.org")
    send_queued()
    mail.outbox.clear()

    services.meeting_cancel(meeting_id=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).delete()
    send_queued()

    (sent,) = mail.outbox
    assert sent.to == [anna.email]
    (calendar,) = [part for part in sent.attachments if "calendar" in str(part.get_content_type())]
    event = icalendar.Calendar.from_ical(calendar.get_payload(decode=True)).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_broken_reference_is_not_taken_for_an_address_already_registered():
    meeting = _meeting()
    # A language deleted while the visitor filled in the form.
    deleted = Language(pk=987654, code="xx", name="Poistettu")
    data = services.RegistrationData(
        name="Anna",
        email="anna@example.org",
        group=meeting.forum.stakeholder_groups.all()[0],
        language=deleted,
        ui_language="fi",
    )

    with pytest.raises(IntegrityError):
        services.registration_create(meeting_id=meeting.pk, data=data)
    assert not Registration.objects.exists()
