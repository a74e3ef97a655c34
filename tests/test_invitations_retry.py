"""Sending failed invitations again: a failed invitation is shown as failed and sent again from
the invitations or the outbox, one failure holds back no other, and a lost task or a broker
outage leaves the messages in the outbox for the sweep."""

import datetime
import html as html_module
import re
import smtplib
from typing import Any

import kombu.exceptions
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from forums.invitations import invitations_create, reminders_queue
from forums.models import EmailKind, EmailStatus, Invitation, OutboundEmail, StakeholderGroup
from forums.outbox import send_email, settings_stuck_after, stuck_emails_requeue

from .forum_factories import register
from .invitation_helpers import (
    Invite,
    _invitee,
    _meeting,
    _page_language,
    _recipients,
    _registered_days_ago,
    _reminders,
)

pytestmark = pytest.mark.django_db

INVITATIONS = reverse("admin:forums_invitation_changelist")
OUTBOX = reverse("admin:forums_outboundemail_changelist")


def _row_cells(page: str, pk: int) -> dict[str, str]:
    """The changelist row of one object, as {column: text}."""
    (row,) = [row for row in page.split("<tr") if f'name="_selected_action" value="{pk}"' in row]
    return {
        name: html_module.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for name, text in re.findall(r'class="field-([\w_]+)[^"]*">(.*?)</t[dh]>', row)
    }


def _failed_and_sent(
    invite: Invite, smtp_errors: list[Exception], group: StakeholderGroup
) -> tuple[Invitation, Invitation]:
    """Two invitations: the first refused for good by the mail server, the second sent."""
    meeting = _meeting([group])
    refused = _invitee("refused@example.org", group)
    _invitee("fine@example.org", group)
    smtp_errors.append(smtplib.SMTPResponseException(550, b"mailbox unavailable"))
    invite(meeting)
    invitations = Invitation.objects.select_related("email", "invitee").order_by("invitee__pk")
    failed, sent = list(invitations)
    assert failed.invitee == refused
    assert failed.email is not None and sent.email is not None
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.FAILED, 1)
    assert "550" in failed.email.last_error
    assert sent.email.status == EmailStatus.SENT
    assert _recipients() == ["fine@example.org"]
    return failed, sent


def test_a_failed_invitation_shows_as_failed_and_is_sent_again_from_the_invitations(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, sent = _failed_and_sent(invite, smtp_errors, parents)

    page = admin_client.get(INVITATIONS)
    with translation.override(_page_language(page)):
        failed_label, sent_label = str(EmailStatus.FAILED.label), str(EmailStatus.SENT.label)
    cells = _row_cells(page.content.decode(), failed.pk)
    assert (cells["sending_status"], cells["attempts"]) == (failed_label, "1")
    assert _row_cells(page.content.decode(), sent.pk)["sending_status"] == sent_label
    only_failed = admin_client.get(INVITATIONS, {"sending": EmailStatus.FAILED}).content.decode()
    assert f'name="_selected_action" value="{failed.pk}"' in only_failed
    assert f'name="_selected_action" value="{sent.pk}"' not in only_failed

    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]}
        )

    assert response.status_code == 302
    assert failed.email is not None
    failed.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.RETRYING, 0)
    assert len(callbacks) == 1  # the sent one is not sent again

    for callback in callbacks:
        callback()

    failed.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts, failed.email.last_error) == (
        EmailStatus.SENT,
        1,
        "",
    )
    assert _recipients() == ["fine@example.org", "refused@example.org"]
    assert (
        _row_cells(admin_client.get(INVITATIONS).content.decode(), failed.pk)["sending_status"]
        == sent_label
    )


def test_a_temporary_failure_of_one_invitation_does_not_hold_back_the_others(
    invite, smtp_errors, parents
):
    meeting = _meeting([parents])
    people = [_invitee(f"person{n}@example.org", parents) for n in range(4)]
    smtp_errors.append(smtplib.SMTPResponseException(451, b"try again later"))

    invite(meeting)

    statuses = dict(
        Invitation.objects.filter(meeting=meeting).values_list("invitee__email", "email__status")
    )
    assert sorted(statuses.values()) == sorted(
        [EmailStatus.RETRYING] + [EmailStatus.SENT] * (len(people) - 1)
    )
    assert len(mail.outbox) == len(people) - 1


def test_a_message_sent_again_is_swept_up_if_its_task_is_lost(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, _sent = _failed_and_sent(invite, smtp_errors, parents)
    assert failed.email is not None

    # The commit's hand-over to the broker never happens (the callbacks are not run).
    with django_capture_on_commit_callbacks():
        admin_client.post(INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk]})

    failed.email.refresh_from_db()
    assert failed.email.status == EmailStatus.RETRYING
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert stuck_emails_requeue(now=later) == [failed.email.pk]


def _broker_down(*args: Any, **kwargs: Any) -> None:
    raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379.")


@pytest.mark.parametrize("writer", ["invitations", "reminders", "retry"])
def test_a_broker_outage_at_commit_leaves_the_messages_in_the_outbox_for_the_sweep(
    admin_client,
    invite,
    smtp_errors,
    django_capture_on_commit_callbacks,
    monkeypatch,
    parents,
    writer,
):
    """The row is written with what caused it; handing it to Celery after the commit may fail
    (the broker is down), which must be logged, not raised: the sweep sends it later."""
    if writer == "retry":
        failed, _sent = _failed_and_sent(invite, smtp_errors, parents)
        assert failed.email is not None
        expected = [failed.email.pk]
    elif writer == "reminders":
        meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
        _registered_days_ago(register(meeting, "anna@example.org"), 3)
    else:
        meeting = _meeting([parents])
        _invitee("aino@example.org", parents)
    mail.outbox.clear()
    monkeypatch.setattr(send_email, "delay", _broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        if writer == "invitations":
            assert invitations_create(meeting_id=meeting.pk).created == 1
            expected = list(
                OutboundEmail.objects.filter(kind=EmailKind.INVITATION).values_list("pk", flat=True)
            )
        elif writer == "reminders":
            assert reminders_queue() == 1
            expected = [message.pk for message in _reminders()]
        else:
            response = admin_client.post(
                INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk]}
            )
            assert response.status_code == 302

    assert mail.outbox == []
    assert set(OutboundEmail.objects.filter(pk__in=expected).values_list("status", flat=True)) <= {
        EmailStatus.QUEUED,
        EmailStatus.RETRYING,
    }
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert set(expected) <= set(stuck_emails_requeue(now=later))


def test_a_failed_message_is_sent_again_from_the_outbox(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, sent = _failed_and_sent(invite, smtp_errors, parents)
    assert failed.email is not None and sent.email is not None

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            OUTBOX,
            {"action": "retry_failed", "_selected_action": [failed.email.pk, sent.email.pk]},
        )

    assert response.status_code == 302
    failed.email.refresh_from_db()
    sent.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.SENT, 1)
    assert (sent.email.status, sent.email.attempts) == (EmailStatus.SENT, 1)
    assert _recipients() == ["fine@example.org", "refused@example.org"]
