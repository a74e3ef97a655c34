"""The shared cache (CACHE_URL) on the machine's Redis, with the backend the settings choose.

Run in .ci/run's PostgreSQL run, where the real services are up; skipped on SQLite."""

import pytest
import redis

from portal.redis_cache import RedisCache

from .harness import CACHE_URL

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared() -> RedisCache:
    cache = RedisCache(CACHE_URL, {})
    cache.clear()
    return cache


def test_it_keeps_what_django_s_cache_keeps(shared):
    shared.set("page", b"<html>", 60)
    assert shared.get("page") == b"<html>"
    assert shared.add("relay", True, 60)
    assert not shared.add("relay", True, 60)
    shared.set_many({"one": 1, "two": 2}, 60)
    assert shared.get_many(["one", "two", "three"]) == {"one": 1, "two": 2}
    shared.delete("relay")
    assert shared.get("relay") is None


def test_it_builds_its_redis_clients_once(shared, monkeypatch):
    built = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counted)
    for number in range(20):
        shared.set(f"key{number}", number, 60)
        assert shared.get(f"key{number}") == number

    # At most one for reading and one for writing; Django's own client builds one a call.
    assert len(built) <= 2


def test_it_reads_redis_s_replies_with_the_c_parser(shared):
    shared.set("page", b"<html>", 60)
    client = shared._cache.get_client(write=True)
    connection = client.connection_pool.get_connection()
    try:
        assert type(connection._parser).__name__ == "_HiredisParser"
    finally:
        client.connection_pool.release(connection)
