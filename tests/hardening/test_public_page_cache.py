"""Anonymous visitors of / and /hosts/ get a cached page, and never one older than the last change."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from hosts.choices import OrganizationStatus
from portal.public.cache import GENERATION_KEY
from tests.factories import HostOrganizationFactory


def test_a_public_page_is_served_from_the_cache_until_what_it_shows_changes(
    db, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    host = HostOrganizationFactory(name="Västerstrand Hospital", status=OrganizationStatus.ACTIVE)
    for name in ("portal:home", "portal:host_list"):
        assert "Västerstrand Hospital" in client.get(reverse(name)).content.decode()
        with django_assert_num_queries(0):
            assert "Västerstrand Hospital" in client.get(reverse(name)).content.decode()

    host.name = "Västerstrand University Hospital"
    with django_capture_on_commit_callbacks(execute=True):  # the cache moves on when the change commits
        host.save()

    for name in ("portal:home", "portal:host_list"):
        assert "Västerstrand University Hospital" in client.get(reverse(name)).content.decode()


def test_signed_in_people_and_query_strings_are_not_served_cached_pages(db, client, talent):
    HostOrganizationFactory(name="Nordljus Pharma", status=OrganizationStatus.ACTIVE)
    anonymous = client.get(reverse("portal:host_list")).content.decode()  # now cached for anonymous visitors
    assert "Sign out" not in anonymous
    client.force_login(talent)
    assert "Sign out" in client.get(reverse("portal:host_list")).content.decode()
    client.logout()
    assert "Nordljus Pharma" in client.get(reverse("portal:host_list") + "?sector=pharma").content.decode()


def test_a_change_starts_a_new_generation_only_once_it_commits(transactional_db):
    before = cache.get(GENERATION_KEY)
    with transaction.atomic():
        organization = HostOrganizationFactory(status=OrganizationStatus.ACTIVE)
        assert cache.get(GENERATION_KEY) == before  # a visitor now still reads the old rows
    after_commit = cache.get(GENERATION_KEY)
    assert after_commit != before

    with pytest.raises(RuntimeError), transaction.atomic():
        organization.save()
        raise RuntimeError("rolled back")
    assert cache.get(GENERATION_KEY) == after_commit
