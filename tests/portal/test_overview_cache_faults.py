"""The talent's and the host member's overviews (portal/dashboard_cache.py) when the cache is down:
each is built from the database, writes are saved and show on the next view, and an erasure goes through."""

import logging

import pytest
from django.urls import reverse

from eyeforai.accounts.choices import ErasureStatus
from hosts.models import HostMembership, Invitation
from portal import erasure
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: every cache call is refused, as when Redis is stopped.
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def cache_down(settings):
    settings.CACHES = CACHE_DOWN


def test_the_talent_overview_is_built_from_the_database_when_the_cache_is_down(cache_down, client, talent, caplog):
    client.force_login(talent)

    with caplog.at_level(logging.ERROR, logger="portal.dashboard_cache"):
        response = client.get("/talent/")

    assert response.status_code == 200
    assert "No call for applications is open right now." in response.text
    assert "Could not read overviews:" in caplog.text


def test_the_host_overview_is_built_from_the_database_when_the_cache_is_down(
    cache_down, client, host_member, host_organization, caplog
):
    InvitationFactory(organization=host_organization, email="new@hospital.example.org")
    client.force_login(host_member)

    with caplog.at_level(logging.ERROR, logger="portal.dashboard_cache"):
        response = client.get("/host/")

    assert response.status_code == 200
    assert "new@hospital.example.org" in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "Could not read overviews:" in caplog.text


def test_an_invitation_withdrawn_while_the_cache_is_down_leaves_the_overview(
    cache_down, client, host_member, host_organization, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(organization=host_organization, email="new@hospital.example.org")
    listed = "new@hospital.example.org · invitation valid until"
    client.force_login(host_member)
    assert listed in client.get("/host/").text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("hosts_members:invitation_withdraw", args=[invitation.uuid]))

    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    page = client.get("/host/")
    assert page.status_code == 200
    assert listed not in page.text


def test_an_erasure_goes_through_when_the_cache_is_down(
    cache_down, host_member, manager, django_capture_on_commit_callbacks, caplog
):
    request = erasure.request_erasure(host_member, by=host_member)
    erasure.confirm_erasure(request, by=manager)

    with (
        caplog.at_level(logging.ERROR, logger="eyeforai.write_watch"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        erased = erasure.erase_account(request)

    assert erased.status == ErasureStatus.ERASED
    assert not HostMembership.objects.filter(user=host_member).exists()
    assert "Could not delete the kept copies" in caplog.text
    assert f"overviews:v2:host:{host_member.pk}:en" in caplog.text  # the overviews' own keys were asked for
