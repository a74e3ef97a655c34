"""The catalogue's new facts in admin (issue 20): a project's other names, dates as written,
scope and municipalities, identifiers, implementers' notes and periods, funding programmes
and periods, contacts' workloads, relations to projects not in the catalogue and events.
Every row is checked by its model: a broken rule is a message on the form, not an error
page. Programmes and municipalities are chosen by editors and kept by superusers."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from projects.models import IdentifierScheme, Programme, Project, ProjectIdentifier

from .factories import (
    IdentifierFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    municipality,
)
from .scoping_helpers import PROJECT_INLINES, autocomplete, listed, project_form, url

pytestmark = pytest.mark.django_db

ADD = reverse("admin:projects_project_add")

NEW_FIELDS = ["other_names", "dates_basis", "start_text", "end_text", "scope", "municipalities"]


def _formset(response, prefix: str) -> Any:
    (formset,) = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return formset


def _inline_errors(response, prefix: str) -> list[str]:
    """Every message the inline's forms and the inline itself show."""
    formset = _formset(response, prefix)
    messages = [str(error) for error in formset.non_form_errors()]
    for form in formset.forms:
        messages += [str(error) for errors in form.errors.values() for error in errors]
    return messages


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_the_project_pages_show_the_new_facts(who, ours, editor_client, admin_client):
    client = editor_client if who == "editor" else admin_client
    for page in (ADD, url("projects.project", "change", ours.project.pk)):
        response = client.get(page)
        assert response.status_code == 200
        assert set(NEW_FIELDS) <= set(response.context["adminform"].form.fields)
        html = response.content.decode()
        for prefix in PROJECT_INLINES:
            assert f'id="id_{prefix}-TOTAL_FORMS"' in html
        # Translated row texts have a field per language.
        assert "implementers-__prefix__-note_sv" in html
        assert "events-__prefix__-title_en" in html


def test_an_editor_enters_a_project_with_every_kind_of_row(ours, theirs, editor_client):
    programme = ProgrammeFactory.create(name_fi="Osaava Suomi", code="TL 4")
    kuopio = municipality("Kuopio")
    data = {
        **project_form(
            "kaikki-rivit",
            identifiers=[{"scheme": "eura2021", "value": " S30245 "}],
            implementers=[
                {
                    "organisation": theirs.organisation.pk,
                    "role": "lead_partner",
                    "note_fi": "Vain aikuiskoulutus",
                    "active_from": "2023-01-01",
                    "active_until": "2023-12-31",
                    "order": "0",
                }
            ],
            fundings=[
                {
                    "funder": theirs.organisation.pk,
                    "programme": programme.pk,
                    "amount": "120000",
                    "start_date": "2023-03-15",
                    "start_precision": "month",
                    "start_text": "kevät 2023",
                    "end_date": "2024-02-10",
                    "end_precision": "month",
                }
            ],
            contacts=[
                {"name": "Aino", "workload": "50 %", "active_from": "2023-01-01", "order": "0"}
            ],
            relations_from=[
                {
                    "kind": "predecessor_of",
                    "to_name": "Jatkohanke",
                    "to_identifier": "S31000",
                    "to_url": "example.org/jatko",
                }
            ],
            events=[
                {
                    "title_fi": "Aloitusseminaari",
                    "date": "2023-05-17",
                    "date_precision": "month",
                    "co_organisers": [theirs.organisation.pk],
                }
            ],
        ),
        "other_names": "Kaikki rivit\nKR",
        "dates_basis": "planned",
        "start_text": "syksy 2023",
        "scope": "local",
        "municipalities": [kuopio.pk],
    }
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    project = Project.objects.get(slug="kaikki-rivit")
    assert (project.other_names, project.dates_basis, project.start_text, project.scope) == (
        "Kaikki rivit\nKR",
        "planned",
        "syksy 2023",
        "local",
    )
    assert list(project.municipalities.all()) == [kuopio]
    assert [(i.scheme, i.value) for i in project.identifiers.all()] == [("eura2021", "S30245")]
    implementer = project.implementers.get()
    assert (implementer.role, implementer.note_fi, implementer.active_until) == (
        "lead_partner",
        "Vain aikuiskoulutus",
        datetime.date(2023, 12, 31),
    )
    funding = project.fundings.get()
    # Known to the month: the period runs from the first of one month to the last of another.
    assert (funding.programme, funding.start_date, funding.end_date, funding.start_text) == (
        programme,
        datetime.date(2023, 3, 1),
        datetime.date(2024, 2, 29),
        "kevät 2023",
    )
    assert project.contacts.get().workload == "50 %"
    relation = project.relations_from.get()
    assert (relation.to_project, relation.to_name, relation.to_url) == (
        None,
        "Jatkohanke",
        "https://example.org/jatko",
    )
    event = project.events.get()
    assert (event.date, event.date_precision) == (datetime.date(2023, 5, 1), "month")
    assert list(event.co_organisers.all()) == [theirs.organisation]
    # The organisations entered are what the page states; the record is the editor's.
    assert set(project.maintainers.all()) == {ours.organisation}


