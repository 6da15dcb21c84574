"""A workshop session as an iCalendar file: attached to the booking and reminder emails, and
downloadable from the participant's workshop page. It carries the meeting link of a digital session,
so it is made only for someone booked on it."""

from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eyeforai.mail.services import Attachment

CALENDAR_TYPE = "text/calendar"


def session_calendar(session):
    """The session as an iCalendar document (text), in the active language."""
    host = urlsplit(settings.SITE_URL).hostname or "eyeforai.portal"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//AI Sweden//AI for leaders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"workshop-{session.uuid}@{host}")
    # Same UID, higher SEQUENCE: a calendar app replaces the event it imported (RFC 5545 3.8.7.4).
    event.add("sequence", session.revision)
    event.add("summary", _("Workshop: AI for leaders in the public sector"))
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", timezone.now())
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    if session.is_digital:
        event.add("location", session.meeting_url)
        event.add("url", session.meeting_url)
    else:
        event.add("location", ", ".join(part for part in (session.venue, session.address, session.city) if part))
    details = _("Your workshop page: %(url)s") % {"url": settings.SITE_URL + reverse("courses:workshops")}
    event.add("description", details)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def session_ics(session):
    """The email attachment of `session`'s calendar file (call it in the recipient's language)."""
    return Attachment(filename="workshop.ics", content=session_calendar(session), mimetype=CALENDAR_TYPE)
