"""Booking a workshop seat, the waiting list and its timed offers: one function per state change.

Every change to a session's seats runs in a transaction holding that session's row lock
(`select_for_update`), and `Session.seats_held` (bookings plus open offers) is checked by the database
against the capacity (courses_session_not_overbooked). Two sessions are locked in primary-key order, so
a move and a cancellation crossing each other wait instead of deadlocking. A participant's own step
(book, accept) first locks their Participant row: only it creates their bookings and entries, so the
sessions it then locks are those of the rows it reads (locks run participant, then sessions; nothing
takes them the other way round). Emails are queued in the
same transaction under keys naming the event, so each goes out once.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.choices import BookingEnd, WaitingOutcome
from courses.models import Booking, Participant, Session, WaitingListEntry
from courses.services.workshop_mail import tell_participant
from eyeforai.activity.services import record, record_each


def lock_sessions(*sessions):
    """Lock the sessions' rows in primary-key order and return them fresh, in the order given."""
    pks = sorted({session.pk for session in sessions if session is not None})
    locked = {session.pk: session for session in Session.objects.select_for_update().filter(pk__in=pks).order_by("pk")}
    return [locked[session.pk] if session is not None else None for session in sessions]


def check_can_book(participant, session, *, now=None):
    """Raise ValidationError (with a code) when `participant` may not take a seat at `session`."""
    now = now or timezone.now()
    if participant.part_two_completed_at is not None:
        # A new booking would end the attended one as "moved" and take a seat someone else needs.
        raise ValidationError(_("You have already attended a workshop."), code="attended")
    if session.is_cancelled:
        raise ValidationError(_("This session has been cancelled."), code="cancelled")
    if session.starts_at <= now:
        raise ValidationError(_("This session has already started."), code="started")
    if participant.part_one_completed_at is None:
        if not session.open_to_started:
            raise ValidationError(
                _("Complete the self-study part first: the workshop builds on it."), code="part_one_not_done"
            )
        if not participant.has_started:
            raise ValidationError(
                _("Start the self-study part first: this session is open to participants who have started it."),
                code="not_started",
            )


def lock_participant(participant):
    """Lock the participant's row: two steps of the same person (a double click, two tabs) queue up
    instead of both reading "no booking" and both inserting one (courses_booking_one_per_participant)."""
    return Participant.objects.select_for_update().select_related("user").get(pk=participant.pk)


def check_can_leave(booking, *, now):
    """Raise ValidationError when `booking` (or None) may not be given up for another session: once its
    session has started, its facilitator may still be taking attendance."""
    if booking is not None and booking.session.starts_at <= now:
        raise ValidationError(
            _("Your workshop has started; your booking can no longer be moved."), code="booking_started"
        )


def active_booking(participant, *, lock=False):
    bookings = Booking.objects.active().filter(participant=participant)
    if lock:
        bookings = bookings.select_for_update(of=("self",))
    return bookings.select_related("session").first()


def open_entry(participant):
    return WaitingListEntry.objects.open().filter(participant=participant).select_related("session").first()


@transaction.atomic
def book(participant, session, *, by):
    """Take a seat at `session`, or a place in its waiting list when it is full.

    A participant holds one booking: booking a session with a free seat while booked elsewhere moves
    the booking (the old seat is offered to that session's waiting list). When the session is full, the
    participant joins its waiting list and keeps any booking they hold; taking an offered seat later
    moves it. A place in another session's waiting list is given up (one waiting list at a time).
    Refused (ValidationError) when the participant may not book (check_can_book) or is already booked
    on or waiting for this session.
    Returns the Booking, or the WaitingListEntry when the session was full.
    Side effects: the 'courses/workshop_booked' email with the session's calendar file (or
    'courses/workshop_waiting' with the place in line); the activity entry "booking.made",
    "booking.moved" or "waiting.joined"; a moved booking's seat offered onward (offer_free_seats).
    """
    participant = lock_participant(participant)
    current = active_booking(participant)
    waiting = open_entry(participant)
    session, current_session, waiting_session = lock_sessions(
        session, current.session if current else None, waiting.session if waiting else None
    )
    now = timezone.now()
    check_can_book(participant, session, now=now)
    current = active_booking(participant, lock=True)  # re-read under the locks
    if current is not None and current.session_id == session.pk:
        raise ValidationError(_("You are already booked on this session."), code="booked")
    waiting = WaitingListEntry.objects.open().filter(participant=participant).first()
    if waiting is not None and waiting.session_id == session.pk:
        raise ValidationError(_("You are already on this session's waiting list."), code="waiting")
    if not session.is_full:
        check_can_leave(current, now=now)
        if waiting is not None and waiting.offered_at is not None:
            # A seat taken here frees the one held for them elsewhere (a place in line may stay).
            _end_entry(waiting, waiting_session, WaitingOutcome.DECLINED, by=by, now=now)
    if session.is_full:
        if waiting is not None:
            # Leaving a seat held for them is declining it, as in leave_waiting_list.
            outcome = WaitingOutcome.DECLINED if waiting.offered_at else WaitingOutcome.LEFT
            _end_entry(waiting, waiting_session, outcome, by=by, now=now)
        return _join_waiting_list(participant, session, by=by, now=now)
    Session.objects.filter(pk=session.pk).update(seats_held=F("seats_held") + 1)
    session.seats_held += 1
    return _make_booking(participant, session, current, current_session, by=by, now=now)


