"""People's data: registrations anonymised after the retention time, a person's data exported
and erased on request (services, admin actions and the admin page), and unsubscribing that
stops invitations already written."""

import datetime
import json
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from forums.admin.privacy import (
    PersonalDataActionsMixin,
    erase_personal_data,
    export_personal_data,
)
from forums.invitations import invitations_create, invitee_unsubscribe
from forums.models import (
    AgeGroup,
    EmailKind,
    EmailStatus,
    Invitation,
    Invitee,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.outbox import UNSUBSCRIBED_ERROR, email_send
from forums.privacy import (
    personal_data_erase,
    personal_data_export,
    personal_data_summary,
    registrations_anonymise,
)
from forums.tasks import anonymise_registrations
from portal.roles import DATA_PROTECTION, EDITORS, roles_sync
from projects.models import Contact

from .factories import ContactFactory, OrganisationFactory
from .forum_factories import (
    ForumFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    register,
    send_queued,
)
from .forum_factories import language as lang
from .sides import staff_login

pytestmark = pytest.mark.django_db

PAGE = reverse("admin_personal_data")
RETENTION = datetime.timedelta(days=180)


@pytest.fixture
def parents() -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug="parents")


@pytest.fixture
def counsellors() -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug="counsellors")


def meeting(parents: StakeholderGroup, counsellors: StakeholderGroup, **kwargs: Any) -> Meeting:
    forum = ForumFactory.create(groups=[parents, counsellors])
    return MeetingFactory.create(forum=forum, **kwargs)


def end_meeting(meeting: Meeting, ago: datetime.timedelta) -> None:
    """Registration is only open before a meeting: register first, then move it back."""
    ends_at = timezone.now() - ago
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=ends_at - datetime.timedelta(hours=2), ends_at=ends_at
    )


def invitee(group: StakeholderGroup, email: str = "hodan@example.org", **kwargs: Any) -> Invitee:
    return Invitee.objects.create(
        name=kwargs.pop("name", "Hodan Ali"),
        email=email,
        group=group,
        language=lang("so"),
        consent_at=timezone.now(),
        **kwargs,
    )


def counts_per_group_and_language() -> list[dict[str, Any]]:
    return list(
        Registration.objects.values("meeting", "group", "language", "interpreter_language")
        .annotate(people=Count("pk"))
        .order_by("meeting", "group", "language", "interpreter_language")
    )


# --- Anonymisation after the retention time ---------------------------------------------


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
    # sweep of old invitations and left-over messages (none); old imports' reports (none).
    with django_assert_num_queries(13):
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


# --- Admin actions --------------------------------------------------------------------------


