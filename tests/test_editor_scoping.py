"""Editors belong to organisations and work only on what their organisations' projects hold:
in every changelist, change, delete and history view, action, CSV export, autocomplete and
foreign-key choice. Each denial is tested against "their" side, an organisation the editor is
not in; the same request on "our" side shows that the test would have seen it."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from forums.invitations import invitations_create
from forums.models import (
    EmailStatus,
    Forum,
    Invitation,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    RegistrationStatus,
)
from projects.models import Implementer, ImplementerRole, Organisation, Project
from projects.permissions import scope

from .factories import ImplementerFactory, OrganisationFactory, ProjectFactory
from .forum_factories import ForumFactory, MeetingFactory
from .forum_factories import register as register_for
from .sides import Side, invitee_on_list, make_editor, staff_login
from .test_forum_admin import _change_data

pytestmark = pytest.mark.django_db


# Each scoped model, with how to find its object on a side.
OBJECTS = {
    "projects.project": lambda side: side.project,
    "forums.forum": lambda side: side.forum,
    "forums.meeting": lambda side: side.meeting,
    "forums.registration": lambda side: side.registration,
    "forums.invitee": lambda side: side.invitee,
    "forums.invitation": lambda side: side.invitation,
    "forums.outboundemail": lambda side: side.email,
}


def url(model: str, view: str, *args: Any) -> str:
    app_label, model_name = model.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def listed(response) -> set[int]:
    assert response.status_code == 200
    return {obj.pk for obj in response.context["cl"].result_list}


def csv_names(response) -> list[str]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff")), delimiter=";")
    )
    return [row[1] for row in rows[1:]]


def is_not_found(response) -> bool:
    """Django admin's answer for an object that is not there for this user: back to the
    index with a message, or a 403/404."""
    if response.status_code == 302:
        return response["Location"] == reverse("admin:index")
    return response.status_code in {403, 404}


# --- Changelists and change views.


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


def test_another_lists_person_invited_to_the_editors_meeting_stays_out_of_their_sight(
    ours, theirs, editor_client
):
    """A superuser may invite a partner organisation's people to the editor's meeting; their
    details still belong to the list that keeps them."""
    Invitation.objects.create(meeting=ours.meeting, invitee=theirs.invitee)
    assert theirs.invitee.pk not in listed(editor_client.get(url("forums.invitee", "changelist")))
    assert is_not_found(editor_client.get(url("forums.invitee", "change", theirs.invitee.pk)))
    # The invitation of the other organisation's meeting is still not the editor's.
    assert theirs.invitation.pk not in listed(
        editor_client.get(url("forums.invitation", "changelist"))
    )


def test_someone_from_the_portal_list_invited_to_the_editors_meeting_is_theirs_to_see(
    ours, editor_client
):
    portal_wide = invitee_on_list("shared@example.org", ours.invitee.group)
    assert portal_wide.pk not in listed(editor_client.get(url("forums.invitee", "changelist")))
    Invitation.objects.create(meeting=ours.meeting, invitee=portal_wide)
    assert portal_wide.pk in listed(editor_client.get(url("forums.invitee", "changelist")))
    page = editor_client.get(url("forums.invitee", "change", portal_wide.pk))
    assert page.status_code == 200


def test_an_editor_invites_only_from_their_own_lists_even_with_a_partner_organisation(
    ours, theirs, editor_client, django_capture_on_commit_callbacks
):
    """Adding another organisation as a partner of one's own project must not open its list."""
    ImplementerFactory.create(
        project=ours.project, organisation=theirs.organisation, role=ImplementerRole.PARTNER
    )
    theirs_also = invitee_on_list(
        "theirs.second@example.org", ours.invitee.group, theirs.organisation
    )
    ours.meeting.forum.stakeholder_groups.add(ours.invitee.group)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url("forums.meeting", "changelist"),
            {
                "action": "send_invitations",
                "_selected_action": [ours.meeting.pk],
                "groups": [ours.invitee.group.pk],
                "send": "1",
            },
        )

    assert response.status_code == 302
    invited = set(
        Invitation.objects.filter(meeting=ours.meeting).values_list("invitee_id", flat=True)
    )
    assert ours.invitee.pk in invited
    assert theirs_also.pk not in invited
    assert theirs.invitee.pk not in invited


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


# --- CSV exports and actions.


def test_registrations_csv_export_leaves_out_another_organisations_registrations(
    ours, theirs, editor_client
):
    response = editor_client.post(
        url("forums.registration", "changelist"),
        {
            "action": "export_csv",
            "_selected_action": [ours.registration.pk, theirs.registration.pk],
        },
    )
    assert csv_names(response) == [ours.registration.name]


