"""Django's Redis cache, keeping its redis-py clients.

Django's client builds a new redis-py client for every cache call, and building one (redis-py
copies its table of reply handlers) costs about as much as the call's round trip to Redis.
A page served from the cache makes a few such calls. A client only holds a connection pool
and is safe to share between threads, so the first one made is kept.
"""

from typing import Any

from django.core.cache.backends import redis
from redis import Redis


class KeptClientsRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[bool, Redis] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Redis:
        # One for reading, one for writing: CACHE_URL names one server, so each always
        # stands on the same connection pool.
        client = self._clients.get(write)
        if client is None:
            client = self._clients[write] = super().get_client(key, write=write)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = KeptClientsRedisCacheClient