def test_an_identifier_another_project_has_is_a_message_on_the_form(theirs, editor_client):
    taken = IdentifierFactory.create(project=theirs.project, scheme="eura2014", value="S21485")
    data = project_form("toinen", identifiers=[{"scheme": "eura2014", "value": "S21485"}])
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    message = ProjectIdentifier._meta.constraints[0].violation_error_message
    assert str(message) in _inline_errors(response, "identifiers")
    assert not Project.objects.filter(slug="toinen").exists()
    assert list(ProjectIdentifier.objects.all()) == [taken]


def test_the_same_identifier_twice_on_one_page_is_refused_on_the_form(admin_client):
    twice = [{"scheme": "eura2014", "value": "S21485"}] * 2
    response = admin_client.post(ADD, project_form("kahdesti", identifiers=twice))
    assert response.status_code == 200
    assert _formset(response, "identifiers").non_form_errors()
    assert not ProjectIdentifier.objects.exists()


def test_an_identifier_not_in_its_schemes_format_is_refused_on_the_form(admin_client):
    wrong = [{"scheme": IdentifierScheme.GOVERNMENT_CASE, "value": "12345"}]
    response = admin_client.post(ADD, project_form("muoto", identifiers=wrong))
    assert response.status_code == 200
    (form,) = _formset(response, "identifiers").forms
    assert "VN/12345/2022" in str(form.errors["value"])
    assert not ProjectIdentifier.objects.exists()


def test_a_relation_names_a_project_in_the_catalogue_or_outside_it(ours, admin_client):
    data = project_form("suhde", relations_from=[{"kind": "member_of", "to_name": " "}])
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    (form,) = _formset(response, "relations_from").forms
    assert "to_name" in form.errors
    data = project_form(
        "suhde", relations_from=[{"kind": "member_of", "to_project": ours.project.pk}]
    )
    assert admin_client.post(ADD, data).status_code == 302
    assert Project.objects.get(slug="suhde").relations_from.get().to_project == ours.project


def test_a_project_is_found_in_admin_by_an_identifier_and_by_another_name(admin_client):
    project = ProjectFactory.create(other_names="Markkinointinimi")
    IdentifierFactory.create(project=project, value="S21999")
    ProjectFactory.create()
    for term in ("S21999", "markkinointi"):
        found = listed(admin_client.get(url("projects.project", "changelist"), {"q": term}))
        assert found == {project.pk}, term


def test_editors_choose_programmes_municipalities_and_co_organisers(ours, theirs, editor_client):
    programme = ProgrammeFactory.create(name_fi="Uudistuva ja osaava Suomi")
    assert autocomplete(editor_client, "projects", "funding", "programme") == {str(programme.pk)}
    helsinki = str(municipality("Helsinki").pk)
    for term in ("Helsingfors", "091"):
        found = autocomplete(editor_client, "projects", "project", "municipalities", term)
        assert found == {helsinki}, term
    assert {str(ours.organisation.pk), str(theirs.organisation.pk)} <= autocomplete(
        editor_client, "projects", "projectevent", "co_organisers"
    )


def test_programmes_and_municipalities_are_read_by_editors_and_kept_by_superusers(
    editor_client, admin_client
):
    fund = ProgrammeFactory.create(name_fi="ESR+", level="fund")
    programme = ProgrammeFactory.create(name_fi="Osaava Suomi", parent=fund)
    kuopio = municipality("Kuopio")
    for client in (editor_client, admin_client):
        for page in ("changelist", "add"):
            assert client.get(url("projects.programme", page)).status_code == (
                403 if client is editor_client and page == "add" else 200
            )
        assert client.get(url("projects.programme", "change", programme.pk)).status_code == 200
        assert client.get(url("projects.municipality", "changelist")).status_code == 200
        assert client.get(url("projects.municipality", "change", kuopio.pk)).status_code == 200

    change = {"name_fi": "Vaihdettu", "slug": programme.slug, "level": "programme"}
    page = url("projects.programme", "change", programme.pk)
    assert editor_client.post(page, change).status_code == 403
    delete = url("projects.programme", "delete", programme.pk)
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert admin_client.post(page, {**change, "parent": fund.pk}).status_code == 302
    programme.refresh_from_db()
    assert (programme.name_fi, programme.parent) == ("Vaihdettu", fund)


def test_a_programme_cannot_be_made_part_of_its_own_part(admin_client):
    fund = ProgrammeFactory.create(name_fi="ESR+", level="fund")
    programme = ProgrammeFactory.create(parent=fund)
    page = url("projects.programme", "change", fund.pk)
    response = admin_client.post(
        page, {"name_fi": fund.name_fi, "slug": fund.slug, "level": "fund", "parent": programme.pk}
    )
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert Programme.objects.get(pk=fund.pk).parent is None


def test_an_organisations_contact_details_are_in_admin(admin_client):
    organisation = OrganisationFactory.create()
    page = admin_client.get(url("projects.organisation", "change", organisation.pk))
    form = page.context["adminform"].form
    expected = {"street_address_fi", "postal_code", "post_office_sv", "phone", "email"}
    assert expected <= set(form.fields)
