"""Helpers for the API tests (tests/test_api_*.py): a catalogue with everything the API can
show and everything it must not, reading JSON as a client does, and walking every list and
detail the API has."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import Forum, Meeting
from projects.models import (
    IdentifierScheme,
    ImplementerRole,
    LinkKind,
    Organisation,
    Programme,
    Project,
    ProjectStatus,
    RelationKind,
    Theme,
)
from projects.services import project_search_refresh

from .factories import (
    ContactFactory,
    EventFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    KeywordFactory,
    LinkFactory,
    OrganisationFactory,
    ProjectFactory,
    RelationFactory,
    ThemeFactory,
    municipality,
    programme_tree,
    region,
)
from .forum_factories import ForumFactory, GroupQuotaFactory, MeetingFactory, language

API = "/api/v1/"
# Every list of the API, by its address under /api/v1/.
LISTS = [
    "projects",
    "organisations",
    "funders",
    "programmes",
    "themes",
    "regions",
    "forums",
    "meetings",
]


def get(client: Client, path: str, **params: Any) -> Any:
    """GET an API address (relative to /api/v1/, or absolute as the API gives them) with
    query parameters, and request headers in capitals (HTTP_ACCEPT_LANGUAGE, REMOTE_ADDR)."""
    headers = {name: params.pop(name) for name in list(params) if name.isupper()}
    if not path.startswith(("/", "http")):
        path = f"{API}{path}" if path.endswith("/") or not path else f"{API}{path}/"
    address = path
    if address.startswith("http"):
        parts = urlsplit(address)
        address = f"{parts.path}?{parts.query}" if parts.query else parts.path
    return client.get(address, params or None, **headers)


def results(client: Client, path: str, **params: Any) -> list[dict[str, Any]]:
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def slugs(client: Client, path: str, **params: Any) -> list[str]:
    return sorted(item["slug"] for item in results(client, path, **params))


@dataclass
class Catalogue:
    project: Project
    hidden: Project
    other: Project
    coordinator: Organisation
    funder: Organisation
    intermediary: Organisation
    programmes: dict[str, Programme]
    theme: Theme
    forum: Forum
    hidden_forum: Forum
    meeting: Meeting
    past_meeting: Meeting
    hidden_meeting: Meeting


def catalogue() -> Catalogue:
    """A published project with everything its page shows (VAMOS-like: month dates, ESF
    funding through an ELY centre under a programme), a second published one, an unpublished
    one; a forum of the first with an upcoming and an ended meeting, and a forum of the
    unpublished project with a meeting."""
    tree = programme_tree()
    theme = ThemeFactory(slug="inclusion", name_fi="Osallisuus", name_en="Inclusion")
    coordinator = OrganisationFactory(
        slug="sakky", name_fi="Savon koulutuskuntayhtymä", name_en="", abbreviation="Sakky"
    )
    funder = OrganisationFactory(slug="esr", name_fi="Euroopan sosiaalirahasto", name_en="ESF")
    intermediary = OrganisationFactory(slug="ely", name_fi="Pohjois-Savon ELY-keskus")
    project = ProjectFactory(
        slug="vamos",
        name_fi="VAMOS",
        name_sv="",
        name_en="VAMOS",
        tagline_fi="Nuoret mukaan",
        summary_fi="Hanke tukee nuoria.",
        summary_sv="Projektet stöder unga.",
        summary_en="",
        goals_fi="- Opiskelupaikka\n- Työpaikka",
        start_date=datetime.date(2018, 10, 1),
        start_precision="month",
        end_date=datetime.date(2030, 8, 31),
        end_precision="month",
        other_names="Vamos Kuopio\nVAMOS 2",
    )
    project.themes.add(theme)
    project.regions.add(region("pohjois-savo"))
    project.municipalities.add(municipality("Kuopio"))
    project.keywords.add(KeywordFactory(name="OpiskeluVaria"))
    ImplementerFactory(project=project, organisation=coordinator, role=ImplementerRole.COORDINATOR)
    FundingFactory(
        project=project, funder=funder, intermediary=intermediary, programme=tree["objective"]
    )
    IdentifierFactory(project=project, scheme=IdentifierScheme.EURA2014, value="S21485")
    ContactFactory(project=project, organisation=coordinator)
    LinkFactory(project=project, kind=LinkKind.WEBSITE, label_fi="Kotisivu")
    EventFactory(project=project, title_fi="Julkaisuseminaari", title_en="Launch seminar")
    other = ProjectFactory(
        slug="yhessa", name_fi="Yhessä", start_date=datetime.date(2023, 1, 1), end_date=None
    )
    RelationFactory(from_project=other, to_project=project, kind=RelationKind.MEMBER_OF)
    hidden = ProjectFactory(slug="luonnos", name_fi="Luonnos", is_published=False)
    ImplementerFactory(project=hidden, organisation=coordinator)
    FundingFactory(project=hidden, funder=funder)
    forum = ForumFactory(slug="omapolku", project=project, name_fi="OmaPolku-foorumi")
    forum.regions.add(region("uusimaa"))
    meeting = MeetingFactory(
        forum=forum, region=region("uusimaa"), online_url="https://meet.example.org/secret"
    )
    meeting.languages.add(language("fi"), language("so"))
    GroupQuotaFactory(meeting=meeting, group=forum.stakeholder_groups.first(), seats=3)
    past = MeetingFactory(
        forum=forum,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-2),
    )
    hidden_forum = ForumFactory(slug="piilo", project=hidden)
    hidden_meeting = MeetingFactory(forum=hidden_forum)
    # As saving in admin does: the search text (PostgreSQL's search vector) is refreshed.
    project_search_refresh(project_ids=[project.pk, other.pk, hidden.pk])
    return Catalogue(
        project=project,
        hidden=hidden,
        other=other,
        coordinator=coordinator,
        funder=funder,
        intermediary=intermediary,
        programmes=tree,
        theme=theme,
        forum=forum,
        hidden_forum=hidden_forum,
        meeting=meeting,
        past_meeting=past,
        hidden_meeting=hidden_meeting,
    )


def status_of(project: Project) -> str | None:
    status = project.status()
    return str(ProjectStatus(status)) if status else None


def every_answer(client: Client, **params: Any) -> Iterator[tuple[str, Any]]:
    """The root, each list (every page of it) and the detail of every item in it, with the
    parameters given: the whole API as a client that follows its links sees it."""
    root = get(client, "", **params)
    yield API, root
    for name, first in root.json()["endpoints"].items():
        address, query = first, params
        while address:
            page = get(client, address, **query)
            assert page.status_code == 200, (name, page.content)
            yield address, page
            for item in page.json()["results"]:
                detail = get(client, item["url"], **params)
                assert detail.status_code == 200, (item["url"], detail.content)
                yield item["url"], detail
            # The next page's address carries the parameters.
            address, query = page.json()["next"], {}


def reverse_api(name: str, **kwargs: Any) -> str:
    return reverse(f"api:{name}", kwargs=kwargs or None)
