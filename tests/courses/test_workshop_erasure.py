"""Erasing a workshop participant gives their seat and waiting place back (the seat counter stays equal to
the bookings plus open offers); erasing a facilitator takes them off their sessions, which keep running."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from courses import session_cards
from courses.models import Booking, Facilitator, FacilitatorInvitation, Participant, Session, WaitingListEntry
from courses.services import bookings
from courses.services.attendance import mark_attendance
from courses.services.erasure import erase_facilitator, erase_participant
from eyeforai.accounts.models import User
from eyeforai.mail.models import OutboundEmail
from portal import erasure
from tests.courses.factories import CompletedPartOneParticipantFactory, InPersonSessionFactory, SessionFactory
from tests.portal.erasure_helpers import rows_mentioning

pytestmark = pytest.mark.django_db

PARTICIPANT_EMAIL = "leader@sundsvall.example.se"  # the `participant` fixture's
FACILITATOR_EMAIL = "facilitator@skr.example.se"  # the `facilitator` fixture's


def ready(user):
    """`user` (a participant fixture) with the self-study part complete: they may book any session."""
    Participant.objects.filter(user=user).update(part_one_completed_at=timezone.now() - timedelta(days=1))
    user.course_participant.refresh_from_db()
    return user.course_participant


def erase(user, manager):
    request = erasure.request_erasure(user, by=user)
    erasure.confirm_erasure(request, by=manager)
    return erasure.erase_account(request)


def assert_seats_counted(*sessions):
    """Session.seats_held is every active booking plus every open offer, for each session."""
    for session in sessions:
        session.refresh_from_db()
        held = (
            Booking.objects.active().filter(session=session).count()
            + WaitingListEntry.objects.offered().filter(session=session).count()
        )
        assert session.seats_held == held, f"{session}: seats_held {session.seats_held}, held {held}"


def test_erasing_a_booked_participant_offers_their_seat_to_the_first_in_line(participant, other_participant, manager):
    session = SessionFactory(capacity=1)
    booking = bookings.book(ready(participant), session, by=participant)
    waiting = bookings.book(ready(other_participant), session, by=other_participant)
    assert isinstance(waiting, WaitingListEntry)

    erase(participant, manager)

    assert not Booking.objects.filter(pk=booking.pk).exists()
    waiting.refresh_from_db()
    assert waiting.is_offered
    assert OutboundEmail.objects.filter(template="courses/workshop_offer", to=other_participant.email).count() == 1
    assert not OutboundEmail.objects.filter(to=PARTICIPANT_EMAIL).exists()  # nothing sent or kept for them
    assert_seats_counted(session)
    assert rows_mentioning(PARTICIPANT_EMAIL) == {} and rows_mentioning("Maria Ek") == {}


def test_erasing_a_participant_offered_a_seat_passes_the_seat_to_the_next_in_line(
    participant, other_participant, manager
):
    session = SessionFactory(capacity=1)
    first = CompletedPartOneParticipantFactory()
    seat = bookings.book(first, session, by=first.user)
    offered = bookings.book(ready(participant), session, by=participant)
    next_in_line = bookings.book(ready(other_participant), session, by=other_participant)
    bookings.cancel_booking(seat, by=first.user)
    offered.refresh_from_db()
    assert offered.is_offered

    erase(participant, manager)

    assert not WaitingListEntry.objects.filter(pk=offered.pk).exists()
    next_in_line.refresh_from_db()
    assert next_in_line.is_offered
    assert_seats_counted(session)


def test_erasing_a_participant_booked_on_a_started_session_frees_the_seat_without_offering_it(
    participant, other_participant, manager
):
    session = SessionFactory(capacity=1)
    bookings.book(ready(participant), session, by=participant)
    waiting = bookings.book(ready(other_participant), session, by=other_participant)

    with time_machine.travel(session.starts_at + timedelta(minutes=30)):
        erase(participant, manager)

    waiting.refresh_from_db()
    assert waiting.ended_at is None and not waiting.is_offered  # too late to offer: the session is on
    assert not OutboundEmail.objects.filter(template="courses/workshop_offer").exists()
    session.refresh_from_db()
    assert session.seats_held == 0
    assert_seats_counted(session)


def test_erasing_a_participant_booked_on_one_session_and_waiting_for_another_releases_both(
    participant, other_participant
):
    """The seat they held goes to its own waiting list; their place in the other line simply goes (the
    seats there stay as they are) and is never offered the seat freed by their own booking."""
    booked_on = SessionFactory(capacity=1)
    wanted = InPersonSessionFactory(capacity=1)
    other = ready(other_participant)
    bookings.book(other, wanted, by=other_participant)  # `wanted` is full
    bookings.book(ready(participant), booked_on, by=participant)
    entry = bookings.book(participant.course_participant, wanted, by=participant)
    behind = CompletedPartOneParticipantFactory()
    in_line_for_seat = bookings.book(behind, booked_on, by=behind.user)

    assert erase_participant(participant) is True

    assert not Participant.objects.filter(user=participant).exists()
    assert not WaitingListEntry.objects.filter(pk=entry.pk).exists()
    in_line_for_seat.refresh_from_db()
    assert in_line_for_seat.is_offered
    assert Booking.objects.active().filter(session=wanted).get().participant == other
    assert_seats_counted(booked_on, wanted)


def test_erasing_a_participant_without_bookings_changes_no_session(participant, other_participant):
    session = SessionFactory(capacity=2)
    bookings.book(ready(other_participant), session, by=other_participant)

    assert erase_participant(participant) is True

    session.refresh_from_db()
    assert session.seats_held == 1
    assert_seats_counted(session)


def test_erasing_a_facilitator_takes_them_off_their_sessions_which_keep_the_other_facilitator(
    facilitator, other_facilitator, facilitated_session, participant, manager
):
    facilitated_session.facilitators.add(other_facilitator.course_facilitator)
    FacilitatorInvitation.objects.create(
        email=FACILITATOR_EMAIL,
        organisation="skr",
        token_digest="a" * 64,
        expires_at=timezone.now() + timedelta(days=7),
        accepted_at=timezone.now(),
        accepted_by=facilitator,
    )
    theirs = FacilitatorInvitation.objects.create(
        email="facilitator@governo.example.se", organisation="governo", token_digest="b" * 64, expires_at=timezone.now()
    )
    booking = bookings.book(ready(participant), facilitated_session, by=participant)
    with time_machine.travel(facilitated_session.starts_at + timedelta(hours=1)):
        mark_attendance(booking, attended=True, by=facilitator)
    record = facilitator.course_facilitator

    erase(facilitator, manager)

    assert not Facilitator.objects.filter(pk=record.pk).exists()
    assert list(Session.objects.get(pk=facilitated_session.pk).facilitators.all()) == [
        other_facilitator.course_facilitator
    ]
    assert list(FacilitatorInvitation.objects.all()) == [theirs]
    booking.refresh_from_db()
    assert booking.attended_at is not None and booking.attendance_by is None  # attendance stays, unsigned
    user = User.objects.get(pk=facilitator.pk)
    assert not user.is_active and user.email.endswith("@erased.invalid")
    assert rows_mentioning(FACILITATOR_EMAIL) == {} and rows_mentioning("Anna Strand") == {}
    # The participant and the other facilitator keep everything.
    assert Participant.objects.filter(user=participant, part_two_completed_at__isnull=False).exists()
    assert Facilitator.objects.filter(user=other_facilitator).exists()


def test_erasing_someone_who_never_facilitated_touches_no_facilitator(participant, facilitator):
    assert erase_facilitator(participant, addresses=[PARTICIPANT_EMAIL]) is False
    assert Facilitator.objects.filter(user=facilitator).exists()


def test_erasing_a_participant_deletes_their_kept_booking_in_every_language(client, participant, manager, settings):
    """The kept part of their workshop page names their session and its meeting link."""
    session = SessionFactory()
    bookings.book(ready(participant), session, by=participant)
    client.force_login(participant)
    for language, _name in settings.LANGUAGES:
        client.cookies["django_language"] = language
        assert client.get("/course/workshops/").status_code == 200
    keys = [session_cards.standing_key(participant.pk, language) for language, _name in settings.LANGUAGES]
    assert all(cache.get(key) is not None for key in keys)

    erase(participant, manager)

    assert [cache.get(key) for key in keys] == [None] * len(keys)
