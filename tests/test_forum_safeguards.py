"""What keeps seats, calendars and consent right at the edges: after the meeting has begun,
in e-mails that give no seat, in the outbox sweep, and in what staff can do in admin."""

import csv
import datetime
import io
import smtplib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums import services
from forums.invitations import invitations_create, invitee_unsubscribe
from forums.models import (
    EmailKind,
    EmailStatus,
    Forum,
    Invitee,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from forums.outbox import emails_retry, settings_stuck_after, stuck_emails_requeue

from .forum_factories import (
    ForumFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
    send_queued,
)

pytestmark = pytest.mark.django_db


def _full_meeting_with_one_waiting() -> tuple[Meeting, Registration, Registration]:
    meeting: Meeting = MeetingFactory.create(capacity=1)
    confirmed = register(meeting, "aino@example.org")
    waiting = register(meeting, "leo@example.org")
    assert waiting.status == RegistrationStatus.WAITING
    return meeting, confirmed, waiting


def test_nobody_is_promoted_once_the_meeting_has_begun():
    meeting, confirmed, waiting = _full_meeting_with_one_waiting()

    services.registration_cancel(
        token=confirmed.cancel_token, now=meeting.starts_at + datetime.timedelta(minutes=5)
    )

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
    assert not OutboundEmail.objects.filter(kind=EmailKind.PROMOTED).exists()


@pytest.mark.parametrize(
    ("kind", "has_calendar", "adds"),
    [
        (EmailKind.CONFIRMATION, True, True),
        (EmailKind.WAITING, False, False),
        # A cancellation's file removes the meeting from the calendar (METHOD:CANCEL).
        (EmailKind.CANCELLED, True, False),
        (EmailKind.PROMOTED, True, True),
    ],
)
def test_a_seat_adds_the_calendar_file_and_a_cancellation_removes_it(kind, has_calendar, adds):
    _meeting, confirmed, _waiting = _full_meeting_with_one_waiting()
    send_queued()  # the replies to the form go before the cancellation overtakes them
    services.registration_cancel(token=confirmed.cancel_token)
    send_queued()
    message = OutboundEmail.objects.filter(kind=kind).latest("pk")
    with translation.override(message.language):
        sentence = gettext(
            "The calendar file attached to this message adds the meeting to your calendar."
        )
    assert bool(message.ics) is has_calendar
    assert (sentence in message.text_body) is adds
    assert ("METHOD:CANCEL" in message.ics) is (has_calendar and not adds)


def _failed_invitation() -> tuple[Invitee, OutboundEmail]:
    group = StakeholderGroupFactory.create(slug="parents")
    forum: Forum = ForumFactory.create(groups=[group])
    meeting: Meeting = MeetingFactory.create(forum=forum)
    invitee = Invitee.objects.create(
        name="Hodan",
        email="hodan@example.org",
        group=group,
        language=language("so"),
        consent_at=timezone.now(),
    )
    invitations_create(meeting_id=meeting.pk)
    message = OutboundEmail.objects.get(kind=EmailKind.INVITATION)
    OutboundEmail.objects.filter(pk=message.pk).update(status=EmailStatus.FAILED)
    return invitee, message


def test_failed_invitations_are_not_sent_again_to_people_who_unsubscribed():
    invitee, message = _failed_invitation()
    invitee_unsubscribe(invitee=invitee)
    assert emails_retry(email_ids=[message.pk]) == []


def test_failed_invitations_of_subscribed_people_can_be_sent_again():
    _invitee, message = _failed_invitation()
    assert emails_retry(email_ids=[message.pk]) == [message.pk]


def test_a_lost_resend_is_found_again_by_the_next_sweep():
    meeting: Meeting = MeetingFactory.create()
    register(meeting, "aino@example.org", confirm=False)
    message = OutboundEmail.objects.get()
    long_ago = timezone.now() - settings_stuck_after() - datetime.timedelta(minutes=1)
    OutboundEmail.objects.filter(pk=message.pk).update(
        status=EmailStatus.SENDING, claimed_at=long_ago
    )
    assert stuck_emails_requeue() == [message.pk]
    # The task queued by that sweep was lost: a later sweep takes the message up again.
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert stuck_emails_requeue(now=later) == [message.pk]


def test_the_csv_export_neutralises_spreadsheet_formulas(admin_client):
    meeting: Meeting = MeetingFactory.create()
    register(meeting, "aino@example.org", name='=HYPERLINK("http://x")', needs="+ extra")
    response = admin_client.post(
        reverse("admin:forums_meeting_changelist"),
        {"action": "export_registrations", "_selected_action": [meeting.pk]},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][8] == "'+ extra"


def test_staff_cancel_registrations_through_the_service(admin_client):
    _meeting, confirmed, waiting = _full_meeting_with_one_waiting()
    response = admin_client.post(
        reverse("admin:forums_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [confirmed.pk]},
    )
    assert response.status_code == 302
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert confirmed.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED  # the seat went to the next in line


def test_staff_cannot_add_registrations_or_change_seats_in_admin(admin_client):
    meeting, confirmed, _waiting = _full_meeting_with_one_waiting()
    assert admin_client.get(reverse("admin:forums_registration_add")).status_code == 403
    page = admin_client.get(
        reverse("admin:forums_registration_change", args=[confirmed.pk])
    ).content.decode()
    assert 'name="status"' not in page
    assert 'name="meeting"' not in page
    meeting_page = admin_client.get(
        reverse("admin:forums_meeting_change", args=[meeting.pk])
    ).content.decode()
    assert 'name="status"' not in meeting_page  # cancelling a meeting is the action's job
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_forum_without_named_groups_is_open_to_every_group(client):
    forum: Forum = ForumFactory.create(groups=[])
    meeting: Meeting = MeetingFactory.create(forum=forum)
    group = StakeholderGroupFactory.create(slug="experts")
    response = client.post(
        f"/en/meetings/{meeting.pk}/",
        {
            "name": "Eero",
            "email": "eero@example.org",
            "group": group.pk,
            "language": "fi",
            "age_group": "adult",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    assert Registration.objects.get().group == group


def test_a_temporary_error_then_the_unsubscribe_stops_the_invitation(smtp_errors):
    invitee, message = _failed_invitation()
    OutboundEmail.objects.filter(pk=message.pk).update(status=EmailStatus.RETRYING)
    invitee_unsubscribe(invitee=invitee)
    message.refresh_from_db()
    assert message.status == EmailStatus.FAILED
    smtp_errors.append(smtplib.SMTPResponseException(451, b"later"))
    assert emails_retry(email_ids=[message.pk]) == []


@pytest.mark.parametrize("count", [3, 12])
def test_writing_invitations_takes_the_same_queries_for_any_number(count):
    group = StakeholderGroupFactory.create(slug="parents")
    forum: Forum = ForumFactory.create(groups=[group])
    meeting: Meeting = MeetingFactory.create(forum=forum)
    for number in range(count):
        Invitee.objects.create(
            name=f"Kutsuttu {number}",
            email=f"kutsuttu{number}@example.org",
            group=group,
            language=language(["fi", "so", "ar"][number % 3]),
            consent_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as queries:
        invitations_create(meeting_id=meeting.pk)
    texts = [q for q in queries.captured_queries if "forums_invitationtext" in q["sql"]]
    assert len(texts) == 1  # the staff's texts are read once per batch, not per invitee
    assert OutboundEmail.objects.filter(kind=EmailKind.INVITATION).count() == count
    # Same number of queries for 3 and 12 people (the meeting's .ics built once per language).
    assert len(queries.captured_queries) == QUERIES_PER_BATCH


# The meeting, the groups, the organisations sending (the project's implementers, then the
# organisations keeping its record), the already-invited count, the invitees; in the batch:
# the savepoint, the invitations written, read back, the staff's texts, the messages written,
# the invitations updated, and the savepoint released.
QUERIES_PER_BATCH = 13
