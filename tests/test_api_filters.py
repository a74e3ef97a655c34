"""The API's filters (issue 22): the listing pages' filters under the same names, an
implementer's role and a range of years for projects; a value the API cannot read is a 400
that names the parameter."""

import datetime

import pytest

from projects.models import ImplementerRole
from projects.services import project_search_refresh

from .api_helpers import Catalogue, catalogue, get, results, slugs
from .factories import ImplementerFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> Catalogue:
    return catalogue()


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("vamos", ["vamos"]),
        ("Yhessä", ["yhessa"]),
        ("OpiskeluVaria", ["vamos"]),  # a keyword
        ("S21485", ["vamos"]),  # an identifier
        ("Sakky", ["vamos"]),  # who runs it
        ("Luonnos", []),  # unpublished
    ],
)
def test_text_search(client, data, words, found):
    assert slugs(client, "projects", q=words) == found


def test_status(client, data):
    ended = ProjectFactory(
        slug="paattynyt", start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2017, 1, 1)
    )
    planned = ProjectFactory(slug="tuleva", start_date=datetime.date(2090, 1, 1), end_date=None)

    assert slugs(client, "projects", status="ended") == [ended.slug]
    assert slugs(client, "projects", status="planned") == [planned.slug]
    assert slugs(client, "projects", status="ongoing") == ["vamos", "yhessa"]


@pytest.mark.parametrize(
    ("funder", "found"),
    [("esr", ["vamos"]), ("ely", ["vamos"]), ("sakky", [])],  # ely passes the funding on
)
def test_funder(client, data, funder, found):
    assert slugs(client, "projects", funder=funder) == found


def test_programme_finds_projects_funded_under_any_node_below(client, data):
    tree = data.programmes

    for node in ("fund", "programme", "axis", "objective"):
        assert slugs(client, "projects", programme=tree[node].slug) == ["vamos"], node
    assert slugs(client, "projects", programme=tree["sibling"].slug) == []


def test_organisation_by_slug_or_by_name(client, data):
    assert slugs(client, "projects", organisation="sakky") == ["vamos"]
    assert slugs(client, "projects", organisation="Savon koulutus") == ["vamos"]
    assert slugs(client, "projects", organisation="Sakky") == ["vamos"]  # its abbreviation
    assert slugs(client, "projects", organisation="esr") == []  # funds, does not implement


def test_organisation_and_role(client, data):
    partner = OrganisationFactory(slug="kumppani", name_fi="Kumppani ry")
    ImplementerFactory(project=data.other, organisation=partner, role=ImplementerRole.PARTNER)
    ImplementerFactory(
        project=data.other, organisation=data.coordinator, role=ImplementerRole.PARTNER
    )

    assert slugs(client, "projects", role="coordinator") == ["vamos"]
    assert slugs(client, "projects", role="partner") == ["yhessa"]
    assert slugs(client, "projects", organisation="sakky") == ["vamos", "yhessa"]
    assert slugs(client, "projects", organisation="sakky", role="coordinator") == ["vamos"]
    assert slugs(client, "projects", organisation="kumppani", role="coordinator") == []
    assert slugs(client, "projects", organisation="Kumppani", role="partner") == ["yhessa"]


def test_region_and_theme(client, data):
    assert slugs(client, "projects", region="pohjois-savo") == ["vamos"]
    assert slugs(client, "projects", region="uusimaa") == []
    assert slugs(client, "projects", theme="inclusion") == ["vamos"]


def test_year_and_range_of_years(client, data):
    undated = ProjectFactory(slug="ajaton", start_date=None, end_date=None)
    project_search_refresh(project_ids=[undated.pk])

    # vamos runs 10/2018–8/2030, yhessa from 2023 with no end known.
    assert slugs(client, "projects", year=2019) == ["vamos"]
    assert slugs(client, "projects", year_to=2020) == ["vamos"]
    assert slugs(client, "projects", year_from=2031) == ["yhessa"]
    assert slugs(client, "projects", year_from=2024, year_to=2025) == ["vamos", "yhessa"]
    assert slugs(client, "projects", year_from=2010, year_to=2017) == []


def test_filters_combine(client, data):
    assert slugs(client, "projects", funder="esr", region="pohjois-savo", year=2020) == ["vamos"]
    assert slugs(client, "projects", funder="esr", status="ended") == []


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("status", "finished"),
        ("funder", "no-such-organisation"),
        ("programme", "no-such-programme"),
        ("region", "atlantis"),
        ("theme", "no-such-theme"),
        ("role", "boss"),
        ("year", "last"),
        ("year", "1800"),
        ("year_from", "2.5"),
        ("q", "x" * 201),
        ("q", "nul\x00byte"),
    ],
)
def test_a_value_the_api_cannot_read_is_a_400_naming_the_parameter(client, data, parameter, value):
    response = get(client, "projects", **{parameter: value})

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


def test_meetings_upcoming_only_with_the_forums_page_filters(client, data):
    def ids(**params):
        return [item["id"] for item in results(client, "meetings", **params)]

    assert ids() == [data.meeting.pk]  # not the ended one, nor the unpublished project's
    assert ids(forum="omapolku") == [data.meeting.pk]
    assert ids(region="uusimaa") == [data.meeting.pk]
    assert ids(region="lappi") == []
    assert ids(language="so") == [data.meeting.pk]
    assert ids(language="sv") == []
    # The unpublished project's forum is no forum to filter by.
    assert get(client, "meetings", forum="piilo").status_code == 400


def test_forums_by_project(client, data):
    assert slugs(client, "forums") == ["omapolku"]
    assert slugs(client, "forums", project="vamos") == ["omapolku"]
    assert slugs(client, "forums", project="yhessa") == []
    assert get(client, "forums", project="luonnos").status_code == 400
