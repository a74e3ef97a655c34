"""Editors belong to organisations and work only on what their organisations' projects hold:
here in every changelist, change, delete and history view (tests/test_editor_scoping_*.py
cover the rest). Each denial is tested against "their" side, an organisation the editor is
not in; the same request on "our" side shows that the test would have seen it."""

import pytest
from django.urls import reverse

from forums.models import Forum

from .admin_helpers import _change_data
from .forum_factories import ForumFactory
from .scoping_helpers import OBJECTS, is_not_found, listed, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", OBJECTS)
def test_changelist_lists_only_the_editors_objects(model, ours, theirs, editor_client):
    pks = listed(editor_client.get(url(model, "changelist")))
    assert OBJECTS[model](ours).pk in pks
    assert OBJECTS[model](theirs).pk not in pks


@pytest.mark.parametrize("model", OBJECTS)
def test_superuser_sees_everything(model, ours, theirs, admin_client):
    pks = listed(admin_client.get(url(model, "changelist")))
    assert {OBJECTS[model](ours).pk, OBJECTS[model](theirs).pk} <= pks
    assert admin_client.get(url(model, "change", OBJECTS[model](theirs).pk)).status_code == 200


@pytest.mark.parametrize("model", OBJECTS)
def test_change_view_of_another_organisations_object_is_refused(model, ours, theirs, editor_client):
    assert editor_client.get(url(model, "change", OBJECTS[model](ours).pk)).status_code == 200
    assert is_not_found(editor_client.get(url(model, "change", OBJECTS[model](theirs).pk)))


@pytest.mark.parametrize("model", OBJECTS)
def test_post_to_another_organisations_object_changes_nothing(model, ours, theirs, editor_client):
    obj = OBJECTS[model](theirs)
    before = {
        field.attname: getattr(obj, field.attname)
        for field in type(obj)._meta.concrete_fields
        if field.attname != "search_vector"
    }
    response = editor_client.post(
        url(model, "change", obj.pk), {"name_fi": "Muutettu", "name": "Muutettu", "_save": "1"}
    )
    assert is_not_found(response)
    obj.refresh_from_db()
    assert {name: getattr(obj, name) for name in before} == before


@pytest.mark.parametrize("model", ["projects.project", "forums.forum", "forums.meeting"])
def test_delete_view_of_another_organisations_object_is_refused(model, ours, theirs, editor_client):
    obj = OBJECTS[model](theirs)
    assert is_not_found(editor_client.post(url(model, "delete", obj.pk), {"post": "yes"}))
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_bulk_delete_skips_another_organisations_forum(ours, theirs, editor_client):
    empty = ForumFactory.create(project=ours.project)  # registrations are not editors' to delete
    response = editor_client.post(
        url("forums.forum", "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [empty.pk, theirs.forum.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not Forum.objects.filter(pk=empty.pk).exists()
    assert Forum.objects.filter(pk=theirs.forum.pk).exists()


def test_editor_changes_their_own_meeting(ours, editor_client):
    response = editor_client.post(
        url("forums.meeting", "change", ours.meeting.pk), _change_data(ours.meeting, capacity=7)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ours.meeting.refresh_from_db()
    assert ours.meeting.capacity == 7


def test_editor_changes_their_own_invitee(ours, editor_client):
    response = editor_client.post(
        url("forums.invitee", "change", ours.invitee.pk),
        {
            "name": "Uusi Nimi",
            "email": ours.invitee.email,
            "group": ours.invitee.group_id,
            "language": ours.invitee.language_id,
            "organisation": "",
            "kept_by": ours.organisation.pk,
            "consent_at_0": "2025-01-01",
            "consent_at_1": "12:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ours.invitee.refresh_from_db()
    assert ours.invitee.name == "Uusi Nimi"


def test_audit_history_of_another_organisations_object_is_refused(ours, theirs, editor_client):
    for model in ("projects.project", "forums.meeting", "forums.registration"):
        assert editor_client.get(url(model, "auditlog", OBJECTS[model](ours).pk)).status_code == 200
        assert is_not_found(editor_client.get(url(model, "auditlog", OBJECTS[model](theirs).pk)))


def test_invitation_progress_of_another_organisations_meeting_is_refused(
    ours, theirs, editor_client
):
    progress = "admin:forums_meeting_invitation_progress"
    assert editor_client.get(reverse(progress, args=[ours.meeting.pk])).json()["invited"] == 1
    assert editor_client.get(reverse(progress, args=[theirs.meeting.pk])).status_code == 404
