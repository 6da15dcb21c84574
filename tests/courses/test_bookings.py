"""Booking rules: who may book, moving a booking, the waiting list and its timed offers, cancelled and
changed sessions. After each step the seat counter must equal what it stands for (assert_seats_in_step)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from courses.choices import BookingEnd, WaitingOutcome
from courses.models import Booking, Session, WaitingListEntry
from courses.services.bookings import (
    accept_offer,
    book,
    cancel_booking,
    expire_offers,
    leave_waiting_list,
    place_in_line,
)
from courses.services.sessions import cancel_session, session_changed
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import (
    BookingFactory,
    CompletedPartOneParticipantFactory,
    InPersonSessionFactory,
    LessonProgressFactory,
    ParticipantFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def assert_seats_in_step(*sessions):
    """Session.seats_held equals the session's active bookings plus its open offers, within capacity."""
    for session in sessions:
        session.refresh_from_db()
        bookings = Booking.objects.active().filter(session=session).count()
        offers = WaitingListEntry.objects.offered().filter(session=session).count()
        assert session.seats_held == bookings + offers, (session.seats_held, bookings, offers)
        assert session.seats_held <= session.capacity


def assert_each_email_once():
    """No recipient got the same email twice."""
    twice = OutboundEmail.objects.values("template", "to").annotate(n=Count("pk")).filter(n__gt=1)
    assert not twice, list(twice)


def emails(template, participant):
    return OutboundEmail.objects.filter(template=template, to=participant.user.email)


def actions(obj):
    return set(ActivityEntry.objects.for_object(obj).values_list("action", flat=True))


def book_all(session, count):
    """`count` participants who have completed part 1, each booking `session`: [(participant, result)]."""
    people = [CompletedPartOneParticipantFactory() for _ in range(count)]
    return [(person, book(person, session, by=person.user)) for person in people]


@pytest.fixture
def full_session():
    """A session with 2 seats, both booked, and 2 people in line: (session, booked, waiting)."""
    session = SessionFactory(capacity=2)
    booked = [result for _, result in book_all(session, 2)]
    waiting = [result for _, result in book_all(session, 2)]
    assert all(isinstance(entry, WaitingListEntry) for entry in waiting)
    assert_seats_in_step(session)
    return session, booked, waiting


# --- Who may book -----------------------------------------------------------------------------


def test_booking_a_free_seat_makes_a_booking_and_sends_the_calendar_file():
    session = SessionFactory(capacity=3)
    person = CompletedPartOneParticipantFactory()
    booking = book(person, session, by=person.user)
    assert isinstance(booking, Booking) and booking.is_active
    assert_seats_in_step(session)
    assert session.seats_held == 1
    email = emails("courses/workshop_booked", person).get()
    assert "BEGIN:VCALENDAR" in email.attachment
    assert actions(booking) == {"booking.made"}


def test_a_participant_who_has_not_completed_part_one_is_refused():
    session = SessionFactory()
    person = ParticipantFactory()
    LessonProgressFactory(participant=person)  # started, not finished
    with pytest.raises(ValidationError) as refused:
        book(person, session, by=person.user)
    assert refused.value.code == "part_one_not_done"
    assert not Booking.objects.exists()
    assert_seats_in_step(session)


def test_a_session_open_to_started_takes_participants_who_have_started_but_not_those_who_have_not():
    session = SessionFactory(open_to_started=True)
    started, unstarted = ParticipantFactory(), ParticipantFactory()
    LessonProgressFactory(participant=started)
    assert isinstance(book(started, session, by=started.user), Booking)
    with pytest.raises(ValidationError) as refused:
        book(unstarted, session, by=unstarted.user)
    assert refused.value.code == "not_started"
    assert Booking.objects.filter(participant=unstarted).count() == 0
    assert_seats_in_step(session)


def test_a_started_session_is_refused():
    session = SessionFactory(starts_at=timezone.now() - timedelta(minutes=5))
    person = CompletedPartOneParticipantFactory()
    with pytest.raises(ValidationError) as refused:
        book(person, session, by=person.user)
    assert refused.value.code == "started"
    assert_seats_in_step(session)


