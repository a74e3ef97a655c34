"""People's data: registrations of long-past meetings anonymised after the retention time,
and the messages and invitations that held their details removed with them. Export and
erasure on request and unsubscribing are in tests/test_privacy_requests.py; the admin's
actions and page in tests/test_privacy_admin.py."""

import datetime

import pytest
from django.utils import timezone

from forums.invitations import invitations_create
from forums.models import (
    AgeGroup,
    EmailKind,
    EmailStatus,
    Invitation,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from forums.outbox import email_send
from forums.privacy import registrations_anonymise
from forums.tasks import anonymise_registrations

from .forum_factories import language as lang
from .forum_factories import register
from .privacy_helpers import counts_per_group_and_language, end_meeting, invitee, meeting

pytestmark = pytest.mark.django_db

RETENTION = datetime.timedelta(days=180)


def test_registrations_of_long_past_meetings_lose_their_personal_details(parents, counsellors):
    old = meeting(parents, counsellors)
    anna = register(
        old,
        "anna@example.org",
        group=counsellors,
        language_code="so",
        phone="+358 40 123 4567",
        organisation="Vantaan kaupunki",
        interpreter_language=lang("so"),
        needs="Pyörätuoli",
    )
    Registration.objects.filter(pk=anna.pk).update(
        age_group=AgeGroup.UNDER_15, guardian_email="aiti@example.org", guardian_language=lang("ar")
    )
    recent = meeting(parents, counsellors)
    bertta = register(recent, "bertta@example.org")
    end_meeting(old, RETENTION + datetime.timedelta(days=1))
    end_meeting(recent, RETENTION - datetime.timedelta(days=1))
    before = counts_per_group_and_language()

    assert registrations_anonymise() == 1

    anna.refresh_from_db()
    assert anna.anonymised_at is not None
    assert (anna.name, anna.email, anna.phone, anna.organisation, anna.needs) == ("",) * 5
    assert (anna.guardian_email, anna.guardian_language) == ("", None)
    # What counts people stays.
    assert (anna.group, anna.language.code, anna.interpreter_language.code) == (
        counsellors,
        "so",
        "so",
    )
    assert (anna.age_group, anna.status) == (AgeGroup.UNDER_15, RegistrationStatus.CONFIRMED)
    assert counts_per_group_and_language() == before
    bertta.refresh_from_db()
    assert (bertta.name, bertta.email, bertta.anonymised_at) == (
        "Bertta",
        "bertta@example.org",
        None,
    )


def test_anonymising_deletes_sent_messages_and_those_still_pending_once_sent(parents, counsellors):
    old = meeting(parents, counsellors)
    anna = register(old, "anna@example.org", confirm=False)
    sent = OutboundEmail.objects.get(registration=anna)
    OutboundEmail.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT)
    pending = OutboundEmail.objects.create(
        kind=EmailKind.REMINDER,
        registration=anna,
        recipient=anna.email,
        language="fi",
        subject="Muistutus",
        text_body="Hei Anna",
        html_body="<p>Hei Anna</p>",
    )
    end_meeting(old, RETENTION + datetime.timedelta(days=1))

    registrations_anonymise()

    # The worker still needs the pending one's address; the next run removes it once sent.
    assert list(OutboundEmail.objects.values_list("pk", flat=True)) == [pending.pk]
    assert email_send(email_id=pending.pk) == EmailStatus.SENT
    assert registrations_anonymise() == 0
    assert not OutboundEmail.objects.exists()


def test_anonymising_again_changes_nothing(parents, counsellors):
    old = meeting(parents, counsellors)
    register(old, "anna@example.org")
    end_meeting(old, RETENTION + datetime.timedelta(days=1))
    first_run = timezone.now()

    assert registrations_anonymise(now=first_run) == 1
    assert registrations_anonymise(now=first_run + datetime.timedelta(hours=1)) == 0
    assert Registration.objects.get().anonymised_at == first_run


def test_retention_time_comes_from_the_settings(parents, counsellors, settings):
    settings.REGISTRATION_RETENTION_DAYS = 30
    old = meeting(parents, counsellors)
    register(old, "anna@example.org")
    end_meeting(old, datetime.timedelta(days=31))

    assert registrations_anonymise() == 1


def test_an_anonymised_address_can_register_again_for_the_same_meeting(parents, counsellors):
    """The one-active-registration rule ignores anonymised rows (and their empty address)."""
    old = meeting(parents, counsellors)
    register(old, "anna@example.org")
    register(old, "bertta@example.org")
    end_meeting(old, RETENTION + datetime.timedelta(days=1))

    assert registrations_anonymise() == 2
    assert Registration.objects.filter(email="").count() == 2


def test_the_beat_task_anonymises(parents, counsellors):
    old = meeting(parents, counsellors)
    register(old, "anna@example.org")
    end_meeting(old, RETENTION + datetime.timedelta(days=1))

    assert anonymise_registrations.delay().get() == 1
    assert Registration.objects.get().email == ""


@pytest.mark.parametrize("people", [3, 30])
def test_anonymising_takes_the_same_queries_for_any_number(
    parents, counsellors, people, django_assert_num_queries
):
    old = meeting(parents, counsellors, capacity=40)
    for number in range(people):
        register(old, f"person{number}@example.org")
    OutboundEmail.objects.update(status=EmailStatus.SENT)
    end_meeting(old, RETENTION + datetime.timedelta(days=1))

    # A batch in a savepoint: its ids (locked), its sent messages' ids, their invitations'
    # link emptied, the messages deleted, the registrations updated; the next batch's ids
    # (none) in a savepoint; the sweep of messages sent since an earlier run (none); the
    # sweep of old invitations and left-over messages (none); old imports' reports (none);
    # the walk-ins' names emptied.
    with django_assert_num_queries(14):
        assert registrations_anonymise() == people
    assert not Registration.objects.filter(anonymised_at__isnull=True).exists()


def test_old_invitations_and_left_over_messages_go_with_the_retention_period(
    parents, counsellors, django_capture_on_commit_callbacks
):
    old, recent = meeting(parents, counsellors), meeting(parents, counsellors)
    person = invitee(parents)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting_id=old.pk)
        invitations_create(meeting_id=recent.pk)
    end_meeting(old, RETENTION + datetime.timedelta(days=1))
    # A confirmation left behind by a registration deleted long ago, and a recent one.
    orphan = register(recent, "gone@example.org", confirm=False)
    left_over = OutboundEmail.objects.get(registration=orphan)
    orphan.delete()
    OutboundEmail.objects.filter(pk=left_over.pk).update(
        status=EmailStatus.SENT, created_at=timezone.now() - RETENTION - datetime.timedelta(days=1)
    )
    fresh = register(recent, "here@example.org", confirm=False)
    fresh_message = OutboundEmail.objects.get(registration=fresh)
    OutboundEmail.objects.filter(registration=fresh).update(registration=None)

    registrations_anonymise()

    kept = set(OutboundEmail.objects.values_list("pk", flat=True))
    old_invitation = Invitation.objects.get(meeting=old, invitee=person)
    recent_invitation = Invitation.objects.get(meeting=recent, invitee=person)
    assert old_invitation.email_id is None  # its message is gone, the invitation stays
    assert recent_invitation.email_id in kept
    assert left_over.pk not in kept
    assert fresh_message.pk in kept