class RegistrationPrivacyAdmin(PersonalDataActionsMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    pass


class InviteePrivacyAdmin(PersonalDataActionsMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    pass


def staff(*, may_manage_personal_data: bool) -> User:
    """Someone in the Data protection group, or an editor through the Editors group."""
    groups = roles_sync()
    username = "tietosuoja" if may_manage_personal_data else "toimittaja"
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(groups[DATA_PROTECTION if may_manage_personal_data else EDITORS])
    if not may_manage_personal_data:
        OrganisationFactory().editors.add(user)
    return User.objects.get(pk=user.pk)  # no stale permission cache


def admin_request(user: User, data: dict[str, str] | None = None) -> HttpRequest:
    """A request to the admin as its middleware leaves it: the session, the user verified
    by their one-time code's device, and the messages."""
    request = RequestFactory().post("/admin/forums/registration/", data or {})
    request.user = user
    request.session = SessionStore()
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="app", defaults={"confirmed": True}
    )
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    OTPMiddleware(lambda request: HttpResponse())(request)
    return request


def test_the_actions_need_the_permission(parents, counsellors):
    editor = staff(may_manage_personal_data=False)
    request = admin_request(editor)
    model_admin = RegistrationPrivacyAdmin(Registration, admin.site)

    assert "export_personal_data" not in model_admin.get_actions(request)
    assert "erase_personal_data" not in model_admin.get_actions(request)
    with pytest.raises(PermissionDenied):
        export_personal_data(model_admin, request, Registration.objects.all())
    with pytest.raises(PermissionDenied):
        erase_personal_data(model_admin, request, Registration.objects.all())

    allowed = admin_request(staff(may_manage_personal_data=True))
    assert {"export_personal_data", "erase_personal_data"} <= set(model_admin.get_actions(allowed))


def test_the_export_action_downloads_one_file_for_the_chosen_people(parents, counsellors):
    upcoming = meeting(parents, counsellors)
    register(upcoming, "anna@example.org", name="Anna Aalto")
    register(upcoming, "bertta@example.org")
    invitee(parents, email="Anna@example.org")
    request = admin_request(staff(may_manage_personal_data=True))

    response = export_personal_data(
        RegistrationPrivacyAdmin(Registration, admin.site),
        request,
        Registration.objects.filter(email="anna@example.org"),
    )

    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    (person,) = data["people"]
    assert person["email"] == "anna@example.org"
    assert [r["name"] for r in person["registrations"]] == ["Anna Aalto"]
    assert len(person["invitees"]) == 1


def test_the_erase_action_asks_first_then_erases(parents, counsellors):
    upcoming = meeting(parents, counsellors)
    register(upcoming, "anna@example.org")
    person = invitee(parents, email="anna@example.org")
    invitations_create(meeting_id=upcoming.pk)
    user = staff(may_manage_personal_data=True)
    model_admin = InviteePrivacyAdmin(Invitee, admin.site)

    page = erase_personal_data(model_admin, admin_request(user), Invitee.objects.all())

    assert page is not None
    html = page.content.decode()
    assert 'name="confirm" value="yes"' in html
    assert f'name="_selected_action" value="{person.pk}"' in html
    assert Invitee.objects.exists()  # nothing erased yet

    request = admin_request(user, {"confirm": "yes"})
    assert erase_personal_data(model_admin, request, Invitee.objects.all()) is None

    assert not Invitee.objects.exists()
    assert Registration.objects.get().email == ""
    (done,) = [str(message) for message in get_messages(request)]
    assert "1 " in done


# --- The admin page -------------------------------------------------------------------------


def login(client: Client, *, may_manage_personal_data: bool) -> None:
    staff_login(client, staff(may_manage_personal_data=may_manage_personal_data))


def test_the_page_is_for_staff_with_the_permission(client):
    assert client.get(PAGE).status_code == 302  # to the login page
    login(client, may_manage_personal_data=False)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"step": "export", "email": "anna@example.org"}).status_code == 403


def test_the_page_finds_exports_and_erases_with_the_address_only_in_posts(
    client, parents, counsellors
):
    upcoming = meeting(parents, counsellors, capacity=1)
    register(upcoming, "anna@example.org")
    bertta = register(upcoming, "bertta@example.org")
    login(client, may_manage_personal_data=True)

    assert client.get(PAGE).status_code == 200
    found = client.post(PAGE, {"step": "find", "email": "ANNA@example.org"})
    assert found.status_code == 200
    assert "no-store" in found["Cache-Control"]
    assert 'value="export"' in found.content.decode()

    download = client.post(PAGE, {"step": "export", "email": "anna@example.org"})
    assert download["Content-Disposition"].startswith("attachment;")
    assert len(json.loads(download.content)["people"][0]["registrations"]) == 1

    confirm = client.post(PAGE, {"step": "confirm", "email": "anna@example.org"})
    assert 'value="erase"' in confirm.content.decode()
    assert Registration.objects.filter(email="anna@example.org").exists()

    done = client.post(PAGE, {"step": "erase", "email": "anna@example.org"}, follow=True)
    assert done.redirect_chain == [(PAGE, 302)]
    assert not Registration.objects.filter(email="anna@example.org").exists()
    bertta.refresh_from_db()
    assert bertta.status == RegistrationStatus.CONFIRMED


def test_the_page_refuses_a_bad_address(client):
    login(client, may_manage_personal_data=True)
    response = client.post(PAGE, {"step": "erase", "email": "not an address"})
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()


@pytest.mark.parametrize("model", ["registration", "invitee"])
def test_the_registration_and_invitee_lists_offer_the_privacy_actions_to_those_allowed(
    admin_client, client, model
):
    changelist = reverse(f"admin:forums_{model}_changelist")
    offered = admin_client.get(changelist).context_data["action_form"].fields["action"].choices
    assert {"export_personal_data", "erase_personal_data"} <= {name for name, _ in offered}

    staff_login(client, staff(may_manage_personal_data=False))
    response = client.get(changelist)
    action_form = response.context_data["action_form"]
    choices = action_form.fields["action"].choices if action_form else []
    assert not {"export_personal_data", "erase_personal_data"} & {name for name, _ in choices}