def test_a_cancelled_session_is_refused():
    session = SessionFactory()
    cancel_session(session, by=None)
    person = CompletedPartOneParticipantFactory()
    with pytest.raises(ValidationError) as refused:
        book(person, session, by=person.user)
    assert refused.value.code == "cancelled"
    assert not Booking.objects.filter(participant=person).exists()


def test_booking_the_same_session_twice_is_refused(full_session):
    session, booked, waiting = full_session
    with pytest.raises(ValidationError) as refused:
        book(booked[0].participant, session, by=None)
    assert refused.value.code == "booked"
    with pytest.raises(ValidationError) as refused:
        book(waiting[0].participant, session, by=None)
    assert refused.value.code == "waiting"
    assert Booking.objects.filter(participant=booked[0].participant).count() == 1
    assert WaitingListEntry.objects.filter(participant=waiting[0].participant).count() == 1
    assert_seats_in_step(session)


# --- Moving, waiting, offers --------------------------------------------------------------------


def test_booking_another_session_with_a_seat_moves_the_booking_and_offers_the_old_seat(full_session):
    session, booked, waiting = full_session
    other = InPersonSessionFactory(capacity=5)
    mover = booked[0].participant
    moved = book(mover, other, by=mover.user)
    assert isinstance(moved, Booking) and moved.session == other
    old = Booking.objects.get(pk=booked[0].pk)
    assert (old.end_reason, old.ended_at is not None) == (BookingEnd.MOVED, True)
    assert actions(moved) == {"booking.moved"}
    assert "booking.moved" in actions(old)
    first = WaitingListEntry.objects.get(pk=waiting[0].pk)
    assert first.is_offered
    assert emails("courses/workshop_offer", first.participant).count() == 1
    assert place_in_line(WaitingListEntry.objects.get(pk=waiting[1].pk)) == 1
    assert_seats_in_step(session, other)
    assert Booking.objects.active().filter(participant=mover).count() == 1


def test_booking_a_full_session_while_booked_joins_its_line_and_keeps_the_booking(full_session):
    session, booked, waiting = full_session
    elsewhere = InPersonSessionFactory(capacity=5)
    person = CompletedPartOneParticipantFactory()
    kept = book(person, elsewhere, by=person.user)
    entry = book(person, session, by=person.user)
    assert isinstance(entry, WaitingListEntry)
    assert place_in_line(entry) == 3
    assert Booking.objects.active().get(participant=person) == kept
    waiting_email = emails("courses/workshop_waiting", person).get()
    assert "Your place in line: 3" in waiting_email.body_text
    assert_seats_in_step(session, elsewhere)

    # The seat comes free and is offered: taking it moves the booking here and frees the old seat.
    cancel_booking(booked[0], by=None)
    entry.refresh_from_db()
    assert not entry.is_offered  # the first in line gets it
    leave_waiting_list(waiting[0], by=None)  # declines: the seat passes to the second
    leave_waiting_list(waiting[1], by=None)  # ... and on to our participant
    entry.refresh_from_db()
    assert entry.is_offered
    booking = accept_offer(entry, by=person.user)
    assert booking.session == session
    kept.refresh_from_db()
    assert kept.end_reason == BookingEnd.MOVED
    entry.refresh_from_db()
    assert entry.outcome == WaitingOutcome.BOOKED
    assert actions(entry) >= {"waiting.joined", "waiting.offered", "waiting.booked"}
    assert actions(booking) == {"booking.moved"}
    assert Booking.objects.active().filter(participant=person).count() == 1
    assert_seats_in_step(session, elsewhere)
    assert emails("courses/workshop_booked", person).count() == 2  # one per booking, with its calendar file
    assert emails("courses/workshop_offer", person).count() == 1


