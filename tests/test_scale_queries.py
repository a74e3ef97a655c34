"""The pages of issue #6 ("fast at scale") make the same number of queries however much data
there is (each pinned at two sizes), and what was changed to make them cheap keeps their
behaviour: a text field for the implementing organisation, the count of a search, pages of
meetings that keep the filters."""

import datetime
import re
from typing import Any

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Meeting
from forums.selectors import MEETINGS_PER_PAGE, with_seat_counts
from projects.forms import ProjectFilterForm
from projects.models import IdentifierScheme, ImplementerRole, Project, RelationKind
from projects.selectors import ProjectFilters, project_page, project_search
from projects.services import project_search_refresh

from .factories import (
    ContactFactory,
    EventFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    LinkFactory,
    OrganisationFactory,
    ProjectFactory,
    RelationFactory,
    municipality,
    programme_tree,
    region,
)
from .forum_factories import ForumFactory, MeetingFactory, language, register

pytestmark = pytest.mark.django_db


def url(name: str, language_code: str = "en", **kwargs: Any) -> str:
    with translation.override(language_code):
        return reverse(name, kwargs=kwargs or None)


def _projects(count: int, **kwargs: Any) -> list[Project]:
    funder = OrganisationFactory()
    lead = OrganisationFactory(name_fi="Omnia", abbreviation="OMN")
    projects = ProjectFactory.create_batch(count, **kwargs)
    for project in projects:
        FundingFactory(project=project, funder=funder)
        ImplementerFactory(project=project, organisation=lead, role=ImplementerRole.COORDINATOR)
        project.regions.add(region("uusimaa"))
    project_search_refresh(project_ids=[project.pk for project in projects])
    return projects


def _meeting(days: float, **kwargs: Any) -> Meeting:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return MeetingFactory.create(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs
    )


