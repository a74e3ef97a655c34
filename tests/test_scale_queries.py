"""The pages of issue #6 ("fast at scale") make the same number of queries however much data
there is (each pinned at two sizes), and what was changed to make them cheap keeps their
behaviour: a text field for the implementing organisation, a count that comes with a search's
own rows, pages of meetings that keep the filters, selects written without a template per
option."""

import datetime
import re
from operator import attrgetter
from types import SimpleNamespace
from typing import Any, cast

import pytest
from django import forms
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Meeting
from forums.selectors import MEETINGS_PER_PAGE
from portal.forms import ListedChoiceField, ListedOptions, QueryFilterForm, QuickSelect
from projects.forms import ProjectFilterForm
from projects.models import ImplementerRole, Project
from projects.selectors import ProjectFilters, project_page
from projects.services import project_search_refresh

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
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
def test_search_counts_with_its_own_rows(client, django_assert_num_queries, count):
    _projects(count, name_fi="Opiskelijoiden hanke")
    # Queries: the ids of the page's projects with the number of all matches (one run of the
    # search), their cards, lead implementers, fundings with funders, regions; filter
    # choices (kept until the content changes): funders, regions, themes.
    with django_assert_num_queries(8):
        response = client.get(url("projects:list", "fi"), {"q": "Opiskelijoiden"})
    assert response.status_code == 200
    assert f"{count} hanketta" in response.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_deep_listing_page_query_count(client, django_assert_num_queries, settings, count):
    settings.PROJECTS_PER_PAGE = 2
    _projects(count)
    # Queries: count, ids of the last page, their cards, lead implementers, fundings,
    # regions; filter choices (kept): funders, regions, themes.
    with django_assert_num_queries(9):
        response = client.get(url("projects:list", "fi"), {"page": count // 2})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 60])
def test_organisation_name_filter_query_count(client, django_assert_num_queries, count):
    _projects(count)
    # Queries: count (organisations matched by name in a subquery), ids, cards, lead
    # implementers, fundings, regions; filter choices (kept): funders, regions, themes.
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
    # 1-3 the forums, regions and languages of the filter (the region asked for is one of
    # them), 4 the number of meetings, 5 a page of them with forum, region and seat counts,
    # 6 their languages spoken.
    with django_assert_num_queries(6):
        response = client.get(url("forums:list"), {"page": 2, "region": "uusimaa"})
    assert response.status_code == 200
    # The filter's choices are kept until the forums change.
    with django_assert_num_queries(3):
        client.get(url("forums:list"), {"page": 2, "region": "uusimaa"})


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
        return set(project_page(filters, 1, per_page=10).object_list)

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
    shown = [pk for page in pages for pk in page.object_list]
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
        for meeting in Meeting.objects.with_seat_counts()
    }
    assert counted == {busy.pk: (2, 1, 0), quiet.pk: (1, 0, 4)}


# --- Selects without a template per option.


class _Plain(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "Any"), ("red", "Red & pink"), ("blue", "<Blue>")], required=True
    )
    shade = forms.ChoiceField(
        choices=[("Warm", [("sun", "Sun")]), ("Cold", [("ice", "Ice")])],
        required=False,
        help_text="Pick one",
    )


class _Quick(QueryFilterForm, _Plain):
    pass


@pytest.mark.parametrize("query", ["colour=blue&shade=ice", "", "colour=nothing"])
def test_quick_select_writes_the_markup_of_djangos_select(query):
    quick, plain = _Quick(QueryDict(query)), _Plain(QueryDict(query))
    for name in ("colour", "shade"):
        assert isinstance(quick.fields[name].widget, QuickSelect)
        assert _tags(str(quick[name])) == _tags(str(plain[name]))


def _tags(html: str) -> list[tuple[str, ...]]:
    """The tags (with their attributes in any order) and texts of some markup, without the
    spacing between them."""
    parts = []
    for part in re.split(r"(<[^>]+>)", html):
        if tag := re.fullmatch(r"<(/?\w+)(.*)>", part.strip()):
            parts.append((tag[1], *sorted(re.findall(r'[\w-]+(?:="[^"]*")?', tag[2]))))
        elif part.strip():
            parts.append((part.strip(),))
    return parts


class _Colours(forms.Form):
    colour = ListedChoiceField(required=False, empty_label="Any")

    def __init__(self, *args: Any, options: ListedOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ListedChoiceField, self.fields["colour"]).set_options(options)


_COLOURS = ListedOptions.of(
    [SimpleNamespace(slug="red", name="Red & pink"), SimpleNamespace(slug="blue", name="<Blue>")],
    key=attrgetter("slug"),
    label=attrgetter("name"),
)


@pytest.mark.parametrize(
    ("chosen", "valid", "value"),
    [("blue", True, "blue"), ("", True, None), ("Red & pink", False, None), ("green", False, None)],
)
def test_a_listed_choice_is_its_object_picked_by_key(chosen, valid, value):
    form = _Colours({"colour": chosen}, options=_COLOURS)

    assert form.is_valid() is valid
    if valid:
        picked = form.cleaned_data["colour"]
        assert (picked.slug if picked else None) == value
    else:
        assert "colour" in form.errors


def test_a_listed_choice_renders_like_djangos_select():
    listed = _Colours({"colour": "blue"}, options=_COLOURS)
    plain = _Plain(QueryDict("colour=blue"))

    assert isinstance(listed.fields["colour"].widget, QuickSelect)
    # Django's Select adds "required" for the plain form's required field.
    assert _tags(str(listed["colour"])) == [
        tuple(part for part in tag if part != "required") for tag in _tags(str(plain["colour"]))
    ]
