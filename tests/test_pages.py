"""The public catalogue pages in each language."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from projects.models import ImplementerRole, Project, RelationKind
from projects.services import project_search_refresh

from .factories import (
    ContactFactory,
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    RelationFactory,
    region,
)
from .page_html import elements, find_all

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


def url(name: str, language: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_renders_in_its_language(client, language):
    project = ProjectFactory(name_fi="Yhessä", name_sv="Tillsammans", name_en="Together")
    organisation = OrganisationFactory()
    ImplementerFactory(project=project, organisation=organisation)
    programme = FundingFactory(project=project, programme=ProgrammeFactory()).programme
    for page in [
        url("home", language),
        url("projects:list", language),
        url("projects:detail", language, slug=project.slug),
        url("projects:organisation", language, slug=organisation.slug),
        url("projects:programme", language, slug=programme.slug),
    ]:
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert page.startswith(f"/{language}/")


@pytest.mark.parametrize(
    ("language", "title"), [("fi", "Hankkeet"), ("sv", "Projekt"), ("en", "Projects")]
)
def test_listing_title_is_in_the_visitors_language(client, language, title):
    html = client.get(url("projects:list", language)).content.decode()
    assert re.search(rf"<title>\s*{title}\b", html)
    assert f"<h1>{title}</h1>" in html


def test_root_redirects_to_a_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert response["Location"] == "/sv/"


def test_language_switcher_keeps_the_page_and_query(client):
    project = ProjectFactory()
    html = client.get(
        url("projects:detail", "fi", slug=project.slug) + "?from=search"
    ).content.decode()
    assert f'href="/sv/projects/{project.slug}/?from=search"' in html
    assert f'href="/en/projects/{project.slug}/?from=search"' in html


def test_fallback_text_is_marked_with_its_language(client):
    project = ProjectFactory(
        name_fi="Keskeyttämisestä kohtaamiseen",
        name_en="",
        summary_fi="Suomenkielinen tiivistelmä.",
        summary_en="An English summary.",
    )
    html = client.get(url("projects:detail", "en", slug=project.slug)).content.decode()
    assert '<h1 lang="fi">Keskeyttämisestä kohtaamiseen' in html
    assert '<div class="summary"><p>An English summary.</p>' in html


def test_text_in_the_visitors_language_is_not_marked(client):
    project = ProjectFactory(name_fi="Hanke", name_sv="Projektet")
    html = client.get(url("projects:detail", "sv", slug=project.slug)).content.decode()
    assert "<h1>Projektet" in html


def test_month_precision_dates_are_shown_as_months(client):
    project = ProjectFactory(
        start_date=datetime.date(2018, 10, 1),
        start_precision="month",
        end_date=datetime.date(2020, 8, 31),
        end_precision="month",
    )
    html = client.get(url("projects:detail", "fi", slug=project.slug)).content.decode()
    assert "10/2018–08/2020" in html
    assert "31.8.2020" not in html


def test_detail_groups_implementers_by_role_and_shows_funding(client):
    project = ProjectFactory()
    administrator = OrganisationFactory(name_fi="Helsingin Diakonissalaitoksen säätiö")
    ImplementerFactory(
        project=project, organisation=administrator, role=ImplementerRole.ADMINISTRATOR
    )
    ImplementerFactory(
        project=project, organisation=administrator, role=ImplementerRole.CO_IMPLEMENTER
    )
    ImplementerFactory(project=project, organisation=OrganisationFactory(name_fi="Omnia"))
    FundingFactory(
        project=project,
        funder=OrganisationFactory(name_fi="Euroopan sosiaalirahasto"),
        intermediary=OrganisationFactory(name_fi="Pohjois-Pohjanmaan ELY-keskus"),
        programme=ProgrammeFactory(name_fi="Rakennerahasto-ohjelma"),
    )
    html = client.get(url("projects:detail", "fi", slug=project.slug)).content.decode()
    administrator_at = html.index("<dt>Hallinnoija</dt>")
    co_implementers_at = html.index("<dt>Osatoteuttaja</dt>")
    assert administrator_at < co_implementers_at
    assert html.count("Helsingin Diakonissalaitoksen säätiö") == 2
    assert "Euroopan sosiaalirahasto" in html
    assert "Pohjois-Pohjanmaan ELY-keskus" in html
    assert "Rakennerahasto-ohjelma" in html


def test_contact_email_is_not_in_the_plain_html(client):
    contact = ContactFactory(email="liisa.esimerkki@example.org")
    html = client.get(url("projects:detail", "fi", slug=contact.project.slug)).content.decode()
    assert "liisa.esimerkki@example.org" not in html
    assert "mailto:" not in html
    assert "liisa.esimerkki (at) example.org" in html
    assert "Projektipäällikkö" in html


def test_network_and_member_projects_link_each_other(client):
    network = ProjectFactory(name_fi="Välitä! – Visa omtanke!")
    member = ProjectFactory(name_fi="Hymy")
    RelationFactory(from_project=member, to_project=network, kind=RelationKind.MEMBER_OF)
    network_html = client.get(url("projects:detail", "fi", slug=network.slug)).content.decode()
    member_html = client.get(url("projects:detail", "fi", slug=member.slug)).content.decode()
    assert member.get_absolute_url() in network_html
    assert network.get_absolute_url() in member_html


def test_unpublished_project_is_not_found(client):
    project = ProjectFactory(is_published=False)
    assert client.get(url("projects:detail", "fi", slug=project.slug)).status_code == 404
    assert project.slug not in client.get(url("projects:list", "fi")).content.decode()


def test_organisation_page_lists_projects_by_role_and_as_funder(client):
    organisation = OrganisationFactory(name_fi="Opetushallitus")
    implemented = ProjectFactory(name_fi="Toteutettu hanke")
    funded = ProjectFactory(name_fi="Rahoitettu hanke")
    ImplementerFactory(
        project=implemented, organisation=organisation, role=ImplementerRole.COORDINATOR
    )
    FundingFactory(project=funded, funder=organisation)
    html = client.get(url("projects:organisation", "en", slug=organisation.slug)).content.decode()
    assert "As coordinator" in html
    assert "As funder" in html
    assert implemented.get_absolute_url().replace("/fi/", "/en/") in html
    assert funded.get_absolute_url().replace("/fi/", "/en/") in html


def test_listing_filters_are_shown_and_removable(client):
    uusimaa = region("uusimaa")
    project = ProjectFactory(name_fi="Uudenmaan hanke")
    project.regions.add(uusimaa)
    ProjectFactory(name_fi="Lapin hanke").regions.add(region("lappi"))
    project_search_refresh(project_ids=Project.objects.values_list("pk", flat=True))
    response = client.get(url("projects:list", "fi"), {"region": "uusimaa", "q": "hanke"})
    html = response.content.decode()
    assert "Uudenmaan <mark>hanke</mark>" in html
    assert "Lapin hanke" not in html
    assert "1 hanke" in html
    assert 'href="?q=hanke"' in html  # removing the region keeps the search
    assert 'href="?region=uusimaa"' in html  # removing the search keeps the region


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=99999",
        "?year=abc",
        "?year=99999999999999999999",
        "?region=%00",
        "?q=%00",
        "?q=" + "x" * 5000,
        "?funder=nonexistent&organisation[]=1&theme=%27%3B--",
        "?sort=DROP%20TABLE",
        "?status=ongoing&status=ended",
        "?q=%22unterminated&q=&&&=",
        "?q=%F0%9F%98%80%20%E2%80%AE",
        "?q=%ff%fe",
        "?q=!!!%20%7C%20%26%20%3A*",
    ],
)
def test_malformed_query_strings_still_get_a_page(client, query):
    ProjectFactory()
    response = client.get(url("projects:list", "fi") + query)
    assert response.status_code == 200


def test_ignored_filters_are_mentioned(client):
    html = client.get(url("projects:list", "en") + "?year=abc").content.decode()
    assert "could not be used" in html


def test_pagination_keeps_the_filters(client, settings):
    settings.PROJECTS_PER_PAGE = 2
    ProjectFactory.create_batch(5, name_fi="Sama hanke")
    project_search_refresh(project_ids=Project.objects.values_list("pk", flat=True))
    html = client.get(url("projects:list", "fi"), {"q": "Sama"}).content.decode()
    assert 'href="?q=Sama&amp;page=2"' in html
    assert "Sivu 1 / 3" in html


def _listing_with_projects(count: int) -> None:
    funder = OrganisationFactory()
    lead = OrganisationFactory()
    for project in ProjectFactory.create_batch(count):
        FundingFactory(project=project, funder=funder)
        ImplementerFactory(project=project, organisation=lead, role=ImplementerRole.COORDINATOR)
        project.regions.add(region("uusimaa"), region("kainuu"))


@pytest.mark.parametrize("count", [5, 100])
def test_listing_query_count_does_not_grow(client, django_assert_num_queries, settings, count):
    settings.PAGE_CACHE_SECONDS = 0  # the second request is counted, not served from the cache
    _listing_with_projects(count)
    # Queries: the count, the page's projects, their lead implementers, fundings with
    # funders, regions; the filters' choices: funders, programmes, regions, themes
    # (organisations are a text field, not a list).
    with django_assert_num_queries(9):
        response = client.get(url("projects:list", "fi"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 100])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, settings, count):
    settings.PAGE_CACHE_SECONDS = 0  # the second request is counted, not served from the cache
    _listing_with_projects(count)
    # Queries: the next meetings (none here); the ongoing projects with their lead
    # implementers, fundings and regions; the ended projects (none here, nothing to prefetch).
    with django_assert_num_queries(6):
        response = client.get(url("home", "fi"))
    assert response.status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_funder_is_offered_once_the_change_is_committed(client):
    """A kept listing page follows the catalogue: a change drops it after commit."""
    project = ProjectFactory(is_published=True)
    first = FundingFactory(project=project).funder
    page = url("projects:list", "en")
    assert first.slug in _funder_options(client.get(page).content.decode())

    second = FundingFactory(project=project).funder

    assert second.slug in _funder_options(client.get(page).content.decode())


def _funder_options(html: str) -> set[str]:
    select = next(element for element in elements(html) if element.attrs.get("id") == "id_funder")
    return {
        option.attrs["value"] for option in find_all(html, "option") if option.is_inside(select)
    }
