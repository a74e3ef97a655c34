"""Cancelling a registration and promotion from the waiting list: the seat goes to the first
person waiting whose group still has room, once, and added seats are filled in order."""

import datetime

import pytest
from django.utils import timezone

from forums import services
from forums.models import EmailKind, Meeting, MeetingStatus, Registration, RegistrationStatus

from .forum_factories import GroupQuotaFactory, register
from .registration_helpers import _emails, _group, _meeting, _positions, _statuses

pytestmark = pytest.mark.django_db


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
