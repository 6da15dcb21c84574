"""An organisation's slug never takes the address of another page under /hosts/ (hosts/urls/public.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hosts.choices import OrganizationStatus, Sector
from hosts.models.organizations import RESERVED_SLUGS
from hosts.services.organizations import create_organization
from hosts.urls.public import urlpatterns
from tests.factories import HostOrganizationFactory


def test_every_page_under_hosts_has_its_first_part_reserved():
    first_parts = {str(pattern.pattern).split("/")[0] for pattern in urlpatterns}
    assert first_parts <= RESERVED_SLUGS


def test_an_organisation_named_like_a_page_gets_a_slug_around_it(db, client):
    organization = create_organization(name="Interest", sector=Sector.OTHER)
    assert organization.slug == "interest-2"
    organization.status = OrganizationStatus.ACTIVE
    organization.save()

    page = client.get(reverse("portal:host_page", args=[organization.slug]))
    assert page.status_code == 200
    assert "<h1>Interest</h1>" in page.text
    assert "Become a host" in client.get("/hosts/interest/").text


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_a_reserved_slug_is_refused_with_a_message(db, slug):
    organization = HostOrganizationFactory.build(name="Interest AB", slug=slug)
    with pytest.raises(ValidationError) as refused:
        organization.full_clean()
    assert "is the address of another page under /hosts/" in refused.value.message_dict["slug"][0]
