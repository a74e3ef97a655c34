"""Registering for meetings: seats, group seats, the waiting list, cancelling, scheduling, and
the e-mails that the outbox sends for all of it."""

import datetime
import html as html_module
import itertools
import smtplib
import zoneinfo
from email.message import Message

import icalendar
import pytest
from celery.exceptions import Retry
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from forums import services
from forums.calendar import meeting_uid
from forums.emails import MESSAGES
from forums.models import (
    ACTIVE_STATUSES,
    EmailKind,
    EmailStatus,
    Forum,
    Language,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.outbox import (
    MAX_ATTEMPTS,
    TemporaryFailure,
    email_send,
    send_email,
    settings_stuck_after,
    stuck_emails_requeue,
)
from forums.selectors import waiting_position, with_seat_counts

from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    links_to_registration,
    register,
    send_queued,
)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")

pytestmark = pytest.mark.django_db


def _forum(**fields) -> Forum:
    forum: Forum = ForumFactory.create(**fields)
    return forum


def _meeting(**fields) -> Meeting:
    fields.setdefault("forum", _forum())
    meeting: Meeting = MeetingFactory.create(**fields)
    return meeting


def _group(slug: str) -> StakeholderGroup:
    group: StakeholderGroup = StakeholderGroupFactory.create(slug=slug)
    return group


def _data(
    meeting: Meeting, email: str, group: StakeholderGroup | None = None
) -> services.RegistrationData:
    return services.RegistrationData(
        name="Aino Esimerkki",
        email=email,
        group=group or _group("parents"),
        language=language("fi"),
        ui_language="fi",
    )


def _statuses(registrations: list[Registration]) -> list[str]:
    by_pk = dict(Registration.objects.values_list("pk", "status"))
    return [by_pk[registration.pk] for registration in registrations]


def _positions(registrations: list[Registration]) -> list[int | None]:
    return [
        waiting_position(Registration.objects.get(pk=registration.pk))
        for registration in registrations
    ]


def _emails(kind: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(kind=kind).order_by("pk"))


def _stated_position(message: OutboundEmail, limit: int = 50) -> int | None:
    """The waiting-list place that the message tells, found by rendering the sentence for
    each possible place in the message's language."""
    with translation.override(message.language):
        sentence = str(MESSAGES[EmailKind.WAITING].intro)
    found = [n for n in range(1, limit + 1) if sentence % {"position": n} in message.text_body]
    assert len(found) <= 1, found
    return found[0] if found else None


# Seats and the waiting list


def test_registrations_up_to_capacity_are_confirmed_and_the_rest_wait_in_order():
    meeting = _meeting(capacity=3)

    registrations = [register(meeting, f"person{n}@example.org") for n in range(6)]

    assert [r.status for r in registrations] == _statuses(registrations)
    assert (
        _statuses(registrations)
        == [RegistrationStatus.CONFIRMED] * 3 + [RegistrationStatus.WAITING] * 3
    )
    assert _positions(registrations) == [None, None, None, 1, 2, 3]
    counted = with_seat_counts(Meeting.objects.all()).get(pk=meeting.pk)
    assert (counted.confirmed_count, counted.waiting_count, counted.seats_left) == (3, 3, 0)
    assert len(_emails(EmailKind.CONFIRMATION)) == 3
    assert len(_emails(EmailKind.WAITING)) == 3


def test_meeting_without_seats_puts_everyone_on_the_waiting_list():
    meeting = _meeting(capacity=0)

    registrations = [register(meeting, f"person{n}@example.org") for n in range(2)]

    assert _statuses(registrations) == [RegistrationStatus.WAITING] * 2
    assert _positions(registrations) == [1, 2]


def test_a_full_group_waits_while_other_groups_still_get_seats():
    parents, counsellors, students = _group("parents"), _group("counsellors"), _group("students")
    meeting = _meeting(capacity=10)
    GroupQuotaFactory.create(meeting=meeting, group=parents, seats=2)
    GroupQuotaFactory.create(meeting=meeting, group=students, seats=3)

    first_parents = [register(meeting, f"parent{n}@example.org", group=parents) for n in range(2)]
    third_parent = register(meeting, "parent2@example.org", group=parents)
    counsellor = register(meeting, "counsellor@example.org", group=counsellors)
    student = register(meeting, "student@example.org", group=students)

    assert _statuses(first_parents) == [RegistrationStatus.CONFIRMED] * 2
    # Seven seats are still free, but none of them for a parent.
    assert third_parent.status == RegistrationStatus.WAITING
    assert waiting_position(third_parent) == 1
    # No quota for counsellors; the students' quota is not full.
    assert counsellor.status == RegistrationStatus.CONFIRMED
    assert student.status == RegistrationStatus.CONFIRMED
    assert with_seat_counts(Meeting.objects.all()).get(pk=meeting.pk).seats_left == 6


