"""Private iCalendar feeds of placements for a talent or a host organisation."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rotations.choices import CalendarOwner, PlacementStatus
from rotations.models import CalendarFeed, Placement
from rotations.models.calendars import new_calendar_token

SHOWN_STATUSES = [
    PlacementStatus.PROPOSED,
    PlacementStatus.CONFIRMED,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
]


def feed_for_talent(user):
    """The talent's feed, made on first use (a confirmed placement, or asking for a new address)."""
    return CalendarFeed.objects.get_or_create(owner_kind=CalendarOwner.TALENT, user=user)[0]


def feed_for_host(organization):
    return CalendarFeed.objects.get_or_create(owner_kind=CalendarOwner.HOST, organization=organization)[0]


def existing_feed(*, user=None, organization=None):
    """The feed if it was made already: pages only read, they never write on GET."""
    if user is not None:
        return CalendarFeed.objects.filter(owner_kind=CalendarOwner.TALENT, user=user).first()
    return CalendarFeed.objects.filter(owner_kind=CalendarOwner.HOST, organization=organization).first()


@transaction.atomic
def regenerate_token(feed):
    """A new private address; the old one stops working at once."""
    feed.token = new_calendar_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


def placements_for_feed(feed):
    placements = Placement.objects.with_people().filter(status__in=SHOWN_STATUSES)
    if feed.owner_kind == CalendarOwner.TALENT:
        return placements.filter(talent__user_id=feed.user_id)
    return placements.filter(host_id=feed.organization_id)


def build_calendar(feed):
    """The feed as iCalendar bytes: each placement an all-day event spanning its dates.

    A placement keeps its UID for life and SEQUENCE grows with each change, so calendar apps
    update the event instead of adding a second one.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//AI Sweden//Eye for AI portal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Eye for AI placements")
    host = settings.SITE_URL.split("://", 1)[-1]
    for placement in placements_for_feed(feed):
        event = icalendar.Event()
        event.add("uid", f"placement-{placement.uuid}@{host}")
        if feed.owner_kind == CalendarOwner.TALENT:
            summary = f"{placement.host.name}: {placement.project.title}"
        else:
            summary = f"{placement.talent.name}: {placement.project.title}"
        event.add("summary", summary)
        event.add("dtstart", placement.starts_on)
        event.add("dtend", placement.ends_on + timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("dtstamp", timezone.now())
        event.add("status", "TENTATIVE" if placement.status == PlacementStatus.PROPOSED else "CONFIRMED")
        event.add("location", placement.project.city or placement.host.city)
        event.add(
            "description",
            f"Period {placement.period.number} of {placement.cohort.name}. "
            f"Supervisor: {placement.project.supervisor_name} <{placement.project.supervisor_email}>. "
            f"Status: {placement.get_status_display()}.",
        )
        event.add("sequence", 0 if placement.status == PlacementStatus.PROPOSED else 1)
        calendar.add_component(event)
    return calendar.to_ical()