def _listed_meetings(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/en/meetings/(\d+)/"', html)]


# --- Query counts, each at two sizes.


@pytest.mark.parametrize("count", [5, 60])
def test_search_query_count(client, django_assert_num_queries, count):
    _projects(count, name_fi="Opiskelijoiden hanke")
    # Queries: the search words found in the vocabulary (the search's plan), the number of
    # matches, the page's projects, their lead implementers, fundings with funders, regions;
    # the filters' choices: funders, programmes, regions, themes.
    with django_assert_num_queries(10):
        response = client.get(url("projects:list", "fi"), {"q": "Opiskelijoiden"})
    assert response.status_code == 200
    assert f"{count} hanketta" in response.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_deep_listing_page_query_count(client, django_assert_num_queries, settings, count):
    settings.PROJECTS_PER_PAGE = 2
    _projects(count)
    # Queries: count, the last page's projects, their lead implementers, fundings, regions;
    # the filters' choices: funders, programmes, regions, themes.
    with django_assert_num_queries(9):
        response = client.get(url("projects:list", "fi"), {"page": count // 2})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_organisation_name_filter_query_count(client, django_assert_num_queries, count):
    _projects(count)
    # Queries: count (organisations matched by name in a subquery), the page's projects, their
    # lead implementers, fundings, regions; the filters' choices: funders, programmes,
    # regions, themes.
    with django_assert_num_queries(9):
        response = client.get(url("projects:list", "fi"), {"organisation": "Omnia"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_forum_list_second_page_query_count(client, django_assert_num_queries, settings, size):
    settings.PAGE_CACHE_SECONDS = 0  # the second request is counted, not served whole
    for index in range(size):
        meeting = _meeting(index + 1, region=region("uusimaa"))
        meeting.languages.set([language("fi")])
        register(meeting, f"person{index}@example.org")
    # 1 the region asked for, 2 the number of meetings, 3 a page of them with forum, region
    # and seat counts, 4 their languages spoken, 5-7 the filters' choices: forums, regions,
    # languages.
    with django_assert_num_queries(7):
        response = client.get(url("forums:list"), {"page": 2, "region": "uusimaa"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_meeting_archive_query_count(client, django_assert_num_queries, size):
    for index in range(size):
        meeting = _meeting(index + 1)
        register(meeting, f"person{index}@example.org")
        held = timezone.now() - datetime.timedelta(days=index + 1)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=held, ends_at=held + datetime.timedelta(hours=2)
        )
    # 1 the number of past meetings, 2 a page of them with forum, region and seat counts,
    # 3 their languages spoken.
    with django_assert_num_queries(3):
        response = client.get(url("forums:archive"))
    assert len(_listed_meetings(response.content.decode())) == min(size, MEETINGS_PER_PAGE)


@pytest.mark.parametrize("size", [3, 30])
def test_forum_page_query_count(client, django_assert_num_queries, size):
    forum = ForumFactory()
    for index in range(size):
        register(_meeting(index + 1, forum=forum), f"person{index}@example.org")
    # 1 the forum with its project, 2 its stakeholder groups, 3 its regions, 4 its upcoming
    # meetings with region and seat counts, 5 their languages spoken.
    with django_assert_num_queries(5):
        response = client.get(url("forums:forum", slug=forum.slug))
    assert len(_listed_meetings(response.content.decode())) == size


# --- The implementing organisation as a text field.


def test_organisation_text_matches_names_in_any_language_and_abbreviations():
    omnia = OrganisationFactory(name_fi="Espoon seudun koulutuskuntayhtymä", abbreviation="Omnia")
    oph = OrganisationFactory(name_fi="Opetushallitus", name_en="Finnish National Agency")
    other = OrganisationFactory(name_fi="Keuda")
    by_omnia = ImplementerFactory(organisation=omnia).project
    by_oph = ImplementerFactory(organisation=oph).project
    ImplementerFactory(organisation=other)
    FundingFactory(project=by_omnia, funder=other)  # a funder is not an implementer

    def found(text: str) -> set[int]:
        filters = ProjectFilterForm(QueryDict(f"organisation={text}")).filters()
        return {project.pk for project in project_page(filters, 1, per_page=10).object_list}

    assert found("omnia") == {by_omnia.pk}
    assert found("national agency") == {by_oph.pk}
    assert found("koulutus") == {by_omnia.pk}
    assert found("nobody") == set()


def test_organisation_slug_from_an_old_address_still_filters(client):
    organisation = OrganisationFactory(slug="turun-ammatti-instituutti", name_fi="TAI")
    project = ImplementerFactory(organisation=organisation).project
    ImplementerFactory()
    filters = ProjectFilterForm(QueryDict("organisation=turun-ammatti-instituutti")).filters()
    assert filters.organisation == organisation
    assert filters.organisation_name == ""
    html = client.get(url("projects:list", "en"), {"organisation": organisation.slug}).content
    assert project.get_absolute_url() in html.decode()


def test_organisation_field_is_labelled_and_described(client):
    html = client.get(url("projects:list", "en"), {"organisation": "Omnia"}).content.decode()
    field = re.search(r'<input type="text" name="organisation"[^>]*>', html)
    assert field is not None
    assert 'id="id_organisation"' in field.group()
    assert 'value="Omnia"' in field.group()
    assert 'aria-describedby="id_organisation_helptext"' in field.group()
    assert '<label for="id_organisation">' in html
    assert 'id="id_organisation_helptext"' in html
    assert "<option" not in html.split('name="organisation"')[1].split("</div>")[0]
    # The active filter can be removed, as the others can.
    assert "Remove filter Implementing organisation: Omnia" in html


# --- The count of a search, and pages past the end.


def test_search_count_and_pages_agree_with_the_results(settings):
    projects = _projects(7, name_fi="Robotiikkahanke")
    filters = ProjectFilters(q="Robotiikkahanke")
    pages = [project_page(filters, number, per_page=3) for number in (1, 2, 3)]
    assert [page.paginator.count for page in pages] == [7, 7, 7]
    assert [page.paginator.num_pages for page in pages] == [3, 3, 3]
    shown = [project.pk for page in pages for project in page.object_list]
    assert sorted(shown) == sorted(project.pk for project in projects)


@pytest.mark.parametrize(
    ("number", "shown"), [("99", 3), ("0", 3), ("-1", 3), ("2", 2), ("2.0", 1), ("x", 1), (None, 1)]
)
def test_a_page_out_of_range_is_answered_as_djangos_paginator_does(number, shown):
    _projects(5, name_fi="Robotiikkahanke")
    for filters in (ProjectFilters(q="Robotiikkahanke"), ProjectFilters()):
        page = project_page(filters, number, per_page=2)
        assert page.paginator.count == 5
        assert page.number == shown
        assert page.object_list


@pytest.mark.parametrize("sort", ["", "newest", "ending", "name"])
def test_listing_pages_are_the_slices_of_the_whole_order(sort):
    # project_page() finds a page's ids first and then reads their rows: the pages, one
    # after another, are the listing's order cut in pieces, ties and missing dates included.
    projects = _projects(7)
    dates = [None, datetime.date(2024, 1, 1), datetime.date(2024, 1, 1), datetime.date(2025, 6, 1)]
    for index, project in enumerate(projects):
        Project.objects.filter(pk=project.pk).update(
            start_date=dates[index % 4],
            end_date=dates[(index + 1) % 4],
            name_fi=f"Hanke {index % 3}",
        )
    ProjectFactory(is_published=False)
    filters = ProjectFilters(sort=sort, region=region("uusimaa"))
    with translation.override("fi"):
        whole = [project.pk for project in project_search(filters)]
        pages = [project_page(filters, number, per_page=3) for number in (1, 2, 3)]
        shown = [project.pk for page in pages for project in page.object_list]
    assert len(whole) == 7
    assert shown == whole
    assert [page.paginator.count for page in pages] == [7, 7, 7]


def test_a_search_without_results_counts_none():
    _projects(2, name_fi="Robotiikkahanke")
    page = project_page(ProjectFilters(q="tyhjyys"), 1, per_page=2)
    assert (page.paginator.count, list(page.object_list)) == (0, [])


# --- Pages of meetings.


def test_forum_pages_keep_the_filters_and_mark_the_current_page(client):
    uusimaa = region("uusimaa")
    for index in range(MEETINGS_PER_PAGE + 2):
        _meeting(index + 1, region=uusimaa)
    _meeting(3, region=region("kainuu"))
    first = client.get(url("forums:list"), {"region": "uusimaa"}).content.decode()
    assert len(_listed_meetings(first)) == MEETINGS_PER_PAGE
    assert 'href="?region=uusimaa&amp;page=2" rel="next"' in first
    assert '<nav class="pagination" aria-label="Pages">' in first
    assert '<li aria-current="page">Page 1 of 2</li>' in first
    second = client.get(url("forums:list"), {"region": "uusimaa", "page": 2}).content.decode()
    assert len(_listed_meetings(second)) == 2
    assert 'href="?region=uusimaa&amp;page=1" rel="prev"' in second


def test_seat_counts_are_per_meeting():
    busy = _meeting(5, capacity=2)
    quiet = _meeting(6, capacity=5)
    for index in range(3):
        register(busy, f"busy{index}@example.org")
    register(quiet, "quiet@example.org")
    counted = {
        meeting.pk: (meeting.confirmed_count, meeting.waiting_count, meeting.seats_left)
        for meeting in with_seat_counts(Meeting.objects.all())
    }
    assert counted == {busy.pk: (2, 1, 0), quiet.pk: (1, 0, 4)}


# --- The catalogue's pages of issue 20, each at two sizes.


def _catalogued_project(count: int) -> Project:
    """A project with `count` rows of every kind its page shows, and as many relations to
    projects not in the catalogue, half of them named by a published project's code."""
    nodes = programme_tree()
    project = ProjectFactory.create(other_names="VAMOS")
    IdentifierFactory(project=project, value="S29999")
    IdentifierFactory(project=project, scheme=IdentifierScheme.SOURCE_URL, value="https://a.fi/")
    project.regions.add(region("uusimaa"), region("kainuu"))
    project.municipalities.add(municipality("Espoo"), municipality("Kajaani"))
    for index in range(count):
        ImplementerFactory(project=project, note_fi="Vain aikuiskoulutus")
        FundingFactory(
            project=project,
            intermediary=OrganisationFactory(),
            programme=nodes["objective" if index % 2 else "sibling"],
        )
        ContactFactory(project=project, organisation=OrganisationFactory(), workload="50 %")
        LinkFactory(project=project)
        EventFactory(project=project).co_organisers.add(*OrganisationFactory.create_batch(2))
        code = f"S{10000 + index}"
        if index % 2:
            IdentifierFactory(value=code)  # a published record carries the code
        RelationFactory(from_project=project, to_project=None, to_name=code, to_identifier=code)
        RelationFactory(to_project=project, kind=RelationKind.PREDECESSOR_OF)
        RelationFactory(to_project=None, to_name="VAMOS", to_identifier="S29999")
    return project


@pytest.mark.parametrize("count", [2, 20])
def test_project_page_query_count(client, django_assert_num_queries, count):
    project = _catalogued_project(count)
    # Queries: 1 the project, 2 its identifiers, 3 implementers with organisations, 4 fundings
    # with funder, intermediary and the programme's path, 5 contacts with organisations,
    # 6 relations from it with the other project, 7-13 regions, municipalities, themes,
    # keywords, links, forums, events, 14 the events' co-organisers, 15 relations to it (by
    # its record or by its codes), 16 the published projects that carry the codes it names.
    with django_assert_num_queries(16):
        response = client.get(url("projects:detail", slug=project.slug))
    html = response.content.decode()
    assert html.count('class="event"') == count
    assert html.count("/en/programmes/") == 4 * (count // 2) + 2 * (count - count // 2)


@pytest.mark.parametrize("count", [3, 30])
def test_programme_page_query_count(client, django_assert_num_queries, settings, count):
    settings.PROJECTS_PER_PAGE = 10
    nodes = programme_tree()
    for project in _projects(count):
        FundingFactory(project=project, programme=nodes["objective"])
    # Queries: 1 the node with the nodes above it and its funding body, 2 the nodes below
    # it, 3 the number of its projects, 4 a page of them, 5-7 their lead implementers,
    # fundings with funders, regions.
    with django_assert_num_queries(7):
        response = client.get(url("projects:programme", slug=nodes["programme"].slug))
    assert response.content.decode().count('class="card"') == min(count, 10)


@pytest.mark.parametrize("count", [3, 30])
def test_listing_with_the_programme_filter_query_count(client, django_assert_num_queries, count):
    nodes = programme_tree()
    for project in _projects(count):
        FundingFactory(project=project, programme=nodes["objective"])
    # Queries: the count, the page's projects, their lead implementers, fundings with
    # funders, regions; the filters' choices: funders, programmes (the chosen one among
    # them), regions, themes.
    with django_assert_num_queries(9):
        response = client.get(url("projects:list"), {"programme": nodes["axis"].slug})
    assert f"{count} projects" in response.content.decode()
