"""The calendar address a page shows starts with SITE_URL, never with the host a request named."""

import pytest
from django.urls import reverse

from rotations.services.calendars import feed_for_host, feed_for_talent

pytestmark = pytest.mark.django_db

SITE = "https://eyeforai.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def test_the_talents_dashboard_shows_the_feed_on_site_url(client, talent, talent_placement):
    token = feed_for_talent(talent).token
    client.force_login(talent)
    page = client.get(reverse("portal:talent_dashboard"), HTTP_HOST="localhost:6666").content.decode()
    assert f"<code>{SITE}/talent/calendar.ics?token={token}</code>" in page
    assert "localhost:6666" not in page


def test_the_host_talents_page_shows_the_feed_on_site_url(client, host_member, host_organization, talent_placement):
    token = feed_for_host(host_organization, member=host_member).token
    client.force_login(host_member)
    page = client.get(reverse("rotations_host:talents"), HTTP_HOST="localhost:6666").content.decode()
    assert f"<code>{SITE}/host/calendar.ics?token={token}</code>" in page
    assert "localhost:6666" not in page
