"""Registering for meetings: seats up to capacity, group seats, the waiting list, one
registration per e-mail address, and when registration is open."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forums import services
from forums.models import (
    ACTIVE_STATUSES,
    EmailKind,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.selectors import waiting_position, with_seat_counts

from .forum_factories import GroupQuotaFactory, language, register
from .registration_helpers import HELSINKI, _emails, _forum, _group, _meeting, _positions, _statuses

pytestmark = pytest.mark.django_db


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