def _make_booking(participant, session, current, current_session, *, by, now):
    """The new booking (its seat already held); a booking held elsewhere ends first ("moved")."""
    if current is not None:
        _end_booking(current, current_session, BookingEnd.MOVED, by=by, now=now)
    booking = Booking.objects.create(session=session, participant=participant, booked_at=now)
    if current is not None:
        record(booking, "booking.moved", by=by, note=str(current.session))
    else:
        record(booking, "booking.made", by=by)
    _queue_booked_email(booking)
    return booking


def _join_waiting_list(participant, session, *, by, now):
    entry = WaitingListEntry.objects.create(session=session, participant=participant, joined_at=now)
    record(entry, "waiting.joined", by=by)
    tell_participant(
        participant,
        session,
        key=f"course-waiting:{entry.uuid}",
        template="workshop_waiting",
        position=place_in_line(entry),
    )
    return entry


def place_in_line(entry):
    """1 for the first in line. An offered entry is not in line any more (it has a seat held): 0."""
    if entry.ended_at is not None or entry.offered_at is not None:
        return 0
    ahead = (
        WaitingListEntry.objects.in_line()
        .filter(session_id=entry.session_id, joined_at__lte=entry.joined_at)
        .exclude(joined_at=entry.joined_at, pk__gt=entry.pk)
    )
    return ahead.count()


@transaction.atomic
def cancel_booking(booking, *, by):
    """The participant gives up their seat before the session starts.

    Refused once the session has started. Side effects: the booking ends ("cancelled"); the seat is
    offered to the first in line (offer_free_seats); the 'courses/workshop_cancelled' email; the activity
    entry "booking.cancelled". Cancelling an ended booking changes nothing.
    """
    (session,) = lock_sessions(booking.session)
    booking = Booking.objects.select_related("participant__user").get(pk=booking.pk)
    if booking.ended_at is not None:
        return booking
    now = timezone.now()
    if session.starts_at <= now:
        raise ValidationError(_("The session has started; it can no longer be cancelled."), code="started")
    if booking.attended_at is not None:
        raise ValidationError(
            _("Your attendance has been taken; the booking can no longer be cancelled."), code="attended"
        )
    _end_booking(booking, session, BookingEnd.CANCELLED, by=by, now=now)
    tell_participant(
        booking.participant, session, key=f"course-booking-cancelled:{booking.uuid}", template="workshop_cancelled"
    )
    return booking


def _end_booking(booking, session, reason, *, by, now):
    """End `booking` (its session locked by the caller), free its seat and offer it onward."""
    booking.ended_at, booking.end_reason = now, reason
    booking.save(update_fields=["ended_at", "end_reason"])
    _release_seat(session)
    record(booking, f"booking.{reason}", by=by)
    offer_free_seats(session, now=now)


def _release_seat(session):
    Session.objects.filter(pk=session.pk).update(seats_held=F("seats_held") - 1)
    session.seats_held -= 1


def offer_free_seats(session, *, now=None):
    """Offer each free seat of `session` (locked by the caller) to the first in line, for the session's
    offer_hours (never past its start). Nothing is offered for a cancelled or started session.
    Side effects per offer: the seat held (seats_held), the entry's offered_at/offer_expires_at, the
    'courses/workshop_offer' email, the activity entry "waiting.offered". Returns the entries offered."""
    now = now or timezone.now()
    if session.is_cancelled or session.starts_at <= now:
        return []
    free = session.capacity - session.seats_held
    if free <= 0:
        return []
    offered = list(
        WaitingListEntry.objects.in_line()
        # Nobody is held a seat they cannot take: a deactivated account, or a workshop already attended.
        .filter(session=session, participant__user__is_active=True, participant__part_two_completed_at__isnull=True)
        .select_related("participant__user")[:free]
    )
    for entry in offered:
        entry.offered_at = now
        entry.offer_expires_at = min(now + timedelta(hours=session.offer_hours), session.starts_at)
        entry.save(update_fields=["offered_at", "offer_expires_at"])
        record(entry, "waiting.offered", by=None)
        tell_participant(
            entry.participant,
            session,
            key=f"course-offer:{entry.uuid}",
            template="workshop_offer",
            expires_at=entry.offer_expires_at,
        )
    if offered:
        Session.objects.filter(pk=session.pk).update(seats_held=F("seats_held") + len(offered))
        session.seats_held += len(offered)
    return offered