def test_group_seats_do_not_add_to_the_meetings_capacity():
    parents, counsellors = _group("parents"), _group("counsellors")
    meeting = _meeting(capacity=2)
    GroupQuotaFactory.create(meeting=meeting, group=parents, seats=5)

    register(meeting, "c1@example.org", group=counsellors)
    register(meeting, "c2@example.org", group=counsellors)
    parent = register(meeting, "parent@example.org", group=parents)

    assert parent.status == RegistrationStatus.WAITING


# One registration per e-mail address


@pytest.mark.parametrize(
    "again", ["anna@example.org", "ANNA@Example.ORG", "  anna@example.org  ", "\tAnna@example.org "]
)
def test_the_same_email_cannot_register_twice(again):
    meeting = _meeting(capacity=2)
    first = register(meeting, "anna@example.org")

    with pytest.raises(services.AlreadyRegistered):
        register(meeting, again)

    assert list(Registration.objects.filter(meeting=meeting)) == [first]
    counted = with_seat_counts(Meeting.objects.all()).get(pk=meeting.pk)
    assert (counted.confirmed_count, counted.waiting_count) == (1, 0)
    # The first registration's own two: confirm the address, then the seat.
    assert OutboundEmail.objects.count() == 2
    # The seat the duplicate did not take is still there for someone else.
    assert register(meeting, "other@example.org").status == RegistrationStatus.CONFIRMED


def test_the_email_is_stored_without_surrounding_spaces():
    meeting = _meeting()

    registration = register(meeting, "  Anna@Example.org ")

    registration.refresh_from_db()
    assert registration.email == "Anna@Example.org"


def test_the_same_email_may_register_again_after_cancelling():
    meeting = _meeting(capacity=1)
    first = register(meeting, "anna@example.org")
    services.registration_cancel(token=first.cancel_token)

    again = register(meeting, "Anna@example.org")

    assert again.pk != first.pk
    assert again.status == RegistrationStatus.CONFIRMED
    assert _statuses([first, again]) == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]


def test_the_same_email_may_register_for_another_meeting():
    forum = _forum()
    first = register(_meeting(forum=forum), "anna@example.org")

    second = register(_meeting(forum=forum), "anna@example.org")

    assert {first.status, second.status} == {RegistrationStatus.CONFIRMED}


def _row_like(registration: Registration, **changes) -> Registration:
    values = {
        "meeting": registration.meeting,
        "name": "Someone Else",
        "email": registration.email,
        "group": registration.group,
        "language": registration.language,
        "ui_language": "fi",
        "consent_at": timezone.now(),
        "consent_version": "test",
        "status": RegistrationStatus.CONFIRMED,
        "address_confirmed_at": timezone.now(),
    }
    values.update(changes)
    if values["status"] == RegistrationStatus.PENDING:
        values.update(address_confirmed_at=None, hold_expires_at=timezone.now())
    return Registration(**values)


