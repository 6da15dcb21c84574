"""The Redis cache keeps one client object per connection pool (eyeforai/redis_cache.py)."""

from django.conf import settings as django_settings
from django.core.cache import caches

from tests.core.test_settings import PRODUCTION_ENV, manage


def redis_cache(settings, prefix):
    settings.CACHES = {
        "default": {
            "BACKEND": "eyeforai.redis_cache.KeptClientRedisCache",
            "LOCATION": django_settings.CELERY_BROKER_URL,
            "KEY_PREFIX": prefix,
        }
    }
    return caches["default"]


def test_every_call_shares_one_client_and_still_reads_and_writes(settings):
    cache = redis_cache(settings, "test-kept-client")
    cache.set("greeting", "hej", 30)
    assert cache.get("greeting") == "hej"
    assert cache.get_many(["greeting", "missing"]) == {"greeting": "hej"}
    cache.delete("greeting")
    assert cache.get("greeting") is None
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)


def test_a_redis_cache_url_selects_the_backend_that_keeps_its_client():
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split()[-1] == "eyeforai.redis_cache.KeptClientRedisCache"
