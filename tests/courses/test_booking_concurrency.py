"""Many people booking, accepting, declining and cancelling at the same moment, on PostgreSQL with real
threads (each with its own connection), released together by a barrier."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from courses.choices import WaitingOutcome
from courses.models import Booking, WaitingListEntry
from courses.services.bookings import (
    accept_offer,
    book,
    cancel_booking,
    expire_offers,
    leave_waiting_list,
    place_in_line,
)
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import BookingFactory, CompletedPartOneParticipantFactory, SessionFactory
from tests.courses.test_bookings import assert_each_email_once, assert_seats_in_step, emails

pytestmark = pytest.mark.django_db(transaction=True)


def all_at_once(steps):
    """Run each step in its own thread, all released at once. Returns [(name, outcome)], where outcome is
    the step's result, a ValidationError's code, or any other exception (which the test then shows)."""
    barrier = threading.Barrier(len(steps))
    outcomes = []

    def run(name, step):
        try:
            barrier.wait()
            outcomes.append((name, step()))
        except ValidationError as error:
            outcomes.append((name, error.code))
        except Exception as error:  # anything else fails the test below, shown
            outcomes.append((name, error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=step) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    errors = [outcome for _, outcome in outcomes if isinstance(outcome, Exception)]
    assert not errors, errors
    return outcomes


def test_fifty_people_booking_the_last_ten_seats_at_once_fill_them_and_line_up_the_rest():
    session = SessionFactory(capacity=12)
    BookingFactory.create_batch(2, session=session)
    people = [CompletedPartOneParticipantFactory() for _ in range(50)]

    outcomes = all_at_once(
        [(person.pk, lambda person=person: book(person, session, by=person.user)) for person in people]
    )

    results = [result for _, result in outcomes]
    assert sum(isinstance(result, Booking) for result in results) == 10
    assert sum(isinstance(result, WaitingListEntry) for result in results) == 40
    assert Booking.objects.active().filter(session=session).count() == 12
    assert_seats_in_step(session)
    assert session.seats_held == session.capacity == 12
    line = list(WaitingListEntry.objects.in_line().filter(session=session))
    assert len(line) == 40
    assert [place_in_line(entry) for entry in line] == list(range(1, 41))
    assert [entry.joined_at for entry in line] == sorted({entry.joined_at for entry in line})  # distinct, in order
    # Each was told their own place, as it was when they joined: 1 to 40, none twice.
    told = sorted(
        int(email.body_text.split("Your place in line: ")[1].split()[0])
        for email in OutboundEmail.objects.filter(template="courses/workshop_waiting")
    )
    assert told == list(range(1, 41))
    assert OutboundEmail.objects.filter(template="courses/workshop_booked").count() == 10

    # A cancellation offers the seat to the first in line, once.
    first, second = line[0], line[1]
    cancel_booking(Booking.objects.active().filter(session=session).first(), by=None)
    first.refresh_from_db()
    assert first.is_offered
    assert emails("courses/workshop_offer", first.participant).count() == 1
    assert_seats_in_step(session)

    # Nobody answers: when the offer runs out, the beat task passes it to the second.
    with time_machine.travel(first.offer_expires_at + timedelta(minutes=1)):
        assert expire_offers() == 1
        assert expire_offers() == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == WaitingOutcome.EXPIRED
    assert second.is_offered
    assert emails("courses/workshop_offer_expired", first.participant).count() == 1
    assert emails("courses/workshop_offer", first.participant).count() == 1
    assert emails("courses/workshop_offer", second.participant).count() == 1
    assert place_in_line(line[2]) == 1
    assert_seats_in_step(session)
    assert_each_email_once()


def test_twenty_people_accepting_declining_cancelling_and_expiring_at_once_keep_the_seat_count_true():
    session = SessionFactory(capacity=6)
    bookings = [book(person, session, by=None) for person in (CompletedPartOneParticipantFactory() for _ in range(6))]
    line = [book(person, session, by=None) for person in (CompletedPartOneParticipantFactory() for _ in range(12))]
    start = timezone.now()
    cancel_booking(bookings[0], by=None)
    cancel_booking(bookings[1], by=None)  # line[0] and line[1] offered; their offers will run out
    with time_machine.travel(start + timedelta(hours=49)):
        cancel_booking(bookings[2], by=None)  # line[2] offered, still open
        assert [entry.is_offered for entry in WaitingListEntry.objects.filter(pk__in=[e.pk for e in line[:3]])] == [
            True
        ] * 3
        assert_seats_in_step(session)
        newcomers = [CompletedPartOneParticipantFactory() for _ in range(2)]

        steps = [
            ("accept expired 0", lambda: accept_offer(line[0], by=None)),
            ("accept expired 1", lambda: accept_offer(line[1], by=None)),
            ("accept 2", lambda: accept_offer(line[2], by=None)),
            ("accept 2 again", lambda: accept_offer(line[2], by=None)),
            ("decline 2", lambda: leave_waiting_list(line[2], by=None)),
            ("expire", expire_offers),
            ("expire again", expire_offers),
            ("expire once more", expire_offers),
            ("cancel 3", lambda: cancel_booking(bookings[3], by=None)),
            ("cancel 3 again", lambda: cancel_booking(bookings[3], by=None)),
            ("cancel 4", lambda: cancel_booking(bookings[4], by=None)),
            ("cancel 5", lambda: cancel_booking(bookings[5], by=None)),
            ("leave 3", lambda: leave_waiting_list(line[3], by=None)),
            ("leave 4", lambda: leave_waiting_list(line[4], by=None)),
            ("accept 5", lambda: accept_offer(line[5], by=None)),
            ("accept 6", lambda: accept_offer(line[6], by=None)),
            ("accept 7", lambda: accept_offer(line[7], by=None)),
            ("accept 8", lambda: accept_offer(line[8], by=None)),
            ("book newcomer 0", lambda: book(newcomers[0], session, by=None)),
            ("book newcomer 1", lambda: book(newcomers[1], session, by=None)),
        ]
        outcomes = dict(all_at_once(steps))

        assert outcomes["accept expired 0"] == outcomes["accept expired 1"] == "offer_gone"
        assert_seats_in_step(session)
        # Nothing is left free while someone waits in line without an offer.
        waiting = WaitingListEntry.objects.in_line().filter(session=session).exists()
        assert session.seats_held == session.capacity or not waiting
        # Nobody holds two seats, and every accepted seat is a booking.
        assert Booking.objects.active().filter(session=session).values("participant").distinct().count() == (
            Booking.objects.active().filter(session=session).count()
        )
        accepted = [name for name, outcome in outcomes.items() if isinstance(outcome, Booking) and "accept" in name]
        assert (
            len(accepted)
            == Booking.objects.active().filter(session=session, participant__waiting__outcome="booked").count()
        )
        # The beat task, run afterwards, finds the count still true.
        expire_offers()
        assert_seats_in_step(session)
    assert_each_email_once()


def test_one_person_booking_two_sessions_at_once_ends_up_with_one_booking():
    first, second = SessionFactory(capacity=3), SessionFactory(capacity=3)
    person = CompletedPartOneParticipantFactory()

    outcomes = all_at_once(
        [(session.pk, lambda session=session: book(person, session, by=None)) for session in (first, second)]
    )

    assert all(isinstance(result, Booking) for _, result in outcomes)
    assert Booking.objects.active().filter(participant=person).count() == 1
    assert Booking.objects.filter(participant=person, end_reason="moved").count() == 1
    assert_seats_in_step(first, second)
    assert first.seats_held + second.seats_held == 1
