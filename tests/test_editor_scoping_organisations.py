"""Editors and organisations: an editor sees every organisation but changes only their own
(and cannot join another) and keeps its contact details, the audit trail's admin is for
superusers, staff without an organisation see nothing scoped, and an editor of several
organisations sees each. Which projects are theirs: tests/test_editor_scoping_maintainers.py."""

import pytest
from django.urls import reverse

from projects.models import Project
from projects.permissions import scope

from .scoping_helpers import OBJECTS, listed, url
from .sides import make_editor, staff_login

pytestmark = pytest.mark.django_db


# --- Organisations and the audit trail's own admin.


def test_editor_sees_every_organisation_but_changes_only_their_own(ours, theirs, editor_client):
    pks = listed(editor_client.get(url("projects.organisation", "changelist")))
    assert {ours.organisation.pk, theirs.organisation.pk} <= pks
    own = editor_client.get(url("projects.organisation", "change", ours.organisation.pk))
    assert own.context["has_change_permission"]
    assert "editors" not in own.context["adminform"].form.fields
    other = editor_client.get(url("projects.organisation", "change", theirs.organisation.pk))
    assert other.status_code == 200
    assert not other.context["has_change_permission"]
    response = editor_client.post(
        url("projects.organisation", "change", theirs.organisation.pk),
        {"name_fi": "Kaapattu", "slug": theirs.organisation.slug, "kind": "other"},
    )
    assert response.status_code == 403
    theirs.organisation.refresh_from_db()
    assert theirs.organisation.name_fi != "Kaapattu"


def test_editor_cannot_make_themselves_another_organisations_editor(
    ours, theirs, editor, editor_client
):
    editor_client.post(
        url("projects.organisation", "change", ours.organisation.pk),
        {
            "name_fi": ours.organisation.name_fi,
            "slug": ours.organisation.slug,
            "kind": "other",
            "editors": [editor.pk],
        },
    )
    assert list(editor.editor_organisations.all()) == [ours.organisation]


def test_superuser_assigns_editors_to_an_organisation(ours, admin_client):
    page = admin_client.get(url("projects.organisation", "change", ours.organisation.pk))
    assert "editors" in page.context["adminform"].form.fields


def test_an_editor_keeps_their_organisations_contact_details(ours, editor_client):
    page = url("projects.organisation", "change", ours.organisation.pk)
    data = {
        "name_fi": ours.organisation.name_fi,
        "slug": ours.organisation.slug,
        "kind": "other",
        "street_address_fi": "Opintie 1",
        "street_address_sv": "Studievägen 1",
        "post_office_fi": "KUOPIO",
        "phone": "+358 17 000 000",
        "email": "toimisto@example.org",
    }
    refused = editor_client.post(page, {**data, "postal_code": "7010"})
    assert refused.status_code == 200
    assert "postal_code" in refused.context["adminform"].form.errors
    assert editor_client.post(page, {**data, "postal_code": "70100"}).status_code == 302
    ours.organisation.refresh_from_db()
    assert (
        ours.organisation.street_address_sv,
        ours.organisation.postal_code,
        ours.organisation.post_office_fi,
        ours.organisation.email,
    ) == ("Studievägen 1", "70100", "KUOPIO", "toimisto@example.org")


def test_audit_trail_admin_is_for_superusers_only(ours, editor_client, admin_client):
    log_entries = reverse("admin:auditlog_logentry_changelist")
    assert editor_client.get(log_entries).status_code == 403
    assert admin_client.get(log_entries).status_code == 200


# --- Staff without an organisation; editors of several.


def test_staff_without_an_organisation_sees_nothing_scoped(ours, client):
    staff_login(client, make_editor("newcomer"))
    for model in OBJECTS:
        assert listed(client.get(url(model, "changelist"))) == set()
    assert client.get(url("projects.project", "add")).status_code == 403
    assert client.get(reverse("admin:forums_invitee_import")).status_code == 403


def test_editor_of_two_organisations_sees_both(ours, theirs, client):
    staff_login(client, make_editor("both", ours.organisation, theirs.organisation))
    assert listed(client.get(url("forums.meeting", "changelist"))) >= {
        ours.meeting.pk,
        theirs.meeting.pk,
    }


def test_a_project_of_two_of_the_editors_organisations_is_listed_once(ours, theirs, client):
    ours.project.maintainers.add(theirs.organisation)
    user = make_editor("both", ours.organisation, theirs.organisation)
    scoped = scope(user, Project.objects.all())
    assert sorted(scoped.values_list("pk", flat=True)) == sorted(
        [ours.project.pk, theirs.project.pk]
    )
    staff_login(client, user)
    assert listed(client.get(url("forums.meeting", "changelist"))) == {
        ours.meeting.pk,
        theirs.meeting.pk,
    }
