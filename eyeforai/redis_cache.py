"""Django's Redis cache, keeping one client object per connection pool.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every cache call, and building one
costs about as much CPU as the GET it then sends (redis-py fills a table of some 170 response callbacks
each time): 0.09 ms, measured, two or three times on every signed-in request (the session, the kept
person, a kept page). A `redis.Redis` is safe to share between threads, since every command takes a
connection from the pool and gives it back, so one per pool does. `CACHE_URL=redis://…` selects this
backend (settings.py); the keys, values and pools are Django's own.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class OneClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of the pool -> its client; the pools live as long as this object

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class KeptClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = OneClientPerPool
