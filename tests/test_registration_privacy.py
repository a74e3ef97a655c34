"""What the registration form and its links keep private: rate limits, the honeypot, young
participants and their guardians, signed and expiring links, and the privacy notice."""

import datetime
import time
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums import services, tokens
from forums.models import AgeGroup, EmailKind, Meeting, OutboundEmail, Registration

from .forum_factories import MeetingFactory, language, register, send_queued
from .page_html import find_all

pytestmark = pytest.mark.django_db


def url(name: str, language_code: str = "en", **kwargs) -> str:
    with translation.override(language_code):
        return reverse(name, kwargs=kwargs or None)


def form_data(meeting: Meeting, **changes: str) -> dict[str, str]:
    group = meeting.forum.stakeholder_groups.first()
    assert group is not None
    return {
        "name": "Leo Nieminen",
        "email": "leo@example.org",
        "group": str(group.pk),
        "language": "fi",
        "age_group": AgeGroup.ADULT,
        "consent": "on",
        **changes,
    }


def h1(response) -> str:
    return find_all(response.content.decode(), "h1")[0].text


# --- Young participants.


def test_under_15_needs_a_guardians_email_beside_the_field(client):
    meeting = MeetingFactory()

    response = client.post(
        url("forums:meeting", pk=meeting.pk), form_data(meeting, age_group=AgeGroup.UNDER_15)
    )

    assert response.status_code == 400
    assert not Registration.objects.exists()
    errors = response.context["form"].errors["guardian_email"]
    assert "parent or guardian" in errors[0]
    assert errors[0] in response.content.decode()


def test_the_service_refuses_under_15_without_a_guardian_too():
    meeting = MeetingFactory()
    with pytest.raises(services.GuardianNeeded):
        register(meeting, "leo@example.org", age_group=AgeGroup.UNDER_15)
    assert not Registration.objects.exists()