@transaction.atomic
def accept_offer(entry, *, by):
    """Take the seat offered to `entry`'s participant. A booking they hold elsewhere moves here (its seat
    is offered onward). Refused (code "offer_gone") when the offer was not made, has ended or has expired
    (even if the beat task has not passed it on yet), and as book() refuses (check_can_book, check_can_leave).
    Side effects: a Booking (the held seat becomes it); the entry ends "booked"; the booked email with
    the calendar file; the activity entries "waiting.booked" and "booking.made" or "booking.moved"."""
    participant = lock_participant(entry.participant)
    current = active_booking(participant)
    session, current_session = lock_sessions(entry.session, current.session if current else None)
    entry = WaitingListEntry.objects.get(pk=entry.pk)
    now = timezone.now()
    if not entry.is_offered or entry.offer_expires_at <= now:
        raise ValidationError(_("This offer is no longer open."), code="offer_gone")
    check_can_book(participant, session, now=now)  # attended meanwhile, session started or cancelled
    current = active_booking(participant, lock=True)
    check_can_leave(current, now=now)
    entry.ended_at, entry.outcome = now, WaitingOutcome.BOOKED
    entry.save(update_fields=["ended_at", "outcome"])
    record(entry, "waiting.booked", by=by)
    return _make_booking(participant, session, current, current_session, by=by, now=now)


@transaction.atomic
def leave_waiting_list(entry, *, by):
    """The participant leaves a waiting list, or declines the seat offered to them (the seat passes to
    the next in line). Side effects: the entry ends "left" or "declined"; the activity entry. Idempotent."""
    (session,) = lock_sessions(entry.session)
    entry = WaitingListEntry.objects.get(pk=entry.pk)
    if entry.ended_at is not None:
        return entry
    outcome = WaitingOutcome.DECLINED if entry.offered_at else WaitingOutcome.LEFT
    _end_entry(entry, session, outcome, by=by, now=timezone.now())
    return entry


def _end_entry(entry, session, outcome, *, by, now):
    """End `entry` (its session locked by the caller); an offered entry's seat goes to the next in line."""
    was_offered = entry.offered_at is not None
    entry.ended_at, entry.outcome = now, outcome
    entry.save(update_fields=["ended_at", "outcome"])
    record(entry, f"waiting.{outcome}", by=by)
    if was_offered:
        _release_seat(session)
        offer_free_seats(session, now=now)


def expire_offers(now=None):
    """Pass on every offer past its time (the beat task, every few minutes): the entry ends "expired",
    its participant is told ('courses/workshop_offer_expired'), and the seat is offered to the next in
    line. One transaction per session, so one slow session holds no other. Returns how many expired."""
    now = now or timezone.now()
    session_ids = (
        WaitingListEntry.objects.offered().filter(offer_expires_at__lte=now).values_list("session_id", flat=True)
    )
    expired = 0
    for session_id in sorted(set(session_ids)):
        expired += _expire_session_offers(session_id, now)
    _close_started_waiting_lists(now)
    return expired


def _close_started_waiting_lists(now):
    """A waiting list ends when its session starts: nobody is left "in line" for a past workshop. No
    email (no seat was ever offered to them); the entries end "expired" in one UPDATE."""
    ended = list(WaitingListEntry.objects.in_line().filter(session__starts_at__lte=now))
    WaitingListEntry.objects.filter(pk__in=[entry.pk for entry in ended]).update(
        ended_at=now, outcome=WaitingOutcome.EXPIRED
    )
    record_each(ended, "waiting.expired", by=None)


@transaction.atomic
def _expire_session_offers(session_id, now):
    session = Session.objects.select_for_update().get(pk=session_id)
    entries = list(
        WaitingListEntry.objects.offered()
        .filter(session=session, offer_expires_at__lte=now)
        .select_related("participant__user")
        .order_by("offered_at", "pk")
    )
    for entry in entries:
        entry.ended_at, entry.outcome = now, WaitingOutcome.EXPIRED
        entry.save(update_fields=["ended_at", "outcome"])
        record(entry, "waiting.expired", by=None)
        tell_participant(
            entry.participant, session, key=f"course-offer-expired:{entry.uuid}", template="workshop_offer_expired"
        )
    if entries:
        Session.objects.filter(pk=session.pk).update(seats_held=F("seats_held") - len(entries))
        session.seats_held -= len(entries)
        offer_free_seats(session, now=now)
    return len(entries)


def _queue_booked_email(booking):
    participant = booking.participant
    tell_participant(
        participant,
        booking.session,
        key=f"course-booked:{booking.uuid}",
        template="workshop_booked",
        with_calendar=True,
    )
