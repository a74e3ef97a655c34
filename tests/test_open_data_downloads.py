"""The listing's results as CSV and XLSX downloads (issue 22): in the page's language, with
the listing's filters, a permalink to each project, cells that no spreadsheet runs as a
formula, the licence where a file can carry it, and a number of queries that does not grow
with the results."""

import pytest
from django.conf import settings

from portal.open_data import LICENCE_URL
from projects.exports import COLUMNS
from projects.models import Project

from .factories import (
    ContactFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
    region,
)
from .open_data_helpers import csv_rows, make_catalogue, url, workbook, workbook_text
from .page_html import find_all

pytestmark = pytest.mark.django_db

COLUMN_NAMES = [name for name, _label in COLUMNS]


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    """Each row after the headings, by the column's name in projects.exports.COLUMNS."""
    return [dict(zip(COLUMN_NAMES, row, strict=True)) for row in rows[1:]]


EXPECTED_EN = {
    "name": "Together",
    "acronym": "YHS",
    "other_names": "Yhessä-hanke; Yhdessä",
    "kind": "project",
    "status": "ongoing",
    "start": "2018-10",
    "end": "2030",
    "summary": "The project supports immigrant parents.",
    "implementers": "Omnia (coordinator); Sakky (partner)",
    "funders": "Finnish National Agency",
    "intermediaries": "Häme ELY",
    "programmes": "TL 5 Growth",
    "regions": "Uusimaa",
    "themes": "Participation",
    "contacts": "Project manager, Omnia",
    "identifiers": "EURA 2014 project code: S21485",
}


