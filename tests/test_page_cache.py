"""The anonymous page cache: fast repeats, never older than the data, never for forms, and
no harm when the cache does not answer."""

import logging
import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forums.models import Meeting
from portal.cache import CONTENT_VERSION_KEY
from projects.models import Project

from .factories import ProjectFactory
from .forum_factories import MeetingFactory, register

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
    # The headers of the middleware outside the cache are on the kept page too.
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["Content-Language"] == "fi"
    assert "Content-Security-Policy" in second
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


def test_a_confirmed_seat_updates_the_seats_on_the_forums_page(
    client, django_capture_on_commit_callbacks
):
    meeting: Meeting = MeetingFactory.create(capacity=3)
    assert "Seats available" in client.get("/en/forums/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for name in ("aino", "bertta", "cecilia"):
            register(meeting, f"{name}@example.org")
    assert "Full: you can join the waiting list" in client.get("/en/forums/").content.decode()


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


def test_the_meeting_page_with_its_form_is_never_kept_whole(client, django_assert_max_num_queries):
    meeting: Meeting = MeetingFactory.create()
    first = client.get(meeting.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_max_num_queries(50) as queries:
        second = visitor.get(meeting.get_absolute_url())

    assert len(queries) > 0  # rendered again
    assert _csrf_token(first) != _csrf_token(second)


def test_logged_in_people_get_fresh_pages(admin_client, django_assert_max_num_queries):
    ProjectFactory()
    admin_client.get(fi("projects:list"))
    with django_assert_max_num_queries(100) as queries:
        response = admin_client.get(fi("projects:list"))
    assert response.status_code == 200
    assert len(queries) > 0


def test_each_language_and_query_is_cached_apart(client):
    ProjectFactory(name_fi="Hanke", name_en="Project")
    finnish = client.get("/fi/projects/").content.decode()
    english = client.get("/en/projects/").content.decode()
    searched = client.get("/en/projects/?q=nothing-matches-this").content.decode()
    assert '<html lang="fi">' in finnish
    assert '<html lang="en">' in english
    assert "Project" in english
    assert "Project</a>" not in searched


def test_a_missing_content_version_never_comes_back_as_one_pages_were_kept_under(
    client, django_capture_on_commit_callbacks
):
    project = ProjectFactory.create(name_fi="Ensimmäinen nimi")
    path = project.get_absolute_url()
    assert "Ensimmäinen nimi" in client.get(path).content.decode()
    # The version is evicted while the page stays, and the project changes unannounced.
    cache.delete(CONTENT_VERSION_KEY)
    Project.objects.filter(pk=project.pk).update(name_fi="Toinen nimi")
    assert "Toinen nimi" in client.get(path).content.decode()


def test_a_cache_that_does_not_answer_leaves_pages_rendered_and_logs_once(
    client, settings, caplog, monkeypatch
):
    ProjectFactory(name_fi="Näkyvä hanke")
    # A Redis nobody listens on: every call fails as when the real one is down.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        pages = [client.get(fi("projects:list")) for _ in range(3)]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert all("Näkyvä hanke" in page.content.decode() for page in pages)
    warnings = [record for record in caplog.records if record.name == "portal.cache"]
    assert len(warnings) == 1
    assert "did not answer" in warnings[0].getMessage()
