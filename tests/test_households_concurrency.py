"""Households and childcare places taken at the same moment, from real threads with their own
database connections: the seats a household takes and the childcare places stay exact. Only
PostgreSQL locks rows, so these run there only."""

from collections import Counter

import pytest
from django.db.models import Sum

from forums import services
from forums.models import (
    SEAT_STATUSES,
    ChildcareStatus,
    GroupQuota,
    Registration,
    RegistrationStatus,
)

from .forum_factories import register
from .registration_helpers import _group, _meeting
from .test_registration_concurrency import _errors, run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _seated_people(meeting_id: int, **filters) -> int:
    seated = Registration.objects.filter(meeting_id=meeting_id, status__in=SEAT_STATUSES)
    registrations = list(seated.filter(**filters))
    return sum(registration.people for registration in registrations)


def test_households_of_different_sizes_at_once_never_take_more_seats_than_there_are():
    meeting = _meeting(capacity=10)
    group = _group("parents")
    # Sizes 1, 2, 3, 1, 2, 3, …: 30 registrations bringing 60 people for 10 seats.
    sizes = [1 + n % 3 for n in range(30)]

    results = run_together(
        30,
        lambda n: register(
            meeting,
            f"family{n}@example.org",
            group=group,
            confirm=False,
            companion_children=sizes[n] - 1,
        ),
    )

    assert _errors(results) == []
    assert _seated_people(meeting.pk) <= 10
    # The seats are filled as far as the households fit: whoever waits does not fit the
    # seats left (the smallest households, of one, fill the last of them).
    left = 10 - _seated_people(meeting.pk)
    waiting = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING)
    assert all(registration.people > left for registration in waiting)
    for registration in Registration.objects.filter(meeting=meeting).order_by("pk"):
        services.registration_confirm_address(token=registration.cancel_token)
    assert _seated_people(meeting.pk) <= 10


def test_a_groups_seats_stay_exact_when_households_of_the_group_come_at_once():
    meeting = _meeting(capacity=50)
    parents = _group("parents")
    GroupQuota.objects.create(meeting=meeting, group=parents, seats=7)

    results = run_together(
        12,
        lambda n: register(
            meeting, f"p{n}@example.org", group=parents, confirm=False, companion_adults=1
        ),
    )

    assert _errors(results) == []
    # Households of two, seven seats: three households seated, one seat left over.
    assert _seated_people(meeting.pk, group=parents) == 6
    statuses = Counter(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses == {RegistrationStatus.PENDING: 3, RegistrationStatus.WAITING: 9}


def test_childcare_places_taken_at_once_are_never_more_than_the_meeting_has():
    meeting = _meeting(capacity=40, childcare_places=5)
    group = _group("parents")

    results = run_together(
        12,
        lambda n: register(
            meeting,
            f"c{n}@example.org",
            group=group,
            confirm=False,
            childcare_children=1 + n % 2,
        ),
    )

    assert _errors(results) == []
    booked = Registration.objects.filter(
        meeting=meeting, status__in=SEAT_STATUSES, childcare_status=ChildcareStatus.BOOKED
    ).aggregate(children=Sum("childcare_children"))["children"]
    assert booked <= 5
    # Every family has its seat; those whose children did not fit wait for childcare.
    assert (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.PENDING).count()
        == 12
    )
    waiting = Registration.objects.filter(meeting=meeting, childcare_status=ChildcareStatus.WAITING)
    assert all(registration.childcare_children > 5 - booked for registration in waiting)


def test_cancellations_and_registrations_at_once_keep_childcare_places_exact():
    meeting = _meeting(capacity=40, childcare_places=3)
    group = _group("parents")
    first = [
        register(meeting, f"first{n}@example.org", group=group, childcare_children=1)
        for n in range(3)
    ]

    def work(n: int) -> object:
        if n < 3:
            return services.registration_cancel(token=first[n].cancel_token)
        return register(meeting, f"next{n}@example.org", group=group, childcare_children=1)

    results = run_together(9, work)

    assert _errors(results) == []
    booked = Registration.objects.filter(
        meeting=meeting, status__in=SEAT_STATUSES, childcare_status=ChildcareStatus.BOOKED
    )
    assert booked.count() == 3
    assert (
        Registration.objects.filter(
            meeting=meeting, status__in=SEAT_STATUSES, childcare_status=ChildcareStatus.WAITING
        ).count()
        == 3
    )
