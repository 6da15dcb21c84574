"""Anonymous visitors of / and /hosts/ get a cached page, and never one older than the last change."""

from django.urls import reverse

from hosts.choices import OrganizationStatus
from tests.factories import HostOrganizationFactory


def test_a_public_page_is_served_from_the_cache_until_what_it_shows_changes(db, client, django_assert_num_queries):
    host = HostOrganizationFactory(name="Västerstrand Hospital", status=OrganizationStatus.ACTIVE)
    for name in ("portal:home", "portal:host_list"):
        assert "Västerstrand Hospital" in client.get(reverse(name)).content.decode()
        with django_assert_num_queries(0):
            assert "Västerstrand Hospital" in client.get(reverse(name)).content.decode()

    host.name = "Västerstrand University Hospital"
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
