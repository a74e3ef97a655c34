"""/sitemap.xml and robots.txt (issue 22): every kind of public page in every language, with
hreflang alternates and when it last changed; nothing unpublished, past or personal; robots
points at the sitemap and keeps crawlers out of what is not for them."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from .factories import OrganisationFactory
from .open_data_helpers import LANGUAGES, make_catalogue, url

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOST = "http://testserver"


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def parse(client, address: str) -> ET.Element:
    response = client.get(address)
    assert response.status_code == 200, address
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own output


def sitemap_urls(client) -> dict[str, ET.Element]:
    """Every <url> of every sitemap the index names, by its address."""
    index = parse(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    found: dict[str, ET.Element] = {}
    for location in index.iter(f"{SITEMAP}loc"):
        sitemap = location.text or ""
        assert sitemap.startswith(f"{HOST}/sitemap-")
        for entry in parse(client, sitemap.removeprefix(HOST)).iter(f"{SITEMAP}url"):
            address = entry.findtext(f"{SITEMAP}loc", "")
            assert address not in found
            found[address] = entry
    return found


def test_every_kind_of_public_page_is_there_in_every_language(client, catalogue):
    fundings = list(catalogue.project.fundings.all())
    organisations = {
        implementer.organisation.slug for implementer in catalogue.project.implementers.all()
    } | {
        organisation.slug
        for funding in fundings
        for organisation in (funding.funder, funding.intermediary)
        if organisation
    }

    found = sitemap_urls(client)

    pages: list[tuple[str, dict[str, object]]] = [("home", {}), ("projects:list", {})]
    pages += [("forums:list", {})]
    pages += [("accessibility", {}), ("privacy", {})]
    pages += [("projects:detail", {"slug": catalogue.project.slug})]
    pages += [("projects:organisation", {"slug": slug}) for slug in organisations]
    pages += [("projects:programme", {"slug": funding.programme.slug}) for funding in fundings]
    pages += [("forums:forum", {"slug": catalogue.forum.slug})]
    pages += [("forums:meeting", {"pk": catalogue.meeting.pk})]
    pages += [("forums:meeting", {"pk": catalogue.cancelled.pk})]
    expected = {
        HOST + url(name, language, **kwargs) for name, kwargs in pages for language in LANGUAGES
    }
    assert set(found) == expected


def test_nothing_unpublished_past_or_personal_is_listed(client, catalogue):
    loner = OrganisationFactory()  # implements nothing published
    text = " ".join(sitemap_urls(client))

    for address in [
        url("projects:detail", "fi", slug=catalogue.unpublished.slug),
        url("forums:forum", "fi", slug=catalogue.hidden.forum.slug),
        url("forums:meeting", "fi", pk=catalogue.hidden.pk),
        url("forums:meeting", "fi", pk=catalogue.past.pk),
        url("projects:organisation", "fi", slug=loner.slug),
    ]:
        assert address not in text
    for part in ("/registrations/", "/unsubscribe/", "/admin/", "/api/", "/download."):
        assert part not in text


def test_each_page_names_its_languages_and_a_default(client, catalogue):
    found = sitemap_urls(client)
    slug = catalogue.project.slug
    pages = {language: f"{HOST}/{language}/projects/{slug}/" for language in LANGUAGES}

    for address in pages.values():
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in found[address].findall(f"{XHTML}link")
            if link.get("rel") == "alternate"
        }
        assert alternates == {**pages, "x-default": f"{HOST}/projects/{slug}/"}


def test_the_default_address_leads_to_a_language(client, catalogue):
    response = client.get(f"/projects/{catalogue.project.slug}/", headers={"accept-language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == f"/sv/projects/{catalogue.project.slug}/"


def test_projects_and_meetings_say_when_they_last_changed(client, catalogue):
    found = sitemap_urls(client)
    project = found[HOST + url("projects:detail", "en", slug=catalogue.project.slug)]
    meeting = found[HOST + url("forums:meeting", "sv", pk=catalogue.meeting.pk)]

    # The day in Helsinki, as the sitemap gives it: between 22 and 24 UTC it is tomorrow's.
    for entry, changed in ((project, catalogue.project), (meeting, catalogue.meeting)):
        day = timezone.localtime(changed.updated_at).date().isoformat()
        assert entry.findtext(f"{SITEMAP}lastmod") == day
    assert found[HOST + url("home", "fi")].find(f"{SITEMAP}lastmod") is None


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert f"Sitemap: {settings.PORTAL_URL}/sitemap.xml" in lines
    assert "Disallow: /api/v1/docs/" in lines
    assert "Disallow: /admin/" in lines
    for language in LANGUAGES:
        assert f"Disallow: /{language}/registrations/" in lines
        assert f"Disallow: /{language}/unsubscribe/" in lines
        assert f"Disallow: /{language}/projects/download." in lines
    assert not any(line.strip() in {"Disallow: /", f"Disallow: /{language}/"} for line in lines)
    # The sitemap, the feeds and the API's data stay open.
    assert not any(
        line.startswith("Disallow:") and part in line
        for line in lines
        for part in ("sitemap", "feed", "/api/v1/projects")
    )
