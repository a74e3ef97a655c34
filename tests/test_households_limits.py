"""What keeps households and helpers fair to everyone else, found in a review: a helper's
form tells nobody whether an address is registered, one helper cannot take a meeting's seats,
a household that could never fit is told at once, and freed childcare places go in order."""

import pytest
from django.utils import translation

from forums.models import ChildcareStatus, EmailKind, OutboundEmail, Registration
from forums.privacy import personal_data_summary
from forums.services import (
    HELPER_PEOPLE_PER_MEETING,
    HelperLimitReached,
    registration_cancel,
    registration_confirm_address,
)

from .assisted_helpers import HELPER, assisted, assisted_form, helper_page
from .forum_factories import register
from .forum_page_helpers import form_data, meeting_at, meeting_url
from .registration_helpers import _meeting

pytestmark = pytest.mark.django_db


def _helper_asked_to_confirm() -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(
            kind=EmailKind.CONFIRM_ADDRESS, recipient=HELPER["helper_email"]
        )
    )


def test_the_helpers_form_answers_alike_whether_or_not_the_familys_address_is_registered(
    client, django_capture_on_commit_callbacks
):
    meeting = meeting_at(14, capacity=10)
    register(meeting, "registered@example.org")

    for family in ("registered@example.org", "new@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                helper_page(meeting), assisted_form(meeting, email=family, name=family)
            )
        assert response.status_code == 302

    # Whoever typed the addresses got a link to confirm for each, as for any new family.
    assert len(_helper_asked_to_confirm()) == 2
    assert not OutboundEmail.objects.filter(kind=EmailKind.ALREADY_REGISTERED).exists()


def test_one_helper_registers_at_most_so_many_people_for_a_meeting(client):
    meeting = _meeting(capacity=100)
    full_households = HELPER_PEOPLE_PER_MEETING // 10
    for n in range(full_households):
        assisted(meeting, email="", name=f"Family {n}", companion_adults=4, companion_children=5)

    with pytest.raises(HelperLimitReached):
        assisted(meeting, email="", name="One more", companion_adults=1)

    response = client.post(helper_page(meeting), assisted_form(meeting, has_email="no", email=None))
    assert response.status_code == 400
    assert f"at most {HELPER_PEOPLE_PER_MEETING} people" in response.content.decode()
    # Another helper still can.
    response = client.post(
        helper_page(meeting),
        assisted_form(meeting, has_email="no", email=None, helper_email="toinen@example.org"),
    )
    assert response.status_code == 302


def test_a_household_larger_than_the_meeting_hears_it_before_registering(client):
    meeting = meeting_at(14, capacity=4, childcare_places=1)

    response = client.post(
        meeting_url(meeting),
        form_data(meeting, companion_adults="2", companion_children="2", childcare_children="2"),
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The meeting has 4 seats in all, fewer than the 5 people registered here." in html
    assert "The meeting looks after at most 1 child." in html
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_freed_childcare_goes_first_to_a_seated_family_that_waits_for_it():
    meeting = _meeting(capacity=2, childcare_places=1)
    first = register(meeting, "first@example.org", childcare_children=1)
    second = register(meeting, "second@example.org", childcare_children=1)
    third = register(meeting, "third@example.org", childcare_children=1)
    assert second.childcare_status == ChildcareStatus.WAITING
    assert third.status == "waiting"

    registration_cancel(token=first.cancel_token)

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.childcare_status == ChildcareStatus.BOOKED
    assert (third.status, third.childcare_status) == ("confirmed", ChildcareStatus.WAITING)


def test_a_family_seated_on_confirming_is_told_of_the_childcare_booked_with_the_seat():
    meeting = _meeting(capacity=1, childcare_places=1)
    seated = register(meeting, "seated@example.org")
    late = register(meeting, "late@example.org", childcare_children=1, confirm=False)
    registration_cancel(token=seated.cancel_token)

    confirmed = registration_confirm_address(token=late.cancel_token)

    assert (confirmed.status, confirmed.childcare_status) == ("confirmed", ChildcareStatus.BOOKED)
    confirmation = OutboundEmail.objects.get(registration=late, kind=EmailKind.CONFIRMATION)
    waiting = OutboundEmail.objects.filter(registration=late, kind=EmailKind.CHILDCARE_BOOKED)
    assert not waiting.exists()
    with translation.override(confirmation.language):
        assert "jonotuslistalla" not in confirmation.text_body


def test_childcare_freed_for_a_seat_held_unconfirmed_is_booked_but_not_e_mailed():
    meeting = _meeting(capacity=5, childcare_places=1)
    first = register(meeting, "first@example.org", childcare_children=1)
    held = register(meeting, "held@example.org", childcare_children=1, confirm=False)
    assert held.childcare_status == ChildcareStatus.WAITING

    registration_cancel(token=first.cancel_token)

    held.refresh_from_db()
    assert held.childcare_status == ChildcareStatus.BOOKED
    assert not OutboundEmail.objects.filter(kind=EmailKind.CHILDCARE_BOOKED).exists()


def test_erasing_a_helper_says_first_how_many_families_would_be_cancelled():
    meeting = _meeting(capacity=10)
    assisted(meeting, email="", name="No address")
    assisted(meeting, name="With address")

    summary = personal_data_summary(email=HELPER["helper_email"])

    assert (summary["as_helper"], summary["as_helper_to_cancel"]) == (2, 1)
