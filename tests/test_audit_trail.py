"""The audit trail: a change made in admin to a project, a meeting or a registration is
logged with who made it, when, and which fields changed; each object's change page leads to
its history; a registration's trail holds nothing about the person."""

import datetime
import json

import pytest
from auditlog.cid import get_cid
from auditlog.models import LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import Registration, RegistrationStatus
from projects.models import Project

from .admin_helpers import _change_data, _project_data
from .sides import Side

pytestmark = pytest.mark.django_db


def last_update(obj: object) -> LogEntry:
    entry = (
        LogEntry.objects.get_for_object(obj)
        .filter(action=LogEntry.Action.UPDATE)
        .order_by("-timestamp", "-pk")
        .first()
    )
    assert entry is not None
    return entry


def assert_recent(entry: LogEntry) -> None:
    assert timezone.now() - entry.timestamp < datetime.timedelta(minutes=1)


def test_changing_a_project_in_admin_is_logged_with_the_editor(
    ours: Side, editor: User, editor_client: Client
):
    data = _project_data(ours.project.slug, [])
    data.update({"name_fi": "Uusi nimi", "start_date": "2019-01-01", "end_date": "2030-12-31"})
    response = editor_client.post(
        reverse("admin:projects_project_change", args=[ours.project.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    entry = last_update(ours.project)
    assert entry.actor == editor
    assert_recent(entry)
    assert entry.changes_dict["name_fi"] == [ours.project.name_fi, "Uusi nimi"]
    assert "search_vector" not in entry.changes_dict


def test_changing_a_meeting_in_admin_is_logged_with_the_editor(
    ours: Side, editor: User, editor_client: Client
):
    old = ours.meeting.capacity
    response = editor_client.post(
        reverse("admin:forums_meeting_change", args=[ours.meeting.pk]),
        _change_data(ours.meeting, capacity=old + 5),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    entry = last_update(ours.meeting)
    assert entry.actor == editor
    assert_recent(entry)
    assert entry.changes_dict["capacity"] == [str(old), str(old + 5)]
    assert "updated_at" not in entry.changes_dict


@pytest.mark.parametrize("behind_proxy", [False, True])
def test_the_editors_address_is_recorded_only_from_a_proxy_the_settings_name(
    ours: Side, editor_client: Client, settings, behind_proxy
):
    """A client can send any X-Forwarded-For: it is believed only behind a configured proxy
    (BEHIND_PROXY, which sets AUDITLOG_DISABLE_REMOTE_ADDR as settings.py does)."""
    settings.AUDITLOG_DISABLE_REMOTE_ADDR = not behind_proxy
    editor_client.post(
        reverse("admin:forums_meeting_change", args=[ours.meeting.pk]),
        _change_data(ours.meeting, capacity=ours.meeting.capacity + 1),
        headers={"X-Forwarded-For": "192.0.2.77"},
    )
    entry = last_update(ours.meeting)
    assert entry.remote_addr == ("192.0.2.77" if behind_proxy else None)


def test_cancelling_a_registration_in_admin_is_logged_without_the_person(
    ours: Side, editor: User, editor_client: Client
):
    registration = ours.registration
    editor_client.post(
        reverse("admin:forums_registration_changelist"),
        {"action": "cancel_registrations", "_selected_action": [registration.pk]},
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED

    entry = last_update(registration)
    assert entry.actor == editor
    assert_recent(entry)
    assert entry.changes_dict["status"] == [
        RegistrationStatus.CONFIRMED.value,
        RegistrationStatus.CANCELLED.value,
    ]
    for logged in LogEntry.objects.get_for_object(registration):
        text = json.dumps(logged.changes_dict) + logged.object_repr
        for personal in (registration.name, registration.email, registration.email.split("@")[0]):
            assert personal not in text


def test_history_page_shows_who_changed_what(ours: Side, editor: User, editor_client: Client):
    editor_client.post(
        reverse("admin:forums_meeting_change", args=[ours.meeting.pk]),
        _change_data(ours.meeting, capacity=ours.meeting.capacity + 1),
    )
    change_page = editor_client.get(reverse("admin:forums_meeting_change", args=[ours.meeting.pk]))
    history = reverse("admin:forums_meeting_auditlog", args=[ours.meeting.pk])
    assert history in change_page.content.decode()

    page = editor_client.get(history)
    assert page.status_code == 200
    html = page.content.decode()
    assert editor.username in html
    old = ours.meeting.capacity
    assert f"<td>Paikat</td><td>{old}</td><td>{old + 1}</td>" in html  # "seats", in Finnish


@pytest.mark.parametrize(
    "view", ["projects_project", "forums_meeting", "forums_registration"], ids=str
)
def test_each_audited_change_page_links_to_its_history(
    view: str, ours: Side, editor_client: Client
):
    obj = {
        "projects_project": ours.project,
        "forums_meeting": ours.meeting,
        "forums_registration": ours.registration,
    }[view]
    page = editor_client.get(reverse(f"admin:{view}_change", args=[obj.pk]))
    assert page.status_code == 200
    assert reverse(f"admin:{view}_auditlog", args=[obj.pk]) in page.content.decode()


def test_project_page_keeps_its_language_tabs_beside_the_history(ours: Side, editor_client: Client):
    html = editor_client.get(
        reverse("admin:projects_project_change", args=[ours.project.pk])
    ).content.decode()
    for field in ("id_name_fi", "id_name_sv", "id_name_en"):
        assert field in html
    assert "tabbed_translation_fields.js" in html


def test_registration_history_page_shows_no_personal_details(ours: Side, editor_client: Client):
    registration: Registration = ours.registration
    page = editor_client.get(reverse("admin:forums_registration_auditlog", args=[registration.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    content = body[body.index('id="content"') :]
    assert registration.email not in content
    assert registration.name not in content


def test_superuser_sees_the_whole_trail(ours: Side, admin_client: Client):
    Project.objects.filter(pk=ours.project.pk)  # created through the ORM: logged as created
    page = admin_client.get(reverse("admin:auditlog_logentry_changelist"))
    assert page.status_code == 200
    assert page.context["cl"].result_count >= 1


def test_each_request_has_its_own_correlation_id(admin_client: Client, client: Client):
    """A visitor's request does not carry on the id of the staff request before it."""
    admin_client.get(reverse("home"), headers={"X-Correlation-ID": "staff-1"})
    assert get_cid() == "staff-1"
    client.get(reverse("home"))
    assert get_cid() is None
    client.get(reverse("home"), headers={"X-Correlation-ID": "visitor-1"})
    assert get_cid() == "visitor-1"
