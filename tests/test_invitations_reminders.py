"""Reminders before a meeting: only to confirmed registrants of meetings starting soon who
registered before the reminder time, once each, from the task, and in the registrant's
language with the cancel link and the calendar file."""

import datetime
import html as html_module
from dataclasses import dataclass
from typing import Any

import icalendar
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from forums import services
from forums.calendar import meeting_uid
from forums.emails import MESSAGES
from forums.invitations import reminders_queue
from forums.models import (
    EmailKind,
    EmailStatus,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.tasks import send_reminders

from .forum_factories import ForumFactory, MeetingFactory, links_to_registration, register
from .invitation_helpers import (
    TITLES,
    _content,
    _html,
    _meeting,
    _parts,
    _recipients,
    _registered_days_ago,
    _reminders,
    _sent_to,
)

pytestmark = pytest.mark.django_db


@dataclass
class ReminderCase:
    now: datetime.datetime
    due: list[Registration]
    not_due: list[Registration]


def test_no_reminder_right_after_a_late_registration(parents):
    meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
    register(meeting, "late@example.org")

    assert reminders_queue() == 0


def _reminder_case(parents: StakeholderGroup, hours: int) -> ReminderCase:
    now = timezone.now() + datetime.timedelta(days=5)
    before = datetime.timedelta(hours=hours)
    forum = ForumFactory.create(groups=[parents])

    def meeting(starts_at: datetime.datetime, **fields: Any) -> Meeting:
        return MeetingFactory.create(
            forum=forum,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            **fields,
        )

    soon = meeting(now + datetime.timedelta(hours=2), capacity=2)
    anna = register(soon, "anna@example.org", language_code="sv", ui_language="fi")
    amal = register(soon, "amal@example.org", language_code="ar", ui_language="en")
    gone = register(soon, "gone@example.org")  # waiting, then cancelled
    services.registration_cancel(token=gone.cancel_token)
    waiting = register(soon, "waiting@example.org")
    at_the_edge = meeting(now + before - datetime.timedelta(minutes=1))
    edge = register(at_the_edge, "edge@example.org", language_code="en", ui_language="en")
    far = register(meeting(now + before + datetime.timedelta(minutes=1)), "far@example.org")
    started = register(meeting(now - datetime.timedelta(minutes=30)), "started@example.org")
    cancelled_meeting = meeting(now + datetime.timedelta(hours=3))
    called_off = register(cancelled_meeting, "called.off@example.org")
    services.meeting_cancel(meeting_id=cancelled_meeting.pk)
    assert waiting.status == RegistrationStatus.WAITING
    OutboundEmail.objects.all().delete()
    return ReminderCase(
        now=now,
        due=[anna, amal, edge],
        not_due=[gone, waiting, far, started, called_off],
    )


def test_reminders_go_to_confirmed_registrants_of_meetings_starting_soon(
    django_capture_on_commit_callbacks, parents, settings
):
    settings.REMINDER_BEFORE_HOURS = 24
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)

    with django_capture_on_commit_callbacks(execute=True):
        written = reminders_queue(now=case.now)

    reminders = _reminders()
    assert written == len(reminders) == len(case.due)
    assert {r.registration_id for r in reminders} == {r.pk for r in case.due}
    assert _recipients() == sorted(r.email for r in case.due)
    assert {r.status for r in reminders} == {EmailStatus.SENT}


def test_a_registrant_is_reminded_once(django_capture_on_commit_callbacks, parents, settings):
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=case.now)
    sent = len(mail.outbox)
    assert sent == len(case.due)

    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_queue(now=case.now)

    assert again == 0
    assert len(mail.outbox) == sent
    assert len(_reminders()) == len(case.due)


def test_the_reminder_task_queues_the_reminders_due_now(
    django_capture_on_commit_callbacks, parents, settings
):
    meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
    _registered_days_ago(register(meeting, "anna@example.org"), 3)
    register(_meeting([parents]), "later@example.org")  # in two weeks

    with django_capture_on_commit_callbacks(execute=True):
        queued = send_reminders.delay().get()

    assert queued == 1
    assert [r.recipient for r in _reminders()] == ["anna@example.org"]


def test_the_database_keeps_one_reminder_per_registration(parents):
    registration = register(_meeting([parents]), "anna@example.org")
    confirmation = OutboundEmail.objects.get(registration=registration, kind=EmailKind.CONFIRMATION)

    def copy(kind: str) -> OutboundEmail:
        return OutboundEmail(
            kind=kind,
            registration=registration,
            recipient=registration.email,
            language="fi",
            subject="Muistutus",
            text_body="Muistutus",
            html_body="<p>Muistutus</p>",
        )

    copy(EmailKind.REMINDER).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy(EmailKind.REMINDER).save()

    assert OutboundEmail.objects.filter(kind=EmailKind.REMINDER).count() == 1
    # Only reminders are limited: other messages to the same registrant are not.
    copy(confirmation.kind).save()
    # The request to confirm the address, the confirmation, the reminder and its copy.
    assert OutboundEmail.objects.filter(registration=registration).count() == 4


def test_the_reminder_is_in_the_registrants_language_with_the_cancel_link(
    django_capture_on_commit_callbacks, parents, settings
):
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)
    for registration in case.due:
        Meeting.objects.filter(pk=registration.meeting_id).update(
            title_fi=TITLES["fi"], title_sv=TITLES["sv"], title_en=TITLES["en"]
        )

    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=case.now)

    # Swedish for Anna; Amal's Arabic has no texts, so the English of the page she used.
    expected_language = {
        "anna@example.org": "sv",
        "amal@example.org": "en",
        "edge@example.org": "en",
    }
    for registration in case.due:
        code = expected_language[registration.email]
        sent = _sent_to(registration.email)
        with translation.override(code):
            meeting = Meeting.objects.get(pk=registration.meeting_id)
            subject = str(MESSAGES[EmailKind.REMINDER].subject) % {"meeting": meeting.display_title}
            cancel_prefix = django_settings.PORTAL_URL + reverse(
                "forums:registration_cancel", kwargs={"token": "TOKEN"}
            ).replace("TOKEN/cancel/", "")
        assert sent.subject == subject
        assert TITLES[code] in subject
        assert sent.message()["Content-Language"] == code
        assert links_to_registration(sent.body, cancel_prefix) == [registration]
        assert links_to_registration(html_module.unescape(_html(sent)), cancel_prefix) == [
            registration
        ]
        [event] = icalendar.Calendar.from_ical(_content(_parts(sent)["text/calendar"])).walk(
            "VEVENT"
        )
        assert str(event["UID"]) == meeting_uid(meeting)