def test_csv_has_a_row_per_published_project_with_every_column(client, catalogue):
    response = client.get(url("projects:download_csv", "en"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="projects-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    rows = csv_rows(response, ",")
    [row] = as_dicts(rows)  # the unpublished project is left out
    page = row.pop("page")
    assert row == EXPECTED_EN
    assert page == f"{settings.PORTAL_URL}/en/projects/{catalogue.project.slug}/"


@pytest.mark.parametrize(
    ("language", "delimiter", "heading", "name", "role", "region_name"),
    [
        ("fi", ";", "Nimi", "Yhessä", "Omnia (koordinaattori)", "Uusimaa"),
        ("sv", ";", "Namn", "Tillsammans", "Omnia (koordinator)", "Nyland"),
        ("en", ",", "Name", "Together", "Omnia (coordinator)", "Uusimaa"),
    ],
)
def test_csv_is_in_the_pages_language_with_its_separator(
    client, catalogue, language, delimiter, heading, name, role, region_name
):
    rows = csv_rows(client.get(url("projects:download_csv", language)), delimiter)

    assert rows[0][0] == heading
    assert all(len(row) == len(COLUMNS) for row in rows)
    [row] = as_dicts(rows)
    assert row["name"] == name
    assert row["implementers"].startswith(role)
    assert row["regions"] == region_name
    assert row["page"] == f"{settings.PORTAL_URL}/{language}/projects/{catalogue.project.slug}/"


def test_downloads_keep_the_listings_filters(client):
    theme = ThemeFactory(slug="osallisuus")
    chosen = ProjectFactory(name_fi="Teemallinen")
    chosen.themes.set([theme])
    ProjectFactory(name_fi="Muu")
    query = "?theme=osallisuus&utm_source=uutiskirje&page=2"

    rows = csv_rows(client.get(url("projects:download_csv") + query), ";")
    book = workbook(client.get(url("projects:download_xlsx") + query))

    assert [row["name"] for row in as_dicts(rows)] == ["Teemallinen"]
    assert [cell.value for cell in book.worksheets[0]["A"]][1:] == ["Teemallinen"]


def test_the_listing_links_both_downloads_with_its_filters(client):
    theme = ThemeFactory(slug="osallisuus")
    ProjectFactory().themes.set([theme])
    html = client.get(
        url("projects:list") + "?theme=osallisuus&status=nope&utm_source=x&sort=name"
    ).content.decode()

    links = {
        element.attrs["href"]
        for element in find_all(html, "a")
        if "/download." in element.attrs.get("href", "")
    }
    assert links == {
        "/fi/projects/download.csv?theme=osallisuus&sort=name",
        "/fi/projects/download.xlsx?theme=osallisuus&sort=name",
    }


def test_cells_that_start_a_formula_are_neutralised(client):
    project = ProjectFactory(
        name_en='=HYPERLINK("https://evil.example.org","x")', acronym="+SUM(A1)", other_names="@cmd"
    )
    ImplementerFactory(project=project, organisation=OrganisationFactory(name_en="-2+3"))

    [row] = as_dicts(csv_rows(client.get(url("projects:download_csv", "en")), ","))
    book = workbook(client.get(url("projects:download_xlsx", "en")))

    assert row["name"] == '\'=HYPERLINK("https://evil.example.org","x")'
    assert row["acronym"] == "'+SUM(A1)"
    assert row["other_names"] == "'@cmd"
    assert row["implementers"].startswith("'-2+3")
    cells = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line]
    assert cells
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert book.worksheets[0]["A2"].value.startswith("'=HYPERLINK")


@pytest.mark.parametrize(
    ("language", "sheet", "licence"),
    [
        ("fi", "Hankkeet", "Creative Commons Nimeä 4.0 Kansainvälinen"),
        ("sv", "Projekt", "Creative Commons Erkännande 4.0 Internationell"),
        ("en", "Projects", "Creative Commons Attribution 4.0 International"),
    ],
)
def test_xlsx_reads_back_with_a_licence_sheet_and_properties(
    client, catalogue, language, sheet, licence
):
    response = client.get(url("projects:download_xlsx", language) + "?q=&sort=name")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert response["Link"] == f'<{LICENCE_URL}>; rel="license"'
    book = workbook(response)
    projects, licence_sheet = book.worksheets
    assert projects.title == sheet
    assert projects.max_row == 2
    assert projects.max_column == len(COLUMNS)
    assert projects.cell(2, COLUMN_NAMES.index("page") + 1).value == (
        f"{settings.PORTAL_URL}/{language}/projects/{catalogue.project.slug}/"
    )
    licence_text = "\n".join(
        str(value) for row in licence_sheet.iter_rows(values_only=True) for value in row
    )
    assert licence in licence_text
    assert LICENCE_URL in licence_text
    assert f"{settings.PORTAL_URL}/{language}/projects/?sort=name" in licence_text
    assert LICENCE_URL in book.properties.description
    assert licence in book.properties.description
    assert book.properties.creator == "Hankeportaali"
    assert book.properties.language == language


def _full_project(index: int) -> None:
    project = ProjectFactory()
    ImplementerFactory(project=project)
    ImplementerFactory(project=project)
    FundingFactory(project=project, intermediary=OrganisationFactory())
    ContactFactory(project=project, organisation=OrganisationFactory())
    IdentifierFactory(project=project)
    project.regions.set([region("uusimaa"), region("pirkanmaa")])
    project.themes.set([ThemeFactory()])


@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.parametrize("name", ["projects:download_csv", "projects:download_xlsx"])
def test_download_query_count_does_not_grow(client, django_assert_num_queries, count, name):
    for index in range(count):
        _full_project(index)
    # 1 the programme nodes for the filter form; 2 the projects; their 3 implementers with
    # organisations, 4 fundings with funder, intermediary and programme, 5 contacts with
    # organisations, 6 regions, 7 themes, 8 identifiers.
    with django_assert_num_queries(8):
        response = client.get(url(name, "en"))
        if response.streaming:
            rows = csv_rows(response, ",")
        else:
            rows = list(workbook(response).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + count
    assert all(row[-1].startswith(f"{settings.PORTAL_URL}/en/projects/") for row in rows[1:])


def test_ten_thousand_projects_download_in_bounded_rounds(client, django_assert_num_queries):
    Project.objects.bulk_create(
        Project(slug=f"bulk-{index}", name_fi=f"Hanke {index}", is_published=True)
        for index in range(10_000)
    )
    # 1 the programme nodes, 2 the projects (read in chunks from one query), then per
    # thousand projects the six queries of their related rows.
    with django_assert_num_queries(2 + 10 * 6):
        response = client.get(url("projects:download_csv", "en"))
        rows = csv_rows(response, ",")
    assert len(rows) == 10_001
    assert len({row[-1] for row in rows[1:]}) == 10_000


def test_the_workbook_holds_no_personal_details_of_a_contact(client, catalogue):
    text = workbook_text(workbook(client.get(url("projects:download_xlsx", "en"))))
    assert "Project manager, Omnia" in text
    assert catalogue.project.contacts.get().name not in text