@pytest.mark.parametrize("status", ACTIVE_STATUSES)
def test_the_database_allows_one_active_registration_per_email_whatever_the_case(status):
    meeting = _meeting()
    first = register(meeting, "anna@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        _row_like(first, email="ANNA@example.ORG", status=status).save()

    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_the_database_allows_a_new_registration_beside_a_cancelled_one():
    meeting = _meeting()
    first = register(meeting, "anna@example.org")
    Registration.objects.filter(pk=first.pk).update(status=RegistrationStatus.CANCELLED)

    _row_like(first, email="ANNA@example.org").save()
    _row_like(first, email="Anna@Example.org", status=RegistrationStatus.CANCELLED).save()

    assert Registration.objects.filter(meeting=meeting).count() == 3


# When registration is open

NOW = datetime.datetime(2026, 11, 2, 12, 0, tzinfo=HELSINKI)


def _meeting_at(now: datetime.datetime, **fields) -> Meeting:
    fields.setdefault("starts_at", now + datetime.timedelta(days=7))
    return _meeting(**fields)


@pytest.mark.parametrize(
    ("fields", "now"),
    [
        pytest.param(
            {"registration_opens_at": NOW + datetime.timedelta(minutes=1)}, NOW, id="not-yet-open"
        ),
        pytest.param(
            {"registration_closes_at": NOW - datetime.timedelta(minutes=1)}, NOW, id="closed"
        ),
        pytest.param({"registration_closes_at": NOW}, NOW, id="closes-at-this-moment"),
        pytest.param({"starts_at": NOW - datetime.timedelta(minutes=1)}, NOW, id="meeting-started"),
        pytest.param({"starts_at": NOW}, NOW, id="meeting-starts-this-moment"),
        pytest.param({"status": MeetingStatus.CANCELLED}, NOW, id="meeting-cancelled"),
        pytest.param({"status": MeetingStatus.COMPLETED}, NOW, id="meeting-completed"),
    ],
)
def test_registration_outside_its_window_is_refused(fields, now):
    meeting = _meeting_at(now, **fields)

    with pytest.raises(services.RegistrationClosed):
        services.registration_create(
            meeting_id=meeting.pk, data=_data(meeting, "anna@example.org"), now=now
        )

    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"registration_opens_at": NOW}, id="opens-at-this-moment"),
        pytest.param(
            {
                "registration_opens_at": NOW - datetime.timedelta(days=1),
                "registration_closes_at": NOW + datetime.timedelta(minutes=1),
            },
            id="inside-the-window",
        ),
        pytest.param({"starts_at": NOW + datetime.timedelta(minutes=1)}, id="just-before-start"),
    ],
)
def test_registration_inside_its_window_is_accepted(fields):
    meeting = _meeting_at(NOW, **fields)

    registration = services.registration_create(
        meeting_id=meeting.pk, data=_data(meeting, "anna@example.org"), now=NOW
    )

    # A seat is held for the address's owner.
    assert registration.status == RegistrationStatus.PENDING
    assert registration.created_at == registration.consent_at


# Cancelling and promotion from the waiting list


def test_cancelling_gives_the_seat_to_the_first_person_waiting():
    meeting = _meeting(capacity=2)
    anna, bertta, cecilia, daniel = (
        register(meeting, f"{name}@example.org") for name in ("anna", "bertta", "cecilia", "daniel")
    )
    cancelled_at = timezone.now() + datetime.timedelta(minutes=5)

    cancelled = services.registration_cancel(token=anna.cancel_token, now=cancelled_at)

    assert cancelled.status == RegistrationStatus.CANCELLED
    assert cancelled.cancelled_at == cancelled_at
    assert _statuses([anna, bertta, cecilia, daniel]) == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    cecilia.refresh_from_db()
    assert cecilia.promoted_at == cancelled_at
    assert _positions([daniel]) == [1]
    assert [e.recipient for e in _emails(EmailKind.CANCELLED)] == [anna.email]
    assert [e.recipient for e in _emails(EmailKind.PROMOTED)] == [cecilia.email]