def test_joining_a_second_waiting_list_leaves_the_first(full_session):
    session, _booked, waiting = full_session
    second = SessionFactory(capacity=1)
    BookingFactory(session=second)
    person = waiting[1].participant
    entry = book(person, second, by=person.user)
    assert isinstance(entry, WaitingListEntry) and entry.session == second
    first = WaitingListEntry.objects.get(pk=waiting[1].pk)
    assert first.outcome == WaitingOutcome.LEFT
    assert WaitingListEntry.objects.open().filter(participant=person).get() == entry
    assert place_in_line(WaitingListEntry.objects.get(pk=waiting[0].pk)) == 1
    assert_seats_in_step(session, second)


def test_joining_a_second_waiting_list_while_offered_a_seat_passes_the_seat_on(full_session):
    session, booked, waiting = full_session
    cancel_booking(booked[0], by=None)
    offered = WaitingListEntry.objects.get(pk=waiting[0].pk)
    assert offered.is_offered
    second = SessionFactory(capacity=1)
    BookingFactory(session=second)
    book(offered.participant, second, by=offered.participant.user)
    offered.refresh_from_db()
    assert offered.outcome == WaitingOutcome.DECLINED
    next_in_line = WaitingListEntry.objects.get(pk=waiting[1].pk)
    assert next_in_line.is_offered
    assert emails("courses/workshop_offer", next_in_line.participant).count() == 1
    assert_seats_in_step(session, second)


def test_declining_an_offer_passes_the_seat_to_the_next_in_line(full_session):
    session, booked, waiting = full_session
    cancel_booking(booked[1], by=booked[1].participant.user)
    assert emails("courses/workshop_cancelled", booked[1].participant).count() == 1
    assert actions(Booking.objects.get(pk=booked[1].pk)) == {"booking.made", "booking.cancelled"}
    declined = leave_waiting_list(waiting[0], by=waiting[0].participant.user)
    assert declined.outcome == WaitingOutcome.DECLINED
    assert "waiting.declined" in actions(declined)
    assert WaitingListEntry.objects.get(pk=waiting[1].pk).is_offered
    assert_seats_in_step(session)
    assert leave_waiting_list(declined, by=None).outcome == WaitingOutcome.DECLINED  # idempotent
    assert_seats_in_step(session)


def test_leaving_the_line_before_an_offer_frees_no_seat(full_session):
    session, _booked, waiting = full_session
    left = leave_waiting_list(waiting[0], by=None)
    assert left.outcome == WaitingOutcome.LEFT
    assert place_in_line(WaitingListEntry.objects.get(pk=waiting[1].pk)) == 1
    assert_seats_in_step(session)
    assert session.seats_held == 2


def test_an_expired_offer_cannot_be_accepted_even_before_the_beat_task_ran(full_session):
    session, booked, waiting = full_session
    cancel_booking(booked[0], by=None)
    offered = WaitingListEntry.objects.get(pk=waiting[0].pk)
    with time_machine.travel(offered.offer_expires_at + timedelta(seconds=1)):
        with pytest.raises(ValidationError) as refused:
            accept_offer(offered, by=offered.participant.user)
        assert refused.value.code == "offer_gone"
        assert not Booking.objects.active().filter(participant=offered.participant).exists()
        assert_seats_in_step(session)
        assert expire_offers() == 1
    offered.refresh_from_db()
    assert offered.outcome == WaitingOutcome.EXPIRED
    assert "waiting.expired" in actions(offered)
    assert emails("courses/workshop_offer_expired", offered.participant).count() == 1
    assert WaitingListEntry.objects.get(pk=waiting[1].pk).is_offered
    assert_seats_in_step(session)


def test_an_offer_never_runs_past_the_session_start():
    session = SessionFactory(capacity=1, starts_at=timezone.now() + timedelta(hours=5), offer_hours=48)
    (_holder, booking), (person, entry) = book_all(session, 2)
    cancel_booking(booking, by=None)
    entry.refresh_from_db()
    assert entry.offer_expires_at == session.starts_at
    with time_machine.travel(session.starts_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError):
            accept_offer(entry, by=person.user)
        assert expire_offers() == 1
    assert_seats_in_step(session)
    assert session.seats_held == 0  # a started session offers nothing onward


