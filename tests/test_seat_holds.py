"""Seats for real people: a registration holds its seat until the address's owner confirms it
through the link sent there, and a hold that is not confirmed goes back. Written as the
attacks were made: a stranger's loop of made-up addresses, a stranger locking an owner out
with their address, and the seat counter read before and after a registration."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from forums import services, tokens
from forums.models import EmailKind, Meeting, OutboundEmail, Registration, RegistrationStatus

from .forum_factories import MeetingFactory, register, send_queued
from .forum_page_helpers import form_data, meeting_url, url

pytestmark = pytest.mark.django_db


def statuses(meeting: Meeting) -> dict[str, int]:
    counted: dict[str, int] = {}
    for status in Registration.objects.filter(meeting=meeting).values_list("status", flat=True):
        counted[status] = counted.get(status, 0) + 1
    return counted


def stranger(number: int, meeting: Meeting) -> dict[str, str]:
    return form_data(meeting, name=f"Keksitty {number}", email=f"keksitty{number}@example.net")


def test_a_strangers_made_up_addresses_hold_seats_only_until_their_hold_runs_out(
    client, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_HOLD_MINUTES = 30
    meeting = MeetingFactory.create(capacity=30)
    with django_capture_on_commit_callbacks(execute=True):
        posted = [client.post(meeting_url(meeting), stranger(n, meeting)) for n in range(30)]
    assert {response.status_code for response in posted} == {302}

    # No seat is anyone's, and the public page still offers them.
    assert statuses(meeting) == {RegistrationStatus.PENDING: 30}
    assert "Seats available" in Client().get(meeting_url(meeting)).content.decode()

    # A real person registers meanwhile and confirms: the held seats put her on the list.
    amina = register(meeting, "amina@example.org")
    assert amina.status == RegistrationStatus.WAITING

    # Half an hour later the holds go back, and she has a seat.
    later = timezone.now() + datetime.timedelta(minutes=31)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.holds_release_all(now=later) == 30
    amina.refresh_from_db()
    assert amina.status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert statuses(meeting) == {RegistrationStatus.WAITING: 30, RegistrationStatus.CONFIRMED: 1}


def test_a_hold_confirmed_in_time_is_a_seat(django_capture_on_commit_callbacks):
    meeting = MeetingFactory.create(capacity=1)
    held = register(meeting, "aino@example.org", confirm=False)
    assert held.status == RegistrationStatus.PENDING

    confirmed = services.registration_confirm_address(token=held.cancel_token)

    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert confirmed.hold_expires_at is None
    kinds = list(OutboundEmail.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [EmailKind.CONFIRM_ADDRESS, EmailKind.CONFIRMATION]


def test_confirming_after_the_hold_ran_out_takes_a_seat_if_one_is_still_free():
    meeting = MeetingFactory.create(capacity=1)
    late = register(meeting, "late@example.org", confirm=False)
    later = timezone.now() + datetime.timedelta(hours=1)

    confirmed = services.registration_confirm_address(token=late.cancel_token, now=later)

    assert confirmed.status == RegistrationStatus.CONFIRMED


def test_confirming_after_the_hold_ran_out_and_the_seat_went_waits(settings):
    meeting = MeetingFactory.create(capacity=1)
    late = register(meeting, "late@example.org", confirm=False)
    later = timezone.now() + datetime.timedelta(hours=1)
    services.holds_release_all(now=later)
    quick = register(meeting, "quick@example.org")
    assert quick.status == RegistrationStatus.CONFIRMED

    confirmed = services.registration_confirm_address(token=late.cancel_token, now=later)

    assert confirmed.status == RegistrationStatus.WAITING
    (told,) = OutboundEmail.objects.filter(registration=late, kind=EmailKind.WAITING)
    assert "1" in told.text_body  # first in the queue


def test_an_unconfirmed_registration_is_never_promoted_nor_told_of_the_meeting():
    meeting = MeetingFactory.create(capacity=1)
    seated = register(meeting, "seated@example.org")
    unconfirmed = register(meeting, "unconfirmed@example.org", confirm=False)
    confirmed_waiting = register(meeting, "waiting@example.org")

    services.registration_cancel(token=seated.cancel_token)
    unconfirmed.refresh_from_db()
    confirmed_waiting.refresh_from_db()
    assert unconfirmed.status == RegistrationStatus.WAITING
    assert confirmed_waiting.status == RegistrationStatus.CONFIRMED

    OutboundEmail.objects.all().delete()
    services.meeting_cancel(meeting_id=meeting.pk)
    assert set(OutboundEmail.objects.values_list("recipient", flat=True)) == {"waiting@example.org"}


def test_opening_the_link_confirms_nothing_until_the_button_is_pressed(client):
    meeting = MeetingFactory.create()
    held = register(meeting, "aino@example.org", confirm=False)
    link = url("forums:registration_confirm", token=tokens.registration_token(held))

    for _visit in range(3):  # a mail program checking the link, and the person opening it
        assert client.get(link).status_code == 200
    held.refresh_from_db()
    assert held.status == RegistrationStatus.PENDING

    client.post(link)
    held.refresh_from_db()
    assert held.status == RegistrationStatus.CONFIRMED


def test_the_confirmation_link_comes_in_the_message_to_the_address():
    meeting = MeetingFactory.create()
    held = register(meeting, "aino@example.org", confirm=False)
    send_queued()

    (sent,) = mail.outbox
    assert sent.to == ["aino@example.org"]
    assert tokens.registration_token(held).split(":")[0] in sent.body
    assert "/registrations/" in sent.body and "/confirm/" in sent.body


# --- The seat counter tells a stranger nothing.


def test_the_seat_counter_changes_alike_for_a_new_address_and_a_registered_one(
    settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0
    meeting = MeetingFactory.create(capacity=3)
    register(meeting, "owner@example.org")
    visitor = Client()

    def seats_said() -> str:
        page = visitor.get("/en/forums/").content.decode()
        return page[page.index("<dt>Seats</dt>") :].split("</dd>")[0]

    before = seats_said()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meeting_url(meeting), form_data(meeting, email="owner@example.org"))
    after_repeated = seats_said()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(meeting_url(meeting), form_data(meeting, email="new@example.org"))
    after_new = seats_said()

    assert before == after_repeated == after_new
    assert Registration.objects.filter(meeting=meeting).count() == 2


# --- A stranger cannot lock an owner out.


def test_a_stranger_who_floods_someones_address_locks_out_only_themselves(settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "5/h"
    meetings = MeetingFactory.create_batch(7)
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    owner = Client(REMOTE_ADDR="198.51.100.7")

    answers = [
        attacker.post(meeting_url(meeting), form_data(meeting, email="victim@example.org"))
        for meeting in meetings[:6]
    ]
    assert [answer.status_code for answer in answers] == [302] * 5 + [429]

    # The owner, from their own connection, registers as usual.
    response = owner.post(
        meeting_url(meetings[6]), form_data(meetings[6], email="victim@example.org")
    )
    assert response.status_code == 302
    assert Registration.objects.filter(meeting=meetings[6], email="victim@example.org").exists()


def expire_hold(registration: Registration) -> None:
    """The half hour of the registration's hold has passed."""
    Registration.objects.filter(pk=registration.pk).update(
        hold_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_a_seat_whose_hold_ran_out_goes_to_the_one_waiting_when_another_confirms():
    meeting = MeetingFactory.create(capacity=2)
    aino = register(meeting, "aino@example.org", confirm=False)
    bea = register(meeting, "bea@example.org", confirm=False)
    cecilia = register(meeting, "cecilia@example.org")
    assert cecilia.status == RegistrationStatus.WAITING
    expire_hold(aino)

    services.registration_confirm_address(token=bea.cancel_token)

    seated = Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED)
    assert set(seated.values_list("email", flat=True)) == {"bea@example.org", "cecilia@example.org"}
    assert OutboundEmail.objects.filter(registration=cecilia, kind=EmailKind.PROMOTED).exists()
    aino.refresh_from_db()
    assert aino.status == RegistrationStatus.WAITING


