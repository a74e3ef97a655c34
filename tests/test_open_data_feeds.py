"""Atom feeds (issue 22): new and updated projects, and upcoming meetings of all forums and of
one forum, in each language under its prefix, valid Atom that xml.etree reads, with the
licence in `rights`; only what the public pages show, and never a meeting's online link."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from portal.open_data import LICENCE_URL

from .factories import ProjectFactory
from .forum_factories import MeetingFactory
from .open_data_helpers import (
    ATOM,
    LANGUAGES,
    PERSONAL,
    atom,
    entries,
    entry_link,
    entry_titles,
    make_catalogue,
    url,
)
from .page_html import find_all

pytestmark = pytest.mark.django_db

LICENCE_NAMES = {
    "fi": "Creative Commons Nimeä 4.0 Kansainvälinen",
    "sv": "Creative Commons Erkännande 4.0 Internationell",
    "en": "Creative Commons Attribution 4.0 International",
}


@pytest.fixture
def catalogue(invite):
    return make_catalogue(invite)


def assert_valid_atom(feed, language: str, self_address: str) -> None:
    """What RFC 4287 requires of a feed and its entries, and what ours promise besides."""
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    for name in ("id", "title", "updated"):
        assert feed.findtext(f"{ATOM}{name}"), name
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Hankeportaali"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"] == settings.PORTAL_URL + self_address
    assert links["alternate"].startswith(f"{settings.PORTAL_URL}/{language}/")
    rights = feed.findtext(f"{ATOM}rights", "")
    assert LICENCE_URL in rights
    assert LICENCE_NAMES[language] in rights
    for entry in entries(feed):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        link = entry_link(entry)
        assert link.startswith(f"{settings.PORTAL_URL}/{language}/")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated", ""))


@pytest.mark.parametrize(
    ("language", "name"),
    [("fi", "Yhessä (YHS)"), ("sv", "Tillsammans (YHS)"), ("en", "Together (YHS)")],
)
def test_project_feed_lists_published_projects_in_each_language(client, catalogue, language, name):
    address = url("projects:feed", language)
    assert address == f"/{language}/projects/feed.atom"

    feed = atom(client, address)

    assert_valid_atom(feed, language, address)
    assert entry_titles(feed) == [name]  # the unpublished project is not there
    [entry] = entries(feed)
    assert entry_link(entry) == (
        f"{settings.PORTAL_URL}/{language}/projects/{catalogue.project.slug}/"
    )
    summary = catalogue.project.__dict__[f"summary_{language}"]
    assert entry.findtext(f"{ATOM}summary") == f"<p>{summary}</p>"


def test_a_summary_reads_as_written_not_as_markup(client):
    ProjectFactory(summary_fi="Kaavio <script>alert(1)</script> & muuta")
    [entry] = entries(atom(client, url("projects:feed")))
    # The summary is HTML (type="html"): what was typed is escaped in it.
    [summary] = entry.findall(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert summary.text == "<p>Kaavio &lt;script&gt;alert(1)&lt;/script&gt; &amp; muuta</p>"


def test_project_feed_puts_the_last_changed_first(client):
    older = ProjectFactory(name_fi="Vanhempi")
    ProjectFactory(name_fi="Uudempi")
    older.save()  # changed after the other was added

    assert entry_titles(atom(client, url("projects:feed"))) == ["Vanhempi", "Uudempi"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_meetings_feed_lists_upcoming_public_meetings_without_the_online_link(
    client, catalogue, language
):
    address = url("forums:meetings_atom", language)
    response = client.get(address)
    feed = atom(client, address)

    assert_valid_atom(feed, language, address)
    titles = entry_titles(feed)
    first = {"fi": "Syystapaaminen", "sv": "Höstmöte", "en": "Autumn meeting"}[language]
    # No Swedish title: the Finnish one, marked as cancelled.
    cancelled = "Called-off meeting" if language == "en" else "Peruttu tapaaminen"
    # Soonest first; neither the past meeting nor the unpublished project's is there.
    assert titles[0] == first
    assert titles[1].endswith(cancelled)
    assert titles[1] != cancelled
    assert len(titles) == 2
    content = response.content.decode()
    assert PERSONAL["online link"] not in content
    assert "meet.example.org" not in content
    summary = entries(feed)[0].findtext(f"{ATOM}summary", "")
    assert {"fi": "Verkossa", "sv": "På nätet", "en": "Online"}[language] in summary


def test_forum_feed_lists_only_that_forums_upcoming_meetings(client, catalogue):
    other = make_other_forum_meeting()
    address = url("forums:forum_atom", "en", slug=catalogue.forum.slug)

    feed = atom(client, address)

    assert_valid_atom(feed, "en", address)
    assert feed.findtext(f"{ATOM}title") == "Forum"
    assert entry_titles(feed) == ["Autumn meeting", "Cancelled: Called-off meeting"]
    assert other.title_en not in client.get(address).content.decode()
    all_titles = entry_titles(atom(client, url("forums:meetings_atom", "en")))
    assert other.title_en in all_titles


def test_an_unpublished_projects_forum_has_no_feed(client, catalogue):
    response = client.get(url("forums:forum_atom", "en", slug=catalogue.hidden.forum.slug))
    assert response.status_code == 404


def make_other_forum_meeting():
    starts = timezone.now() + datetime.timedelta(days=3)
    return MeetingFactory(
        title_en="Another forum's meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
    )


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("home", "projects:feed"),
        ("projects:list", "projects:feed"),
        ("forums:list", "forums:meetings_atom"),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_link_their_feed(client, page, feed, language):
    html = client.get(url(page, language)).content.decode()
    [link] = find_all(html, "link", rel="alternate", type="application/atom+xml")
    assert link.attrs["href"] == url(feed, language)
    assert link.attrs["title"]


def test_forum_page_links_its_own_feed_and_all_meetings(client, catalogue):
    html = client.get(url("forums:forum", "sv", slug=catalogue.forum.slug)).content.decode()
    links = find_all(html, "link", rel="alternate", type="application/atom+xml")
    assert [link.attrs["href"] for link in links] == [
        url("forums:forum_atom", "sv", slug=catalogue.forum.slug),
        url("forums:meetings_atom", "sv"),
    ]
