"""The cache production needs: shared by every process (Redis), or the portal refuses to start.

Rate limits and the public pages' invalidation hold across gunicorn workers only through a shared
cache. These tests run a second process (a real `manage.py shell`) next to the test process, both on
this test run's Redis database under a key prefix of the test's own.
"""

import os
import subprocess
import sys
import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.test import RequestFactory
from django.urls import reverse

from eyeforai.http.checks import shared_cache_in_production
from eyeforai.ratelimit import over_limit
from hosts.choices import OrganizationStatus
from tests.factories import HostOrganizationFactory
from tests.workers import test_database_url as database_url

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


@pytest.fixture
def shared_cache(settings):
    """This process's cache on Redis (the test run's own database), under a prefix no other test uses."""
    url, prefix = django_settings.CELERY_BROKER_URL, f"test-shared-cache-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": REDIS_CACHE, "LOCATION": url, "KEY_PREFIX": prefix}}
    yield url, prefix
    server = redis.Redis.from_url(url)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def in_another_process(code, *, cache):
    """Run `code` in a fresh `manage.py shell` on the test database, with `cache` as its default cache."""
    setup = f"from django.conf import settings; settings.CACHES = {{'default': {cache!r}}}\n"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup + code],
        env={**os.environ, "DATABASE_URL": database_url()},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def rename_in_another_process(host, name, *, cache):
    in_another_process(
        "from hosts.models import HostOrganization\n"
        f"host = HostOrganization.objects.get(pk={host.pk}); host.name = {name!r}; host.save()\n",
        cache=cache,
    )


def test_a_change_saved_by_another_process_replaces_the_public_page_here(
    transactional_db, client, shared_cache, django_assert_num_queries
):
    url, prefix = shared_cache
    host = HostOrganizationFactory(name="Västerstrand Hospital", status=OrganizationStatus.ACTIVE)
    page = reverse("portal:host_list")
    assert "Västerstrand Hospital" in client.get(page).content.decode()
    with django_assert_num_queries(0):  # served from Redis
        assert "Västerstrand Hospital" in client.get(page).content.decode()

    rename_in_another_process(
        host, "Västerstrand University Hospital", cache={"BACKEND": REDIS_CACHE, "LOCATION": url, "KEY_PREFIX": prefix}
    )

    assert "Västerstrand University Hospital" in client.get(page).content.decode()


def test_with_a_cache_of_each_process_own_another_process_change_goes_unseen(transactional_db, client, shared_cache):
    """Why production needs the shared cache: the other process's new generation stays in its own memory."""
    host = HostOrganizationFactory(name="Nordljus Pharma", status=OrganizationStatus.ACTIVE)
    page = reverse("portal:host_list")
    assert "Nordljus Pharma" in client.get(page).content.decode()

    rename_in_another_process(
        host, "Nordljus Biotech", cache={"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )

    stale = client.get(page).content.decode()
    assert "Nordljus Pharma" in stale and "Nordljus Biotech" not in stale


def test_a_rate_limit_counts_the_requests_every_process_saw(db, shared_cache):
    url, prefix = shared_cache
    count_ten = (
        "from django.test import RequestFactory\n"
        "from eyeforai.ratelimit import over_limit\n"
        "request = RequestFactory().post('/', REMOTE_ADDR='198.51.100.66')\n"
        "print([over_limit(request, scope='cross-process', limit=10, window=3600) for _ in range(10)])\n"
    )
    output = in_another_process(count_ten, cache={"BACKEND": REDIS_CACHE, "LOCATION": url, "KEY_PREFIX": prefix})
    assert "True" not in output  # ten allowed there ...
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.66")
    assert over_limit(request, scope="cross-process", limit=10, window=3600)  # ... the eleventh refused here


def test_a_per_process_cache_with_debug_off_stops_the_checks(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    [error] = shared_cache_in_production(None)
    assert error.id == "eyeforai_http.E001" and "Set CACHE_URL to Redis" in error.hint

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert shared_cache_in_production(None)
    settings.CACHES = {"default": {"BACKEND": REDIS_CACHE, "LOCATION": "redis://127.0.0.1:6379/1"}}
    assert shared_cache_in_production(None) == []
    settings.DEBUG = True  # one runserver process: its own cache is the shared one
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert shared_cache_in_production(None) == []


def test_manage_py_refuses_to_run_production_on_a_per_process_cache():
    """`migrate`, `runserver` and `check` (so `check --deploy`) all stop, naming CACHE_URL."""
    env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "false", "CACHE_URL": "locmemcache://"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env=env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "eyeforai_http.E001" in result.stderr and "Set CACHE_URL to Redis" in result.stderr