@pytest.mark.parametrize("across", [False, True], ids=["chosen", "select-across"])
def test_meeting_csv_export_leaves_out_another_organisations_meetings(
    across, ours, theirs, editor_client
):
    data: dict[str, Any] = {
        "action": "export_registrations",
        "_selected_action": [ours.meeting.pk, theirs.meeting.pk],
    }
    if across:
        data["select_across"] = "1"
    response = editor_client.post(url("forums.meeting", "changelist"), data)
    assert csv_names(response) == [ours.registration.name]


def test_cancel_meetings_action_leaves_another_organisations_meeting(ours, theirs, editor_client):
    editor_client.post(
        url("forums.meeting", "changelist"),
        {"action": "cancel_meetings", "_selected_action": [ours.meeting.pk, theirs.meeting.pk]},
    )
    ours.meeting.refresh_from_db()
    theirs.meeting.refresh_from_db()
    assert ours.meeting.status == MeetingStatus.CANCELLED
    assert theirs.meeting.status == MeetingStatus.SCHEDULED


def test_promote_action_leaves_another_organisations_meeting(ours, theirs, editor_client):
    waiting = {
        side.organisation.pk: register_for(
            side.meeting, f"waiting.{side.organisation.pk}@example.org"
        )
        for side in (ours, theirs)
    }
    Meeting.objects.filter(pk__in=[ours.meeting.pk, theirs.meeting.pk]).update(capacity=2)
    editor_client.post(
        url("forums.meeting", "changelist"),
        {"action": "promote_waiting", "_selected_action": [ours.meeting.pk, theirs.meeting.pk]},
    )
    for side in waiting.values():
        side.refresh_from_db()
    assert waiting[ours.organisation.pk].status == RegistrationStatus.CONFIRMED
    assert waiting[theirs.organisation.pk].status == RegistrationStatus.WAITING


