"""Many people registering at the same moment, from real threads with their own database
connections. Only PostgreSQL locks rows, so these run there only."""

import datetime
import threading
from collections import Counter
from collections.abc import Callable
from typing import TypeVar

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums import services
from forums.models import (
    ACTIVE_STATUSES,
    EmailKind,
    Forum,
    GroupQuota,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.selectors import waiting_position
from forums.services import LOCK_TIMEOUT_SQL

from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory, register
from .registration_helpers import stated_position

# serialized_rollback: the flush after each test would otherwise remove the languages and
# regions that migrations load, which the next transactional test needs.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

T = TypeVar("T")


def _meeting(capacity: int) -> Meeting:
    forum: Forum = ForumFactory.create()
    meeting: Meeting = MeetingFactory.create(forum=forum, capacity=capacity)
    return meeting


def _group(slug: str) -> StakeholderGroup:
    group: StakeholderGroup = StakeholderGroupFactory.create(slug=slug)
    return group


def run_together(count: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """Run work(0) … work(count - 1) in as many threads, released at the same moment; each
    result is what work returned or the exception it raised."""
    barrier = threading.Barrier(count)
    results: list[T | BaseException | None] = [None] * count

    def thread_main(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except BaseException as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=thread_main, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert all(result is not None for result in results)
    return [result for result in results if result is not None]


def _errors(results: list) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]


def _fifty_at_once(capacity: int) -> Meeting:
    """Fifty people register at the same moment, then each confirms their address (one by
    one, in the order they registered)."""
    meeting = _meeting(capacity=capacity)
    group = _group("parents")

    results = run_together(
        50, lambda n: register(meeting, f"person{n}@example.org", group=group, confirm=False)
    )

    assert _errors(results) == []
    held = Counter(Registration.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert held == {RegistrationStatus.PENDING: capacity, RegistrationStatus.WAITING: 50 - capacity}
    for registration in Registration.objects.filter(meeting=meeting).order_by("pk"):
        services.registration_confirm_address(token=registration.cancel_token)
    return meeting


def test_fifty_people_at_once_fill_ten_seats_and_queue_the_rest():
    meeting = _fifty_at_once(capacity=10)

    registrations = list(Registration.objects.filter(meeting=meeting))
    assert len(registrations) == 50
    statuses = Counter(registration.status for registration in registrations)
    assert statuses == {RegistrationStatus.CONFIRMED: 10, RegistrationStatus.WAITING: 40}
    waiting = [r for r in registrations if r.status == RegistrationStatus.WAITING]
    positions = {r.pk: waiting_position(r) for r in waiting}
    assert sorted(p or 0 for p in positions.values()) == list(range(1, 41))
    # Each person was asked to confirm, then got one message of where they stand, and each
    # waiting person was told their place in line.
    messages = list(OutboundEmail.objects.exclude(kind=EmailKind.CONFIRM_ADDRESS))
    assert OutboundEmail.objects.filter(kind=EmailKind.CONFIRM_ADDRESS).count() == 50
    assert Counter(message.kind for message in messages) == {
        EmailKind.CONFIRMATION: 10,
        EmailKind.WAITING: 40,
    }
    assert len({message.recipient for message in messages}) == 50
    stated = {
        m.registration_id: stated_position(m) for m in messages if m.kind == EmailKind.WAITING
    }
    assert stated == positions


def test_people_registering_at_once_are_seated_in_the_order_of_the_waiting_list():
    meeting = _fifty_at_once(capacity=10)

    # Registrations get their ids and times under the meeting's lock, so both follow the
    # order seats were given: nobody still waiting may come before someone who got a seat.
    queue = Registration.objects.filter(meeting=meeting).order_by("created_at", "pk")
    assert list(queue) == list(Registration.objects.filter(meeting=meeting).order_by("pk"))
    assert [r.status for r in queue] == [RegistrationStatus.CONFIRMED] * 10 + [
        RegistrationStatus.WAITING
    ] * 40


def test_the_same_email_at_once_registers_once():
    meeting = _meeting(capacity=10)
    group = _group("parents")
    spellings = [
        "sama.ihminen@example.org",
        "Sama.Ihminen@Example.org",
        " sama.ihminen@EXAMPLE.ORG",
    ]

    results = run_together(
        20, lambda n: register(meeting, spellings[n % len(spellings)], group=group, confirm=False)
    )

    registered = [result for result in results if isinstance(result, Registration)]
    refused = [result for result in results if isinstance(result, services.AlreadyRegistered)]
    assert len(registered) == 1
    assert len(refused) == 19
    assert len(registered) + len(refused) == len(results)
    active = Registration.objects.filter(
        meeting=meeting, email__iexact="sama.ihminen@example.org", status__in=ACTIVE_STATUSES
    )
    assert list(active) == registered
    assert registered[0].status == RegistrationStatus.PENDING  # its seat held for the owner
    assert OutboundEmail.objects.count() == 1  # asking the owner to confirm


def _serial_outcome(
    registrations: list[Registration], capacity: int, quota_group_id: int, quota: int
) -> dict[int, str]:
    """The statuses the rules give when people register one after another in this order."""
    confirmed = in_quota_group = 0
    outcome: dict[int, str] = {}
    for registration in registrations:
        is_quota_group = registration.group_id == quota_group_id
        if confirmed < capacity and (not is_quota_group or in_quota_group < quota):
            outcome[registration.pk] = RegistrationStatus.CONFIRMED
            confirmed += 1
            in_quota_group += is_quota_group
        else:
            outcome[registration.pk] = RegistrationStatus.WAITING
    return outcome


def _confirmed_per_group(meeting: Meeting) -> Counter[str]:
    return Counter(
        Registration.objects.filter(
            meeting=meeting, status=RegistrationStatus.CONFIRMED
        ).values_list("group__slug", flat=True)
    )


def test_group_seats_hold_when_two_groups_register_at_once():
    meeting = _meeting(capacity=10)
    parents, counsellors = _group("parents"), _group("counsellors")
    GroupQuota.objects.create(meeting=meeting, group=parents, seats=3)
    groups = [parents, counsellors]

    results = run_together(
        40, lambda n: register(meeting, f"person{n}@example.org", group=groups[n % 2])
    )

    assert _errors(results) == []
    assert Registration.objects.filter(meeting=meeting).count() == 40
    # The seats were decided one at a time under the meeting's lock, in the order the rows
    # were written: the outcome is what registering one after another in that order gives.
    in_lock_order = list(Registration.objects.filter(meeting=meeting).order_by("pk"))
    serial = _serial_outcome(in_lock_order, capacity=10, quota_group_id=parents.pk, quota=3)
    assert {r.pk: r.status for r in in_lock_order} == serial
    confirmed = _confirmed_per_group(meeting)
    assert confirmed.total() == 10
    assert confirmed["parents"] <= 3
    # Three parents and seven counsellors, unless ten counsellors happened to get the lock
    # before the third parent did (under 1 % of runs): then the rules leave parents fewer.
    expected = Counter(
        "parents" if r.group_id == parents.pk else "counsellors"
        for r in in_lock_order
        if serial[r.pk] == RegistrationStatus.CONFIRMED
    )
    assert confirmed == expected


def test_two_groups_with_their_own_seats_register_at_once():
    meeting = _meeting(capacity=10)
    parents, counsellors = _group("parents"), _group("counsellors")
    GroupQuota.objects.create(meeting=meeting, group=parents, seats=3)
    GroupQuota.objects.create(meeting=meeting, group=counsellors, seats=7)
    groups = [parents, counsellors]

    results = run_together(
        40, lambda n: register(meeting, f"person{n}@example.org", group=groups[n % 2])
    )

    assert _errors(results) == []
    # The group seats add up to the capacity, so whatever the order, each group fills its own.
    assert _confirmed_per_group(meeting) == {"parents": 3, "counsellors": 7}
    assert (
        Registration.objects.filter(meeting=meeting, status=RegistrationStatus.WAITING).count()
        == 30
    )


def test_the_lock_works_where_values_are_bound_on_the_server(monkeypatch):
    """The registration's statements run as they are where the values are bound on the
    server, as psycopg does with OPTIONS["server_side_binding"]."""
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "server_side_binding", True)
    meeting = MeetingFactory.create(capacity=1)
    with CaptureQueriesContext(connection) as queries:
        first = register(meeting, "first@example.org")
    second = register(meeting, "second@example.org")

    assert (first.status, second.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )
    assert LOCK_TIMEOUT_SQL in [query["sql"] for query in queries.captured_queries]


def test_thirty_people_confirming_at_once_after_their_holds_ran_out_take_ten_seats():
    meeting = _meeting(capacity=10)
    group = _group("parents")
    people = [
        register(meeting, f"late{n}@example.org", group=group, confirm=False) for n in range(30)
    ]
    later = timezone.now() + datetime.timedelta(hours=1)  # every hold has run out

    results = run_together(
        30,
        lambda n: services.registration_confirm_address(token=people[n].cancel_token, now=later),
    )

    assert _errors(results) == []
    statuses = Counter(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses == {RegistrationStatus.CONFIRMED: 10, RegistrationStatus.WAITING: 20}
    # Each was told where they stand once: a seat or a place in the queue.
    told = Counter(
        OutboundEmail.objects.exclude(kind=EmailKind.CONFIRM_ADDRESS).values_list("kind", flat=True)
    )
    assert told == {EmailKind.CONFIRMATION: 10, EmailKind.WAITING: 20}
