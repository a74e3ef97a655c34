"""A household comes together: everyone a registration brings takes a seat in the
registrant's group, and children in childcare take childcare places, which have a waiting
list of their own. Through the services, as the public form and the helpers' form reach them."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from forums import selectors, services
from forums.models import ChildcareStatus, EmailKind, Registration, RegistrationStatus

from .forum_factories import GroupQuotaFactory, register
from .registration_helpers import _emails, _group, _meeting

pytestmark = pytest.mark.django_db


def _fresh(registration: Registration) -> Registration:
    return Registration.objects.get(pk=registration.pk)


def test_a_household_takes_a_seat_for_each_of_its_people():
    meeting = _meeting(capacity=5)

    family = register(
        meeting, "parent@example.org", companion_adults=1, companion_youth=1, companion_children=1
    )
    alone = register(meeting, "alone@example.org")
    late = register(meeting, "late@example.org")

    assert (family.people, family.status) == (4, RegistrationStatus.CONFIRMED)
    assert _fresh(alone).status == RegistrationStatus.CONFIRMED
    assert _fresh(late).status == RegistrationStatus.WAITING
    assert selectors.meeting_detail(pk=meeting.pk).seats_left == 0


def test_a_household_too_big_for_the_seats_left_waits_and_a_smaller_one_behind_it_gets_them():
    meeting = _meeting(capacity=3)
    first = register(meeting, "first@example.org")
    family = register(meeting, "family@example.org", companion_children=2)
    single = register(meeting, "single@example.org")

    assert _fresh(first).status == RegistrationStatus.CONFIRMED
    # Two seats are left: the family of three waits, all together, none of them seated.
    assert _fresh(family).status == RegistrationStatus.WAITING
    assert _fresh(single).status == RegistrationStatus.CONFIRMED

    services.registration_cancel(token=first.cancel_token)

    # One seat freed (two free now): still not enough for the family.
    assert _fresh(family).status == RegistrationStatus.WAITING
    services.registration_cancel(token=single.cancel_token)
    assert _fresh(family).status == RegistrationStatus.CONFIRMED
    assert [email.registration_id for email in _emails(EmailKind.PROMOTED)] == [family.pk]


def test_a_household_told_to_wait_hears_that_the_seats_left_are_too_few_not_that_all_are_taken():
    meeting = _meeting(capacity=3)
    register(meeting, "first@example.org")
    family = register(
        meeting, "family@example.org", language_code="en", ui_language="en", companion_children=2
    )

    (message,) = [
        email for email in _emails(EmailKind.WAITING) if email.registration_id == family.pk
    ]
    assert "fewer than the 3 people in your registration" in message.text_body
    assert "place 1" in message.text_body
    assert "The meeting is full" not in message.text_body


def test_a_household_fills_its_groups_seats_while_the_meeting_has_more():
    meeting = _meeting(capacity=10)
    parents = _group("parents")
    GroupQuotaFactory.create(meeting=meeting, group=parents, seats=3)

    first = register(meeting, "a@example.org", group=parents, companion_adults=1)
    second = register(meeting, "b@example.org", group=parents, companion_children=1)

    assert _fresh(first).status == RegistrationStatus.CONFIRMED
    assert _fresh(second).status == RegistrationStatus.WAITING
    waiting = _emails(EmailKind.WAITING)
    assert [email.registration_id for email in waiting] == [second.pk]


def test_cancelling_a_household_frees_all_its_seats_for_those_waiting():
    meeting = _meeting(capacity=3)
    family = register(meeting, "family@example.org", companion_adults=2)
    one = register(meeting, "one@example.org")
    two = register(meeting, "two@example.org")

    services.registration_cancel(token=family.cancel_token)

    assert [_fresh(one).status, _fresh(two).status] == [RegistrationStatus.CONFIRMED] * 2


def test_childcare_places_are_booked_apart_from_the_seats_and_have_their_own_waiting_list():
    meeting = _meeting(capacity=10, childcare_places=2)

    twins = register(meeting, "twins@example.org", childcare_children=2)
    toddler = register(meeting, "toddler@example.org", childcare_children=1)

    # Both families have their seats (children in childcare take none).
    assert [twins.status, toddler.status] == [RegistrationStatus.CONFIRMED] * 2
    assert [twins.people, toddler.people] == [1, 1]
    assert twins.childcare_status == ChildcareStatus.BOOKED
    assert toddler.childcare_status == ChildcareStatus.WAITING

    services.registration_cancel(token=twins.cancel_token)

    assert _fresh(toddler).childcare_status == ChildcareStatus.BOOKED
    assert [email.registration_id for email in _emails(EmailKind.CHILDCARE_BOOKED)] == [toddler.pk]


def test_a_family_that_waits_for_a_seat_waits_for_childcare_and_gets_both_together():
    meeting = _meeting(capacity=1, childcare_places=1)
    seated = register(meeting, "seated@example.org")
    waiting = register(meeting, "waiting@example.org", childcare_children=1)
    assert (waiting.status, waiting.childcare_status) == (
        RegistrationStatus.WAITING,
        ChildcareStatus.WAITING,
    )

    services.registration_cancel(token=seated.cancel_token)

    promoted = _fresh(waiting)
    assert (promoted.status, promoted.childcare_status) == (
        RegistrationStatus.CONFIRMED,
        ChildcareStatus.BOOKED,
    )
    # Told once, by the message about the seat, which says the childcare too.
    assert _emails(EmailKind.CHILDCARE_BOOKED) == []


def test_a_seat_hold_that_runs_out_gives_back_its_childcare_places_too():
    meeting = _meeting(capacity=5, childcare_places=1)
    held = register(meeting, "held@example.org", childcare_children=1, confirm=False)
    assert (held.status, held.childcare_status) == (
        RegistrationStatus.PENDING,
        ChildcareStatus.BOOKED,
    )
    later = timezone.now() + datetime.timedelta(hours=2)

    services.holds_release_all(now=later)

    released = _fresh(held)
    assert (released.status, released.childcare_status) == (
        RegistrationStatus.WAITING,
        ChildcareStatus.WAITING,
    )
    other = register(meeting, "other@example.org", childcare_children=1)
    assert other.childcare_status == ChildcareStatus.BOOKED


def test_no_childcare_is_booked_beyond_the_places_even_for_a_family_alone():
    meeting = _meeting(capacity=5, childcare_places=2)

    family = register(meeting, "three@example.org", childcare_children=3)

    assert (family.status, family.childcare_status) == (
        RegistrationStatus.CONFIRMED,
        ChildcareStatus.WAITING,
    )


def test_the_database_refuses_childcare_children_without_their_status():
    registration = register(_meeting(capacity=5), "x@example.org")
    registration.childcare_children = 1
    registration.childcare_status = ChildcareStatus.NONE
    with pytest.raises(IntegrityError), transaction.atomic():
        registration.save()


def test_the_database_refuses_a_helper_who_does_not_say_how_the_family_consented():
    registration = register(_meeting(capacity=5), "x@example.org")
    registration.helper_name = "Helper"
    registration.helper_email = "helper@example.org"
    with pytest.raises(IntegrityError), transaction.atomic():
        registration.save()
