"""Placements as the talent or the host member asking may see them; anyone else's answer 404."""

from django.http import Http404

from hosts.access import get_organization_for_member
from rotations.choices import LIVE_PLACEMENT_STATUSES
from rotations.models import Placement


def get_placement_for_talent(user, uuid):
    try:
        return Placement.objects.with_people().get(uuid=uuid, talent__user=user, status__in=LIVE_PLACEMENT_STATUSES)
    except Placement.DoesNotExist as error:
        raise Http404 from error


def get_placement_for_member(user, uuid):
    """A live placement (proposed included) at the member's organisation."""
    organization = get_organization_for_member(user)
    try:
        return Placement.objects.with_people().get(uuid=uuid, host=organization, status__in=LIVE_PLACEMENT_STATUSES)
    except Placement.DoesNotExist as error:
        raise Http404 from error