def test_the_guardian_is_told_in_their_own_language(client):
    meeting = MeetingFactory(title_fi="Nuorten foorumi", title_sv="Ungdomsforum")

    response = client.post(
        url("forums:meeting", "fi", pk=meeting.pk),
        form_data(
            meeting,
            age_group=AgeGroup.UNDER_15,
            guardian_email="huoltaja@example.org",
            guardian_language="sv",
        ),
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.guardian_email == "huoltaja@example.org"
    assert registration.guardian_language == language("sv")
    # Anyone can type a guardian's address: the guardian hears once the young person has
    # confirmed their own.
    assert not OutboundEmail.objects.filter(kind=EmailKind.GUARDIAN).exists()
    client.post(
        url("forums:registration_confirm", "fi", token=tokens.registration_token(registration))
    )
    send_queued()
    guardian = OutboundEmail.objects.get(kind=EmailKind.GUARDIAN)
    assert guardian.recipient == "huoltaja@example.org"
    assert guardian.language == "sv"
    assert "Leo Nieminen" in guardian.text_body
    assert "Leo Nieminen" not in guardian.subject
    assert "Ungdomsforum" in guardian.subject
    with translation.override("sv"):
        assert gettext("Their place is confirmed.") in guardian.text_body
    # The young person's own confirmation is in their language.
    own = OutboundEmail.objects.get(kind=EmailKind.CONFIRMATION)
    assert (own.recipient, own.language) == ("leo@example.org", "fi")


def test_a_guardian_without_a_language_hears_in_the_language_of_the_page():
    meeting = MeetingFactory()
    registration = register(
        meeting,
        "leo@example.org",
        ui_language="en",
        age_group=AgeGroup.UNDER_15,
        guardian_email="parent@example.org",
    )
    guardian = OutboundEmail.objects.get(registration=registration, kind=EmailKind.GUARDIAN)
    assert guardian.language == "en"


def test_no_guardian_is_kept_or_told_for_older_participants():
    meeting = MeetingFactory()
    registration = register(
        meeting,
        "leo@example.org",
        age_group=AgeGroup.FROM_15_TO_17,
        guardian_email="parent@example.org",
    )
    assert registration.guardian_email == ""
    assert not OutboundEmail.objects.filter(kind=EmailKind.GUARDIAN).exists()


# --- The honeypot.


def test_a_form_with_the_hidden_field_filled_in_registers_nobody_and_looks_the_same(client):
    meeting = MeetingFactory()
    page = url("forums:meeting", pk=meeting.pk)
    html = client.get(page).content.decode()
    (trap,) = [div for div in find_all(html, "div") if div.attrs.get("class") == "trap"]
    assert trap.attrs["aria-hidden"] == "true"
    (field,) = find_all(html, "input", name="website")
    assert field.attrs["tabindex"] == "-1"

    response = client.post(page, form_data(meeting, website="https://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == url("forums:registration_sent", pk=meeting.pk)
    assert not Registration.objects.exists()
    assert not OutboundEmail.objects.exists()


# --- Rate limits.


@pytest.mark.parametrize("language_code", ["fi", "sv", "en"])
def test_too_many_registrations_for_one_email_get_a_429_in_the_visitors_language(
    client, settings, language_code
):
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meetings = MeetingFactory.create_batch(3)

    responses = [
        client.post(url("forums:meeting", language_code, pk=meeting.pk), form_data(meeting))
        for meeting in meetings
    ]

    assert [response.status_code for response in responses] == [302, 302, 429]
    refused = responses[-1]
    assert refused["Retry-After"] == "3600"
    assert f'<html lang="{language_code}">' in refused.content.decode()
    with translation.override(language_code):
        assert h1(refused) == gettext("Too many attempts")
    assert Registration.objects.count() == 2


def test_too_many_registrations_from_one_address_get_a_429(client, settings):
    settings.REGISTRATION_RATE_PER_ADDRESS = "2/h"
    meeting = MeetingFactory(capacity=10)
    page = url("forums:meeting", pk=meeting.pk)

    statuses = [
        client.post(page, form_data(meeting, email=f"person{number}@example.org")).status_code
        for number in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2
    # Another address is not affected.
    other = client.post(
        page, form_data(meeting, email="other@example.org"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302


def test_invalid_forms_do_not_use_up_someones_email_limit(client, settings):
    """A stranger sending broken forms with someone's address cannot lock them out."""
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meeting = MeetingFactory(capacity=10)
    page = url("forums:meeting", pk=meeting.pk)
    for _attempt in range(5):
        broken = form_data(meeting)
        del broken["consent"]
        assert client.post(page, broken).status_code == 400

    assert client.post(page, form_data(meeting)).status_code == 302
    assert Registration.objects.count() == 1


def test_a_guardians_address_has_a_limit_of_its_own(client, settings):
    """The guardian's address gets a message too, so it counts like the person's."""
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meetings = MeetingFactory.create_batch(3)
    statuses = [
        client.post(
            url("forums:meeting", pk=meeting.pk),
            form_data(
                meeting,
                email=f"child{number}@example.org",
                age_group=AgeGroup.UNDER_15,
                guardian_email="parent@example.org",
            ),
        ).status_code
        for number, meeting in enumerate(meetings)
    ]
    assert statuses == [302, 302, 429]
    for registration in Registration.objects.all():
        services.registration_confirm_address(token=registration.cancel_token)
    assert OutboundEmail.objects.filter(recipient="parent@example.org").count() == 2


def test_rate_limits_can_be_switched_off(client, settings):
    settings.RATELIMIT_ENABLE = False
    settings.REGISTRATION_RATE_PER_ADDRESS = "1/h"
    meeting = MeetingFactory(capacity=10)
    page = url("forums:meeting", pk=meeting.pk)
    for number in range(3):
        response = client.post(page, form_data(meeting, email=f"p{number}@example.org"))
        assert response.status_code == 302


# --- Signed, expiring links to a registration.


def test_the_status_link_is_signed_and_carries_no_personal_data():
    registration = register(MeetingFactory(), "aino.virtanen@example.org", name="Aino Virtanen")
    token = tokens.registration_token(registration)
    assert "aino" not in token.lower()
    assert str(registration.pk) != token
    assert tokens.registration_from_token(token) == registration


@pytest.mark.parametrize("how", ["changed", "truncated", "bare-secret", "other-salt"])
@pytest.mark.parametrize("name", ["forums:registration", "forums:registration_cancel"])
def test_a_tampered_registration_link_gets_a_clear_page_and_changes_nothing(client, how, name):
    registration = register(MeetingFactory(), "aino@example.org")
    token = tokens.registration_token(registration)
    bad = {
        "changed": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "truncated": token[: len(token) // 2],
        "bare-secret": registration.cancel_token,
        "other-salt": signing.dumps(registration.cancel_token, salt=tokens.UNSUBSCRIBE_SALT),
    }[how]

    for response in (client.get(url(name, token=bad)), client.post(url(name, token=bad))):
        assert response.status_code == 404
        assert h1(response) == "This link does not work"
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_registration_link_expires_when_the_meeting_has_ended(client):
    registration = register(MeetingFactory(), "aino@example.org")
    token = tokens.registration_token(registration)
    Meeting.objects.filter(pk=registration.meeting_id).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )

    for name in ("forums:registration", "forums:registration_cancel"):
        response = client.post(url(name, token=token))
        assert response.status_code == 410
        response = client.get(url(name, token=token))
        assert response.status_code == 410
        assert h1(response) == "This link has expired"
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_an_old_registration_link_expires(client, settings):
    settings.REGISTRATION_LINK_MAX_AGE_DAYS = 30
    registration = register(MeetingFactory(), "aino@example.org")
    max_age = datetime.timedelta(days=30).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - max_age - 60):
        old = tokens.registration_token(registration)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - max_age + 60):
        recent = tokens.registration_token(registration)

    assert client.get(url("forums:registration", token=old)).status_code == 410
    assert client.get(url("forums:registration", token=recent)).status_code == 200


def test_the_status_and_cancel_pages_are_never_cached(client):
    registration = register(MeetingFactory(), "aino@example.org")
    token = tokens.registration_token(registration)
    for name in ("forums:registration", "forums:registration_cancel"):
        response = client.get(url(name, token=token))
        assert "no-store" in response["Cache-Control"]


# --- The privacy notice.


@pytest.mark.parametrize("language_code", ["fi", "sv", "en"])
def test_the_privacy_notice_is_in_every_language_and_linked_from_the_form(client, language_code):
    meeting = MeetingFactory()
    response = client.get(url("privacy", language_code))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language_code}">' in html
    assert settings.REGISTRATION_CONSENT_VERSION in html
    assert str(settings.REGISTRATION_RETENTION_DAYS) in html
    with translation.override(language_code):
        assert h1(response) == gettext("Privacy notice")
    form_page = client.get(url("forums:meeting", language_code, pk=meeting.pk)).content.decode()
    assert find_all(form_page, "a", href=url("privacy", language_code))


def test_consent_is_recorded_with_the_notice_version(client, settings):
    settings.REGISTRATION_CONSENT_VERSION = "2027-01"
    meeting = MeetingFactory()
    before = timezone.now()
    client.post(url("forums:meeting", pk=meeting.pk), form_data(meeting))
    registration = Registration.objects.get()
    assert registration.consent_version == "2027-01"
    assert before <= registration.consent_at <= timezone.now()


# --- The cost of a registration.


@pytest.mark.parametrize("already_registered", [0, 20])
def test_a_registration_post_reads_little_and_the_same_however_full(
    client, django_assert_num_queries, already_registered
):
    """The POST reads the meeting and what its form offers, counts the seats under the
    meeting's lock and writes the registration and its e-mail, whatever the number of people
    already registered. The audit trail stays out of visitors' registrations."""
    meeting = MeetingFactory(capacity=100)
    for number in range(already_registered):
        register(meeting, f"person{number}@example.org")
    page = url("forums:meeting", pk=meeting.pk)
    data = form_data(meeting)
    client.get(page)

    # The meeting and its forum, the forum's groups, the group chosen, the language chosen;
    # savepoint, (on PostgreSQL the lock's timeout), the meeting locked, the address's
    # registration looked for, the seats whose hold ran out released, the waiting list looked
    # at (its people come first), the seats counted, the group's seats, the registration
    # written, the e-mail asking to confirm it, release.
    expected = 15 if connection.vendor == "postgresql" else 14
    with django_assert_num_queries(expected):
        response = client.post(page, data)

    assert response.status_code == 302
    assert Registration.objects.count() == already_registered + 1
    new = Registration.objects.get(email="leo@example.org")
    assert not LogEntry.objects.filter(
        content_type__model="registration", object_id=new.pk
    ).exists()
