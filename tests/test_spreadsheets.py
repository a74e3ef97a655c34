"""Projects as spreadsheets in admin: one readable row per project, exported as CSV and XLSX
and imported back (preview first, nothing saved until confirmed), as a superuser; an editor's
rights are in tests/test_spreadsheets_admin.py."""

import datetime
import re
from decimal import Decimal

import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from projects.models import ImplementerRole, Organisation, Project, Region
from projects.selectors import ProjectFilters, project_search

from .factories import IdentifierFactory, OrganisationFactory, ProjectFactory
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


def test_a_project_is_one_row_in_the_columns_a_person_reads(admin_client, ours, theirs):
    rich(ours.project)
    response = export(admin_client, "project")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    # Excel reads it as UTF-8, in Finland with semicolons between the columns.
    assert text.startswith("\ufeffslug;name_fi;name_sv;name_en;")
    data = dataset(response.content)
    assert sorted(data["slug"]) == sorted(Project.objects.values_list("slug", flat=True))
    row = row_of(data, ours.project.slug)
    project = ours.project
    assert (row["name_fi"], row["name_en"], row["acronym"]) == (
        "Meidän hanke",
        project.name_en,
        "MH0",
    )
    assert row["other_names"] == "Toinen nimi\nKolmas nimi"
    assert row["tagline_fi"] == "'=Kaava joka ei ole kaava"  # never run as a formula
    assert row["goals_fi"] == "'- Ensimmäinen\n- Toinen"
    assert (row["start_date"], row["start_precision"]) == ("2021-03-01", "month")
    assert (row["end_date"], row["end_precision"]) == ("2024-12-31", "year")
    assert (row["is_published"], row["budget_min"], row["budget_max"]) == ("1", "12500,50", "")
    assert row["themes"] == "Osallisuus 0"
    assert row["regions"] == "Uusimaa; Pirkanmaa"
    assert row["municipalities"] == "Helsinki; Tampere"
    assert row["keywords"] == "OpiskeluVaria0"
    assert row["identifiers"] == "eura2014: S20000; source_url: https://example.org/hanke;id=0"
    coordinator = ours.organisation.name_fi
    assert row["implementers"] == f"{coordinator} (coordinator); Kumppani Oy 0 (partner)"
    assert row["funders"] == "Rahoittaja 0 / ELY-keskus 0 / Osaaminen; Rahoittaja 0"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_no_file_names_a_contact_person(admin_client, ours, file_format):
    rich(ours.project)
    data = dataset(export(admin_client, "project", file_format).content, file_format)
    cells = " ".join(str(value) for row in data.dict for value in row.values())
    assert ours.project.name_fi in cells
    for value in CONTACT.values():
        assert value not in cells
    assert not {"contacts", "email", "phone"} & set(data.headers)


