"""What rotations adds to the talent's and the host's dashboards (see eyeforai/pages/sections.py)."""

from django.utils import timezone

from rotations.services.calendars import existing_feed
from rotations.services.schedules import host_talents, talent_schedule


def talent_schedule_context(request, *, talent):
    """The talent's three placements and their private calendar address: two queries."""
    return {"placements": talent_schedule(talent), "calendar_feed": existing_feed(user=request.user)}


def host_talents_context(request, *, organization):
    """Talents placed or proposed with the organisation, for the dashboard's summary."""
    return host_talents(organization, today=timezone.localdate())