def test_cancelling_skips_a_waiting_person_whose_group_is_full():
    parents, counsellors = _group("parents"), _group("counsellors")
    meeting = _meeting(capacity=3)
    GroupQuotaFactory.create(meeting=meeting, group=parents, seats=2)
    parent1 = register(meeting, "parent1@example.org", group=parents)
    register(meeting, "parent2@example.org", group=parents)
    counsellor1 = register(meeting, "counsellor1@example.org", group=counsellors)
    parent3 = register(meeting, "parent3@example.org", group=parents)  # first in line
    counsellor2 = register(meeting, "counsellor2@example.org", group=counsellors)
    counsellor3 = register(meeting, "counsellor3@example.org", group=counsellors)
    assert _positions([parent3, counsellor2, counsellor3]) == [1, 2, 3]

    services.registration_cancel(token=counsellor1.cancel_token)

    # The parents' seats are full, so the seat goes to the next in line, and only one.
    assert _statuses([parent3, counsellor2, counsellor3]) == [
        RegistrationStatus.WAITING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert _positions([parent3, counsellor3]) == [1, 2]

    services.registration_cancel(token=parent1.cancel_token)

    # Now a parent's seat is free and the parent first in line gets it.
    assert _statuses([parent3, counsellor3]) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert [e.recipient for e in _emails(EmailKind.PROMOTED)] == [
        counsellor2.email,
        parent3.email,
    ]


def test_cancelling_twice_changes_nothing():
    meeting = _meeting(capacity=1)
    anna = register(meeting, "anna@example.org")
    bertta = register(meeting, "bertta@example.org")
    cecilia = register(meeting, "cecilia@example.org")
    first_time = timezone.now() + datetime.timedelta(minutes=1)
    services.registration_cancel(token=anna.cancel_token, now=first_time)

    again = services.registration_cancel(
        token=anna.cancel_token, now=first_time + datetime.timedelta(hours=1)
    )

    assert again.status == RegistrationStatus.CANCELLED
    assert again.cancelled_at == first_time
    anna.refresh_from_db()
    assert anna.cancelled_at == first_time
    assert len(_emails(EmailKind.CANCELLED)) == 1
    # The second cancel freed no second seat.
    assert _statuses([bertta, cecilia]) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ]
    assert len(_emails(EmailKind.PROMOTED)) == 1


def test_cancelling_a_waiting_registration_promotes_nobody():
    meeting = _meeting(capacity=1)
    anna = register(meeting, "anna@example.org")
    bertta = register(meeting, "bertta@example.org")
    cecilia = register(meeting, "cecilia@example.org")

    services.registration_cancel(token=bertta.cancel_token)

    assert _statuses([anna, bertta, cecilia]) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.WAITING,
    ]
    assert _positions([cecilia]) == [1]
    assert _emails(EmailKind.PROMOTED) == []
    assert [e.recipient for e in _emails(EmailKind.CANCELLED)] == [bertta.email]


def test_waitlist_promote_fills_added_seats_in_order():
    meeting = _meeting(capacity=2)
    registrations = [register(meeting, f"person{n}@example.org") for n in range(7)]
    waiting = registrations[2:]
    Meeting.objects.filter(pk=meeting.pk).update(capacity=5)
    now = timezone.now() + datetime.timedelta(minutes=1)

    promoted = services.waitlist_promote(meeting_id=meeting.pk, now=now)

    assert [r.pk for r in promoted] == [r.pk for r in waiting[:3]]
    assert (
        _statuses(waiting) == [RegistrationStatus.CONFIRMED] * 3 + [RegistrationStatus.WAITING] * 2
    )
    assert set(
        Registration.objects.filter(pk__in=[r.pk for r in promoted]).values_list(
            "promoted_at", flat=True
        )
    ) == {now}
    assert _positions(waiting[3:]) == [1, 2]
    assert [e.recipient for e in _emails(EmailKind.PROMOTED)] == [r.email for r in promoted]
    # Nothing more to fill.
    assert services.waitlist_promote(meeting_id=meeting.pk) == []


def test_waitlist_promote_does_nothing_for_a_cancelled_meeting():
    meeting = _meeting(capacity=1)
    register(meeting, "anna@example.org")
    waiting = register(meeting, "bertta@example.org")
    Meeting.objects.filter(pk=meeting.pk).update(capacity=5, status=MeetingStatus.CANCELLED)

    assert services.waitlist_promote(meeting_id=meeting.pk) == []
    assert _statuses([waiting]) == [RegistrationStatus.WAITING]


# Cancelling and changing meetings


def test_meeting_cancel_tells_everyone_still_registered_once():
    meeting = _meeting(capacity=1)
    anna = register(meeting, "anna@example.org")
    bertta = register(meeting, "bertta@example.org")
    cecilia = register(meeting, "cecilia@example.org")
    services.registration_cancel(token=cecilia.cancel_token)
    sequence = Meeting.objects.get(pk=meeting.pk).sequence

    told = services.meeting_cancel(meeting_id=meeting.pk)
    assert {message.status for message in _emails(EmailKind.MEETING_CANCELLED)} == {
        EmailStatus.QUEUED
    }
    send_queued()

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.sequence == sequence + 1
    messages = _emails(EmailKind.MEETING_CANCELLED)
    assert told == len(messages) == 2
    assert sorted(e.recipient for e in messages) == sorted([anna.email, bertta.email])
    for message in messages:
        assert message.status == EmailStatus.SENT
        event = icalendar.Calendar.from_ical(message.ics).walk("VEVENT")[0]
        assert str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("SEQUENCE") == meeting.sequence

    assert services.meeting_cancel(meeting_id=meeting.pk) == 0
    meeting.refresh_from_db()
    assert meeting.sequence == sequence + 1
    assert len(_emails(EmailKind.MEETING_CANCELLED)) == 2


