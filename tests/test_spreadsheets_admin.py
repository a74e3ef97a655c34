"""Who may export and import which spreadsheets in admin: an editor exports and changes only
their organisations' projects and their own organisations, through the real Editors group;
a superuser everything; a stranger, or staff outside the group, nothing."""

import pytest
import tablib
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from projects.models import Organisation, OrganisationKind, Project, Region
from projects.selectors import ProjectFilters, project_search

from .factories import IdentifierFactory
from .sides import staff_login
from .spreadsheet_helpers import (
    CONTACT,
    confirm,
    dataset,
    export,
    file_of,
    held,
    imported,
    invalid,
    kinds,
    preview,
    rich,
    row_of,
    with_rows,
)

pytestmark = pytest.mark.django_db

PAGES = [
    f"admin:projects_{model}_{page}"
    for model in ("project", "organisation")
    for page in ("export", "import")
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_editor_exports_only_their_organisations_projects(
    editor_client, ours, theirs, file_format
):
    rich(ours.project)
    rich(theirs.project, 1)
    data = dataset(export(editor_client, "project", file_format).content, file_format)
    assert list(data["slug"]) == [ours.project.slug]
    cells = " ".join(str(value) for row in data.dict for value in row.values())
    assert theirs.project.name_fi not in cells
    for value in CONTACT.values():
        assert value not in cells


def test_the_list_offers_an_editor_import_and_export(editor_client):
    page = editor_client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert reverse("admin:projects_project_import") in page
    assert reverse("admin:projects_project_export") in page
    assert reverse("admin:projects_project_import_text") in page


def test_an_editors_file_goes_back_unchanged(editor_client, ours, theirs):
    rich(ours.project)
    before = held()
    page = imported(editor_client, "project", export(editor_client, "project").content)
    assert kinds(page) == ["skip"]
    assert held() == before


def test_an_editor_changes_their_own_project(editor_client, ours):
    data = dataset(export(editor_client, "project").content)
    row = row_of(data, ours.project.slug)
    row["summary_fi"] = "Päivitetty tiivistelmä."
    page = imported(editor_client, "project", file_of(with_rows(data, [row])))
    assert kinds(page) == ["update"]
    ours.project.refresh_from_db()
    assert ours.project.summary_fi == "Päivitetty tiivistelmä."
    assert list(ours.project.maintainers.all()) == [ours.organisation]


def test_a_project_an_editor_adds_is_kept_by_their_organisation(editor_client, ours):
    data = tablib.Dataset(
        ["Toimittajan hanke", "Meidän (coordinator)"], headers=["name_fi", "implementers"]
    )
    imported(editor_client, "project", file_of(data))
    project = Project.objects.get(name_fi="Toimittajan hanke")
    assert list(project.maintainers.all()) == [ours.organisation]
    assert project.slug in dataset(export(editor_client, "project").content)["slug"]


def test_an_editor_cannot_change_another_organisations_project(editor_client, ours, theirs):
    IdentifierFactory.create(project=theirs.project, value="S21111")
    before = held()
    data = tablib.Dataset(
        [theirs.project.slug, "Vallattu hanke", ""],
        ["", "Kaapattu hanke", "eura2014: S21111"],
        headers=["slug", "name_fi", "identifiers"],
    )

    page = preview(editor_client, "project", file_of(data))

    kept = gettext("This project is kept by another organisation: you cannot change it.")
    assert invalid(page) == {1: kept, 2: kept}
    html = page.content.decode()
    assert "import_file_name" not in html
    assert theirs.project.name_fi not in html  # nothing of their project is shown
    assert held() == before


def test_a_superuser_changes_any_organisations_project(admin_client, theirs):
    data = tablib.Dataset([theirs.project.slug, "Heidän uusi nimi"], headers=["slug", "name_fi"])
    page = imported(admin_client, "project", file_of(data))
    assert kinds(page) == ["update"]
    theirs.project.refresh_from_db()
    assert theirs.project.name_fi == "Heidän uusi nimi"


@pytest.mark.parametrize("name", PAGES)
def test_a_stranger_cannot_reach_import_or_export(client, django_user_model, name):
    url = reverse(name)
    assert client.get(url)["Location"].startswith(reverse("admin:login"))
    client.force_login(django_user_model.objects.create_user("visitor"))
    assert client.get(url)["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", ["project", "organisation"])
def test_staff_outside_the_editors_group_cannot_import_or_export(ours, model):
    user = User.objects.create_user("loner", password="a-long-pass-phrase", is_staff=True)
    ours.organisation.editors.add(user)
    client = staff_login(Client(), user)
    for page in ("export", "import"):
        assert client.get(reverse(f"admin:projects_{model}_{page}")).status_code == 403
    process = reverse(f"admin:projects_{model}_process_import")
    assert client.post(process, {"import_file_name": "x", "format": "0"}).status_code == 403


def test_organisations_export_without_their_editors(admin_client, editor, ours, theirs):
    ours.organisation.phone = "+358 9 123 456"
    ours.organisation.region = Region.objects.get(slug="uusimaa")
    ours.organisation.parent = theirs.organisation
    ours.organisation.save()
    response = export(admin_client, "organisation")
    data = dataset(response.content)
    assert sorted(data["slug"]) == sorted(Organisation.objects.values_list("slug", flat=True))
    assert "editors" not in data.headers
    assert editor.username not in response.content.decode("utf-8-sig")
    row = row_of(data, ours.organisation.slug)
    assert (row["region"], row["parent"]) == ("Uusimaa", theirs.organisation.slug)
    assert row["phone"] == "'+358 9 123 456"  # never run as a formula
    before = held()
    page = imported(admin_client, "organisation", response.content)
    assert set(kinds(page)) == {"skip"}
    assert held() == before


def test_an_editor_changes_only_their_own_organisations(editor_client, editor, ours, theirs):
    content = export(editor_client, "organisation").content
    data = dataset(content)
    assert set(data["slug"]) == set(Organisation.objects.values_list("slug", flat=True))
    assert set(kinds(imported(editor_client, "organisation", content))) == {"skip"}
    own, other = row_of(data, ours.organisation.slug), row_of(data, theirs.organisation.slug)
    own["name_fi"], other["name_fi"] = "Vesiosuuskunta", "Vallattu"
    before = held()

    page = preview(editor_client, "organisation", file_of(with_rows(data, [own, other])))

    assert set(invalid(page)) == {2}
    refusal = gettext("Only the editors of %(organisation)s can change it.")
    assert refusal % {"organisation": theirs.organisation} in invalid(page)[2]
    assert held() == before
    imported(editor_client, "organisation", file_of(with_rows(data, [own])))
    ours.organisation.refresh_from_db()
    assert ours.organisation.name_fi == "Vesiosuuskunta"
    assert list(ours.organisation.editors.all()) == [editor]
    # The projects it implements are found by its new name.
    assert ours.project in project_search(ProjectFilters(q="vesiosuuskunta"))


def test_an_editor_adds_an_organisation(editor_client, ours):
    data = tablib.Dataset(
        ["Uusi yhdistys", "association", "Birkaland", "Meidän"],
        headers=["name_fi", "kind", "region", "parent"],
    )
    imported(editor_client, "organisation", file_of(data))
    organisation = Organisation.objects.get(slug="uusi-yhdistys")
    assert organisation.kind == OrganisationKind.ASSOCIATION
    assert organisation.region == Region.objects.get(slug="pirkanmaa")
    assert organisation.parent == ours.organisation
    assert organisation.is_published
    assert not organisation.editors.exists()


def test_bad_organisation_rows_are_errors(admin_client):
    before = held()
    data = tablib.Dataset(
        ["Hyvä", "", "", ""],
        ["Alueeton", "Atlantis", "", ""],
        ["Postiton", "", "123", ""],
        ["Emoton", "", "", "olematon-emo"],
        headers=["name_fi", "region", "postal_code", "parent"],
    )
    page = preview(admin_client, "organisation", file_of(data))
    errors = invalid(page)
    assert set(errors) == {2, 3, 4}
    assert "Atlantis" in errors[2]
    assert gettext("Enter a postal code of five digits.") in errors[3]
    assert "olematon-emo" in errors[4]
    assert held() == before
    page = preview(admin_client, "organisation", file_of(with_rows(data, [data.dict[0]])))
    assert confirm(admin_client, "organisation", page).status_code == 302
    assert Organisation.objects.filter(name_fi="Hyvä").exists()
