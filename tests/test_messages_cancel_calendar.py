"""A cancellation takes the meeting off the person's calendar (issue 23): the message carries
a METHOD:CANCEL file with the UID of the entry their confirmation made, STATUS:CANCELLED and a
SEQUENCE no lower than the entry's, its MIME part says method=CANCEL, and it never carries an
online meeting's link. Both when the person cancels through their link and when staff cancel
the meeting; sent through the outbox as a real message is."""

import datetime
import html as html_module

import icalendar
import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums.calendar import meeting_uid
from forums.email_texts import MESSAGES
from forums.models import EmailKind, Meeting, Registration, RegistrationStatus
from forums.services import meeting_calendar_changed
from forums.tokens import registration_url

from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory, register
from .invitation_helpers import _content, _html, _local, _parts

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/kevatfoorumi-4q9z"
TITLES = {"fi": "Kevään foorumi", "sv": "Vårens forum", "en": "Spring forum"}
# The registrant's language, the page they registered on, and the language of their messages:
# Somali has no texts in the portal, so its speaker's messages come in the page's language.
LANGUAGES = [("fi", "fi", "fi"), ("sv", "fi", "sv"), ("en", "fi", "en"), ("so", "sv", "sv")]
REMOVES = (
    "If the meeting is in your calendar, the calendar file attached to this message removes it."
)


@pytest.fixture
def meeting() -> Meeting:
    """An online meeting: its link is in a seat's calendar file, and must not be in a
    cancellation's."""
    forum = ForumFactory.create(groups=[StakeholderGroupFactory.create(slug="parents")])
    return MeetingFactory.create(
        forum=forum,
        venue="",
        address="",
        municipality="",
        online_url=LINK,
        capacity=1,
        title_fi=TITLES["fi"],
        title_sv=TITLES["sv"],
        title_en=TITLES["en"],
    )


def _sent(email: str, kind: EmailKind, language: str, meeting: Meeting) -> EmailMessage:
    """The message of the kind sent to the address, known by its subject in `language`."""
    with translation.override(language):
        title = Meeting.objects.get(pk=meeting.pk).display_title
        subject = str(MESSAGES[kind].subject % {"meeting": title})
    [message] = [m for m in mail.outbox if m.to == [email] and m.subject == subject]
    return message


def _calendar(message: EmailMessage) -> tuple[str, icalendar.Calendar, icalendar.Component]:
    """The calendar part's method= and the calendar it carries, with its one event."""
    part = _parts(message)["text/calendar"]
    method = part.get_param("method")
    assert isinstance(method, str)
    calendar = icalendar.Calendar.from_ical(_content(part))
    [event] = calendar.walk("VEVENT")
    return method, calendar, event


def _everything(message: EmailMessage) -> str:
    return "\n".join(
        _content(part) for kind, part in _parts(message).items() if kind.startswith("text/")
    )


def _register(meeting: Meeting, email: str, code: str = "fi", ui: str = "fi") -> Registration:
    return register(meeting, email, language_code=code, ui_language=ui, name="Hodan Yusuf")


@pytest.mark.parametrize(("code", "ui", "language"), LANGUAGES)
def test_cancelling_through_the_link_removes_the_calendar_entry(
    client, meeting, django_capture_on_commit_callbacks, code, ui, language
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(meeting, "hodan@example.org", code, ui)
    assert registration.status == RegistrationStatus.CONFIRMED
    confirmation = _sent("hodan@example.org", EmailKind.CONFIRMATION, language, meeting)
    method, added, entry = _calendar(confirmation)
    assert (method, str(added.method)) == ("PUBLISH", "PUBLISH")
    assert LINK in _content(_parts(confirmation)["text/calendar"])  # a seat's file has it

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_local(registration_url(registration, language, "cancel")))
    assert response.status_code == 200

    cancellation = _sent("hodan@example.org", EmailKind.CANCELLED, language, meeting)
    method, calendar, event = _calendar(cancellation)
    assert method == "CANCEL"
    assert str(calendar.method) == "CANCEL"
    assert str(event["UID"]) == str(entry["UID"]) == meeting_uid(meeting)
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") >= entry.decoded("SEQUENCE")
    assert str(event["SUMMARY"]) == TITLES[language]
    assert cancellation.extra_headers["Content-Language"] == language
    assert "meet.example.org" not in _everything(cancellation)
    with translation.override(language):
        removes = gettext(REMOVES)
        adds = gettext(
            "The calendar file attached to this message adds the meeting to your calendar."
        )
    assert removes in cancellation.body
    assert removes in html_module.unescape(_html(cancellation))
    assert adds not in cancellation.body


