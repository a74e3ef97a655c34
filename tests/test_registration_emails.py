"""The e-mails that registering sends through the outbox: after commit only, in the
registrant's language, with text, HTML and a calendar file, and the waiting-list place."""

import datetime
import html as html_module
from email.message import Message

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from forums import services
from forums.calendar import meeting_uid
from forums.email_texts import MESSAGES
from forums.models import EmailKind, EmailStatus, Meeting, OutboundEmail, Registration

from .forum_factories import links_to_registration, register
from .registration_helpers import _meeting, stated_position

pytestmark = pytest.mark.django_db


# E-mail through the outbox


def test_registering_sends_one_email_after_commit_and_confirming_another(
    django_capture_on_commit_callbacks,
):
    meeting = _meeting()

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting, "anna@example.org", confirm=False)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    message = OutboundEmail.objects.get()
    assert message.registration == registration
    assert (message.kind, message.status, message.attempts) == (
        EmailKind.CONFIRM_ADDRESS,
        EmailStatus.SENT,
        1,
    )
    assert message.sent_at is not None
    assert mail.outbox[0].subject == message.subject

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm_address(token=registration.cancel_token)

    assert [sent.to for sent in mail.outbox] == [["anna@example.org"]] * 2
    assert OutboundEmail.objects.get(kind=EmailKind.CONFIRMATION).status == EmailStatus.SENT


def test_nothing_is_sent_before_commit_but_the_message_is_queued(
    django_capture_on_commit_callbacks,
):
    meeting = _meeting()

    with django_capture_on_commit_callbacks() as callbacks:
        register(meeting, "anna@example.org", confirm=False)

    assert mail.outbox == []
    message = OutboundEmail.objects.get()
    assert (message.status, message.attempts, message.sent_at) == (EmailStatus.QUEUED, 0, None)
    # What the commit would run is what sends it.
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == EmailStatus.SENT


def test_a_rolled_back_registration_leaves_no_message(django_capture_on_commit_callbacks):
    meeting = _meeting()

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        register(meeting, "anna@example.org")
        raise RuntimeError("the request failed after registering")

    assert callbacks == []
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def _expected_subject(kind: str, meeting: Meeting, language_code: str) -> str:
    with translation.override(language_code):
        return str(MESSAGES[EmailKind(kind)].subject) % {"meeting": meeting.display_title}


def _parts(email: EmailMessage) -> dict[str, Message]:
    return {part.get_content_type(): part for part in email.message().walk()}


def _content(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")


def test_email_is_in_the_registrants_language(django_capture_on_commit_callbacks):
    meeting = _meeting()

    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "anna@example.org", language_code="sv", ui_language="fi")

    sent = mail.outbox[-1]  # after the one that asked to confirm the address
    expected = _expected_subject(EmailKind.CONFIRMATION, meeting, "sv")
    assert sent.subject == expected
    # Swedish, not the Finnish of the page nor the English source text.
    assert expected != _expected_subject(EmailKind.CONFIRMATION, meeting, "fi")
    assert expected != _expected_subject(EmailKind.CONFIRMATION, meeting, "en")
    assert sent.extra_headers["Content-Language"] == "sv"
    with translation.override("sv"):
        intro = str(MESSAGES[EmailKind.CONFIRMATION].intro)
    assert intro in sent.body
    assert set(OutboundEmail.objects.values_list("language", flat=True)) == {"sv"}


def test_email_falls_back_to_the_page_language(django_capture_on_commit_callbacks):
    meeting = _meeting()

    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "amal@example.org", language_code="ar", ui_language="en")

    sent = mail.outbox[-1]
    expected = _expected_subject(EmailKind.CONFIRMATION, meeting, "en")
    assert sent.subject == expected
    assert expected != _expected_subject(EmailKind.CONFIRMATION, meeting, "fi")
    assert sent.extra_headers["Content-Language"] == "en"
    assert _content(_parts(sent)["text/html"]).count('lang="en"') == 1


def test_email_has_text_html_and_the_meeting_as_a_calendar_file(
    django_capture_on_commit_callbacks,
):
    # Calendar times have whole seconds.
    starts_at = (timezone.now() + datetime.timedelta(days=14)).replace(second=0, microsecond=0)
    meeting = _meeting(starts_at=starts_at)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting, "anna@example.org")

    sent = mail.outbox[-1]
    parts = _parts(sent)
    assert {"text/plain", "text/html", "text/calendar"} <= set(parts)
    cancel_prefix = settings.PORTAL_URL + "/fi/registrations/"
    assert links_to_registration(_content(parts["text/plain"]), cancel_prefix) == [registration]
    html = html_module.unescape(_content(parts["text/html"]))
    assert links_to_registration(html, cancel_prefix) == [registration]
    assert sent.message()["Content-Language"] == "fi"
    assert parts["text/calendar"].get_filename() == "meeting.ics"
    calendar = icalendar.Calendar.from_ical(_content(parts["text/calendar"]))
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == meeting_uid(meeting)
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTEND") == meeting.ends_at
    assert event.decoded("SEQUENCE") == meeting.sequence


def test_waiting_list_email_states_the_place_in_line(django_capture_on_commit_callbacks):
    meeting = _meeting(capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        registrations = [register(meeting, f"person{n}@example.org") for n in range(4)]

    messages = {
        e.registration_id: e for e in OutboundEmail.objects.exclude(kind=EmailKind.CONFIRM_ADDRESS)
    }
    assert messages[registrations[0].pk].kind == EmailKind.CONFIRMATION
    assert stated_position(messages[registrations[0].pk]) is None
    assert [stated_position(messages[r.pk]) for r in registrations[1:]] == [1, 2, 3]
    assert [messages[r.pk].kind for r in registrations[1:]] == [EmailKind.WAITING] * 3
    waiting_subject = _expected_subject(EmailKind.WAITING, meeting, "fi")
    assert [m.subject for m in mail.outbox].count(waiting_subject) == 3


def test_registrants_are_emailed_about_a_cancelled_meeting(django_capture_on_commit_callbacks):
    meeting = _meeting(capacity=1)
    register(meeting, "anna@example.org", language_code="en", ui_language="en")
    register(meeting, "bertta@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting_id=meeting.pk)

    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bertta@example.org"]
    english = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert english.subject == _expected_subject(EmailKind.MEETING_CANCELLED, meeting, "en")