def test_a_booking_cannot_be_cancelled_once_the_session_started():
    session = SessionFactory(capacity=2)
    (person, booking), *_ = book_all(session, 1)
    with time_machine.travel(session.starts_at + timedelta(minutes=1)), pytest.raises(ValidationError) as refused:
        cancel_booking(booking, by=person.user)
    assert refused.value.code == "started"
    assert Booking.objects.get(pk=booking.pk).is_active
    assert_seats_in_step(session)


# --- Cancelled and changed sessions -------------------------------------------------------------


def test_cancelling_a_session_ends_everything_and_emails_each_person_once_with_alternatives(full_session):
    session, booked, waiting = full_session
    cancel_booking(booked[0], by=None)  # the first in line now holds an offer
    alternative = InPersonSessionFactory(capacity=5, city="Umeå")
    full_alternative = InPersonSessionFactory(capacity=1, city="Luleå")
    BookingFactory(session=full_alternative)
    cancel_session(session, by=None)
    cancel_session(session, by=None)  # twice changes nothing
    session.refresh_from_db()
    assert session.is_cancelled and session.seats_held == 0
    assert not Booking.objects.active().filter(session=session).exists()
    assert not WaitingListEntry.objects.open().filter(session=session).exists()
    assert Booking.objects.get(pk=booked[1].pk).end_reason == BookingEnd.SESSION_CANCELLED
    assert set(WaitingListEntry.objects.filter(session=session).values_list("outcome", flat=True)) == {
        WaitingOutcome.SESSION_CANCELLED
    }
    told = [booked[1].participant, waiting[0].participant, waiting[1].participant]
    for person in told:
        email = emails("courses/session_cancelled", person).get()
        assert "Umeå" in email.body_text  # the alternative with free seats
        assert f"seats left: {alternative.seats_left}" in email.body_text
        assert full_alternative.city not in email.body_text  # no seat left there
    assert not emails("courses/session_cancelled", booked[0].participant).exists()  # had cancelled already
    assert "session.cancelled" in actions(session)
    assert_seats_in_step(session)
    assert_each_email_once()


def test_cancelling_a_started_session_is_refused():
    session = SessionFactory()
    with time_machine.travel(session.starts_at + timedelta(minutes=1)), pytest.raises(ValidationError):
        cancel_session(session, by=None)
    session.refresh_from_db()
    assert not session.is_cancelled


def test_a_larger_capacity_offers_the_new_seats_to_the_line(full_session):
    session, _booked, waiting = full_session
    session.capacity = 3
    session.save()
    offered = session_changed(session, by=None)
    assert [entry.pk for entry in offered] == [waiting[0].pk]
    assert emails("courses/workshop_offer", waiting[0].participant).count() == 1
    assert place_in_line(WaitingListEntry.objects.get(pk=waiting[1].pk)) == 1
    assert_seats_in_step(session)
    assert session.seats_held == 3


def test_a_capacity_below_the_seats_held_is_refused_even_from_a_form_loaded_before_the_bookings():
    session = SessionFactory(capacity=5)
    form_copy = Session.objects.get(pk=session.pk)  # an admin form opened now: seats_held 0
    book_all(session, 3)
    form_copy.capacity = 2
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        form_copy.save()  # writes the stale seats_held 0, which the check constraint lets through
        session_changed(form_copy, by=None)
    assert "capacity" in refused.value.message_dict
    assert_seats_in_step(session)
    assert (session.capacity, session.seats_held) == (5, 3)


def test_a_stale_save_that_keeps_the_capacity_gets_its_seat_count_back():
    session = SessionFactory(capacity=5)
    form_copy = Session.objects.get(pk=session.pk)
    book_all(session, 3)
    form_copy.venue = "Room 2"
    form_copy.save()
    session_changed(form_copy, by=None)
    assert_seats_in_step(session)
    assert session.seats_held == 3


def test_the_database_refuses_more_seats_held_than_the_capacity():
    session = SessionFactory(capacity=2)
    book_all(session, 2)
    with pytest.raises(IntegrityError, match="courses_session_not_overbooked"), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(seats_held=F("seats_held") + 1)
    assert_seats_in_step(session)