def test_a_newcomer_after_a_hold_ran_out_does_not_pass_the_one_waiting():
    meeting = MeetingFactory.create(capacity=2)
    aino = register(meeting, "aino@example.org", confirm=False)
    register(meeting, "bea@example.org", confirm=False)
    cecilia = register(meeting, "cecilia@example.org")
    expire_hold(aino)

    newcomer = register(meeting, "newcomer@example.org", confirm=False)

    cecilia.refresh_from_db()
    assert cecilia.status == RegistrationStatus.CONFIRMED
    assert newcomer.status == RegistrationStatus.WAITING


def test_confirming_after_registration_closed_still_takes_the_free_seat():
    meeting = MeetingFactory.create(capacity=1)
    seated = register(meeting, "seated@example.org")
    waiting = register(meeting, "waiting@example.org", confirm=False)
    services.registration_cancel(token=seated.cancel_token)
    Meeting.objects.filter(pk=meeting.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    confirmed = services.registration_confirm_address(token=waiting.cancel_token)

    assert confirmed.status == RegistrationStatus.CONFIRMED
    assert OutboundEmail.objects.filter(registration=waiting, kind=EmailKind.CONFIRMATION).exists()


def test_cancelling_an_unconfirmed_registration_mails_nobody():
    meeting = MeetingFactory.create(capacity=1)
    unconfirmed = register(meeting, "someone-elses@example.org", confirm=False)
    OutboundEmail.objects.all().delete()

    services.registration_cancel(token=unconfirmed.cancel_token)

    assert not OutboundEmail.objects.exists()
