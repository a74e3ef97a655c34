"""Structured data (issue 22): project, organisation and meeting pages describe their subject
in JSON-LD with schema.org types, using only properties schema.org defines for each type
(the subset below, copied from schema.org), escaped so that no text can end the element,
never with a meeting's online link or a person's details; the only inline <script> bodies on
the pages are these data blocks, which the Content-Security-Policy does not need to allow."""

import datetime
import json
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from forums.models import MeetingStatus

from .factories import OrganisationFactory, ProjectFactory
from .forum_factories import MeetingFactory
from .open_data_helpers import LANGUAGES, PERSONAL, make_catalogue, url
from .page_html import elements, find_all

pytestmark = pytest.mark.django_db

# The properties we use, each one that schema.org lists for the type (directly or from a
# type above it: Project < Organization < Thing, Event < Thing, Place < Thing, the Intangibles
# < Thing). OrganizationRole carries the property it qualifies ("member"), as schema.org's Role
# pattern has it. VirtualLocation's `url` is left out on purpose: that is the private link.
THING = {"name", "alternateName", "description", "url", "identifier", "sameAs"}
ORGANIZATION = THING | {
    "address",
    "telephone",
    "email",
    "foundingDate",
    "dissolutionDate",
    "funder",
    "member",
    "parentOrganization",
    "areaServed",
    "keywords",
}
VOCABULARY = {
    "Project": ORGANIZATION,
    "Organization": ORGANIZATION,
    "OrganizationRole": THING | {"roleName", "member", "startDate", "endDate"},
    "AdministrativeArea": THING | {"address"},
    "PropertyValue": THING | {"propertyID", "value"},
    "PostalAddress": THING
    | {"streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry"},
    "Place": THING | {"address"},
    "VirtualLocation": {"name", "description"},
    "Event": THING
    | {
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "inLanguage",
    },
}


def vocabulary_problems(node: Any, path: str = "$") -> list[str]:
    """Each typed node's properties outside the vocabulary of its type, and untyped nodes."""
    if isinstance(node, list):
        return [
            problem
            for index, item in enumerate(node)
            for problem in vocabulary_problems(item, f"{path}[{index}]")
        ]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in VOCABULARY:
        return [f"{path}: no known @type ({kind!r})"]
    problems = [
        f"{path}: {kind} has no property {name!r}"
        for name in node
        if name not in VOCABULARY[kind] | {"@type", "@context"}
    ]
    for name, value in node.items():
        problems.extend(vocabulary_problems(value, f"{path}.{name}"))
    return problems


def json_ld(html: str) -> dict[str, Any]:
    [script] = find_all(html, "script", type="application/ld+json")
    data = json.loads(script.text)
    assert data["@context"] == "https://schema.org"
    assert vocabulary_problems(data) == []
    return data


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def test_the_vocabulary_check_finds_a_property_outside_a_type():
    assert vocabulary_problems({"@type": "Event", "name": "x", "foundingDate": "2020"}) == [
        "$: Event has no property 'foundingDate'"
    ]
    assert vocabulary_problems(
        {"@type": "Event", "location": {"@type": "VirtualLocation", "url": "https://x"}}
    ) == ["$.location: VirtualLocation has no property 'url'"]
    assert vocabulary_problems({"@type": "Thing"}) == ["$: no known @type ('Thing')"]
    assert vocabulary_problems({"name": "x"}) == ["$: no known @type (None)"]


@pytest.mark.parametrize(
    ("language", "name", "role"),
    [
        ("fi", "Yhessä", "koordinaattori"),
        ("sv", "Tillsammans", "koordinator"),
        ("en", "Together", "coordinator"),
    ],
)
def test_a_project_page_describes_the_project(client, catalogue, language, name, role):
    html = client.get(url("projects:detail", language, slug=catalogue.project.slug)).content
    data = json_ld(html.decode())

    assert data["@type"] == "Project"
    assert data["name"] == name
    assert data["alternateName"] == ["YHS", "Yhessä-hanke", "Yhdessä"]
    assert data["url"] == f"{settings.PORTAL_URL}/{language}/projects/{catalogue.project.slug}/"
    assert data["foundingDate"] == "2018-10"
    assert data["dissolutionDate"] == "2030"
    assert [funder["@type"] for funder in data["funder"]] == ["Organization"]
    assert data["member"][0]["roleName"] == role
    assert data["member"][0]["member"]["name"] == "Omnia"
    assert data["member"][0]["member"]["url"].startswith(
        f"{settings.PORTAL_URL}/{language}/organisations/"
    )
    assert data["identifier"] == [
        {
            "@type": "PropertyValue",
            "propertyID": "eura2014",
            "name": data["identifier"][0]["name"],
            "value": "S21485",
            "url": "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21485",
        }
    ]
    assert data["sameAs"] == ["https://yhessa.example.org/"]
    assert data["areaServed"][0]["@type"] == "AdministrativeArea"
    text = json.dumps(data)
    for detail in ("contact name", "contact e-mail", "contact phone"):
        assert PERSONAL[detail] not in text


