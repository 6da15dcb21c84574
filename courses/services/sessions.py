"""A course manager's changes to a workshop session: new details told to everyone booked, a new capacity
offered to the waiting list, the session cancelled. The seats' rules are courses/services/bookings.py's."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.choices import BookingEnd, WaitingOutcome
from courses.models import Booking, Session, WaitingListEntry
from courses.services.bookings import lock_sessions, offer_free_seats
from courses.services.workshop_mail import tell_participant
from eyeforai.activity.services import record

# How many other sessions the email about a cancelled session suggests.
ALTERNATIVES_SHOWN = 5


@transaction.atomic
def cancel_session(session, *, by):
    """The course managers call a session off: everyone booked or waiting is told, with other sessions
    they can book instead. Refused for a session that has started. Idempotent.
    Side effects: cancelled_at; every active booking ends "session_cancelled" and every open waiting
    entry likewise; seats_held 0; the 'courses/session_cancelled' email to each of them; the activity
    entry "session.cancelled"."""
    (session,) = lock_sessions(session)
    if session.is_cancelled:
        return session
    now = timezone.now()
    if session.starts_at <= now:
        raise ValidationError(_("The session has started; it can no longer be cancelled."), code="started")
    if Booking.objects.active().filter(session=session, attended_at__isnull=False).exists():
        raise ValidationError(
            _("Attendance has been taken at this session; it can no longer be cancelled."), code="attended"
        )
    session.cancelled_at = now
    session.seats_held = 0
    session.save(update_fields=["cancelled_at", "seats_held"])
    record(session, "session.cancelled", by=by)
    alternatives = list(
        Session.objects.upcoming(now).exclude(pk=session.pk).filter(seats_held__lt=F("capacity"))[:ALTERNATIVES_SHOWN]
    )
    bookings = list(Booking.objects.active().filter(session=session).select_related("participant__user"))
    entries = list(WaitingListEntry.objects.open().filter(session=session).select_related("participant__user"))
    Booking.objects.filter(pk__in=[b.pk for b in bookings]).update(
        ended_at=now, end_reason=BookingEnd.SESSION_CANCELLED
    )
    WaitingListEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
        ended_at=now, outcome=WaitingOutcome.SESSION_CANCELLED
    )
    for row in [*bookings, *entries]:
        tell_participant(
            row.participant,
            session,
            key=f"course-session-cancelled:{session.uuid}:{row.participant.uuid}",
            template="session_cancelled",
            alternatives=alternatives,
        )
    return session


@transaction.atomic
def session_changed(session, *, by):
    """After a course manager saved `session` (a new capacity, say), in the same transaction as the save:
    seats freed by a larger capacity go to the waiting list. Refused (ValidationError on "capacity") when
    the capacity is below the seats booked or offered; the caller's transaction must then roll back.

    The counter is counted again from the rows first: a form loaded before a booking was made saves the
    seats_held it was loaded with, and the save's row lock, held to the end of the transaction, keeps
    every booking waiting until the count is right again.
    Side effects: seats_held recounted; offer_free_seats."""
    (locked,) = lock_sessions(session)
    held = seats_held_by_rows(locked)
    if locked.capacity < held:
        raise ValidationError(
            {"capacity": _("%(count)d seats are booked or offered; the capacity cannot be lower.") % {"count": held}}
        )
    if locked.seats_held != held:
        Session.objects.filter(pk=locked.pk).update(seats_held=held)
        locked.seats_held = held
    offered = offer_free_seats(locked)
    session.seats_held = locked.seats_held
    return offered


# The details a booked participant plans around: a change to any of them is emailed to everyone booked.
# Capacity, facilitators and the rest change nothing for them.
DETAILS_TOLD = ("starts_at", "ends_at", "format", "meeting_url", "city", "venue", "address")


@transaction.atomic
def session_details_changed(session, *, changed, by):
    """After a course manager saved `session`, in the same transaction as the save: tell everyone booked
    when a detail they plan around changed. `changed`: the names of the fields the save changed (the admin
    form's changed_data); nothing happens unless one of DETAILS_TOLD is among them, nor for a cancelled
    session. Returns the active bookings told.

    Side effects: revision + 1 (the calendar file's SEQUENCE, so calendar apps update the imported event);
    the 'courses/session_changed' email with the new calendar file to each active booking, once per
    revision (a retry of the same change sends nothing more, a second change emails again); when the start
    moved, the bookings' reminded_week_at and reminded_day_at cleared so the reminders follow the new date;
    open offers expire at the new start at the latest; the activity entry "session.changed" noting the
    changed fields. The waiting list is not emailed: an offer carries the details of the day.
    """
    told = [name for name in DETAILS_TOLD if name in changed]
    if not told:
        return []
    (locked,) = lock_sessions(session)
    if locked.is_cancelled:
        return []
    locked.revision += 1
    locked.save(update_fields=["revision"])
    session.revision = locked.revision
    bookings = list(
        Booking.objects.active().filter(session=locked).select_related("participant__user").order_by("booked_at", "pk")
    )
    if "starts_at" in told:
        Booking.objects.filter(pk__in=[booking.pk for booking in bookings]).update(
            reminded_week_at=None, reminded_day_at=None
        )
    WaitingListEntry.objects.offered().filter(session=locked, offer_expires_at__gt=locked.starts_at).update(
        offer_expires_at=locked.starts_at
    )
    record(locked, "session.changed", by=by, note=", ".join(told))
    for booking in bookings:
        tell_participant(
            booking.participant,
            locked,
            key=f"course-session-changed:{locked.uuid}:{locked.revision}:{booking.uuid}",
            template="session_changed",
            with_calendar=True,
            changed=told,
        )
    return bookings


def seats_held_by_rows(session):
    """What Session.seats_held stands for: the session's active bookings plus its open offers."""
    return (
        Booking.objects.active().filter(session=session).count()
        + WaitingListEntry.objects.offered().filter(session=session).count()
    )
