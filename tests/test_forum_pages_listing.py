"""The public forum pages in every language, and the list of meetings: its filters, the
archive, and what unpublished projects hide.

Finnish and Swedish wording of the forum pages is still being translated, so those pages are
checked for their structure and language; the wording is checked on the English pages."""

import pytest
from django.utils import translation

from forums.services import meeting_cancel
from forums.tokens import registration_token

from .factories import ProjectFactory, region
from .forum_factories import ForumFactory, language, register
from .forum_page_helpers import by_id, listed, meeting_at, meeting_url, url
from .page_html import find_all

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]


# --- Every page, in every language.


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_forum_page_renders_in_its_language(client, language_code):
    meeting = meeting_at(14)
    meeting_at(-30, forum=meeting.forum)
    registration = register(meeting, "aino.virtanen@example.org")
    pages = [
        url("forums:list", language_code),
        url("forums:archive", language_code),
        url("forums:forum", language_code, slug=meeting.forum.slug),
        meeting_url(meeting, language_code),
        url("forums:registration", language_code, token=registration_token(registration)),
        url("forums:registration_cancel", language_code, token=registration_token(registration)),
    ]
    for page in pages:
        assert page.startswith(f"/{language_code}/")
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language_code}">' in response.content.decode(), page


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_home_lists_the_next_meeting(client, language_code):
    meeting = meeting_at(7, title_fi="Yhteishaku tutuksi", title_en="The joint application")
    cancelled = meeting_at(3)
    meeting_cancel(meeting_id=cancelled.pk)
    hidden = meeting_at(2, forum=ForumFactory(project=ProjectFactory(is_published=False)))
    meeting_at(-2)  # past

    response = client.get(url("home", language_code))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language_code}">' in html
    assert listed(html, language_code) == {meeting.pk}
    assert hidden.pk not in listed(html, language_code)
    if language_code == "en":
        assert "The joint application" in html


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_project_page_links_to_its_forum(client, language_code):
    forum = ForumFactory(name_fi="OmaPolku-yhteistyöfoorumit", name_en="OmaPolku forums")
    with translation.override(language_code):
        page = forum.project.get_absolute_url()
    html = client.get(page).content.decode()
    links = find_all(html, "a", href=url("forums:forum", language_code, slug=forum.slug))
    assert len(links) == 1
    if language_code == "en":
        assert links[0].text == "OmaPolku forums"


def test_forum_page_lists_its_upcoming_meetings_and_links_its_project(client):
    meeting = meeting_at(14)
    later = meeting_at(40, forum=meeting.forum)
    meeting_at(-14, forum=meeting.forum)
    other = meeting_at(10)
    html = client.get(url("forums:forum", slug=meeting.forum.slug)).content.decode()
    assert listed(html) == {meeting.pk, later.pk}
    assert other.pk not in listed(html)
    assert f'href="{url("projects:detail", slug=meeting.forum.project.slug)}"' in html
    assert f'href="{url("forums:forum_feed", slug=meeting.forum.slug)}"' in html


# --- The list, its filters and the archive.


def test_list_filters_by_forum(client):
    first = meeting_at(10)
    same_forum = meeting_at(20, forum=first.forum)
    other = meeting_at(15)
    html = client.get(url("forums:list"), {"forum": first.forum.slug}).content.decode()
    assert listed(html) == {first.pk, same_forum.pk}
    assert other.pk not in listed(html)


def test_list_filters_by_region(client):
    in_uusimaa = meeting_at(10, region=region("uusimaa"))
    in_pirkanmaa = meeting_at(12, region=region("pirkanmaa"))
    meeting_at(14, region=None)
    assert listed(client.get(url("forums:list"), {"region": "uusimaa"}).content.decode()) == {
        in_uusimaa.pk
    }
    assert listed(client.get(url("forums:list"), {"region": "pirkanmaa"}).content.decode()) == {
        in_pirkanmaa.pk
    }


def test_list_filters_by_language_spoken(client):
    swedish = meeting_at(10)
    swedish.languages.set([language("sv"), language("fi")])
    finnish = meeting_at(12)
    finnish.languages.set([language("fi")])
    # Interpretation into Swedish is not the same as a meeting held in Swedish.
    interpreted = meeting_at(14)
    interpreted.interpretation_languages.set([language("sv")])

    html = client.get(url("forums:list"), {"language": "sv"}).content.decode()
    assert listed(html) == {swedish.pk}
    html = client.get(url("forums:list"), {"language": "fi"}).content.decode()
    # A meeting held in two languages is listed once.
    assert listed(html) == {swedish.pk, finnish.pk}
    assert len(find_all(html, "a", href=meeting_url(swedish))) == 1


def test_list_filters_combine(client):
    wanted = meeting_at(10, region=region("uusimaa"))
    wanted.languages.set([language("sv")])
    elsewhere = meeting_at(11, forum=wanted.forum, region=region("pirkanmaa"))
    elsewhere.languages.set([language("sv")])
    html = client.get(
        url("forums:list"), {"forum": wanted.forum.slug, "region": "uusimaa", "language": "sv"}
    ).content.decode()
    assert listed(html) == {wanted.pk}


@pytest.mark.parametrize("query", ["?forum=%00", "?language=zz", "?region=nowhere&forum="])
def test_list_ignores_filters_it_cannot_read(client, query):
    meetings = {meeting_at(10).pk, meeting_at(20).pk}
    response = client.get(url("forums:list") + query)
    assert response.status_code == 200
    assert listed(response.content.decode()) == meetings


def test_past_meetings_are_only_in_the_archive(client):
    past = meeting_at(-3)
    under_way = meeting_at(-1 / 24)  # started an hour ago, ends in an hour
    upcoming = meeting_at(3)
    listing = client.get(url("forums:list")).content.decode()
    archive = client.get(url("forums:archive")).content.decode()
    assert listed(listing) == {under_way.pk, upcoming.pk}
    assert listed(archive) == {past.pk}


def test_meetings_of_unpublished_projects_are_hidden(client):
    forum = ForumFactory(project=ProjectFactory(is_published=False))
    upcoming = meeting_at(5, forum=forum)
    past = meeting_at(-5, forum=forum)
    shown = meeting_at(6)
    assert listed(client.get(url("forums:list")).content.decode()) == {shown.pk}
    assert listed(client.get(url("forums:archive")).content.decode()) == set()
    assert client.get(meeting_url(upcoming)).status_code == 404
    assert client.get(meeting_url(past)).status_code == 404
    assert client.get(url("forums:forum", slug=forum.slug)).status_code == 404
    # An unpublished forum is not a valid choice: the filter is dropped, its meetings stay hidden.
    filtered = client.get(url("forums:list"), {"forum": forum.slug})
    assert filtered.status_code == 200
    assert listed(filtered.content.decode()) == {shown.pk}


def test_forum_filter_offers_only_forums_of_published_projects(client):
    shown = ForumFactory(name_en="Published forum")
    hidden = ForumFactory(name_en="Unpublished forum", project=ProjectFactory(is_published=False))
    html = client.get(url("forums:list")).content.decode()
    offered = {
        option.attrs["value"]
        for option in find_all(html, "option")
        if option.is_inside(by_id(html, "id_forum"))
    }
    assert shown.slug in offered
    assert hidden.slug not in offered
    assert "Unpublished forum" not in html
