"""The API over HTTP (issue 22): cursor pagination, ETag and Last-Modified with 304s, and a
limit per client address with a clear 429."""

import time

import pytest
from django.core.cache import cache
from django.utils.http import http_date, parse_http_date

from projects.models import Project

from .api_helpers import catalogue, get
from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate(settings):
    """The API's limit, set low for a test."""

    def set_rate(value: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"api": value},
        }

    return set_rate


def test_pages_follow_each_other_by_cursor(client):
    for number in range(5):
        ProjectFactory(slug=f"hanke-{number}")

    seen = []
    page = get(client, "projects", page_size=2).json()
    assert page["previous"] is None
    while True:
        seen += [item["slug"] for item in page["results"]]
        if page["next"] is None:
            break
        assert "cursor=" in page["next"] and "page_size=2" in page["next"]
        page = get(client, page["next"]).json()

    assert seen == [f"hanke-{number}" for number in range(5)]
    assert page["previous"] is not None


def test_a_page_holds_50_by_default_and_from_1_to_100_when_asked(client):
    Project.objects.bulk_create(
        ProjectFactory.build(slug=f"hanke-{number:03}", is_published=True) for number in range(120)
    )

    assert len(get(client, "projects").json()["results"]) == 50
    assert len(get(client, "projects", page_size=100).json()["results"]) == 100
    for wrong in ("101", "0", "-5", "ten", "2.5"):
        response = get(client, "projects", page_size=wrong)
        assert response.status_code == 400
        assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize("query", ["status=ended&status=planned", "status=", "lang="])
def test_a_parameter_given_twice_or_empty_is_a_400(client, query):
    response = client.get(f"/api/v1/projects/?{query}")

    assert response.status_code == 400
    assert list(response.json()) == [query.split("=")[0]]


def test_a_project_added_between_pages_does_not_shift_them(client):
    for slug in ("a", "c", "e"):
        ProjectFactory(slug=slug)
    first = get(client, "projects", page_size=2).json()
    ProjectFactory(slug="b")  # sorts before the first page's end

    second = get(client, first["next"]).json()
    assert [item["slug"] for item in first["results"]] == ["a", "c"]
    assert [item["slug"] for item in second["results"]] == ["e"]


def test_an_answer_carries_etag_and_last_modified(client):
    catalogue()

    response = get(client, "projects/vamos/")

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert abs(parse_http_date(response["Last-Modified"]) - time.time()) < 5
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["projects", "projects/vamos/", "meetings", "regions"])
def test_the_same_answer_again_is_a_304(client, path):
    catalogue()
    first = get(client, path)

    again = get(client, path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    by_date = get(client, path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_a_change_is_a_new_etag_and_a_later_date(client):
    data = catalogue()
    first = get(client, "projects/vamos/")

    Project.objects.filter(pk=data.project.pk).update(summary_fi="Uusi tiivistelmä.")

    again = get(client, "projects/vamos/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["summary"] == "Uusi tiivistelmä."
    assert again["ETag"] != first["ETag"]
    # HTTP dates count whole seconds: the change is still dated after the first answer.
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    by_date = get(client, "projects/vamos/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 200


def test_each_language_is_its_own_answer(client):
    catalogue()
    finnish = get(client, "projects/vamos/")

    swedish = get(
        client,
        "projects/vamos/",
        HTTP_IF_NONE_MATCH=finnish["ETag"],
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert swedish.status_code == 200
    assert swedish["ETag"] != finnish["ETag"]


def test_without_the_cache_the_answer_is_dated_now(client, monkeypatch):
    catalogue()
    first = get(client, "projects/vamos/")

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get", broken)
    time.sleep(1.1)
    again = get(client, "projects/vamos/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    # A later date: the client gets the answer again, never an outdated 304.
    assert again.status_code == 200
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])


def test_too_many_requests_is_a_clear_429(client, rate):
    rate("3/min")

    answers = [get(client, "themes").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    response = get(client, "projects")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    detail = response.json()["detail"]
    assert "3/min" in detail
    assert "second" in detail  # when to try again


def test_the_limit_is_per_client_address(client, rate):
    rate("2/min")

    for _ in range(2):
        assert get(client, "themes", REMOTE_ADDR="192.0.2.1").status_code == 200
    assert get(client, "themes", REMOTE_ADDR="192.0.2.1").status_code == 429
    assert get(client, "themes", REMOTE_ADDR="192.0.2.2").status_code == 200
    # A header any client can send does not make it another client.
    spoofed = get(client, "themes", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert spoofed.status_code == 429


def test_the_limit_can_be_switched_off(client, rate, settings):
    rate("1/min")
    settings.RATELIMIT_ENABLE = False

    assert [get(client, "themes").status_code for _ in range(3)] == [200, 200, 200]


def test_a_cache_that_does_not_answer_lets_requests_through(client, rate, monkeypatch):
    rate("1/min")

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "get", broken)
    assert [get(client, "themes").status_code for _ in range(3)] == [200, 200, 200]


def test_dates_are_http_dates(client):
    response = get(client, "themes")

    assert response["Last-Modified"] == http_date(parse_http_date(response["Last-Modified"]))
