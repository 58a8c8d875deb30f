"""Django's Redis cache, keeping one client object per connection pool.

Django's ``RedisCacheClient`` makes a new ``redis.Redis`` object for every cache
operation, and redis-py builds its table of response callbacks (a few hundred
entries) each time: a fifth of a millisecond per ``get``, several times per page.
A client object is safe to share (it takes a connection from the pool per
command), so one per pool is kept instead.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClient
