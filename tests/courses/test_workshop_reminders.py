"""Workshop reminders (the hourly beat task): a week before and a day before, each once per booking,
each with the session's calendar file. Time moves with time_machine; the task runs as the beat runs it."""

import zoneinfo
from datetime import datetime, timedelta

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from courses.models import Booking
from courses.services import bookings
from courses.services.sessions import cancel_session
from courses.tasks import send_workshop_reminders
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import CompletedPartOneParticipantFactory, InPersonSessionFactory, SessionFactory

pytestmark = pytest.mark.django_db

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
START = datetime(2026, 12, 14, 9, 0, tzinfo=STOCKHOLM)
END = datetime(2026, 12, 14, 15, 0, tzinfo=STOCKHOLM)
BOOKED = datetime(2026, 11, 20, 13, 5, tzinfo=STOCKHOLM)
DASH = "\u2013"  # the en dash between a start and an end time


def reminders():
    return list(OutboundEmail.objects.filter(template="courses/workshop_reminder").order_by("pk"))


def run_hourly(time_machine, start, end):
    """The beat's hourly runs from `start` to `end`; returns how many reminders each run queued."""
    queued = []
    moment = start
    while moment <= end:
        time_machine.move_to(moment, tick=False)
        queued.append(send_workshop_reminders.apply().get())
        moment += timedelta(hours=1)
    return queued


def booked(session, at, time_machine, language="en"):
    time_machine.move_to(at, tick=False)
    person = CompletedPartOneParticipantFactory(user__language=language)
    return bookings.book(person, session, by=person.user)


def the_event(email):
    [event] = icalendar.Calendar.from_ical(email.attachment).walk("VEVENT")
    return event


def test_a_booking_gets_the_week_reminder_once_and_the_day_reminder_once(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session, BOOKED, time_machine)

    # Around the hour the week begins, a run in between, around the hour the last day begins, past the start.
    assert run_hourly(time_machine, START - timedelta(days=7, hours=3), START - timedelta(days=6, hours=21)) == [
        *[0, 0, 0, 1], *[0, 0, 0],
    ]  # fmt: skip
    assert run_hourly(time_machine, START - timedelta(days=3), START - timedelta(days=3)) == [0]
    assert run_hourly(time_machine, START - timedelta(hours=27), START + timedelta(hours=2)) == [0, 0, 0, 1, *[0] * 26]

    week, day = reminders()
    assert (week.key, day.key) == (f"course-reminder-week:{booking.uuid}:0", f"course-reminder-day:{booking.uuid}:0")
    booking.refresh_from_db()
    assert booking.reminded_week_at == START - timedelta(days=7)
    assert booking.reminded_day_at == START - timedelta(days=1)
    assert "Reminder: workshop on 14 Dec 2026, Digital" in week.subject
    assert "Reminder: workshop on 14 Dec 2026, 09:00, Digital" in day.subject
    for email in (week, day):
        assert email.to == booking.participant.user.email
        assert session.meeting_url in email.body_text
        assert settings.SITE_URL + reverse("courses:workshops") in email.body_text


def test_running_the_task_twice_in_the_same_hour_sends_nothing_new(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booked(session, BOOKED, time_machine)

    assert run_hourly(time_machine, START - timedelta(hours=20), START - timedelta(hours=20)) == [1]
    assert send_workshop_reminders.apply().get() == 0
    assert len(reminders()) == 1


def test_each_reminder_carries_the_calendar_file_with_the_start_and_the_meeting_link(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booked(session, BOOKED, time_machine)

    run_hourly(time_machine, START - timedelta(days=7), START - timedelta(days=7))
    run_hourly(time_machine, START - timedelta(days=1), START - timedelta(days=1))

    for email in reminders():
        assert (email.attachment_name, email.attachment_type) == ("workshop.ics", "text/calendar")
        event = the_event(email)
        assert event.decoded("dtstart") == START
        assert event.decoded("dtend") == END
        assert str(event["url"]) == session.meeting_url
        assert str(event["location"]) == session.meeting_url
    assert len(reminders()) == 2


def test_an_in_person_reminder_calendar_carries_the_venue_and_no_link(time_machine):
    session = InPersonSessionFactory(
        starts_at=START, ends_at=END, venue="Lindholmen Science Park", address="Lindholmspiren 3", city="Göteborg"
    )
    booked(session, BOOKED, time_machine)

    run_hourly(time_machine, START - timedelta(hours=23), START - timedelta(hours=23))

    [email] = reminders()
    event = the_event(email)
    assert str(event["location"]) == "Lindholmen Science Park, Lindholmspiren 3, Göteborg"
    assert "url" not in event
    assert "Where: Lindholmen Science Park, Lindholmspiren 3, Göteborg" in email.body_text
    assert "Meeting link" not in email.body_text


def test_a_booking_made_twenty_hours_before_gets_only_the_day_reminder(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session, START - timedelta(hours=20), time_machine)

    queued = run_hourly(time_machine, START - timedelta(hours=20), START + timedelta(hours=1))

    assert queued[0] == 1 and sum(queued) == 1
    [email] = reminders()
    assert email.key == f"course-reminder-day:{booking.uuid}:0"


def test_a_booking_made_within_the_week_gets_the_day_reminder_but_no_week_reminder(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booking = booked(session, START - timedelta(days=3), time_machine)

    # Its first hours (the week has begun) and its last day.
    assert run_hourly(time_machine, START - timedelta(days=3), START - timedelta(days=2, hours=21)) == [0, 0, 0, 0]
    assert sum(run_hourly(time_machine, START - timedelta(hours=25), START)) == 1

    assert [email.key for email in reminders()] == [f"course-reminder-day:{booking.uuid}:0"]


def test_a_cancelled_booking_and_a_cancelled_session_get_no_reminder(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    called_off = SessionFactory(starts_at=START, ends_at=END)
    cancelled = booked(session, BOOKED, time_machine)
    booked(called_off, BOOKED, time_machine)
    bookings.cancel_booking(cancelled, by=cancelled.participant.user)
    cancel_session(called_off, by=None)

    assert sum(run_hourly(time_machine, START - timedelta(days=7, hours=1), START - timedelta(days=6, hours=22))) == 0
    assert sum(run_hourly(time_machine, START - timedelta(hours=25), START)) == 0
    assert reminders() == []
    assert not Booking.objects.filter(reminded_week_at__isnull=False).exists()


def test_a_reminder_is_in_the_participants_language(time_machine):
    session = SessionFactory(starts_at=START, ends_at=END)
    booked(session, BOOKED, time_machine, language="sv")

    run_hourly(time_machine, START - timedelta(hours=23), START - timedelta(hours=23))

    [email] = reminders()
    assert email.language == "sv"
    assert f"14 dec. 2026 kl. 09.00{DASH}15.00" in email.body_text
