"""The shared cache stopped for real while people use the portal: pages still render, the
registration form still takes registrations (its rate limits let them through: a documented
choice), the outage is logged once a minute rather than once a request, /healthz says so, and
everything is cached and counted again once the cache is back."""

import json
import logging
import time

import pytest
from django.urls import reverse

import portal.cache
from forums.models import Registration

from .factories import ProjectFactory
from .forum_page_helpers import form_data, meeting_at, meeting_url
from .outage_helpers import OwnRedis, SilentServer

pytestmark = pytest.mark.django_db


def _redis_cache(settings, url: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def redis_cache(settings):
    redis = OwnRedis()
    redis.start()
    _redis_cache(settings, redis.url)
    yield redis
    redis.stop()


def _cache_warnings(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "portal.cache"]


def _health(client) -> dict[str, str]:
    return json.loads(client.get(reverse("healthz")).content)  # type: ignore[no-any-return]


def test_pages_and_registrations_go_on_while_the_cache_is_down_and_it_is_used_again_after(
    client, redis_cache, caplog, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(portal.cache, "RETRY_AFTER_SECONDS", 0.5)
    ProjectFactory(name_fi="Näkyvä hanke")
    listing = reverse("projects:list")
    client.get(listing)
    with django_assert_num_queries(0):
        assert "Näkyvä hanke" in client.get(listing).content.decode()
    assert _health(client)["cache"] == "up"

    redis_cache.stop()
    meeting = meeting_at(14)
    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        pages = [client.get(listing) for _ in range(3)]
        time.sleep(0.6)  # past the pause after a failure: the cache is asked, and fails, again
        pages.append(client.get(listing))
        registered = client.post(meeting_url(meeting), form_data(meeting))

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert all("Näkyvä hanke" in page.content.decode() for page in pages)
    assert registered.status_code == 302
    assert Registration.objects.filter(meeting=meeting).count() == 1
    warnings = _cache_warnings(caplog)
    assert len(warnings) == 1
    assert "did not answer" in warnings[0].getMessage()
    assert client.get(reverse("healthz")).status_code == 200  # the portal still serves
    assert _health(client) == {"database": "up", "cache": "down", "broker": "none"}

    redis_cache.start()
    time.sleep(0.6)
    client.get(listing)
    with django_assert_num_queries(0):
        assert "Näkyvä hanke" in client.get(listing).content.decode()
    assert _health(client)["cache"] == "up"


def test_the_rate_limit_lets_registrations_through_while_the_cache_is_down_and_counts_after(
    client, redis_cache, settings, monkeypatch
):
    monkeypatch.setattr(portal.cache, "RETRY_AFTER_SECONDS", 0.5)
    settings.RATELIMIT_ENABLE = True
    settings.REGISTRATION_RATE_PER_ADDRESS = "2/h"
    meeting = meeting_at(14, capacity=50)

    def register(number: int) -> int:
        data = form_data(meeting, email=f"person{number}@example.org")
        return client.post(meeting_url(meeting), data).status_code  # type: ignore[no-any-return]

    redis_cache.stop()
    assert [register(number) for number in range(3)] == [302, 302, 302]

    redis_cache.start()
    time.sleep(0.6)
    assert [register(number) for number in range(3, 6)] == [302, 302, 429]
    assert Registration.objects.filter(meeting=meeting).count() == 5


def test_a_cache_that_hangs_slows_only_the_first_page_of_a_few_seconds(client, settings, caplog):
    silent = SilentServer()
    _redis_cache(settings, f"redis://127.0.0.1:{silent.port}/0")
    ProjectFactory(name_fi="Näkyvä hanke")
    started = time.monotonic()
    try:
        with caplog.at_level(logging.WARNING, logger="portal.cache"):
            pages = [client.get(reverse("projects:list")) for _ in range(10)]
    finally:
        silent.close()
    elapsed = time.monotonic() - started

    assert [page.status_code for page in pages] == [200] * 10
    assert all("Näkyvä hanke" in page.content.decode() for page in pages)
    # One call waits its 0.5 s; the other pages do not ask the cache for a few seconds (each
    # asking would wait 0.5 s: 5 s in all).
    assert 0.5 <= elapsed < 4
    assert len(_cache_warnings(caplog)) == 1
