"""The one watcher of the kept copies (eyeforai/write_watch.py): forgetting a copy now and after commit."""

import logging

import pytest
from django.core.cache import cache

from eyeforai import write_watch

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every cache call is refused, as when Redis is stopped.
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_a_forgotten_copy_kept_again_before_the_commit_is_deleted_after_it(django_capture_on_commit_callbacks):
    cache.set_many({"kept:one": "rows before", "kept:two": "rows before"})

    with django_capture_on_commit_callbacks(execute=True):
        write_watch.forget(["kept:one", "kept:two"])
        assert cache.get_many(["kept:one", "kept:two"]) == {}
        cache.set("kept:one", "rows read by a request before the commit")

    assert cache.get_many(["kept:one", "kept:two"]) == {}


def test_forgetting_with_the_cache_down_fails_neither_the_change_nor_the_commit(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.CACHES = CACHE_DOWN
    with (
        caplog.at_level(logging.ERROR, logger="eyeforai.write_watch"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        write_watch.forget(["kept:one"])

    assert caplog.text.count("Could not delete the kept copies") == 2
