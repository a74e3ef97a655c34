"""The catalogue's endpoints (issue 22): each list and detail shows published records only,
with what their pages show."""

import pytest

from projects.models import ImplementerRole

from .api_helpers import LISTS, catalogue, get, results, slugs
from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


def test_the_root_lists_every_endpoint_and_states_the_licence(client):
    response = get(client, "")

    assert response.status_code == 200
    root = response.json()
    assert root["licence"]["name"] == "CC BY 4.0"
    assert root["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Hankeportaali" in root["attribution"]
    assert sorted(root["endpoints"]) == sorted(LISTS)
    assert root["endpoints"]["projects"] == "http://testserver/api/v1/projects/"
    assert root["schema"] == "http://testserver/api/v1/schema/"
    assert root["documentation"] == "http://testserver/api/v1/docs/"


def test_the_api_is_outside_the_language_prefixes(client):
    assert client.get("/fi/api/v1/").status_code == 404
    assert client.get("/api/v1/").status_code == 200


def test_the_project_list_has_published_projects_only(client):
    data = catalogue()

    assert slugs(client, "projects") == ["vamos", "yhessa"]
    assert get(client, f"projects/{data.hidden.slug}/").status_code == 404


def test_a_project_in_the_list_is_what_its_card_shows(client):
    catalogue()

    (vamos,) = [item for item in results(client, "projects") if item["slug"] == "vamos"]

    assert vamos["url"] == "http://testserver/api/v1/projects/vamos/"
    assert vamos["page"] == "http://testserver/fi/projects/vamos/"
    assert vamos["name"] == "VAMOS"
    assert vamos["status"] == "ongoing"
    assert (vamos["start_date"], vamos["start_precision"]) == ("2018-10-01", "month")
    assert (vamos["end_date"], vamos["end_precision"]) == ("2030-08-31", "month")
    assert [region["slug"] for region in vamos["regions"]] == ["pohjois-savo"]
    assert [theme["slug"] for theme in vamos["themes"]] == ["inclusion"]
    assert vamos["lead_organisations"] == [
        {
            "organisation": {
                "slug": "sakky",
                "name": "Savon koulutuskuntayhtymä",
                "abbreviation": "Sakky",
                "fallbacks": {},
            },
            "role": "coordinator",
        }
    ]
    assert [funder["slug"] for funder in vamos["funders"]] == ["esr"]
    # The long texts are the detail's.
    assert "goals" not in vamos


def test_a_project_in_the_list_names_a_funder_once(client):
    data = catalogue()

    FundingFactory(project=data.project, funder=data.funder)

    (vamos,) = [item for item in results(client, "projects") if item["slug"] == "vamos"]
    assert [funder["slug"] for funder in vamos["funders"]] == ["esr"]


def test_a_project_detail_is_what_its_page_shows(client):
    catalogue()

    project = get(client, "projects/vamos/").json()

    assert project["other_names"] == ["Vamos Kuopio", "VAMOS 2"]
    assert project["goals"] == "- Opiskelupaikka\n- Työpaikka"
    assert project["identifiers"] == [
        {
            "scheme": "eura2014",
            "value": "S21485",
            "register_url": "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21485",
        }
    ]
    assert [item["name"] for item in project["municipalities"]] == ["Kuopio"]
    assert project["keywords"] == ["OpiskeluVaria"]
    (funding,) = project["fundings"]
    assert funding["funder"]["slug"] == "esr"
    assert funding["intermediary"]["slug"] == "ely"
    assert (funding["programme"]["code"], funding["programme"]["level"]) == (
        "10.1",
        "specific_objective",
    )
    assert [(item["organisation"]["slug"], item["role"]) for item in project["implementers"]] == [
        ("sakky", "coordinator")
    ]
    assert project["contacts"] == [
        {
            "role": "Projektipäällikkö",
            "organisation": {
                "slug": "sakky",
                "name": "Savon koulutuskuntayhtymä",
                "abbreviation": "Sakky",
                "fallbacks": {},
            },
            "fallbacks": {},
        }
    ]
    assert [(link["kind"], link["label"]) for link in project["links"]] == [("website", "Kotisivu")]
    assert [event["title"] for event in project["events"]] == ["Julkaisuseminaari"]
    (related,) = project["related"]
    assert related["other_is"] == "member"
    assert related["project"]["slug"] == "yhessa"


def test_a_relation_to_an_unpublished_project_is_not_shown(client):
    data = catalogue()

    RelationFactory(from_project=data.project, to_project=data.hidden)

    related = get(client, "projects/vamos/").json()["related"]
    assert [line["project"]["slug"] for line in related] == ["yhessa"]


def test_organisations_list_and_detail(client):
    data = catalogue()
    unit = OrganisationFactory(
        slug="sakky-aikuiset",
        name_fi="Sakky aikuiskoulutus",
        parent=data.coordinator,
        other_names="Aikuis-Sakky\nSakky AK",
        email="info@sakky.example.org",
    )

    assert slugs(client, "organisations") == ["ely", "esr", "sakky", "sakky-aikuiset"]
    detail = get(client, f"organisations/{unit.slug}/").json()
    assert detail["parent"]["slug"] == "sakky"
    assert detail["other_names"] == ["Aikuis-Sakky", "Sakky AK"]
    # The organisation's own office address, not a person's, as its page shows.
    assert detail["email"] == "info@sakky.example.org"
    assert detail["projects"] == "http://testserver/api/v1/projects/?organisation=sakky-aikuiset"
    assert detail["funded_projects"] == "http://testserver/api/v1/projects/?funder=sakky-aikuiset"
    assert get(client, "organisations/no-such/").status_code == 404


def test_funders_are_those_of_published_projects(client):
    data = catalogue()
    only_unpublished = OrganisationFactory(slug="vain-luonnos")

    FundingFactory(project=data.hidden, funder=only_unpublished)

    assert slugs(client, "funders") == ["ely", "esr"]
    assert get(client, "funders/esr/").json()["slug"] == "esr"
    assert get(client, "funders/sakky/").status_code == 404
    assert get(client, f"funders/{only_unpublished.slug}/").status_code == 404


def test_programmes_list_and_detail_with_its_path_and_parts(client):
    data = catalogue()
    tree = data.programmes

    assert slugs(client, "programmes") == sorted(node.slug for node in tree.values())
    axis = get(client, f"programmes/{tree['axis'].slug}/").json()
    assert [node["slug"] for node in axis["path"]] == [
        tree["fund"].slug,
        tree["programme"].slug,
        tree["axis"].slug,
    ]
    assert [node["slug"] for node in axis["children"]] == [tree["objective"].slug]
    assert axis["parent"]["slug"] == tree["programme"].slug
    assert axis["projects"].endswith(f"/api/v1/projects/?programme={tree['axis'].slug}")


def test_themes_and_regions(client):
    catalogue()

    assert slugs(client, "themes") == ["inclusion"]
    assert get(client, "themes/inclusion/").json()["name"] == "Osallisuus"
    regions = results(client, "regions")
    assert len(regions) == 19
    assert get(client, "regions/uusimaa/").json()["code"] == "01"
    assert get(client, "themes/no-such/").status_code == 404


def test_the_lists_link_to_the_project_list_filtered(client):
    data = catalogue()
    ImplementerFactory(
        project=ProjectFactory(slug="toinen"),
        organisation=data.coordinator,
        role=ImplementerRole.PARTNER,
    )
    organisation = get(client, "organisations/sakky/").json()

    assert slugs(client, organisation["projects"]) == ["toinen", "vamos"]
    assert slugs(client, get(client, "themes/inclusion/").json()["projects"]) == ["vamos"]


def test_the_api_is_read_only(client):
    catalogue()

    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v1/projects/vamos/").status_code == 405
    assert client.post("/api/v1/projects/").status_code == 405