def test_send_invitations_action_cannot_reach_another_organisations_meeting(
    theirs, editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor_client.post(
            url("forums.meeting", "changelist"),
            {
                "action": "send_invitations",
                "_selected_action": [theirs.meeting.pk],
                "send": "1",
                "groups": [theirs.invitee.group_id],
            },
        )
    assert response.status_code == 302  # "choose exactly one meeting": none of theirs is found
    assert callbacks == []
    assert theirs.meeting.invitations.count() == 1


def test_generate_meetings_action_cannot_reach_another_organisations_forum(theirs, editor_client):
    editor_client.post(
        url("forums.forum", "changelist"),
        {
            "action": "generate_meetings",
            "_selected_action": [theirs.forum.pk],
            "generate": "1",
            "first_start_0": "2030-01-08",
            "first_start_1": "17:00",
            "duration_minutes": "120",
            "frequency": "weekly",
            "interval": "2",
            "count": "3",
            "capacity": "10",
        },
    )
    assert theirs.forum.meetings.count() == 1


def test_cancel_registrations_action_leaves_another_organisations_registration(
    ours, theirs, editor_client
):
    editor_client.post(
        url("forums.registration", "changelist"),
        {
            "action": "cancel_registrations",
            "_selected_action": [ours.registration.pk, theirs.registration.pk],
        },
    )
    ours.registration.refresh_from_db()
    theirs.registration.refresh_from_db()
    assert ours.registration.status == RegistrationStatus.CANCELLED
    assert theirs.registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("model", ["forums.outboundemail", "forums.invitation"])
def test_retry_action_leaves_another_organisations_messages(model, ours, theirs, editor_client):
    chosen = (
        [ours.invitation_email.pk, theirs.invitation_email.pk]
        if model == "forums.outboundemail"
        else [ours.invitation.pk, theirs.invitation.pk]
    )
    editor_client.post(
        url(model, "changelist"), {"action": "retry_failed", "_selected_action": chosen}
    )
    statuses = dict(
        OutboundEmail.objects.filter(
            pk__in=[ours.invitation_email.pk, theirs.invitation_email.pk]
        ).values_list("pk", "status")
    )
    assert statuses[ours.invitation_email.pk] != EmailStatus.FAILED
    assert statuses[theirs.invitation_email.pk] == EmailStatus.FAILED


# --- Autocomplete and foreign-key choices.


def autocomplete(client: Client, app_label: str, model_name: str, field_name: str) -> set[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    return {result["id"] for result in response.json()["results"]}


def test_autocomplete_offers_only_the_editors_projects_and_forums(ours, theirs, editor_client):
    assert autocomplete(editor_client, "forums", "forum", "project") == {str(ours.project.pk)}
    assert autocomplete(editor_client, "forums", "meeting", "forum") == {str(ours.forum.pk)}


def test_autocomplete_of_a_related_project_offers_published_projects(ours, theirs, editor_client):
    """A network's member projects belong to other organisations; their names are public."""
    hidden = ProjectFactory.create(is_published=False)
    ImplementerFactory.create(project=hidden, organisation=theirs.organisation)
    found = autocomplete(editor_client, "projects", "projectrelation", "to_project")
    assert {str(ours.project.pk), str(theirs.project.pk)} <= found
    assert str(hidden.pk) not in found


def test_autocomplete_of_organisations_offers_all(ours, theirs, editor_client):
    found = autocomplete(editor_client, "projects", "implementer", "organisation")
    assert {str(ours.organisation.pk), str(theirs.organisation.pk)} <= found


def choices(response, field: str) -> set[int]:
    assert response.status_code == 200
    return {obj.pk for obj in response.context["adminform"].form.fields[field].queryset}


def test_foreign_key_choices_are_the_editors_own(ours, theirs, editor_client):
    assert choices(editor_client.get(url("forums.forum", "add")), "project") == {ours.project.pk}
    assert choices(editor_client.get(url("forums.meeting", "add")), "forum") == {ours.forum.pk}
    assert choices(editor_client.get(url("forums.invitee", "add")), "kept_by") == {
        ours.organisation.pk
    }


def test_another_organisations_project_is_refused_as_a_forums_project(ours, theirs, editor_client):
    response = editor_client.post(
        url("forums.forum", "add"),
        {"name_fi": "Uusi foorumi", "slug": "uusi-foorumi", "project": theirs.project.pk},
    )
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Forum.objects.filter(slug="uusi-foorumi").exists()


def test_another_organisations_forum_is_refused_as_a_meetings_forum(ours, theirs, editor_client):
    response = editor_client.post(
        url("forums.meeting", "change", ours.meeting.pk),
        _change_data(ours.meeting, forum=theirs.forum.pk),
    )
    assert response.status_code == 200
    assert "forum" in response.context["adminform"].form.errors
    ours.meeting.refresh_from_db()
    assert ours.meeting.forum_id == ours.forum.pk


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
    ImplementerFactory.create(project=ours.project, organisation=theirs.organisation)
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


# --- A project an editor creates stays theirs.


def _project_data(slug: str, implementers: list[Organisation]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_fi": "Uusi hanke",
        "slug": slug,
        "kind": "project",
        "start_date": "2024-01-01",
        "start_precision": "day",
        "end_date": "",
        "end_precision": "day",
    }
    for prefix in ("implementers", "fundings", "contacts", "relations_from", "links"):
        total = len(implementers) if prefix == "implementers" else 0
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    for index, organisation in enumerate(implementers):
        data[f"implementers-{index}-organisation"] = str(organisation.pk)
        data[f"implementers-{index}-role"] = "partner"
        data[f"implementers-{index}-order"] = str(index)
    return data


def _roles(project: Project) -> set[tuple[int, str]]:
    return set(Implementer.objects.filter(project=project).values_list("organisation", "role"))


def test_a_project_an_editor_creates_is_implemented_by_their_organisation(ours, editor_client):
    response = editor_client.post(url("projects.project", "add"), _project_data("uusi", []))
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(slug="uusi")
    assert _roles(project) == {(ours.organisation.pk, ImplementerRole.COORDINATOR)}
    assert editor_client.get(url("projects.project", "change", project.pk)).status_code == 200


def test_an_editor_of_several_organisations_names_theirs_in_the_inline(ours, theirs, client):
    staff_login(client, make_editor("both", ours.organisation, theirs.organisation))
    client.post(url("projects.project", "add"), _project_data("nimetty", [theirs.organisation]))
    assert _roles(Project.objects.get(slug="nimetty")) == {
        (theirs.organisation.pk, ImplementerRole.PARTNER)
    }


def test_an_editor_of_several_organisations_falls_back_to_the_first(ours, theirs, client):
    user = make_editor("both", ours.organisation, theirs.organisation)
    staff_login(client, user)
    partner = OrganisationFactory.create()
    client.post(url("projects.project", "add"), _project_data("varalla", [partner]))
    first = Organisation.objects.filter(editors=user).order_by("name", "pk").first()
    assert first is not None
    assert _roles(Project.objects.get(slug="varalla")) == {
        (partner.pk, ImplementerRole.PARTNER),
        (first.pk, ImplementerRole.COORDINATOR),
    }


# --- Queries: one changelist costs the same however many rows and organisations.


def _more_meetings(side: Side, count: int) -> None:
    for index in range(count):
        meeting = MeetingFactory.create(forum=side.forum, capacity=3)
        register_for(meeting, f"extra{index}.{side.organisation.pk}@example.org")


# Each page starts with 6: the session, the user, the device of their one-time code, their
# own and their groups' permissions, their organisations. Then the filters' choices, the
# filtered and the total count, and the page of rows, each with the editor's projects as a
# subquery.
@pytest.mark.parametrize("extra", [0, 6])
def test_editors_meeting_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    _more_meetings(ours, extra)
    _more_meetings(theirs, 3)
    # 6 + forum and region filters, 2 counts, the rows with seat counts, the date
    # hierarchy's range and its days.
    with django_assert_num_queries(13):
        response = editor_client.get(url("forums.meeting", "changelist"))
    assert len(listed(response)) == 1 + extra


@pytest.mark.parametrize("extra", [0, 6])
def test_editors_registration_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    _more_meetings(ours, extra)
    _more_meetings(theirs, 3)
    # 6 + group, language, forum and meeting filters, 2 counts, the rows.
    with django_assert_num_queries(13):
        response = editor_client.get(url("forums.registration", "changelist"))
    assert len(listed(response)) == 1 + extra


@pytest.mark.parametrize("extra", [0, 6])
def test_editors_invitee_changelist_queries_do_not_grow(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    for index in range(extra):
        invitee_on_list(f"lisa{index}@example.org", ours.invitee.group, ours.organisation)
    # 6 + group, language and list filters, 2 counts, the rows.
    with django_assert_num_queries(12):
        response = editor_client.get(url("forums.invitee", "changelist"))
    assert len(listed(response)) == 1 + extra


def test_project_changelist_rows_are_not_repeated(ours, theirs, client):
    ImplementerFactory.create(project=ours.project, organisation=theirs.organisation)
    staff_login(client, make_editor("both", ours.organisation, theirs.organisation))
    response = client.get(url("projects.project", "changelist"))
    rows = [obj.pk for obj in response.context["cl"].result_list]
    assert sorted(rows) == sorted({ours.project.pk, theirs.project.pk})
    assert response.context["cl"].result_count == 2


def test_invitations_reach_only_the_portal_list_and_the_implementers_lists():
    """Sending invitations must not reach, and so reveal, another organisation's people."""
    meeting = MeetingFactory()
    ours = ImplementerFactory.create(project=meeting.forum.project).organisation
    theirs = OrganisationFactory.create()
    group = meeting.forum.stakeholder_groups.get(slug="parents")
    people = {
        kept_by: invitee_on_list(f"person{number}@example.org", group, kept_by)
        for number, kept_by in enumerate([None, ours, theirs])
    }

    report = invitations_create(meeting_id=meeting.pk)

    assert report.created == 2
    invited = set(Invitation.objects.values_list("invitee_id", flat=True))
    assert invited == {people[None].pk, people[ours].pk}


def test_a_partners_invitees_to_a_shared_meeting_stay_the_partners_to_see(
    ours, theirs, editor_client, django_capture_on_commit_callbacks
):
    """The partner invites people from its own list to the shared project's meeting: their
    invitations and the messages sent them are the partner's, not the coordinator's."""
    ImplementerFactory.create(
        project=ours.project, organisation=theirs.organisation, role=ImplementerRole.PARTNER
    )
    ours.meeting.forum.stakeholder_groups.add(ours.invitee.group)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting_id=ours.meeting.pk)
    partners = Invitation.objects.get(meeting=ours.meeting, invitee=theirs.invitee)
    own = Invitation.objects.get(meeting=ours.meeting, invitee=ours.invitee)
    partner_client = staff_login(Client(), make_editor("partner", theirs.organisation))

    for client, sees, does_not_see in [
        (editor_client, own, partners),
        (partner_client, partners, own),
    ]:
        invitations = listed(client.get(url("forums.invitation", "changelist")))
        assert sees.pk in invitations and does_not_see.pk not in invitations
        messages = listed(client.get(url("forums.outboundemail", "changelist")))
        assert sees.email_id in messages and does_not_see.email_id not in messages
        assert is_not_found(client.get(url("forums.invitation", "change", does_not_see.pk)))
