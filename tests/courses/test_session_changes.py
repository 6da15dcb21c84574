"""A course manager changes a session's time or place: everyone booked is emailed the new details with a
calendar file that updates the event they imported (same UID, a higher SEQUENCE), the reminders follow the
new date, and an open offer never outlives the new start. The waiting list is not emailed."""

import zoneinfo
from datetime import datetime, timedelta

import icalendar
import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.utils import timezone

from courses.choices import BookingEnd
from courses.models import Booking, Session, WaitingListEntry
from courses.services import bookings
from courses.services.reminders import send_workshop_reminders
from courses.services.sessions import cancel_session, session_details_changed
from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import (
    BookingFactory,
    CompletedPartOneParticipantFactory,
    FacilitatorFactory,
    InPersonSessionFactory,
    SessionFactory,
)
from tests.courses.test_workshop_admin import change_url, session_post

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=STOCKHOLM)
START = datetime(2026, 12, 14, 9, 0, tzinfo=STOCKHOLM)
END = datetime(2026, 12, 14, 15, 0, tzinfo=STOCKHOLM)
LATER = timedelta(days=2, hours=1)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def changed_emails():
    return list(OutboundEmail.objects.filter(template="courses/session_changed").order_by("pk"))


def the_event(email):
    [event] = icalendar.Calendar.from_ical(email.attachment).walk("VEVENT")
    return event


def booked(session):
    """A participant booked on `session` through the service (so they got the booking email and its calendar)."""
    participant = CompletedPartOneParticipantFactory()
    booking = bookings.book(participant, session, by=participant.user)
    assert isinstance(booking, Booking)
    return booking


def waiting(session):
    participant = CompletedPartOneParticipantFactory()
    entry = bookings.book(participant, session, by=participant.user)
    assert isinstance(entry, WaitingListEntry)
    return entry


def move(session, by=LATER):
    """Save `session` at a new time as the admin does, then tell the service what changed."""
    Session.objects.filter(pk=session.pk).update(starts_at=session.starts_at + by, ends_at=session.ends_at + by)
    session.refresh_from_db()
    return session_details_changed(session, changed=["starts_at", "ends_at"], by=None)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Through the admin, as a course manager ---------------------------------------------------------------


def test_moving_a_session_in_the_admin_emails_each_booked_person_once_with_the_updated_event(client_for):
    session = SessionFactory(capacity=2)
    first, second = booked(session), booked(session)
    in_line = waiting(session)
    [booked_email, _] = OutboundEmail.objects.filter(template="courses/workshop_booked").order_by("pk")
    new_start, new_end = session.starts_at + LATER, session.ends_at + LATER
    data = session_post(
        session,
        starts_at_0=timezone.localtime(new_start).strftime("%Y-%m-%d"),
        starts_at_1=timezone.localtime(new_start).strftime("%H:%M:%S"),
        ends_at_0=timezone.localtime(new_end).strftime("%Y-%m-%d"),
        ends_at_1=timezone.localtime(new_end).strftime("%H:%M:%S"),
    )
    client = client_for("course_manager")

    response = client.post(change_url(session), data, follow=True)

    assert response.status_code == 200
    assert "The new details were emailed to 2 booked people." in messages_of(response)
    session.refresh_from_db()
    assert (session.starts_at, session.ends_at, session.revision) == (new_start, new_end, 1)
    emails = changed_emails()
    assert sorted(email.to for email in emails) == sorted([first.participant.user.email, second.participant.user.email])
    assert in_line.participant.user.email not in [email.to for email in emails]
    for email in emails:
        event = the_event(email)
        assert event["uid"] == the_event(booked_email)["uid"]
        assert event.decoded("sequence") == 1
        assert event.decoded("dtstart") == new_start
        assert session.meeting_url in email.body_text
    entry = ActivityEntry.objects.for_object(session).get(action="session.changed")
    assert entry.note == "starts_at, ends_at"

    # The same form posted again (the back button) changes nothing, so nobody is emailed again.
    client.post(change_url(session), session_post(session))
    assert len(changed_emails()) == 2


def test_saving_unchanged_or_changing_only_seats_and_facilitators_emails_nobody(client_for):
    session = SessionFactory(capacity=2)
    booked(session)
    client = client_for("course_manager")

    assert client.post(change_url(session), session_post(session)).status_code == 302
    data = session_post(session, capacity=5, facilitators=[FacilitatorFactory().pk])
    assert client.post(change_url(session), data).status_code == 302

    session.refresh_from_db()
    assert (session.capacity, session.facilitators.count(), session.revision) == (5, 1, 0)
    assert changed_emails() == []
    assert not ActivityEntry.objects.for_object(session).filter(action="session.changed").exists()


# --- The service ------------------------------------------------------------------------------------------


