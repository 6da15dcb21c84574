"""Private iCalendar feeds of placements for a talent or a host organisation."""

from datetime import timedelta

import icalendar
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from rotations.choices import CalendarOwner, PlacementStatus
from rotations.models import CalendarFeed, Placement
from rotations.models.calendars import new_calendar_token


def feed_for_talent(user):
    """The talent's feed, made on first use (a confirmed placement, or asking for a new address)."""
    return CalendarFeed.objects.get_or_create(owner_kind=CalendarOwner.TALENT, user=user)[0]


def feed_for_host(organization, *, member):
    """The member's own feed of the organisation's placements, made on first use (a confirmed placement,
    or asking for an address). One of a person who belonged to another organisation gets a new token."""
    feed, created = CalendarFeed.objects.get_or_create(
        user=member, defaults={"owner_kind": CalendarOwner.HOST, "organization": organization}
    )
    if not created and (feed.owner_kind, feed.organization_id) != (CalendarOwner.HOST, organization.pk):
        feed.owner_kind, feed.organization, feed.token = CalendarOwner.HOST, organization, new_calendar_token()
        feed.save(update_fields=["owner_kind", "organization", "token", "updated_at"])
    return feed


def existing_feed(*, user, organization=None):
    """The person's feed if it was made already (of `organization`, for a host member): pages only
    read, they never write on GET."""
    kind = CalendarOwner.TALENT if organization is None else CalendarOwner.HOST
    return CalendarFeed.objects.filter(owner_kind=kind, user=user, organization=organization).first()


def feed_address(feed):
    """The feed's full address for a calendar app, on SITE_URL: never the host and scheme a request
    named (a Host header is the client's to choose, and behind the TLS proxy the request is http)."""
    name = "rotations_talent:calendar" if feed.owner_kind == CalendarOwner.TALENT else "rotations_host:calendar"
    return f"{settings.SITE_URL}{reverse(name)}?{urlencode({'token': feed.token})}"


def live_feed(owner_kind, token):
    """The feed behind `token` while its owner still has the access it shows, else None.

    A talent's feed: an active account with a talent profile. A host member's: an active account that
    still belongs to the feed's organisation. Deactivating the account or ending the membership ends
    the feed at once, whoever kept the address.
    """
    if not token:
        return None
    # The owner comes along: the feed is written in their language (build_calendar).
    feeds = CalendarFeed.objects.select_related("user").filter(owner_kind=owner_kind, token=token, user__is_active=True)
    if owner_kind == CalendarOwner.HOST:
        feeds = feeds.filter(user__host_membership__organization=F("organization"))
    else:
        feeds = feeds.filter(user__talent_profile__isnull=False)
    return feeds.first()


@transaction.atomic
def regenerate_token(feed, *, by):
    """A new private address; the old one stops working at once."""
    feed.token = new_calendar_token()
    feed.save(update_fields=["token", "updated_at"])
    record(feed, "calendarfeed.address_renewed", by=by)
    return feed


def placements_for_feed(feed):
    """The placements the feed's owner may see (visible_to_both_sides), a shared proposed one as tentative."""
    placements = Placement.objects.visible_to_both_sides().with_people()
    if feed.owner_kind == CalendarOwner.TALENT:
        return placements.filter(talent__user_id=feed.user_id)
    return placements.filter(host_id=feed.organization_id)


def build_calendar(feed):
    """The feed as iCalendar bytes: each placement an all-day event spanning its dates.

    A placement keeps its UID for life and SEQUENCE grows with each change, so calendar apps
    update the event instead of adding a second one.
    """
    # A calendar app fetches the feed with no cookie and no Accept-Language: its words are in the
    # language of the person whose feed it is.
    with translation.override(feed.user.language or settings.LANGUAGE_CODE):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//AI Sweden//Eye for AI portal//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Eye for AI placements"))
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
                _("Period %(number)s of %(cohort)s. Supervisor: %(supervisor)s <%(email)s>. Status: %(status)s.")
                % {
                    "number": placement.period.number,
                    "cohort": placement.cohort.name,
                    "supervisor": placement.project.supervisor_name,
                    "email": placement.project.supervisor_email,
                    "status": placement.get_status_display(),
                },
            )
            event.add("sequence", 0 if placement.status == PlacementStatus.PROPOSED else 1)
            calendar.add_component(event)
        return calendar.to_ical()
