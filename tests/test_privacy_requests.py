"""A person's data exported and erased on request, whatever the case of the address (the
services), and unsubscribing that stops invitations already written."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from forums.invitations import invitations_create, invitee_unsubscribe
from forums.models import (
    AgeGroup,
    EmailKind,
    EmailStatus,
    Invitation,
    Invitee,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from forums.outbox import UNSUBSCRIBED_ERROR, email_send
from forums.privacy import personal_data_erase, personal_data_export, personal_data_summary
from projects.models import Contact

from .factories import ContactFactory
from .forum_factories import language as lang
from .forum_factories import register, send_queued
from .privacy_helpers import counts_per_group_and_language, end_meeting, invitee, meeting

pytestmark = pytest.mark.django_db


# --- Export ---------------------------------------------------------------------------------


def test_the_export_holds_everything_about_the_address_whatever_its_case(parents, counsellors):
    upcoming = meeting(parents, counsellors, title_fi="Kevään foorumi")
    anna = register(
        upcoming,
        "Anna.Aalto@Example.org",
        name="Anna Aalto",
        interpreter_language=lang("so"),
        needs="Induktiosilmukka",
    )
    child = register(upcoming, "lapsi@example.org", name="Lapsi")
    Registration.objects.filter(pk=child.pk).update(
        age_group=AgeGroup.UNDER_15, guardian_email="ANNA.AALTO@example.org"
    )
    person = invitee(parents, email="anna.aalto@example.org", name="Anna Aalto")
    invitations_create(meeting_id=upcoming.pk)
    ContactFactory.create(name="Anna Aalto", email="anna.aalto@EXAMPLE.org")
    User.objects.create_user("aanna", email="anna.aalto@example.org", first_name="Anna")
    register(upcoming, "someone.else@example.org")

    send_queued()
    data = personal_data_export(email=" anna.aalto@example.org ")

    assert json.loads(json.dumps(data)) == data
    (registration,) = data["registrations"]
    assert registration["name"] == "Anna Aalto"
    assert registration["meeting"]["title"] == "Kevään foorumi"
    assert registration["meeting"]["starts_at"] == upcoming.starts_at.isoformat()
    assert registration["needs"] == "Induktiosilmukka"
    assert registration["consent_at"] == anna.consent_at.isoformat()
    assert registration["consent_version"] == anna.consent_version
    assert (
        registration["status"] and registration["stakeholder_group"] and registration["age_group"]
    )
    (guarded,) = data["as_guardian"]
    assert "Lapsi" not in json.dumps(guarded)  # the child's own details are the child's
    (listed,) = data["invitees"]
    assert listed["name"] == "Anna Aalto"
    assert [invitation["meeting"]["title"] for invitation in listed["invitations"]] == [
        "Kevään foorumi"
    ]
    kinds = sorted(message["kind"] for message in data["emails"])
    assert len(kinds) == 3  # the request to confirm the address, the confirmation, the invitation
    assert all(message["text"] for message in data["emails"])
    assert [contact["name"] for contact in data["project_contacts"]] == ["Anna Aalto"]
    assert data["staff_accounts"] == [{"username": "aanna", "first_name": "Anna", "last_name": ""}]
    assert "someone.else" not in json.dumps(data)
    assert person.pk


def test_an_empty_address_is_refused():
    with pytest.raises(ValueError):
        personal_data_export(email="  ")
    with pytest.raises(ValueError):
        personal_data_erase(email="")


# --- Erasure --------------------------------------------------------------------------------


def test_erasing_frees_the_seat_for_the_waiting_list_and_removes_everything(
    parents, counsellors, django_capture_on_commit_callbacks
):
    upcoming = meeting(parents, counsellors, capacity=1)
    anna = register(upcoming, "anna@example.org", phone="040 1", needs="Tulkki")
    bertta = register(upcoming, "bertta@example.org")
    past = meeting(parents, counsellors)
    old = register(past, "ANNA@example.org")
    end_meeting(past, datetime.timedelta(days=3))
    person = invitee(parents, email="Anna@Example.org", name="Anna")
    invitations_create(meeting_id=upcoming.pk)
    ContactFactory.create(email="anna@example.org")
    before = counts_per_group_and_language()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        counts = personal_data_erase(email="anna@example.org")

    assert counts == {
        "registrations_cancelled": 1,
        "registrations_anonymised": 2,
        "guardian_addresses_removed": 0,
        "invitees_deleted": 1,
        "invitations_deleted": 1,
        "emails_deleted": 5,  # two requests to confirm, two confirmations, the invitation
        "contacts_deleted": 1,
        "staff_accounts_kept": 0,
    }
    anna.refresh_from_db()
    assert anna.status == RegistrationStatus.CANCELLED
    assert (anna.name, anna.email, anna.phone, anna.needs) == ("", "", "", "")
    old.refresh_from_db()
    assert (old.status, old.email) == (RegistrationStatus.CONFIRMED, "")
    bertta.refresh_from_db()
    assert bertta.status == RegistrationStatus.CONFIRMED
    # Bertta hears of her seat; Anna is sent nothing.
    assert [message.to for message in mail.outbox] == [["bertta@example.org"]]
    assert not OutboundEmail.objects.filter(recipient__iexact="anna@example.org").exists()
    assert not Invitee.objects.filter(pk=person.pk).exists()
    assert not Invitation.objects.exists()
    assert not Contact.objects.exists()
    assert counts_per_group_and_language() == before
    assert "anna" not in json.dumps(personal_data_export(email="anna@example.org")).replace(
        '"email": "anna@example.org"', ""
    )


def test_erasing_a_guardian(parents, counsellors):
    upcoming = meeting(parents, counsellors)
    teen = register(upcoming, "teini@example.org", name="Teini")
    child = register(upcoming, "lapsi@example.org", name="Lapsi")
    Registration.objects.filter(pk=teen.pk).update(
        age_group=AgeGroup.FROM_15_TO_17,
        guardian_email="vanhempi@example.org",
        guardian_language=lang("ar"),
    )
    Registration.objects.filter(pk=child.pk).update(
        age_group=AgeGroup.UNDER_15, guardian_email="Vanhempi@example.org"
    )

    counts = personal_data_erase(email="vanhempi@example.org")

    assert (counts["guardian_addresses_removed"], counts["registrations_cancelled"]) == (1, 1)
    teen.refresh_from_db()
    assert (teen.name, teen.guardian_email, teen.guardian_language) == ("Teini", "", None)
    # Under 15 a registration needs its guardian: it is given up and anonymised, and the
    # participant is told (that message goes once sent, with the next anonymising run).
    child.refresh_from_db()
    assert (child.status, child.name, child.guardian_email) == (
        RegistrationStatus.CANCELLED,
        "",
        "",
    )
    assert OutboundEmail.objects.filter(
        registration=child, kind=EmailKind.CANCELLED, recipient="lapsi@example.org"
    ).exists()


def test_erasing_twice_finds_nothing_the_second_time(parents, counsellors):
    upcoming = meeting(parents, counsellors)
    register(upcoming, "anna@example.org")
    invitee(parents, email="anna@example.org")

    personal_data_erase(email="anna@example.org")

    assert set(personal_data_erase(email="anna@example.org").values()) == {0}
    assert set(personal_data_summary(email="anna@example.org").values()) == {0}


# --- Unsubscribing stops invitations already written ------------------------------------------


def test_an_invitation_written_before_the_unsubscribe_is_not_sent(parents, counsellors):
    upcoming = meeting(parents, counsellors)
    person = invitee(parents)
    invitations_create(meeting_id=upcoming.pk)
    message = OutboundEmail.objects.get(kind=EmailKind.INVITATION)
    # Unsubscribed after the task claimed nothing yet: the sending task checks.
    Invitee.objects.filter(pk=person.pk).update(unsubscribed_at=timezone.now())

    assert email_send(email_id=message.pk) == EmailStatus.FAILED

    message.refresh_from_db()
    assert message.last_error == UNSUBSCRIBED_ERROR
    assert mail.outbox == []


def test_unsubscribing_marks_queued_invitations_at_once(parents, counsellors):
    person = invitee(parents)
    invitations_create(meeting_id=meeting(parents, counsellors).pk)

    invitee_unsubscribe(invitee=person)

    message = OutboundEmail.objects.get(kind=EmailKind.INVITATION)
    assert (message.status, message.last_error) == (EmailStatus.FAILED, UNSUBSCRIBED_ERROR)