def test_a_new_place_tells_the_booked_people_where_it_is_now(now):
    session = InPersonSessionFactory(starts_at=START, ends_at=END)
    booking = booked(session)
    Session.objects.filter(pk=session.pk).update(venue="Stadshuset", address="Storgatan 1")
    session.refresh_from_db()

    told = session_details_changed(session, changed=["venue", "address", "capacity"], by=None)

    assert told == [booking]
    [email] = changed_emails()
    assert email.to == booking.participant.user.email
    assert "Where: Stadshuset, Storgatan 1, Göteborg" in email.body_text
    assert "It has a new place." in email.body_text
    assert "It has a new time." not in email.body_text
    assert "LOCATION:Stadshuset\\, Storgatan 1\\, Göteborg" in email.attachment
    assert ActivityEntry.objects.for_object(session).get(action="session.changed").note == "venue, address"


def test_a_new_start_clears_the_reminders_sent_so_they_follow_the_new_date(now):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session)
    ended = BookingFactory(session=session, ended_at=NOW, end_reason=BookingEnd.CANCELLED, reminded_week_at=NOW)
    Booking.objects.filter(pk=booking.pk).update(reminded_week_at=NOW, reminded_day_at=NOW)

    move(session)

    booking.refresh_from_db()
    ended.refresh_from_db()
    assert (booking.reminded_week_at, booking.reminded_day_at) == (None, None)
    assert ended.reminded_week_at == NOW  # history stays as it was


def test_a_new_end_or_place_keeps_the_reminders_sent(now):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session)
    Booking.objects.filter(pk=booking.pk).update(reminded_week_at=NOW)

    Session.objects.filter(pk=session.pk).update(ends_at=END + timedelta(hours=1))
    session_details_changed(session, changed=["ends_at", "meeting_url"], by=None)

    booking.refresh_from_db()
    assert booking.reminded_week_at == NOW
    assert len(changed_emails()) == 1


def test_the_week_reminder_is_sent_again_before_the_new_date(time_machine):
    time_machine.move_to(START - timedelta(days=6), tick=False)
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = BookingFactory(session=session, booked_at=START - timedelta(days=20))
    assert send_workshop_reminders() == 1

    move(session, by=timedelta(days=7))
    time_machine.move_to(START + timedelta(days=1), tick=False)
    assert send_workshop_reminders() == 1

    reminders = OutboundEmail.objects.filter(template="courses/workshop_reminder", to=booking.participant.user.email)
    assert reminders.count() == 2


def test_an_open_offer_expires_at_the_new_start_at_the_latest(now):
    session = SessionFactory(starts_at=START, ends_at=END, capacity=1)
    booking = booked(session)
    entry = waiting(session)
    bookings.cancel_booking(booking, by=booking.participant.user)
    entry.refresh_from_db()
    assert entry.offer_expires_at == NOW + timedelta(hours=48)

    move(session, by=-(START - NOW) + timedelta(hours=20))  # the session now starts in 20 hours

    entry.refresh_from_db()
    assert entry.is_offered
    assert entry.offer_expires_at == NOW + timedelta(hours=20)


def test_the_waiting_list_is_not_emailed(now):
    session = SessionFactory(starts_at=START, ends_at=END, capacity=2)
    first, second = booked(session), booked(session)
    offered, in_line = waiting(session), waiting(session)
    bookings.cancel_booking(second, by=second.participant.user)  # its seat is offered to `offered`

    move(session)

    assert [email.to for email in changed_emails()] == [first.participant.user.email]
    offered.refresh_from_db()
    assert offered.is_offered
    assert not OutboundEmail.objects.filter(
        template="courses/session_changed",
        to__in=[offered.participant.user.email, in_line.participant.user.email],
    ).exists()


def test_a_second_change_emails_again_with_the_next_sequence(now):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session)

    move(session)
    move(session)

    emails = changed_emails()
    assert [email.to for email in emails] == [booking.participant.user.email] * 2
    assert [the_event(email).decoded("sequence") for email in emails] == [1, 2]
    assert the_event(emails[1]).decoded("dtstart") == START + 2 * LATER
    session.refresh_from_db()
    assert session.revision == 2


def test_a_change_retried_after_a_rollback_emails_once(now):
    session = SessionFactory(starts_at=START, ends_at=END)
    booked(session)

    with pytest.raises(RuntimeError), transaction.atomic():
        move(session)
        raise RuntimeError  # the admin's save failed after the service ran
    session.refresh_from_db()
    move(session)

    [email] = changed_emails()
    assert the_event(email).decoded("sequence") == 1


def test_a_cancelled_session_tells_nobody(now):
    session = SessionFactory(starts_at=START, ends_at=END)
    booked(session)
    cancel_session(session, by=None)

    assert move(session) == []

    assert changed_emails() == []
    session.refresh_from_db()
    assert session.revision == 0
