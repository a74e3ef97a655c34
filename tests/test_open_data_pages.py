"""What every public page tells machines and people about itself (issue 22): a canonical
address (absolute, without tracking or personal parameters; the listing keeps its real
filters and page), OpenGraph tags in its language, and the data's licence in the footer."""

import pytest
from django.conf import settings

from portal.open_data import LICENCE_URL

from .factories import ProjectFactory
from .open_data_helpers import LANGUAGES, make_catalogue, url
from .page_html import find_all
from .search_helpers import _refresh

pytestmark = pytest.mark.django_db

OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
LICENCE_NAMES = {
    "fi": "Creative Commons Nimeä 4.0 Kansainvälinen",
    "sv": "Creative Commons Erkännande 4.0 Internationell",
    "en": "Creative Commons Attribution 4.0 International",
}


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def public_pages(catalogue, language: str) -> dict[str, str]:
    project = catalogue.project
    funding = project.fundings.get()
    return {
        "home": url("home", language),
        "listing": url("projects:list", language),
        "project": url("projects:detail", language, slug=project.slug),
        "organisation": url(
            "projects:organisation", language, slug=project.implementers.first().organisation.slug
        ),
        "programme": url("projects:programme", language, slug=funding.programme.slug),
        "forums": url("forums:list", language),
        "forum": url("forums:forum", language, slug=catalogue.forum.slug),
        "archive": url("forums:archive", language),
        "meeting": url("forums:meeting", language, pk=catalogue.meeting.pk),
        "accessibility": url("accessibility", language),
        "privacy": url("privacy", language),
    }


def meta(html: str) -> dict[str, list[str]]:
    """The page's OpenGraph properties, each with its values in order."""
    found: dict[str, list[str]] = {}
    for element in find_all(html, "meta"):
        if element.attrs.get("property", "").startswith("og:"):
            found.setdefault(element.attrs["property"], []).append(element.attrs["content"])
    return found


def canonical(html: str) -> str:
    [link] = find_all(html, "link", rel="canonical")
    return link.attrs["href"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_a_canonical_address_and_opengraph(client, catalogue, language):
    for name, address in public_pages(catalogue, language).items():
        response = client.get(address + "?utm_source=uutiskirje&fbclid=abc")
        assert response.status_code == 200, name
        html = response.content.decode()

        assert canonical(html) == settings.PORTAL_URL + address, name
        tags = meta(html)
        assert tags["og:url"] == [settings.PORTAL_URL + address], name
        assert tags["og:site_name"] == ["Hankeportaali"], name
        assert tags["og:type"] == ["website"], name
        assert tags["og:title"][0].strip(), name
        assert len(tags["og:title"]) == 1, name
        assert tags["og:description"][0].strip(), name
        assert tags["og:locale"] == [OG_LOCALES[language]], name
        assert sorted(tags["og:locale:alternate"]) == sorted(
            OG_LOCALES[code] for code in LANGUAGES if code != language
        ), name


@pytest.mark.parametrize(
    ("language", "title"), [("fi", "Yhessä"), ("sv", "Tillsammans"), ("en", "Together")]
)
def test_a_project_is_shared_by_its_own_name_and_summary(client, catalogue, language, title):
    html = client.get(url("projects:detail", language, slug=catalogue.project.slug)).content
    tags = meta(html.decode())
    assert tags["og:title"] == [title]
    assert tags["og:description"] == [catalogue.project.__dict__[f"summary_{language}"]]


def test_the_listing_keeps_only_its_real_filters_and_page_in_the_canonical_address(
    client, settings
):
    settings.PROJECTS_PER_PAGE = 1
    # Three results for "Hanke", also on PostgreSQL, whose search reads the stored vectors.
    _refresh(*(ProjectFactory(name_fi=f"Hanke {index}") for index in range(3)))
    address = url("projects:list")

    html = client.get(
        address + "?q=+Hanke++&status=nope&utm_source=x&sort=name&page=2&gclid=1"
    ).content.decode()
    first_page = client.get(address + "?q=Hanke&page=1").content.decode()
    unreadable_page = client.get(address + "?page=abc").content.decode()

    assert canonical(html) == f"{settings.PORTAL_URL}{address}?q=Hanke&sort=name&page=2"
    assert canonical(first_page) == f"{settings.PORTAL_URL}{address}?q=Hanke"
    assert canonical(unreadable_page) == f"{settings.PORTAL_URL}{address}"


def test_a_personal_invitation_is_not_part_of_a_meetings_canonical_address(client, catalogue):
    address = url("forums:meeting", pk=catalogue.meeting.pk)
    html = client.get(address + "?invitation=not-a-real-token").content.decode()
    assert canonical(html) == settings.PORTAL_URL + address
    assert "not-a-real-token" not in meta(html)["og:url"][0]


@pytest.mark.parametrize("address", ["/fi/registrations/not-a-token/", "/fi/unsubscribe/x/"])
def test_pages_behind_personal_links_have_no_canonical_address_or_opengraph(client, address):
    html = client.get(address).content.decode()
    assert "<h1>" in html
    assert find_all(html, "link", rel="canonical") == []
    assert meta(html) == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_footer_names_the_data_licence_in_the_pages_language(client, language):
    html = client.get(url("projects:list", language)).content.decode()

    [footer] = find_all(html, "footer")
    [licence] = [link for link in find_all(html, "a", rel="license") if link.is_inside(footer)]
    assert licence.attrs["href"] == LICENCE_URL
    assert licence.text == LICENCE_NAMES[language]
    for other in LANGUAGES:
        if other != language:
            assert LICENCE_NAMES[other] not in html
