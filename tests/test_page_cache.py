"""The anonymous page cache: fast repeats, never older than the data, never for forms."""

import datetime
import re
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Meeting, Registration
from portal.cache import CSRF_PLACEHOLDER, RECENT_SECONDS, _sources_digest, kept
from projects import cards
from projects.cards import project_cards_html
from projects.models import Project

from .factories import ProjectFactory
from .forum_factories import MeetingFactory, register
from .test_forum_pages import form_data

pytestmark = pytest.mark.django_db


def fi(name: str, **kwargs: object) -> str:
    with translation.override("fi"):
        return reverse(name, kwargs=kwargs or None)


def _csrf_token(response: HttpResponse) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())
    assert found is not None
    return found.group(1)


def test_a_repeated_anonymous_page_comes_from_the_cache(client, django_assert_num_queries):
    ProjectFactory(name_fi="Välimuistihanke")
    first = client.get(fi("projects:list"))
    with django_assert_num_queries(0):
        second = client.get(fi("projects:list"))
    assert second.content == first.content
    assert "Välimuistihanke" in second.content.decode()
    # The headers of the middleware outside the cache are on the cached page too.
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["Content-Language"] == "fi"
    assert "no-cache" in second["Cache-Control"]


def test_a_change_to_the_content_shows_once_it_is_committed(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory.create(name_fi="Vanha nimi")
    assert "Vanha nimi" in client.get(project.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks() as callbacks:
        project.name_fi = "Uusi nimi"
        project.save()
    # Until the commit, a page rendered now would show the old row: the cache keeps its page.
    assert "Vanha nimi" in client.get(project.get_absolute_url()).content.decode()
    for callback in callbacks:
        callback()
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Uusi nimi" in html
    assert "Vanha nimi" not in html


def test_a_registration_updates_the_seats_on_the_forums_page(
    client, django_capture_on_commit_callbacks
):
    meeting: Meeting = MeetingFactory.create(capacity=5)
    assert "5 seats left" in client.get("/en/forums/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "aino@example.org")
    assert "4 seats left" in client.get("/en/forums/").content.decode()


def test_an_unchanged_page_answers_304_to_its_etag(client, django_capture_on_commit_callbacks):
    ProjectFactory()
    first = client.get(fi("home"))
    etag = first["ETag"]
    again = client.get(fi("home"), headers={"if-none-match": etag})
    assert again.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory()  # new content, new page
    changed = client.get(fi("home"), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_meeting_page_is_cached_with_a_token_of_each_visitors_own(
    client, django_assert_num_queries
):
    meeting: Meeting = MeetingFactory.create()
    first = client.get(meeting.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        second = visitor.get(meeting.get_absolute_url())

    tokens = [_csrf_token(response) for response in (first, second)]
    assert tokens[0] != tokens[1]
    assert "csrftoken" in second.cookies
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    assert "private" in second["Cache-Control"]
    assert "ETag" not in second
    assert CSRF_PLACEHOLDER.decode() not in second.content.decode()
    # The page from the cache registers like a fresh one.
    data = {**form_data(meeting), "csrfmiddlewaretoken": tokens[1]}
    posted = visitor.post(meeting.get_absolute_url(), data)
    assert posted.status_code == 302
    assert Registration.objects.filter(meeting=meeting, email=data["email"]).exists()


def test_a_registration_leaves_the_catalogue_and_the_other_meetings_in_the_cache(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    ProjectFactory(name_fi="Välimuistihanke")
    meeting: Meeting = MeetingFactory.create(capacity=5)
    other: Meeting = MeetingFactory.create(capacity=5)
    with translation.override("en"):
        meeting_path, other_path = meeting.get_absolute_url(), other.get_absolute_url()
    client.get(fi("projects:list"))
    assert "5 seats left" in client.get(meeting_path).content.decode()
    assert "5 seats left" in client.get(other_path).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "aino@example.org")
    with django_assert_num_queries(0):
        client.get(fi("projects:list"))
        assert "5 seats left" in client.get(other_path).content.decode()
    assert "4 seats left" in client.get(meeting_path).content.decode()


def test_logged_in_people_get_fresh_pages(admin_client):
    ProjectFactory()
    admin_client.get(fi("projects:list"))
    response = admin_client.get(fi("projects:list"))
    assert "ETag" not in response
    assert response.status_code == 200


def test_each_language_and_query_is_cached_apart(client):
    ProjectFactory(name_fi="Hanke", name_en="Project")
    finnish = client.get("/fi/projects/").content.decode()
    english = client.get("/en/projects/").content.decode()
    searched = client.get("/en/projects/?q=nothing-matches-this").content.decode()
    assert '<html lang="fi">' in finnish
    assert '<html lang="en">' in english
    assert "Project" in english
    assert "Project</a>" not in searched


def test_a_kept_card_serves_other_addresses_until_the_project_changes(
    client, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # pages are rendered each time; only the cards are kept
    project: Project = ProjectFactory.create(name_fi="Korttihanke", name_en="Card project")
    read_for_cards: list[int] = []
    read = cards.project_cards

    def recorded(ids: list[int]) -> Any:
        read_for_cards.extend(ids)
        return read(ids)

    monkeypatch.setattr(cards, "project_cards", recorded)
    client.get("/fi/projects/")
    assert read_for_cards == [project.pk]

    html = client.get("/fi/projects/?status=ongoing&sort=name").content.decode()
    assert "Korttihanke" in html
    assert "<article" in html  # the kept card is markup, not escaped text
    assert read_for_cards == [project.pk]  # not read again
    assert "Card project" in client.get("/en/projects/").content.decode()
    assert read_for_cards == [project.pk, project.pk]  # each language has its own card

    with django_capture_on_commit_callbacks(execute=True):
        project.name_fi = "Uusi korttihanke"
        project.save()
    assert "Uusi korttihanke" in client.get("/fi/projects/").content.decode()


def test_a_kept_card_shows_the_status_of_the_day(monkeypatch):
    project = ProjectFactory(
        start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 12, 31)
    )
    html = []
    for day in (datetime.date(2024, 12, 31), datetime.date(2025, 1, 1)):
        monkeypatch.setattr(timezone, "localdate", lambda *args, day=day, **kwargs: day)
        html.append(project_cards_html([project.pk])[0])
    assert "status-ongoing" in html[0]
    assert "status-ended" in html[1]


def test_a_kept_value_is_unpickled_once_in_a_while_and_follows_a_change(
    monkeypatch, django_capture_on_commit_callbacks
):
    reads = []
    real_get_or_set = cache.get_or_set

    def counted_get_or_set(*args, **kwargs):
        reads.append(args[0])
        return real_get_or_set(*args, **kwargs)

    monkeypatch.setattr(cache, "get_or_set", counted_get_or_set)
    first = kept("test-value", lambda: ["first"])
    assert kept("test-value", lambda: ["other"]) is first
    assert len(reads) == 1  # the second came from this process's recent values

    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory()
    assert kept("test-value", lambda: ["after the change"]) == ["after the change"]

    later = time.monotonic() + RECENT_SECONDS + 1
    monkeypatch.setattr("portal.cache.time.monotonic", lambda: later)
    assert kept("test-value", lambda: ["not computed: still in the shared cache"]) == [
        "after the change"
    ]
    assert len(reads) == 3


def test_the_seats_versions_expire_with_their_pages_and_the_content_version_lasts(
    client, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    lifetimes = {}
    written_together = []
    for name in ("add", "set"):
        store = getattr(cache, name)

        def recorded(key, value, timeout=None, *args, store=store, **kwargs):
            lifetimes[key] = timeout
            return store(key, value, timeout, *args, **kwargs)

        monkeypatch.setattr(cache, name, recorded)
    store_many = cache.set_many

    def recorded_many(data, timeout=None, *args, **kwargs):
        written_together.append(sorted(data))
        lifetimes.update(dict.fromkeys(data, timeout))
        return store_many(data, timeout, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", recorded_many)

    assert client.get(fi("forums:meeting", pk=987654)).status_code == 404
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, "anna@example.org")

    assert lifetimes["page-cache-seats-version:987654"] == 60
    assert lifetimes[f"page-cache-seats-version:{meeting.pk}"] == 60
    assert lifetimes["page-cache-seats-version"] == 60
    assert lifetimes["page-cache-version"] is None
    # A registration bumps both its seats versions in one trip to the cache.
    assert written_together[-1] == sorted(
        ["page-cache-seats-version", f"page-cache-seats-version:{meeting.pk}"]
    )


def test_a_page_served_lately_is_not_fetched_again_for_a_few_seconds_and_follows_a_change(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    ProjectFactory(name_fi="Ensimmäinen hanke")
    page_reads = []
    real_get = cache.get

    def counted_get(key, *args, **kwargs):
        if key.startswith("page:"):
            page_reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counted_get)
    clock = [time.monotonic()]
    monkeypatch.setattr("portal.cache.time.monotonic", lambda: clock[0])
    path = fi("projects:list")

    first = client.get(path)  # looked for, rendered and stored
    clock[0] += RECENT_SECONDS - 1
    assert client.get(path).content == first.content
    assert len(page_reads) == 1  # served from this process's recent pages
    # Served in between, it is still fetched again once its few seconds are over.
    clock[0] += 2
    assert client.get(path).content == first.content
    assert len(page_reads) == 2

    with django_capture_on_commit_callbacks(execute=True):
        ProjectFactory(name_fi="Toinen hanke")
    assert "Toinen hanke" in client.get(path).content.decode()


def test_a_page_kept_by_another_release_is_not_served(client, settings):
    """During a deployment the old release's processes still serve, and what they render is
    kept: the new release's processes must not serve it, nor the cards in it."""
    settings.RELEASE = "old"
    project = ProjectFactory.create(name_fi="Vanhan julkaisun nimi")
    path = fi("projects:list")
    assert "Vanhan julkaisun nimi" in client.get(path).content.decode()
    # A change that tells the cache nothing, as a new template would not.
    Project.objects.filter(pk=project.pk).update(name_fi="Uuden julkaisun nimi")
    assert "Vanhan julkaisun nimi" in client.get(path).content.decode()

    settings.RELEASE = "new"
    assert "Uuden julkaisun nimi" in client.get(path).content.decode()


def test_without_a_release_name_the_release_is_a_digest_of_the_sources(tmp_path):
    digest = _sources_digest.__wrapped__
    template = tmp_path / "templates" / "base.html"
    template.parent.mkdir()
    template.write_text("<p>yksi</p>")
    first = digest(tmp_path)

    # Compiled files come and go, or differ by their compiler, with the same sources.
    (tmp_path / "portal" / "__pycache__").mkdir(parents=True)
    (tmp_path / "portal" / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "django.mo").write_bytes(b"\1")
    assert digest(tmp_path) == first
    template.write_text("<p>kaksi</p>")
    assert digest(tmp_path) != first
