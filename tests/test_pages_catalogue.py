"""What issue 20 added to the catalogue, as a stranger reads it on the public pages: a
project's other names, dates as planned or actual and as written, where it works, the
funding chain down the programme tree, roles with notes and periods, identifiers linked to
their registers, contacts' workload, events, and related projects not in the catalogue;
programme pages and the listing's programme filter; each page's queries pinned at two
sizes."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from projects.models import (
    IdentifierScheme,
    ImplementerRole,
    Programme,
    ProgrammeLevel,
    Project,
    RelationKind,
    Scope,
)

from .factories import (
    ContactFactory,
    EventFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    RelationFactory,
    municipality,
    programme_tree,
    region,
)
from .page_html import definitions, find_all, links

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "en"]


def get(client: Any, address: str, language: str, **query: str) -> str:
    """The page at `address` (any language's) in `language`, as an anonymous visitor gets it."""
    response = client.get(f"/{language}/{address.split('/', 2)[2]}", query)
    assert response.status_code == 200
    return str(response.content.decode())


def said(language: str, text: str) -> str:
    """An interface text as the page in `language` words it."""
    with translation.override(language):
        return gettext(text)


def short_date(language: str, value: datetime.date) -> str:
    with translation.override(language):
        return formats.date_format(value, "SHORT_DATE_FORMAT")


def named(row: Any, language: str) -> str:
    """A row's name as the page in `language` shows it (Finnish when it has none there)."""
    return str(getattr(row, f"name_{language}") or row.name_fi)


def described(html: str, language: str, term: str) -> str:
    """The text of every description of `term` (an English source string) on the page."""
    return " | ".join(dd.text for dd in definitions(html, said(language, term)))


def vamos(nodes: dict[str, Programme]) -> Project:
    """A project with one of each fact issue 20 added."""
    project = ProjectFactory.create(
        name_fi="INNOsta oppimiseen! VAMOS!",
        other_names="VAMOS\nInnosta oppimiseen",
        start_date=datetime.date(2018, 10, 1),
        start_precision="month",
        end_date=datetime.date(2020, 8, 31),
        end_precision="month",
        dates_basis="planned",
        start_text="syksy 2018",
        scope=Scope.REGIONAL,
    )
    project.regions.add(region("uusimaa"))
    project.municipalities.add(municipality("Espoo"), municipality("Vantaa"))
    FundingFactory(
        project=project,
        funder=OrganisationFactory(name_fi="Euroopan sosiaalirahasto (rahoittaja)", name_en=""),
        intermediary=OrganisationFactory(name_fi="Uudenmaan ELY-keskus", name_en=""),
        programme=nodes["objective"],
        amount=Decimal(900),
        start_date=datetime.date(2019, 3, 1),
        start_precision="month",
        end_date=datetime.date(2020, 12, 31),
        end_precision="year",
    )
    ImplementerFactory(
        project=project,
        organisation=OrganisationFactory(name_fi="Helsingin Diakonissalaitos", name_en=""),
        role=ImplementerRole.LEAD_PARTNER,
        note_fi="vain aikuiskoulutus",
        active_from=datetime.date(2019, 3, 1),
    )
    ContactFactory(project=project, workload="50 %", active_until=datetime.date(2020, 6, 30))
    event = EventFactory(
        project=project,
        title_fi="Aloitusseminaari",
        title_en="",
        date=datetime.date(2019, 5, 1),
        date_precision="month",
        place="Tampere",
        speakers="Aino Esimerkki, Liisa Esimerkki",
        url="https://example.org/aloitusseminaari",
    )
    event.co_organisers.add(OrganisationFactory(name_fi="Tampereen kaupunki", name_en=""))
    project.maintainers.add(OrganisationFactory(name_fi="Ylläpitäjä Oy", name_en=""))
    return project


# --- The project page.


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_gives_other_names_and_dates_as_planned_and_as_written(client, language):
    project = vamos(programme_tree())
    html = get(client, project.get_absolute_url(), language)
    (also,) = find_all(html, "p", **{"class": "also-known-as"})
    assert "VAMOS, Innosta oppimiseen" in also.text
    duration = described(html, language, "Planned duration")
    assert duration.startswith("10/2018–08/2020")
    assert "syksy 2018–08/2020" in duration
    assert described(html, language, "Actual duration") == ""


@pytest.mark.parametrize(
    ("basis", "term"),
    [("actual", "Actual duration"), ("", "Duration"), ("planned", "Planned duration")],
)
def test_the_duration_says_whether_its_dates_are_planned_or_actual(client, basis, term):
    project = ProjectFactory(dates_basis=basis, start_date=datetime.date(2021, 1, 1))
    html = get(client, project.get_absolute_url(), "en")
    assert described(html, "en", term).startswith(short_date("en", datetime.date(2021, 1, 1)))
    # The text as written is shown only when there is one.
    assert "As written" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_page_says_where_the_project_works(client, language):
    html = get(client, vamos(programme_tree()).get_absolute_url(), language)
    with translation.override(language):
        assert described(html, language, "Scope") == str(Scope.REGIONAL.label).capitalize()
    (places,) = definitions(html, said(language, "Municipalities"))
    assert places.text == "Espoo, Vantaa"
    # The municipalities have no English names: the Finnish ones are marked as such.
    names = [span for span in find_all(html, "span") if span.is_inside(places)]
    assert (
        [span.attrs.get("lang") for span in names] == [None, None]
        if language == "fi"
        else [
            "fi",
            "fi",
        ]
    )
    assert "?region=uusimaa" in links(html)["Uusimaa"]


def test_an_unknown_scope_is_not_mentioned(client):
    html = get(client, ProjectFactory(scope="").get_absolute_url(), "en")
    assert described(html, "en", "Scope") == ""
    assert "Municipalities" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_funding_chain_runs_from_funder_to_the_deepest_programme_node(client, language):
    nodes = programme_tree()
    html = get(client, vamos(nodes).get_absolute_url(), language)
    assert described(html, language, "Funder") == "Euroopan sosiaalirahasto (rahoittaja)"
    assert described(html, language, "Intermediary") == "Uudenmaan ELY-keskus"
    (path,) = definitions(html, said(language, "Programme"))
    path_links = [link for link in find_all(html, "a") if link.is_inside(path)]
    expected = [nodes[name] for name in ("fund", "programme", "axis", "objective")]
    assert [link.attrs["href"] for link in path_links] == [
        f"/{language}/programmes/{node.slug}/" for node in expected
    ]
    assert [link.text for link in path_links] == [
        f"{node.code} {named(node, language)}".strip() for node in expected
    ]
    assert described(html, language, "Amount") == "900 €"
    assert described(html, language, "Period") == "03/2019–2020"  # month, then year


@pytest.mark.parametrize("language", LANGUAGES)
def test_implementers_show_role_note_and_period(client, language):
    html = get(client, vamos(programme_tree()).get_absolute_url(), language)
    with translation.override(language):
        role = str(ImplementerRole.LEAD_PARTNER.label)
    (implementer,) = definitions(html, role[0].upper() + role[1:])
    assert "Helsingin Diakonissalaitos" in implementer.text
    assert "vain aikuiskoulutus" in implementer.text
    assert short_date(language, datetime.date(2019, 3, 1)) in implementer.text
    # The note has no English text: its Finnish one is marked as such on the English page.
    notes = find_all(html, "span", **{"class": "note"})
    assert [note.attrs.get("lang") for note in notes] == ["fi" if language == "en" else None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_contacts_show_workload_and_period_and_events_their_facts(client, language):
    html = get(client, vamos(programme_tree()).get_absolute_url(), language)
    (contact,) = find_all(html, "li", **{"class": "contact"})
    assert "50 %" in contact.text
    assert short_date(language, datetime.date(2020, 6, 30)) in contact.text
    (event,) = find_all(html, "li", **{"class": "event"})
    (title,) = [heading for heading in find_all(html, "h3") if heading.is_inside(event)]
    assert title.text == "Aloitusseminaari"
    assert title.attrs.get("lang") == ("fi" if language == "en" else None)
    assert described(html, language, "Date") == "05/2019"
    assert described(html, language, "Place") == "Tampere"
    assert described(html, language, "Speakers") == "Aino Esimerkki, Liisa Esimerkki"
    event_links = links(html, inside=event)
    assert event_links["Tampereen kaupunki"].startswith(f"/{language}/organisations/")
    assert "https://example.org/aloitusseminaari" in event_links.values()


def test_maintainers_of_the_record_are_not_shown(client):
    html = get(client, vamos(programme_tree()).get_absolute_url(), "fi")
    assert "Ylläpitäjä Oy" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_identifiers_link_to_their_public_registers(client, language):
    project = ProjectFactory()
    for scheme, value in [
        (IdentifierScheme.EURA2014, "S21485"),
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022"),
        (IdentifierScheme.EURA2021, "S30245"),
        (IdentifierScheme.SOURCE_URL, "https://example.org/hanke"),
    ]:
        IdentifierFactory(project=project, scheme=scheme, value=value)
    html = get(client, project.get_absolute_url(), language)
    found = links(html)
    assert found["S21485"] == "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21485"
    assert found["OKM025:00/2022"] == "https://valtioneuvosto.fi/hanke?tunnus=OKM025:00/2022"
    assert found["https://example.org/hanke"] == "https://example.org/hanke"
    assert "S30245" not in found  # the 2021 register has no public page per code
    with translation.override(language):
        term = str(IdentifierScheme.EURA2021.label)
    assert described(html, language, term[0].upper() + term[1:]) == "S30245"


# --- Related projects not in the catalogue.


def test_a_pending_relation_becomes_a_link_once_a_published_project_carries_its_code(
    client, django_capture_on_commit_callbacks
):
    member = ProjectFactory(name_fi="Hymy", name_en="")
    RelationFactory(
        from_project=member,
        to_project=None,
        to_name="Välitä-verkosto",
        to_identifier="S20001",
        kind=RelationKind.MEMBER_OF,
    )
    assert "Välitä-verkosto" not in links(get(client, member.get_absolute_url(), "fi"))
    assert "Välitä-verkosto" in get(client, member.get_absolute_url(), "fi")

    # Each change is committed, as the admin's are: the pages kept before it are dropped.
    with django_capture_on_commit_callbacks(execute=True):
        network = ProjectFactory(name_fi="Välitä! – Visa omtanke!", name_en="", is_published=False)
        IdentifierFactory(project=network, value="S20001")
    assert "Välitä-verkosto" not in links(get(client, member.get_absolute_url(), "fi"))
    assert network.get_absolute_url() not in get(client, member.get_absolute_url(), "fi")

    with django_capture_on_commit_callbacks(execute=True):
        network.is_published = True
        network.save()
    member_links = links(get(client, member.get_absolute_url(), "en"))
    assert member_links["Välitä! – Visa omtanke!"] == f"/en/projects/{network.slug}/"
    # The network's page names its member, found by the same code.
    network_links = links(get(client, network.get_absolute_url(), "en"))
    assert network_links["Hymy"] == f"/en/projects/{member.slug}/"


def test_a_pending_relation_with_a_page_links_to_that_page(client):
    relation = RelationFactory(
        to_project=None, to_name="Edeltäjähanke", to_url="https://example.org/edeltaja"
    )
    found = links(get(client, relation.from_project.get_absolute_url(), "fi"))
    assert found["Edeltäjähanke"] == "https://example.org/edeltaja"


def test_relations_read_from_either_end_and_one_recorded_at_both_ends_shows_once(client):
    network = ProjectFactory(name_fi="Välitä", name_en="")
    member = ProjectFactory(name_fi="Hymy", name_en="")
    RelationFactory(from_project=member, to_project=network, kind=RelationKind.MEMBER_OF)
    RelationFactory(from_project=network, to_project=member, kind=RelationKind.HAS_MEMBER)
    RelationFactory(
        from_project=network, to_project=None, to_name="Sokka", kind=RelationKind.HAS_MEMBER
    )
    for shown, expected in [
        (network, ["Member project: Hymy", "Member project: Sokka (not in the catalogue)"]),
        (member, ["Member of the network: Välitä"]),
    ]:
        html = get(client, shown.get_absolute_url(), "en")
        (section,) = find_all(html, "section", **{"aria-labelledby": "related-title"})
        assert sorted(li.text for li in find_all(html, "li") if li.is_inside(section)) == expected


# --- Programme pages.


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_page_lists_published_projects_funded_at_or_below_it(client, language):
    nodes = programme_tree()
    at_objective = FundingFactory(programme=nodes["objective"]).project
    at_axis = FundingFactory(programme=nodes["axis"]).project
    elsewhere = FundingFactory(programme=nodes["sibling"]).project
    hidden = FundingFactory(
        programme=nodes["objective"], project=ProjectFactory(is_published=False)
    ).project
    html = get(client, nodes["programme"].get_absolute_url(), language)
    cards = {card.text for card in find_all(html, "h3", **{"class": "card-title"})}
    assert cards == {named(project, language) for project in (at_objective, at_axis)}
    assert elsewhere.slug not in html
    assert hidden.slug not in html
    (breadcrumbs,) = find_all(html, "nav", **{"class": "breadcrumbs"})
    fund = nodes["fund"]
    assert links(html, inside=breadcrumbs) == {
        "ESR Euroopan sosiaalirahasto": f"/{language}/programmes/{fund.slug}/"
    }
    axis = nodes["axis"]
    assert links(html)[f"TL 4 {named(axis, language)}"] == f"/{language}/programmes/{axis.slug}/"


def test_a_programme_with_only_unpublished_projects_lists_none(client):
    nodes = programme_tree()
    hidden = FundingFactory(programme=nodes["axis"], project=ProjectFactory(is_published=False))
    html = get(client, nodes["fund"].get_absolute_url(), "en")
    assert hidden.project.slug not in html
    assert "0 projects" in html


def test_an_unknown_programme_is_not_found(client):
    assert client.get(reverse("projects:programme", kwargs={"slug": "nowhere"})).status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_gives_its_contact_details_and_programmes(client, language):
    organisation = OrganisationFactory(
        street_address_fi="Hakaniemenranta 6",
        postal_code="00530",
        post_office_fi="Helsinki",
        post_office_sv="Helsingfors",
        phone="029 533 1000",
        email="kirjaamo@example.org",
        website="https://example.org/",
    )
    fund = ProgrammeFactory(level=ProgrammeLevel.FUND, funding_body=organisation)
    html = get(client, reverse("projects:organisation", args=[organisation.slug]), language)
    assert described(html, language, "Address") == "Hakaniemenranta 6, 00530 Helsinki"
    found = links(html)
    assert found["029 533 1000"] == "tel:0295331000"
    assert found["kirjaamo@example.org"] == "mailto:kirjaamo@example.org"
    assert found["https://example.org/"] == "https://example.org/"
    assert found[getattr(fund, f"name_{language}")] == f"/{language}/programmes/{fund.slug}/"


# --- The listing's programme filter.


def test_programme_filter_finds_projects_funded_at_or_below_the_node(client):
    nodes = programme_tree()
    at_objective = FundingFactory(programme=nodes["objective"]).project
    at_axis = FundingFactory(programme=nodes["axis"]).project
    elsewhere = FundingFactory(programme=nodes["sibling"]).project
    html = get(client, reverse("projects:list"), "en", programme=nodes["axis"].slug)
    titles = find_all(html, "h3", **{"class": "card-title"})
    cards = {href for title in titles for href in links(html, inside=title).values()}
    assert cards == {f"/en/projects/{project.slug}/" for project in (at_objective, at_axis)}
    assert elsewhere.slug not in html
    assert "Remove filter Programme: TL 4 Education" in html
