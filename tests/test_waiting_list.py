"""The waiting list is a queue of people who confirmed their address, in the order they
confirmed it: holding a registration without confirming keeps no place in it. And moving it
on costs the same however long it is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forums import selectors, services
from forums.models import EmailKind, OutboundEmail, Registration, RegistrationStatus

from .forum_factories import ForumFactory, GroupQuotaFactory, MeetingFactory, register

pytestmark = pytest.mark.django_db


def test_confirming_late_puts_one_behind_those_who_confirmed_before():
    meeting = MeetingFactory.create(capacity=1)
    late = register(meeting, "late@example.org", confirm=False)
    Registration.objects.filter(pk=late.pk).update(
        hold_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    seated = register(meeting, "seated@example.org")
    waiting = register(meeting, "waiting@example.org")
    assert selectors.waiting_position(waiting) == 1

    late = services.registration_confirm_address(token=late.cancel_token)

    assert late.status == RegistrationStatus.WAITING
    assert selectors.waiting_position(late) == 2
    waiting.refresh_from_db()
    assert selectors.waiting_position(waiting) == 1
    services.registration_cancel(token=seated.cancel_token)
    waiting.refresh_from_db()
    late.refresh_from_db()
    assert (waiting.status, late.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )
    assert OutboundEmail.objects.filter(registration=waiting, kind=EmailKind.PROMOTED).exists()


def queries_to_register_beside_a_full_group(waiting: int) -> int:
    """A meeting with room, but its parents' quota full and `waiting` parents queued: one
    counsellor registers."""
    forum = ForumFactory.create()
    parents, counsellors = forum.stakeholder_groups.order_by("pk")[:2]
    meeting = MeetingFactory.create(forum=forum, capacity=100)
    GroupQuotaFactory.create(meeting=meeting, group=parents, seats=1)
    for number in range(waiting + 1):
        register(meeting, f"parent{number}@example.org", group=parents)
    with CaptureQueriesContext(connection) as queries:
        register(meeting, "counsellor@example.org", group=counsellors, confirm=False)
    return len(queries)


def test_moving_the_queue_on_costs_the_same_however_long_it_is():
    assert queries_to_register_beside_a_full_group(3) == queries_to_register_beside_a_full_group(40)
