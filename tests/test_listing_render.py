"""The listing's filter choices, kept in a shared cache under the content version: the same
page with fewer queries, the chosen filters still applied, and a committed change offered at
once."""

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from projects.forms import ProjectFilterForm

from .factories import FundingFactory, OrganisationFactory, ProjectFactory, ThemeFactory, region
from .page_html import elements, find_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings):
    """As with CACHE_URL set (the test's cache stays the one per process); the whole page is
    not kept, so that each request renders the listing."""
    settings.CACHE_URL = "redis://cache.invalid:6379/0"
    settings.PAGE_CACHE_SECONDS = 0


def listing() -> str:
    with translation.override("en"):
        return reverse("projects:list")


def _funder_options(html: str) -> list[str]:
    select = next(element for element in elements(html) if element.attrs.get("id") == "id_funder")
    return [
        option.attrs["value"] for option in find_all(html, "option") if option.is_inside(select)
    ]


def test_kept_choices_give_the_same_page_with_fewer_queries(
    client, shared_cache, django_assert_num_queries
):
    funder = FundingFactory(project=ProjectFactory(is_published=True)).funder
    address = f"{listing()}?funder={funder.slug}"
    first = client.get(address)
    # Queries: the funder chosen, the count, the page's projects, their lead implementers,
    # fundings with funders, regions; the choices (funders, programmes, regions, themes) come
    # from the cache.
    with django_assert_num_queries(6):
        second = client.get(address)
    assert second.content == first.content
    assert f'<option value="{funder.slug}" selected>' in second.content.decode()


def test_kept_choices_clean_to_the_objects_chosen(shared_cache):
    funder = FundingFactory(project=ProjectFactory(is_published=True)).funder
    theme = ThemeFactory()
    query = QueryDict(f"funder={funder.slug}&region=uusimaa&theme={theme.slug}")
    ProjectFilterForm(query)  # reads the choices and keeps them

    filters = ProjectFilterForm(query).filters()

    assert (filters.funder, filters.region, filters.theme) == (funder, region("uusimaa"), theme)


def test_a_value_not_offered_is_left_out_with_kept_choices(client, shared_cache):
    unpublished = OrganisationFactory()
    FundingFactory(project=ProjectFactory(is_published=False), funder=unpublished)
    client.get(listing())

    page = client.get(f"{listing()}?funder={unpublished.slug}").content.decode()

    assert "could not be used and were left out" in page
    assert unpublished.slug not in _funder_options(page)


def test_a_committed_new_funder_is_offered_at_once_with_kept_choices(
    client, shared_cache, django_capture_on_commit_callbacks
):
    project = ProjectFactory(is_published=True)
    first = FundingFactory(project=project).funder
    assert _funder_options(client.get(listing()).content.decode()) == ["", first.slug]

    with django_capture_on_commit_callbacks(execute=True):
        second = FundingFactory(project=project).funder

    assert second.slug in _funder_options(client.get(listing()).content.decode())


def _funder_labels(html: str) -> list[str]:
    select = next(element for element in elements(html) if element.attrs.get("id") == "id_funder")
    return [option.text for option in find_all(html, "option") if option.is_inside(select)][1:]


def test_choices_are_kept_per_language(client, shared_cache):
    funder = OrganisationFactory(
        name_fi="Opetushallitus", name_en="Finnish National Agency for Education"
    )
    FundingFactory(project=ProjectFactory(is_published=True), funder=funder)
    with translation.override("fi"):
        finnish = reverse("projects:list")

    # The English page keeps its choices first; the Finnish page does not take them.
    assert _funder_labels(client.get(listing()).content.decode()) == [
        "Finnish National Agency for Education"
    ]
    assert _funder_labels(client.get(finnish).content.decode()) == ["Opetushallitus"]
    assert _funder_labels(client.get(listing()).content.decode()) == [
        "Finnish National Agency for Education"
    ]
