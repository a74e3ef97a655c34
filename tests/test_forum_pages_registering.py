"""Registering through the meeting page's form, the registration status page, and the cancel
page: confirming, joining the waiting list, a second registration, and cancelling."""

import pytest
from django.conf import settings
from django.utils import timezone

from forums.models import EmailKind, OutboundEmail, Registration, RegistrationStatus
from forums.tokens import registration_token

from .forum_factories import register, send_queued
from .forum_page_helpers import form_data, meeting_at, meeting_url, url
from .page_html import find_all

pytestmark = pytest.mark.django_db


# --- Registering through the form.


def test_registering_through_the_form(client):
    meeting = meeting_at(14)
    started = timezone.now()

    response = client.post(meeting_url(meeting), form_data(meeting))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("forums:registration_sent", pk=meeting.pk)
    sent_page = client.get(response["Location"]).content.decode()
    assert find_all(sent_page, "h1")[0].text == "Check your e-mail"
    # The address given is repeated, so that a mistyped one is seen.
    assert "amina.hassan@example.org" in find_all(sent_page, "p", **{"class": "lead"})[0].text
    assert registration.meeting == meeting
    # A seat is held until the address's owner confirms.
    assert registration.status == RegistrationStatus.PENDING
    assert registration.address_confirmed_at is None
    assert registration.name == "Amina Hassan"
    assert registration.email == "amina.hassan@example.org"
    assert registration.phone == "+358 40 000 0002"
    assert registration.organisation == "Tikkurilan koulu"
    assert registration.group == meeting.forum.stakeholder_groups.first()
    assert registration.language.code == "ar"
    assert registration.interpreter_language is not None
    assert registration.interpreter_language.code == "so"
    assert registration.needs == "Pyörätuolipaikka"
    assert registration.ui_language == "en"
    assert started <= registration.consent_at <= timezone.now()
    assert registration.consent_version == settings.REGISTRATION_CONSENT_VERSION

    # The e-mail's link asks to confirm; opening it changes nothing, the button does.
    token = registration_token(registration)
    confirm_page = client.get(url("forums:registration_confirm", token=token)).content.decode()
    assert find_all(confirm_page, "h1")[0].text == "Confirm your registration"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    confirmed = client.post(url("forums:registration_confirm", token=token))
    assert confirmed["Location"] == url("forums:registration", token=token)
    html = client.get(confirmed["Location"]).content.decode()
    assert find_all(html, "h1")[0].text == "You are registered"
    assert "amina.hassan@example.org" in html
    assert f'href="{url("forums:registration_cancel", token=token)}"' in html
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def test_registering_in_finnish_records_the_finnish_page(client):
    meeting = meeting_at(14)
    response = client.post(meeting_url(meeting, "fi"), form_data(meeting))
    registration = Registration.objects.get()
    assert response["Location"] == url("forums:registration_sent", "fi", pk=meeting.pk)
    assert registration.ui_language == "fi"


def test_registering_for_a_full_meeting_joins_the_waiting_list(client):
    meeting = meeting_at(14, capacity=1)
    register(meeting, "first@example.org")
    register(meeting, "second@example.org")

    html = client.get(meeting_url(meeting)).content.decode()
    assert "Join the waiting list" in html

    response = client.post(meeting_url(meeting), form_data(meeting))

    registration = Registration.objects.get(email="amina.hassan@example.org")
    assert response.status_code == 302
    assert registration.status == RegistrationStatus.WAITING
    token = registration_token(registration)
    client.post(url("forums:registration_confirm", token=token))
    html = client.get(url("forums:registration", token=token)).content.decode()
    assert find_all(html, "h1")[0].text == "You are on the waiting list"
    assert "number 2 on the waiting list" in html


def test_a_second_registration_with_the_same_email_is_answered_by_email_only(client):
    """A stranger typing someone's address learns nothing: the page is the one every
    registration gets, and only the address's owner hears that it was already registered."""
    meeting = meeting_at(14)
    existing = register(meeting, "Amina.Hassan@example.org")
    fresh = client.post(meeting_url(meeting), form_data(meeting, email="new@example.org"))
    OutboundEmail.objects.all().delete()

    response = client.post(meeting_url(meeting), form_data(meeting))

    assert response.status_code == 302
    assert response["Location"] == fresh["Location"]
    assert Registration.objects.filter(email__iexact="amina.hassan@example.org").count() == 1
    send_queued()
    (message,) = OutboundEmail.objects.all()
    assert message.kind == EmailKind.ALREADY_REGISTERED
    assert message.recipient == "Amina.Hassan@example.org"
    assert message.registration == existing
    assert registration_token(existing).split(":")[0] in message.text_body


def test_same_email_can_register_again_after_cancelling(client):
    meeting = meeting_at(14)
    earlier = register(meeting, "amina.hassan@example.org")
    client.post(url("forums:registration_cancel", token=registration_token(earlier)))

    response = client.post(meeting_url(meeting), form_data(meeting))

    assert response.status_code == 302
    assert Registration.objects.filter(status=RegistrationStatus.PENDING).count() == 1


# --- Cancelling.


def test_cancel_page_asks_before_cancelling(client):
    meeting = meeting_at(14)
    registration = register(meeting, "aino.virtanen@example.org")
    page = url("forums:registration_cancel", token=registration_token(registration))

    html = client.get(page).content.decode()

    (form,) = find_all(html, "form", method="post")
    assert form.attrs.get("action", page) in {"", page}
    buttons = [button.text for button in find_all(html, "button")]
    assert "Yes, cancel my registration" in buttons
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.cancelled_at is None


def test_cancelling_gives_the_seat_to_the_first_person_waiting(client):
    meeting = meeting_at(14, capacity=1)
    registration = register(meeting, "aino.virtanen@example.org")
    first_waiting = register(meeting, "leo.nieminen@example.org")
    second_waiting = register(meeting, "sara.ali@example.org")
    assert first_waiting.status == second_waiting.status == RegistrationStatus.WAITING

    response = client.post(
        url("forums:registration_cancel", token=registration_token(registration))
    )

    assert response.status_code == 200
    assert find_all(response.content.decode(), "h1")[0].text == "Registration cancelled"
    registration.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at is not None
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert first_waiting.promoted_at is not None
    assert second_waiting.status == RegistrationStatus.WAITING
    status_page = url("forums:registration", token=registration_token(second_waiting))
    assert "number 1 on the waiting list" in client.get(status_page).content.decode()


def test_cancelling_twice_changes_nothing(client):
    meeting = meeting_at(14)
    registration = register(meeting, "aino.virtanen@example.org")
    page = url("forums:registration_cancel", token=registration_token(registration))
    client.post(page)
    registration.refresh_from_db()
    cancelled_at = registration.cancelled_at

    response = client.post(page)

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert registration.cancelled_at == cancelled_at
    status_html = client.get(url("forums:registration", token=registration_token(registration)))
    assert find_all(status_html.content.decode(), "h1")[0].text == "Registration cancelled"


def test_unknown_token_is_not_found(client):
    register(meeting_at(14), "aino.virtanen@example.org")
    for name in ("forums:registration", "forums:registration_cancel"):
        assert client.get(url(name, token="no-such-token")).status_code == 404
    assert client.post(url("forums:registration_cancel", token="no-such-token")).status_code == 404
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
