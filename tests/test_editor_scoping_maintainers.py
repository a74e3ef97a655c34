"""Editor rights come from maintaining a project's record, never from the roles a project page
states, and nothing in admin adds a fact the person did not enter: an editor's new project
gets no implementer row, only its record is kept by their organisation; a funder's editor
cataloguing a project they fund stays its funder; an implementer row gives an organisation's
editors nothing; only superusers say who maintains a record. Through the real Editors group."""

from typing import Any

import pytest
from django.test import Client

from projects.models import Funding, Implementer, ImplementerRole, Project

from .factories import ImplementerFactory, OrganisationFactory
from .scoping_helpers import is_not_found, listed, project_form, url
from .sides import Side, make_editor, staff_login

pytestmark = pytest.mark.django_db


def _roles(project: Project) -> set[tuple[int, str]]:
    return set(Implementer.objects.filter(project=project).values_list("organisation", "role"))


def _maintainers(project: Project) -> set[int]:
    return set(project.maintainers.values_list("pk", flat=True))


def _change(side: Side, **fields: Any) -> dict[str, Any]:
    """The side's project's change form as the browser posts it (its rows left as they are)."""
    return {**project_form(side.project.slug), "name_fi": side.project.name_fi, **fields}


def test_an_editors_new_project_has_no_implementer_and_their_organisation_keeps_it(
    ours, theirs, editor_client
):
    response = editor_client.post(url("projects.project", "add"), project_form("uusi"))
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(slug="uusi")
    assert _roles(project) == set()
    assert _maintainers(project) == {ours.organisation.pk}

    # The editor opens and changes it afterwards; the change adds nothing either.
    page = url("projects.project", "change", project.pk)
    assert editor_client.get(page).status_code == 200
    changed = editor_client.post(page, {**project_form("uusi"), "name_fi": "Uusi nimi"})
    assert changed.status_code == 302
    project.refresh_from_db()
    assert project.name_fi == "Uusi nimi"
    assert (_roles(project), _maintainers(project)) == (set(), {ours.organisation.pk})

    # Another organisation's editor cannot reach it.
    other = staff_login(Client(), make_editor("other", theirs.organisation))
    assert project.pk not in listed(other.get(url("projects.project", "changelist")))
    assert is_not_found(other.get(page))


def test_a_funders_editor_cataloguing_a_project_they_fund_is_not_made_its_implementer(
    ours, editor_client
):
    implementer = OrganisationFactory.create(abbreviation="Toteuttaja")
    data = project_form(
        "rahoitettu",
        implementers=[{"organisation": implementer.pk, "role": "applicant", "order": "0"}],
        fundings=[
            {"funder": ours.organisation.pk, "start_precision": "day", "end_precision": "day"}
        ],
    )
    response = editor_client.post(url("projects.project", "add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(slug="rahoitettu")
    assert _roles(project) == {(implementer.pk, ImplementerRole.APPLICANT)}
    assert list(Funding.objects.filter(project=project).values_list("funder", flat=True)) == [
        ours.organisation.pk
    ]
    assert _maintainers(project) == {ours.organisation.pk}

    # Being its implementer gives the implementer's own editors nothing.
    implementers_editor = staff_login(Client(), make_editor("toteuttaja", implementer))
    assert project.pk not in listed(implementers_editor.get(url("projects.project", "changelist")))
    assert is_not_found(implementers_editor.get(url("projects.project", "change", project.pk)))


def test_an_implementer_row_alone_gives_an_organisations_editor_no_rights(
    ours, theirs, editor_client
):
    ImplementerFactory.create(
        project=theirs.project, organisation=ours.organisation, role=ImplementerRole.COORDINATOR
    )
    assert theirs.project.pk not in listed(editor_client.get(url("projects.project", "changelist")))
    assert theirs.meeting.pk not in listed(editor_client.get(url("forums.meeting", "changelist")))
    page = url("projects.project", "change", theirs.project.pk)
    assert is_not_found(editor_client.get(page))
    answer = editor_client.post(page, _change(theirs, name_fi="Kaapattu"))
    assert is_not_found(answer)
    theirs.project.refresh_from_db()
    assert theirs.project.name_fi == "Heidän hanke"


def test_an_editor_sees_who_maintains_a_record_but_cannot_change_it(ours, theirs, editor_client):
    page = url("projects.project", "change", ours.project.pk)
    shown = editor_client.get(page)
    assert "maintainers" not in shown.context["adminform"].form.fields
    assert "maintainers" in shown.context["adminform"].readonly_fields
    assert str(ours.organisation) in shown.content.decode()

    answer = editor_client.post(page, _change(ours, maintainers=[theirs.organisation.pk]))
    assert answer.status_code == 302
    assert _maintainers(ours.project) == {ours.organisation.pk}
    # The editor's save did not touch what the page states either.
    assert _roles(ours.project) == {(ours.organisation.pk, ImplementerRole.COORDINATOR)}


def test_a_superuser_sets_who_maintains_a_record(ours, theirs, admin_client, editor_client):
    page = url("projects.project", "change", ours.project.pk)
    assert "maintainers" in admin_client.get(page).context["adminform"].form.fields
    answer = admin_client.post(page, _change(ours, maintainers=[theirs.organisation.pk]))
    assert answer.status_code == 302
    assert _maintainers(ours.project) == {theirs.organisation.pk}

    # The rights moved with the record: our editor no longer reaches it, theirs does.
    assert is_not_found(editor_client.get(page))
    other = staff_login(Client(), make_editor("other", theirs.organisation))
    assert other.get(page).status_code == 200


def test_a_superusers_new_project_gets_no_maintainer_they_did_not_choose(admin_client):
    response = admin_client.post(url("projects.project", "add"), project_form("yllapitamaton"))
    assert response.status_code == 302
    project = Project.objects.get(slug="yllapitamaton")
    assert (_roles(project), _maintainers(project)) == (set(), set())


def test_an_editor_of_several_organisations_has_their_first_keep_a_new_record(ours, theirs, client):
    user = make_editor("both", ours.organisation, theirs.organisation)
    staff_login(client, user)
    first = min([ours.organisation, theirs.organisation], key=lambda o: (o.name, o.pk))
    data = project_form(
        "kumppani",
        implementers=[{"organisation": theirs.organisation.pk, "role": "partner", "order": "0"}],
    )
    assert client.post(url("projects.project", "add"), data).status_code == 302
    project = Project.objects.get(slug="kumppani")
    # Exactly what was entered: the partner row, no coordinator added beside it.
    assert _roles(project) == {(theirs.organisation.pk, ImplementerRole.PARTNER)}
    assert _maintainers(project) == {first.pk}
