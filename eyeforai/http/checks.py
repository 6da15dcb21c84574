"""Deployment checks: what production settings must hold for the portal's guarantees to be true."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_CACHES = ("LocMemCache", "DummyCache")


@register(Tags.caches)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate limits (allauth's and the portal's) and the public pages' invalidation count in the cache:
    with a cache of each process's own, every gunicorn worker counts apart and a change seen by one
    worker is not seen by the others. With DEBUG on (one runserver process) that is harmless.

    A plain check, not only a --deploy one: `migrate` on each release, `runserver` and `check` stop on it.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith(PER_PROCESS_CACHES):
        return []
    return [
        Error(
            f"The cache is per process ({backend}) with DEBUG off: rate limits and the public-page cache "
            "would not hold across workers.",
            hint="Set CACHE_URL to Redis, e.g. CACHE_URL=redis://127.0.0.1:6379/1 (see README, Configuration).",
            id="eyeforai_http.E001",
        )
    ]