def test_meeting_cancel_without_registrations_tells_nobody():
    meeting = _meeting()

    assert services.meeting_cancel(meeting_id=meeting.pk) == 0
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)


@pytest.mark.parametrize(
    ("changed_fields", "moves"),
    [
        (["title", "description", "capacity"], False),
        ([], False),
        (["starts_at"], True),
        (["ends_at"], True),
        (["venue", "title"], True),
        (["address"], True),
        (["municipality"], True),
        (["online_url"], True),
    ],
)
def test_meeting_calendar_changed_raises_the_sequence_only_for_time_or_place(changed_fields, moves):
    meeting = _meeting()
    before = meeting.sequence

    changed = services.meeting_calendar_changed(meeting=meeting, changed_fields=changed_fields)

    assert changed is moves
    assert meeting.sequence == before + (1 if moves else 0)


# Repeating meetings


def test_meetings_generate_every_other_week_keeps_the_local_time_across_dst():
    forum = _forum()
    # A Tuesday in mid-October; summer time ends on the last Sunday of October.
    first_start = datetime.datetime(2026, 10, 13, 17, 0, tzinfo=HELSINKI)

    meetings = services.meetings_generate(
        forum=forum,
        first_start=first_start,
        duration=datetime.timedelta(hours=2),
        frequency=services.Frequency.WEEKLY,
        interval=2,
        count=4,
        capacity=25,
        venue="Tikkurilan kirjasto",
    )

    assert len(meetings) == 4
    assert list(forum.meetings.order_by("starts_at")) == meetings
    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [start.date() for start in local] == [
        first_start.date() + datetime.timedelta(weeks=2 * n) for n in range(4)
    ]
    assert {(start.weekday(), start.hour, start.minute) for start in local} == {
        (first_start.weekday(), 17, 0)
    }
    # The change was crossed: the same local time is a different UTC time.
    assert local[0].utcoffset() != local[-1].utcoffset()
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)
        assert (meeting.capacity, meeting.venue) == (25, "Tikkurilan kirjasto")
        assert meeting.status == MeetingStatus.SCHEDULED


def _generate_monthly(first_start: datetime.datetime, interval: int, count: int) -> list[Meeting]:
    return services.meetings_generate(
        forum=_forum(),
        first_start=first_start,
        duration=datetime.timedelta(hours=3),
        frequency=services.Frequency.MONTHLY,
        interval=interval,
        count=count,
        capacity=40,
    )


def test_meetings_generate_every_six_months_is_twice_a_year():
    first_start = datetime.datetime(2027, 1, 12, 9, 30, tzinfo=HELSINKI)

    meetings = _generate_monthly(first_start, interval=6, count=4)

    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [(start.year, start.month, start.day) for start in local] == [
        (
            first_start.year + (first_start.month - 1 + 6 * n) // 12,
            (first_start.month - 1 + 6 * n) % 12 + 1,
            first_start.day,
        )
        for n in range(4)
    ]
    assert {(start.hour, start.minute) for start in local} == {(9, 30)}
    # January is winter time, July summer time: the local time holds across both changes.
    assert local[0].utcoffset() != local[1].utcoffset()


def test_meetings_generate_every_six_months_from_the_end_of_a_month_is_twice_a_year():
    # Six months after 31 August there is no 31st; the meetings must still come twice a year,
    # not skip to the next August.
    first_start = datetime.datetime(2026, 8, 31, 17, 0, tzinfo=HELSINKI)

    meetings = _generate_monthly(first_start, interval=6, count=4)

    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [start.month for start in local] == [8, 2, 8, 2]
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(local)]
    assert all(178 <= gap <= 186 for gap in gaps), gaps


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
    assert _stated_position(messages[registrations[0].pk]) is None
    assert [_stated_position(messages[r.pk]) for r in registrations[1:]] == [1, 2, 3]
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
