from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from hosts.choices import OrganizationStatus
from hosts.models import HostOrganization
from hosts.models.organizations import RESERVED_SLUGS


def unique_slug(name):
    """The name as a slug, numbered past those taken and those reserved for other pages under /hosts/."""
    base = slugify(name)[:180] or "host"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or HostOrganization.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def create_organization(*, name, sector, city="", website="", description="", by=None):
    """Create a prospect host organisation. Side effects: none.

    Refuses a name already taken (case-insensitive): invite people to the existing one instead.
    """
    name = " ".join(name.split())
    if HostOrganization.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            _("A host organisation called “%(name)s” already exists; invite the contact from it instead.")
            % {"name": name}
        )
    organization = HostOrganization.objects.create(
        name=name, slug=unique_slug(name), sector=sector, city=city, website=website, description=description
    )
    record(organization, "hostorganization.created", by=by, to_state=organization.status)
    return organization


@transaction.atomic
def update_profile(organization, *, description, website, city, by):
    """A member edits the public profile. Side effects: none (the public /hosts/ page shows it)."""
    organization.description = description
    organization.website = website
    organization.city = city
    organization.save(update_fields=["description", "website", "city"])
    record(organization, "hostorganization.profile_updated", by=by)
    return organization


@transaction.atomic
def activate_organization(organization, *, by=None):
    """Prospect (or former) → active: listed on /hosts/. Side effects: none."""
    organization = HostOrganization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.ACTIVE:
        from_state, organization.status = organization.status, OrganizationStatus.ACTIVE
        organization.save(update_fields=["status"])
        record(organization, "hostorganization.activated", by=by, from_state=from_state, to_state=organization.status)
    return organization


@transaction.atomic
def retire_organization(organization, *, by=None):
    """Active → former: no longer listed, members keep read access. Side effects: none."""
    organization = HostOrganization.objects.select_for_update().get(pk=organization.pk)
    if organization.status != OrganizationStatus.FORMER:
        from_state, organization.status = organization.status, OrganizationStatus.FORMER
        organization.save(update_fields=["status"])
        record(organization, "hostorganization.retired", by=by, from_state=from_state, to_state=organization.status)
    return organization