def test_an_organisation_page_describes_the_organisation(client):
    parent = OrganisationFactory(name_fi="Helsingin kaupunki")
    organisation = OrganisationFactory(
        name_fi="Stadin ammattiopisto",
        abbreviation="Stadin AO",
        other_names="Stadi\nHelsinki Vocational College",
        business_id="0201256-6",
        parent=parent,
        street_address_fi="Hattulantie 2",
        postal_code="00550",
        post_office_fi="Helsinki",
        phone="+358 9 310 8600",
        email="stadinao@example.org",
        website="https://stadinao.example.org/",
    )
    html = client.get(url("projects:organisation", "fi", slug=organisation.slug)).content

    data = json_ld(html.decode())

    assert data["@type"] == "Organization"
    assert data["name"] == "Stadin ammattiopisto"
    assert data["alternateName"] == ["Stadin AO", "Stadi", "Helsinki Vocational College"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Hattulantie 2",
        "postalCode": "00550",
        "addressLocality": "Helsinki",
        "addressCountry": "FI",
    }
    assert data["telephone"] == "+358 9 310 8600"
    assert data["email"] == "stadinao@example.org"
    assert data["identifier"]["propertyID"] == "Y-tunnus"
    assert data["identifier"]["value"] == "0201256-6"
    assert data["identifier"]["name"] == "Y-tunnus"
    assert data["parentOrganization"]["name"] == "Helsingin kaupunki"
    assert data["sameAs"] == "https://stadinao.example.org/"
    assert data["url"] == f"{settings.PORTAL_URL}/fi/organisations/{organisation.slug}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_page_describes_the_event_without_its_online_link(client, catalogue, language):
    meeting = catalogue.meeting
    html = client.get(url("forums:meeting", language, pk=meeting.pk)).content.decode()

    data = json_ld(html)
    text = json.dumps(data)

    assert data["@type"] == "Event"
    assert (
        data["name"] == {"fi": "Syystapaaminen", "sv": "Höstmöte", "en": "Autumn meeting"}[language]
    )
    assert datetime.datetime.fromisoformat(data["startDate"]) == meeting.starts_at
    assert datetime.datetime.fromisoformat(data["endDate"]) == meeting.ends_at
    assert data["startDate"].endswith(("+02:00", "+03:00"))  # Helsinki time
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place"
    assert place["address"]["addressLocality"] == "Vantaa"
    assert online["@type"] == "VirtualLocation"
    assert "url" not in online
    assert "meet.example.org" not in text
    assert data["inLanguage"] == ["fi", "en"]
    assert data["organizer"]["@type"] == "Project"
    assert data["organizer"]["url"].endswith(f"/{language}/projects/{catalogue.project.slug}/")


def test_a_meetings_mode_and_status_follow_the_meeting(client):
    starts = timezone.now() + datetime.timedelta(days=2)
    times = {"starts_at": starts, "ends_at": starts + datetime.timedelta(hours=1)}
    online = MeetingFactory(
        venue="", address="", municipality="", online_url="https://meet.example.org/x", **times
    )
    cancelled = MeetingFactory(status=MeetingStatus.CANCELLED, **times)

    online_data = json_ld(client.get(url("forums:meeting", pk=online.pk)).content.decode())
    cancelled_data = json_ld(client.get(url("forums:meeting", pk=cancelled.pk)).content.decode())

    assert online_data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert online_data["location"] == {"@type": "VirtualLocation", "name": "Verkossa"}
    assert cancelled_data["eventAttendanceMode"] == (
        "https://schema.org/OfflineEventAttendanceMode"
    )
    assert cancelled_data["eventStatus"] == "https://schema.org/EventCancelled"


def test_no_text_can_end_the_data_block_early(client):
    hostile = '</script><script>alert("x")</script> & <!--'
    project = ProjectFactory(name_fi=hostile, summary_fi="<b>lihavoitu</b>")
    html = client.get(url("projects:detail", slug=project.slug)).content.decode()

    [script] = find_all(html, "script", type="application/ld+json")
    assert "<" not in script.text
    assert ">" not in script.text
    assert "&" not in script.text
    assert json.loads(script.text)["name"] == hostile
    assert json.loads(script.text)["description"] == "<b>lihavoitu</b>"
    assert html.count("<script") == 2  # the data block and site.js


def test_the_only_inline_scripts_are_data_blocks_the_policy_need_not_allow(client, catalogue):
    """Browsers run no script of type application/ld+json, so script-src stays 'self' only
    (tests/test_open_data_browser.py loads these pages in Chromium with no violation)."""
    pages = [
        url("projects:detail", slug=catalogue.project.slug),
        url("projects:organisation", slug=catalogue.project.implementers.first().organisation.slug),
        url("forums:meeting", pk=catalogue.meeting.pk),
    ]
    for address in pages:
        response = client.get(address)
        assert "script-src 'self';" in response["Content-Security-Policy"] + ";"
        assert "unsafe" not in response["Content-Security-Policy"]
        inline = [
            element
            for element in elements(response.content.decode())
            if element.tag == "script" and "src" not in element.attrs
        ]
        assert [element.attrs.get("type") for element in inline] == ["application/ld+json"]
        json.loads(inline[0].text)
