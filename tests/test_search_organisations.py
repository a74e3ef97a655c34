"""Organisations found by any of their names or abbreviations in any language: in admin's
autocomplete (an editor choosing a project's implementer or funder) and on the listing's
implementing-organisation filter."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from projects.models import Organisation

from .search_languages_catalogue import catalogue

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = "/admin/autocomplete/"


def _autocomplete(
    client: Client, term: str, model: str = "implementer", field: str = "organisation"
):
    return client.get(
        AUTOCOMPLETE,
        {"app_label": "projects", "model_name": model, "field_name": field, "term": term},
    )


def _chosen(
    client: Client, term: str, model: str = "implementer", field: str = "organisation"
) -> set[str]:
    response = _autocomplete(client, term, model, field)
    assert response.status_code == 200, response.content[:500]
    ids = {int(result["id"]) for result in response.json()["results"]}
    return set(Organisation.objects.filter(pk__in=ids).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("term", "slugs"),
    [
        ("Opetushallitus", {"opetushallitus"}),
        ("Utbildningsstyrelsen", {"opetushallitus"}),
        ("Finnish National Agency for Education", {"opetushallitus"}),
        ("OPH", {"opetushallitus"}),
        ("oph", {"opetushallitus"}),
        ("Kouluhallitus", {"opetushallitus"}),
        ("Ammattikasvatushallitus", {"opetushallitus"}),
        ("Savolax", {"sakky"}),
        ("Savo Consortium", {"sakky"}),
        ("Sakky", {"sakky"}),
        ("Vanda yrkesinstitut", {"varia"}),
        ("Vocational College", {"varia"}),
        ("Helsingfors", {"helsingin-kaupunki", "hdl"}),
        ("Deaconess", {"hdl"}),
        ("WinNova", {"winnova"}),
    ],
)
def test_an_editor_finds_an_organisation_by_any_name_in_the_implementer_autocomplete(
    editor_client, term, slugs
):
    catalogue()
    assert _chosen(editor_client, term) == slugs


@pytest.mark.parametrize(
    ("term", "slugs"),
    [
        ("Europeiska socialfonden", {"esr"}),
        ("European Social Fund", {"esr"}),
        ("ESR", {"esr"}),
        ("Utbildningsstyrelsen", {"opetushallitus"}),
        ("Centre for Economic Development", {"uudenmaan-ely"}),
        ("Nyland", {"uudenmaan-ely"}),
    ],
)
def test_an_editor_finds_a_funder_by_any_name_in_the_funding_autocomplete(
    editor_client, term, slugs
):
    catalogue()
    assert _chosen(editor_client, term, model="funding", field="funder") == slugs
    assert _chosen(editor_client, term, model="funding", field="intermediary") == slugs


def test_the_editor_is_a_member_of_the_editors_group_not_a_superuser(editor: User):
    assert not editor.is_superuser
    assert [group.name for group in editor.groups.all()] == ["Editors"]


def test_a_stranger_gets_no_autocomplete(client):
    catalogue()

    response = _autocomplete(client, "Opetushallitus")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert b"Opetushallitus" not in response.content


def _listed(client: Client, organisation: str) -> set[str]:
    response = client.get("/fi/projects/", {"organisation": organisation})
    assert response.status_code == 200
    return {project.slug for project in response.context["page"].object_list}


@pytest.mark.parametrize(
    ("typed", "slugs"),
    [
        ("Savon koulutuskuntayhtymä", {"yhessa"}),
        ("Savolax utbildningssamkommun", {"yhessa"}),
        ("Savo Consortium for Education", {"yhessa"}),
        ("Sakky", {"yhessa"}),
        ("sakky", {"yhessa"}),
        ("Vanda yrkesinstitut", {"keskeyttamisesta-kohtaamiseen"}),
        ("Vantaa Vocational College", {"keskeyttamisesta-kohtaamiseen"}),
        ("Helsinki Deaconess Foundation", {"vamos"}),
        ("HDL", {"vamos"}),
        ("Savon ammattiopisto", {"yhessa"}),
    ],
)
def test_the_listing_filters_by_any_name_of_the_implementing_organisation(client, typed, slugs):
    catalogue()
    Organisation.objects.filter(slug="sakky").update(other_names="Savon ammattiopisto")

    assert _listed(client, typed) == slugs


def test_the_listing_organisation_filter_is_about_implementers_not_funders(client):
    catalogue()
    # Opetushallitus funds three projects and implements none.
    assert _listed(client, "Utbildningsstyrelsen") == set()
    assert _listed(client, "OPH") == set()
