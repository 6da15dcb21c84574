"""The days page and the writes that renew its cached copy (talents/days_page.py, eyeforai/write_watch.py)
when the cache is down: the page is built from the database and the write is saved."""

import logging
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from talents.models import DayLog
from talents.weeks import monday_of

# Nothing listens on port 1: every cache call is refused, as when Redis is stopped.
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def talent_client(client, talent, accepted_talent, settings):
    settings.CACHES = CACHE_DOWN
    client.force_login(talent)
    return client


def test_the_days_page_is_built_from_the_database_when_the_cache_is_down(talent_client, caplog):
    with caplog.at_level(logging.ERROR, logger="talents.days_page"):
        response = talent_client.get(reverse("talents:days"))

    assert response.status_code == 200
    assert "Log this day" in response.text
    assert "Could not read the days page from the cache" in caplog.text


def test_a_day_is_logged_when_the_cache_is_down(
    talent_client, accepted_talent, django_capture_on_commit_callbacks, caplog
):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)

    with (
        caplog.at_level(logging.ERROR, logger="eyeforai.write_watch"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = talent_client.post(
            reverse("talents:days"),
            {"date": last_week.isoformat(), "place": "stockholm", "activities": ["seminar"], "learned": "Queues."},
        )

    assert response.status_code == 302
    log = DayLog.objects.get(talent=accepted_talent.talent)
    assert log.week == last_week
    assert log.learned == "Queues."
    assert "Could not start a new generation of talents:days:generation" in caplog.text
    page = talent_client.get(reverse("talents:days"))
    assert page.status_code == 200
    assert "Queues." in page.text
