"""Workshop reminders: a week and a day before the session, each once per booking, with the calendar file."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses.models import Booking
from courses.services.workshop_mail import tell_participant
from eyeforai.activity.services import record_each

WEEK = timedelta(days=7)
DAY = timedelta(days=1)


def send_workshop_reminders(now=None):
    """Queue the reminders due now (the beat task, every hour): 'courses/workshop_reminder' with the
    calendar file to each active booking of a session starting within 1 day (the day's reminder) or
    within 7 days (the week's). The week's goes only to bookings made before that week began: a later
    booking's own email, with the calendar file, was sent days ago at most. A booking made inside the
    last day gets the day's reminder only. Each reminder once per booking (reminded_day_at,
    reminded_week_at; the email's key too). Returns how many were queued."""
    now = now or timezone.now()
    sent = _remind(now, within=DAY, field="reminded_day_at", kind="day")
    sent += _remind(
        now,
        within=WEEK,
        field="reminded_week_at",
        kind="week",
        exclude_within=DAY,
        booked_before=F("session__starts_at") - WEEK,
    )
    return sent


@transaction.atomic
def _remind(now, *, within, field, kind, exclude_within=None, booked_before=None):
    bookings = (
        Booking.objects.active()
        .filter(
            session__cancelled_at__isnull=True,
            session__starts_at__gt=now,
            session__starts_at__lte=now + within,
            **{f"{field}__isnull": True},
        )
        .select_related("session", "participant__user")
        .select_for_update(of=("self",), skip_locked=True)
    )
    if exclude_within is not None:
        bookings = bookings.exclude(session__starts_at__lte=now + exclude_within)
    if booked_before is not None:
        bookings = bookings.filter(booked_at__lte=booked_before)
    bookings = list(bookings)
    for booking in bookings:
        tell_participant(
            booking.participant,
            booking.session,
            # With the session's revision: a session moved to a new date is reminded of again.
            key=f"course-reminder-{kind}:{booking.uuid}:{booking.session.revision}",
            template="workshop_reminder",
            with_calendar=True,
            tomorrow=kind == "day",
        )
    Booking.objects.filter(pk__in=[booking.pk for booking in bookings]).update(**{field: now})
    record_each(bookings, f"booking.reminded_{kind}", by=None)
    return len(bookings)
