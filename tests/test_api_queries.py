"""Each list of the API reads a page in a fixed number of queries (issue 22): the same for 3
rows as for 30, each with everything its item shows."""

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.models import ImplementerRole, Region

from .factories import (
    ContactFactory,
    EventFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    KeywordFactory,
    LinkFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProjectFactory,
    RelationFactory,
    ThemeFactory,
    region,
)
from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
)

pytestmark = pytest.mark.django_db


def projects(count: int) -> None:
    theme = ThemeFactory()
    for _ in range(count):
        project = ProjectFactory()
        ImplementerFactory(project=project, role=ImplementerRole.COORDINATOR)
        FundingFactory(project=project)
        project.regions.add(region())
        project.themes.add(theme)


def organisations(count: int) -> None:
    parent = OrganisationFactory()
    for _ in range(count):
        OrganisationFactory(parent=parent, region=region())


def funders(count: int) -> None:
    project = ProjectFactory()
    for _ in range(count):
        FundingFactory(project=project, funder=OrganisationFactory(region=region()))


def programmes(count: int) -> None:
    fund = ProgrammeFactory(funding_body=OrganisationFactory())
    for _ in range(count):
        ProgrammeFactory(parent=fund, funding_body=fund.funding_body)


def themes(count: int) -> None:
    for _ in range(count):
        ThemeFactory()


def regions(count: int) -> None:
    for number in range(count):
        Region.objects.create(code=f"x{number}", slug=f"alue-{number}", name_fi=f"Alue {number}")


def forums(count: int) -> None:
    groups = [StakeholderGroupFactory(slug="parents"), StakeholderGroupFactory(slug="youth")]
    for _ in range(count):
        forum = ForumFactory(groups=groups)
        forum.regions.add(region())


def meetings(count: int) -> None:
    forum = ForumFactory()
    for number in range(count):
        meeting = MeetingFactory(
            forum=forum,
            region=region(),
            starts_at=timezone.now() + datetime.timedelta(days=number + 1),
        )
        meeting.languages.add(language("fi"), language("so"))
        meeting.interpretation_languages.add(language("ar"))


# Each list, what it is filled with, and its queries for a page.
LISTS: list[tuple[str, Callable[[int], None], int]] = [
    # The projects; their leading implementers with their organisations; their fundings
    # with their funders; their regions; their themes.
    ("projects", projects, 5),
    # The organisations with their parents and regions, in one join.
    ("organisations", organisations, 1),
    # The same, of those that fund a published project.
    ("funders", funders, 1),
    # The nodes with their parents and funding bodies, in one join.
    ("programmes", programmes, 1),
    ("themes", themes, 1),
    ("regions", regions, 1),
    # The forums with their projects; their stakeholder groups; their regions.
    ("forums", forums, 3),
    # The meetings with their forums and regions, seats counted in subqueries; the languages
    # spoken; the languages interpreted into.
    ("meetings", meetings, 3),
]


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(("name", "fill", "queries"), LISTS, ids=[item[0] for item in LISTS])
def test_a_page_of_a_list_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, name, fill, queries, count
):
    fill(count)

    with django_assert_num_queries(queries):
        response = client.get(f"/api/v1/{name}/")

    assert response.status_code == 200
    assert len(response.json()["results"]) >= count


def rich_project(count: int) -> str:
    """A published project with `count` of each row its detail shows."""
    project = ProjectFactory()
    for number in range(count):
        ImplementerFactory(project=project, role=ImplementerRole.PARTNER)
        FundingFactory(project=project, programme=ProgrammeFactory(parent=ProgrammeFactory()))
        ContactFactory(project=project, organisation=OrganisationFactory())
        LinkFactory(project=project)
        EventFactory(project=project).co_organisers.add(OrganisationFactory())
        IdentifierFactory(project=project)
        RelationFactory(from_project=project)
        RelationFactory(to_project=project)
        project.themes.add(ThemeFactory())
        project.keywords.add(KeywordFactory())
        project.regions.add(Region.objects.order_by("code")[number % 19])
    return f"/api/v1/projects/{project.slug}/"


def rich_meeting(count: int) -> str:
    groups = [StakeholderGroupFactory() for _ in range(count)]
    meeting = MeetingFactory(forum=ForumFactory(groups=groups), region=region())
    for group in groups:
        GroupQuotaFactory(meeting=meeting, group=group)
    codes = ["fi", "sv", "en", "so", "ar", "ru"][:count]
    meeting.languages.add(*[language(code) for code in codes])
    meeting.interpretation_languages.add(*[language(code) for code in codes])
    return f"/api/v1/meetings/{meeting.pk}/"


def rich_forum(count: int) -> str:
    forum = ForumFactory(groups=[StakeholderGroupFactory() for _ in range(count)])
    for number in range(count):
        MeetingFactory(forum=forum, starts_at=timezone.now() + datetime.timedelta(days=number))
    return f"/api/v1/forums/{forum.slug}/"


def rich_programme(count: int) -> str:
    node = ProgrammeFactory(parent=ProgrammeFactory(parent=ProgrammeFactory()))
    for _ in range(count):
        ProgrammeFactory(parent=node)
    return f"/api/v1/programmes/{node.slug}/"


@pytest.mark.parametrize("fill", [rich_project, rich_meeting, rich_forum, rich_programme])
def test_a_detail_reads_as_many_queries_for_one_row_of_each_as_for_six(client, fill):
    counts = []
    for count in (1, 6):
        address = fill(count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