def test_the_xlsx_file_holds_the_same_rows_as_the_csv(admin_client, ours):
    rich(ours.project)
    from_csv = row_of(dataset(export(admin_client, "project").content), ours.project.slug)
    response = export(admin_client, "project", "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = dataset(response.content, "xlsx")
    row = row_of(data, ours.project.slug)
    assert data.headers == list(from_csv)
    for column in ("name_fi", "tagline_fi", "regions", "identifiers", "implementers", "funders"):
        assert row[column] == from_csv[column]
    # Only "=" would make an XLSX cell a formula.
    assert row["goals_fi"] == "- Ensimmäinen\n- Toinen"
    # Dates and numbers are a spreadsheet's own.
    assert isinstance(row["start_date"], datetime.datetime)
    assert row["start_date"].date() == datetime.date(2021, 3, 1)
    assert row["budget_min"] == 12500.5


def test_an_export_reads_as_many_queries_for_five_projects_as_for_one(admin_client, ours):
    """The queries do not grow with the projects. On each of the two requests: the session,
    the user and their authenticator, and the list's region and theme filters. Then the
    projects (a count, and a page of a hundred); the seven lists, once per page; and the names
    of organisations, programmes, themes, regions and municipalities, once per file."""
    rich(ours.project, 1)
    with CaptureQueriesContext(connection) as one:
        export(admin_client, "project")
    for number in range(2, 6):
        rich(ProjectFactory.create(), number)
    with CaptureQueriesContext(connection) as five:
        export(admin_client, "project")
    assert len(five) == len(one)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_an_export_again_changes_nothing(admin_client, ours, theirs, file_format):
    rich(ours.project)
    rich(theirs.project, 1)
    before = held()
    content = export(admin_client, "project", file_format).content
    page = imported(admin_client, "project", content, file_format)
    assert kinds(page) == ["skip", "skip"]
    assert held() == before


def test_a_changed_row_updates_its_project_and_keeps_what_the_file_does_not_show(
    admin_client, ours, theirs
):
    project = rich(ours.project)
    partner = project.implementers.get(role=ImplementerRole.PARTNER)
    kept_funding = project.fundings.get(amount=Decimal("10000"))
    data = dataset(export(admin_client, "project").content)
    row = row_of(data, project.slug)
    row["name_fi"] = "Vesiosuuskuntien hanke"
    row["implementers"] = "Kumppani Oy 0 (partner); Meidän (coordinator)"
    row["funders"] = "Rahoittaja 0 / ELY-keskus 0 / Osaaminen"
    row["regions"] = "Nyland"
    row["keywords"] = "opiskeluvaria0; Uusi avainsana"
    row["identifiers"] = "eura2014: S20000; gov_project: OKM025:00/2022"
    other = row_of(data, theirs.project.slug)
    theirs_before = Project.objects.filter(pk=theirs.project.pk).values().get()

    page = imported(admin_client, "project", file_of(with_rows(data, [row, other])))

    assert kinds(page) == ["update", "skip"]
    project.refresh_from_db()
    assert project.name_fi == "Vesiosuuskuntien hanke"
    implementers = list(project.implementers.all())
    assert [(row.organisation, row.role) for row in implementers] == [
        (partner.organisation, ImplementerRole.PARTNER),
        (ours.organisation, ImplementerRole.COORDINATOR),
    ]
    assert (implementers[0].pk, implementers[0].note_fi) == (partner.pk, "Vain osa")
    assert [funding.pk for funding in project.fundings.all()] == [kept_funding.pk]
    assert list(project.regions.all()) == [Region.objects.get(slug="uusimaa")]
    assert sorted(project.keywords.values_list("name", flat=True)) == [
        "OpiskeluVaria0",
        "Uusi avainsana",
    ]
    assert sorted(project.identifiers.values_list("value", flat=True)) == [
        "OKM025:00/2022",
        "S20000",
    ]
    assert Project.objects.filter(pk=theirs.project.pk).values().get() == theirs_before
    # The search index knows the new name.
    assert project in project_search(ProjectFilters(q="vesiosuuskuntien"))


def test_a_new_row_adds_a_project(admin_client, ours):
    data = tablib.Dataset(
        ["Uusi hanke", "1.8.2024", "2025", "year", "Meidän (coordinator)", "Nyland; Pirkanmaa"],
        headers=["name_fi", "start_date", "end_date", "end_precision", "implementers", "regions"],
    )
    # Saved as Excel saves CSV in Finland: with semicolons.
    page = imported(admin_client, "project", file_of(data, delimiter=";"))
    assert kinds(page) == ["new"]
    project = Project.objects.get(slug="uusi-hanke")
    assert (project.start_date, project.end_date) == (
        datetime.date(2024, 8, 1),
        datetime.date(2025, 12, 31),
    )
    assert (project.kind, project.is_published) == ("project", False)
    assert [row.organisation for row in project.implementers.all()] == [ours.organisation]
    assert sorted(project.regions.values_list("slug", flat=True)) == ["pirkanmaa", "uusimaa"]


def test_publishing_a_project_publishes_the_organisations_it_names(admin_client):
    OrganisationFactory.create(name_fi="Ehdotettu Oy", is_published=False)
    data = tablib.Dataset(
        ["Julkaistu hanke", "1", "Ehdotettu Oy (partner)"],
        headers=["name_fi", "is_published", "implementers"],
    )
    imported(admin_client, "project", file_of(data))
    assert Organisation.objects.get(name_fi="Ehdotettu Oy").is_published


def test_a_row_without_a_slug_updates_the_project_that_has_its_identifier(admin_client, ours):
    IdentifierFactory.create(project=ours.project, value="S21485")
    count = Project.objects.count()
    data = tablib.Dataset(
        ["Meidän hanke, toinen vaihe", "eura2014: S21485"], headers=["name_fi", "identifiers"]
    )
    page = imported(admin_client, "project", file_of(data))
    assert kinds(page) == ["update"]
    assert Project.objects.count() == count
    ours.project.refresh_from_db()
    assert ours.project.name_fi == "Meidän hanke, toinen vaihe"
    # The columns the file does not have are left as they were.
    assert ours.project.implementers.get().organisation == ours.organisation


def test_bad_rows_are_shown_with_their_numbers_and_nothing_is_saved(admin_client, ours):
    before = held()
    headers = ["slug", "name_fi", "start_date", "start_precision", "end_date", "regions"]
    rows = [
        ["hyva", "Hyvä hanke", "2024-01-01", "day", "", "Uusimaa"],  # 1: good
        ["paiva", "Päivä", "31.2.2024", "day", "", ""],  # 2: no such day
        ["tarkkuus", "Tarkkuus", "2024-01-01", "weekly", "", ""],  # 3: no such precision
        ["loppu", "Loppu", "2024-05-01", "day", "2024-01-01", ""],  # 4: ends before it starts
        ["alue", "Alue", "", "day", "", "Atlantis"],  # 5: no such region
        ["nimi", "", "", "day", "", ""],  # 6: no name
    ]
    data = tablib.Dataset(*rows, headers=headers)
    data.append_col(["", "", "", "", "", "Olematon Oy (partner)"], header="implementers")

    page = preview(admin_client, "project", file_of(data))

    errors = invalid(page)
    assert set(errors) == {2, 3, 4, 5, 6}
    assert "31.2.2024" in errors[2]
    assert "weekly" in errors[3]
    assert gettext("The project cannot end before it starts.") in errors[4]
    assert "Atlantis" in errors[5]
    assert "Olematon Oy" in errors[6]
    html = page.content.decode()
    assert "import_file_name" not in html  # nothing to confirm
    for number in errors:
        assert re.search(rf"<td>{number}\s*</td>", html)
    assert held() == before
    assert not Organisation.objects.filter(name_fi__startswith="Olematon").exists()


def test_a_row_that_fails_when_confirmed_undoes_the_whole_file(admin_client, theirs):
    data = tablib.Dataset(
        ["uusi-1", "Uusi yksi", ""],
        ["uusi-2", "Uusi kaksi", "eura2014: S29999"],
        headers=["slug", "name_fi", "identifiers"],
    )
    page = preview(admin_client, "project", file_of(data))
    assert kinds(page) == ["new", "new"]
    # Meanwhile another project is given the identifier.
    IdentifierFactory.create(project=theirs.project, value="S29999")

    done = confirm(admin_client, "project", page)

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:projects_project_import")
    assert not Project.objects.filter(slug__startswith="uusi-").exists()
    message = gettext(
        "Nothing was imported: some rows have errors. Import the file again to see them."
    )
    assert message in admin_client.get(done["Location"]).content.decode()


def test_an_xlsx_file_imports_too(admin_client, ours):
    data = dataset(export(admin_client, "project", "xlsx").content, "xlsx")
    row = row_of(data, ours.project.slug)
    row["name_sv"] = "Vårt projekt"
    row["start_date"] = datetime.date(2020, 5, 1)
    page = imported(admin_client, "project", file_of(with_rows(data, [row]), "xlsx"), "xlsx")
    assert kinds(page) == ["update"]
    ours.project.refresh_from_db()
    assert (ours.project.name_sv, ours.project.start_date) == (
        "Vårt projekt",
        datetime.date(2020, 5, 1),
    )
