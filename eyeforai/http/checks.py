"""Deployment checks: what production settings must hold for the portal's guarantees to be true."""

from pathlib import Path

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


@register(Tags.translation)
def catalogue_compiled(app_configs, **kwargs):
    """Swedish pages need locale/<language>/LC_MESSAGES/django.mo compiled from the .po beside it: the .mo
    is built (Makefile, `pybabel compile`), never committed, and a release that forgot it would serve
    English under `Content-Language: sv` without a word of warning. With DEBUG on, `make run` compiles it."""
    if settings.DEBUG:
        return []
    errors = []
    for language, _name in settings.LANGUAGES:
        for directory in settings.LOCALE_PATHS:
            source = Path(directory) / language / "LC_MESSAGES" / "django.po"
            compiled = source.with_suffix(".mo")
            if source.exists() and (not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime):
                errors.append(
                    Error(
                        f"{compiled} is missing or older than {source.name}: pages in {language} would be English.",
                        hint="Compile it: pybabel compile --directory locale --domain django (README, Upgrading).",
                        id="eyeforai_http.E002",
                    )
                )
    return errors
