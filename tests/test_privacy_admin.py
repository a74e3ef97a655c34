"""Exporting and erasing a person's data in admin: the actions on the registration and
invitee lists and the personal data page, each only for staff with the permission (the Data
protection group), the address only ever in a POST."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from forums.admin.privacy import PersonalDataActionsMixin, erase_personal_data, export_personal_data
from forums.invitations import invitations_create
from forums.models import Invitee, Registration, RegistrationStatus
from portal.roles import DATA_PROTECTION, EDITORS, roles_sync

from .factories import OrganisationFactory
from .forum_factories import register
from .privacy_helpers import invitee, meeting
from .sides import staff_login

pytestmark = pytest.mark.django_db

PAGE = reverse("admin_personal_data")


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