def test_a_meeting_cancelled_by_staff_is_removed_from_the_calendars_it_is_in(
    admin_client, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        seated = _register(meeting, "seated@example.org", "en", "en")
        waiting = _register(meeting, "waiting@example.org", "so", "sv")
    assert waiting.status == RegistrationStatus.WAITING
    _method, _added, entry = _calendar(_sent(seated.email, EmailKind.CONFIRMATION, "en", meeting))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:forums_meeting_changelist"),
            {"action": "cancel_meetings", "_selected_action": [meeting.pk]},
        )
    assert response.status_code == 302

    meeting.refresh_from_db()
    # The one waiting never had it in a calendar: their message says so and carries no file.
    told = _sent(waiting.email, EmailKind.MEETING_CANCELLED, "sv", meeting)
    assert "text/calendar" not in {part.get_content_type() for part in told.message().walk()}
    for registration, language in ((seated, "en"),):
        message = _sent(registration.email, EmailKind.MEETING_CANCELLED, language, meeting)
        method, calendar, event = _calendar(message)
        assert (method, str(calendar.method)) == ("CANCEL", "CANCEL")
        assert str(event["UID"]) == str(entry["UID"])
        assert str(event["STATUS"]) == "CANCELLED"
        # Cancelling the meeting raised its SEQUENCE: above the entry's, so no calendar
        # keeps the old one.
        assert event.decoded("SEQUENCE") == meeting.sequence > entry.decoded("SEQUENCE")
        assert "meet.example.org" not in _everything(message)
        with translation.override(language):
            assert gettext(REMOVES) in message.body


def test_a_cancellation_after_a_move_keeps_up_with_the_moved_entry(
    client, meeting, django_capture_on_commit_callbacks
):
    """The entry was replaced when the meeting moved: the cancellation must not be older."""
    registration = _register(meeting, "hodan@example.org", "en", "en")
    meeting.starts_at = timezone.now() + datetime.timedelta(days=20)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting_calendar_changed(meeting=meeting, changed_fields=["starts_at", "ends_at"])
    meeting.save()
    assert meeting.sequence == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_local(registration_url(registration, "en", "cancel")))

    _method, _calendar_file, event = _calendar(
        _sent(registration.email, EmailKind.CANCELLED, "en", meeting)
    )
    assert event.decoded("SEQUENCE") == meeting.sequence
    assert event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)


def test_registering_again_after_cancelling_puts_the_meeting_back(
    client, meeting, django_capture_on_commit_callbacks
):
    """A calendar ignores an entry older than the cancellation it holds: the new confirmation's
    SEQUENCE is not lower than the cancellation's."""
    registration = _register(meeting, "hodan@example.org", "en", "en")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_local(registration_url(registration, "en", "cancel")))
    _method, _cancel, cancelled = _calendar(
        _sent(registration.email, EmailKind.CANCELLED, "en", meeting)
    )

    with django_capture_on_commit_callbacks(execute=True):
        again = _register(meeting, "hodan@example.org", "en", "en")

    assert again.status == RegistrationStatus.CONFIRMED
    method, _calendar_file, event = _calendar(
        _sent(again.email, EmailKind.CONFIRMATION, "en", meeting)
    )
    assert method == "PUBLISH"
    assert str(event["UID"]) == str(cancelled["UID"])
    assert event.decoded("SEQUENCE") >= cancelled.decoded("SEQUENCE")
