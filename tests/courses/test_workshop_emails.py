"""The workshop emails, as each recipient reads them in their own language: booked, waiting, offered,
offer passed on, cancelled by the participant or by the course, and the course completed. The Swedish
words come from the translators later, so Swedish is checked by its values: names, dates in Swedish time
and the Swedish date format, places, links and the deadline. Last, an offer expiring through a real worker."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from courses.models import Session, WaitingListEntry
from courses.services import bookings
from courses.services.attendance import mark_attendance
from courses.services.sessions import cancel_session
from courses.tasks import expire_offers as expire_offers_task
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from eyeforai.mail.services import queue_email, render_email
from tests.conftest_helpers import wait_until
from tests.courses.factories import CompletedPartOneParticipantFactory, InPersonSessionFactory, SessionFactory
from tests.smtp import RecordingHandler, SMTPServer
from tests.workers import worker_processes

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=STOCKHOLM)
START = datetime(2026, 12, 14, 9, 0, tzinfo=STOCKHOLM)
END = datetime(2026, 12, 14, 15, 0, tzinfo=STOCKHOLM)
LANGUAGES = ["sv", "en"]
SIGNATURE = "AI for leaders in the public sector · AI Sweden"
DASH = "\u2013"  # the en dash between a start and an end time


@pytest.fixture
def now(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


def in_language(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values if values else gettext(msgid)


def when(value, language, format_name="DATETIME_FORMAT"):
    """A date as the recipient reads it: their language's named format, in Swedish time."""
    with translation.override(language):
        return formats.date_format(timezone.localtime(value), format_name)


def emails(template):
    return list(OutboundEmail.objects.filter(template=template).order_by("pk"))


def leader(language, first_name="Åsa"):
    return CompletedPartOneParticipantFactory(user__first_name=first_name, user__language=language)


def workshops_url():
    return settings.SITE_URL + reverse("courses:workshops")


def digital(**kwargs):
    return SessionFactory(starts_at=START, ends_at=END, **kwargs)


def in_person(**kwargs):
    return InPersonSessionFactory(starts_at=START, ends_at=END, **kwargs)


# --- Booked and waiting ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_booking_a_digital_session_sends_the_time_in_swedish_time_the_meeting_link_and_the_calendar_file(now, language):
    session = digital()
    person = leader(language)

    bookings.book(person, session, by=person.user)

    [email] = emails("courses/workshop_booked")
    assert (email.to, email.language) == (person.user.email, language)
    assert when(START, language, "DATE_FORMAT") in email.subject
    text = email.body_text
    assert in_language(language, "Hello %(name)s,", name="Åsa") in text
    assert f"{when(START, language)}{DASH}{when(END, language, 'TIME_FORMAT')}" in text
    assert in_language(language, "Swedish time") in text
    assert f"{in_language(language, 'Where')}: {in_language(language, 'digitally')}" in text
    assert f"{in_language(language, 'Meeting link')}: {session.meeting_url}" in text
    assert workshops_url() in text
    assert in_language(language, SIGNATURE) in text
    assert (email.attachment_name, email.attachment_type) == ("workshop.ics", "text/calendar")
    assert "BEGIN:VEVENT" in email.attachment


def test_the_english_booking_email_reads_the_portals_date_format():
    session = SessionFactory.build(starts_at=START, ends_at=END)
    subject, text, _html = render_email(
        "courses/workshop_booked",
        {"name": "Amara", "session": session, "workshops_path": reverse("courses:workshops")},
        language="en",
    )
    assert subject == "Booked: workshop on 14 Dec 2026, Digital"
    assert f"When: 14 Dec 2026, 09:00{DASH}15:00 (Swedish time)" in text
    assert "Where: digitally" in text
    assert "Language: Swedish" in text
    assert "Led by: SKR" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_in_person_booking_names_the_venue_address_and_city_and_no_link(now, language):
    session = in_person(venue="Lindholmen Science Park", address="Lindholmspiren 3", city="Göteborg")
    person = leader(language)

    bookings.book(person, session, by=person.user)

    [email] = emails("courses/workshop_booked")
    expected = f"{in_language(language, 'Where')}: Lindholmen Science Park, Lindholmspiren 3, Göteborg"
    assert expected in email.body_text
    assert email.subject.endswith(", Göteborg")
    assert in_language(language, "Meeting link") not in email.body_text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_full_session_sends_the_place_in_line_without_the_meeting_link(now, language):
    session = digital(capacity=1)
    first, second, third = leader("en", "Bo"), leader("en", "Cecilia"), leader(language, "Dan")
    for person in (first, second, third):
        bookings.book(person, session, by=person.user)

    waiting = emails("courses/workshop_waiting")
    assert [email.to for email in waiting] == [second.user.email, third.user.email]
    email = waiting[1]
    assert email.language == language
    assert when(START, language, "DATE_FORMAT") in email.subject
    assert f"{in_language(language, 'Your place in line')}: 2" in email.body_text
    assert in_language(language, "Hello %(name)s,", name="Dan") in email.body_text
    assert session.meeting_url not in email.body_text
    assert workshops_url() in email.body_text


# --- Offers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_freed_seat_is_offered_with_the_deadline_and_what_happens_after_it(now, time_machine, language):
    session = digital(capacity=1, offer_hours=48)
    booked, waiting, next_in_line = leader("en", "Bo"), leader(language, "Cecilia"), leader(language, "Dan")
    booking = bookings.book(booked, session, by=booked.user)
    bookings.book(waiting, session, by=waiting.user)
    bookings.book(next_in_line, session, by=next_in_line.user)

    bookings.cancel_booking(booking, by=booked.user)

    [offer] = emails("courses/workshop_offer")
    deadline = NOW + timedelta(hours=48)
    assert (offer.to, offer.language) == (waiting.user.email, language)
    assert when(deadline, language) in offer.subject
    assert (
        in_language(
            language,
            "Take the seat on your workshop page by %(deadline)s (Swedish time):",
            deadline=when(deadline, language),
        )
        in offer.body_text
    )
    assert in_language(language, "After that, the seat passes to the next person in line.") in offer.body_text
    assert when(START, language) in offer.body_text
    assert workshops_url() in offer.body_text
    assert session.meeting_url not in offer.body_text

    # The deadline passes: the offer goes to the next in line, and the first is told.
    time_machine.move_to(deadline + timedelta(minutes=1), tick=False)
    assert bookings.expire_offers() == 1

    [expired] = emails("courses/workshop_offer_expired")
    assert (expired.to, expired.language) == (waiting.user.email, language)
    assert when(START, language, "DATE_FORMAT") in expired.subject
    assert in_language(language, "Hello %(name)s,", name="Cecilia") in expired.body_text
    assert when(START, language) in expired.body_text
    assert workshops_url() in expired.body_text
    assert session.meeting_url not in expired.body_text
    assert [email.to for email in emails("courses/workshop_offer")] == [waiting.user.email, next_in_line.user.email]


@pytest.mark.parametrize("language", LANGUAGES)
def test_cancelling_a_booking_confirms_it_without_the_meeting_link(now, language):
    session = digital()
    person = leader(language)
    booking = bookings.book(person, session, by=person.user)

    bookings.cancel_booking(booking, by=person.user)

    [email] = emails("courses/workshop_cancelled")
    assert (email.to, email.language) == (person.user.email, language)
    assert when(START, language, "DATE_FORMAT") in email.subject
    assert when(START, language) in email.body_text
    assert workshops_url() in email.body_text
    assert session.meeting_url not in email.body_text


# --- A session called off -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cancelled_session_tells_booked_and_waiting_people_of_the_sessions_with_free_seats(now, language):
    session = digital(capacity=1)
    later_digital = SessionFactory(starts_at=START + timedelta(days=7), ends_at=END + timedelta(days=7), capacity=20)
    gothenburg = in_person(city="Göteborg", capacity=12)
    full = SessionFactory(starts_at=START + timedelta(days=1), ends_at=END + timedelta(days=1), capacity=1)
    booked, waiting = leader(language, "Bo"), leader(language, "Cecilia")
    bookings.book(booked, session, by=booked.user)
    bookings.book(waiting, session, by=waiting.user)
    bookings.book(leader("en"), full, by=None)
    bookings.book(leader("en"), later_digital, by=None)

    cancel_session(session, by=None)

    sent = emails("courses/session_cancelled")
    assert sorted(email.to for email in sent) == sorted([booked.user.email, waiting.user.email])
    text = sent[0].body_text
    assert when(START, language, "DATE_FORMAT") in sent[0].subject
    assert in_language(language, "These sessions have free seats:") in text
    seats_left = in_language(language, "seats left")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert lines == [
        f"- {when(gothenburg.starts_at, language)}, Göteborg ({in_language(language, 'Swedish')}), {seats_left}: 12",
        f"- {when(later_digital.starts_at, language)}, {in_language(language, 'digitally')} "
        f"({in_language(language, 'Swedish')}), {seats_left}: 19",
    ]
    assert when(full.starts_at, language) not in text  # no free seat, not suggested
    assert session.meeting_url not in text
    assert workshops_url() in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cancelled_session_without_other_sessions_says_none_are_scheduled_yet(now, language):
    session = in_person(city="Luleå", venue="", address="")
    person = leader(language)
    bookings.book(person, session, by=person.user)

    cancel_session(session, by=None)

    [email] = emails("courses/session_cancelled")
    assert f"{in_language(language, 'Where')}: Luleå\n" in email.body_text
    none_yet = (
        "No other sessions are scheduled yet. New sessions are announced on your workshop page, where you can book one:"
    )
    assert in_language(language, none_yet) in email.body_text
    assert in_language(language, "These sessions have free seats:") not in email.body_text
    assert workshops_url() in email.body_text


# --- The course completed -------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_attending_the_workshop_after_part_one_sends_the_certificate(now, time_machine, language):
    session = digital()
    person = leader(language)
    booking = bookings.book(person, session, by=person.user)

    time_machine.move_to(START + timedelta(hours=1), tick=False)
    mark_attendance(booking, attended=True, by=None)

    [email] = emails("courses/course_completed")
    assert (email.to, email.language) == (person.user.email, language)
    assert in_language(language, "You have completed AI for leaders in the public sector") in email.subject
    assert in_language(language, "Hello %(name)s,", name="Åsa") in email.body_text
    assert f"{in_language(language, 'Download your certificate')}: {settings.SITE_URL}/course/statement.pdf" in (
        email.body_text
    )


# --- Every workshop email, rendered in both languages -----------------------------------------------

TEMPLATES = {
    "courses/workshop_booked": {},
    "courses/workshop_waiting": {"position": 3},
    "courses/workshop_offer": {"expires_at": NOW + timedelta(hours=48)},
    "courses/workshop_offer_expired": {},
    "courses/workshop_cancelled": {},
    "courses/session_cancelled": {"alternatives": []},
    "courses/workshop_reminder": {"tomorrow": True},
}
WITH_THE_LINK = {"courses/workshop_booked", "courses/workshop_reminder"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_each_workshop_email_renders_whole_and_shows_the_link_only_to_booked_people(db, template, language):
    session = digital()
    context = {"name": "Åsa", "session": session, "workshops_path": reverse("courses:workshops"), **TEMPLATES[template]}

    subject, text, html = render_email(template, context, language=language)

    assert subject and "\n" not in subject.strip()
    assert "TODO" not in subject + text
    assert in_language(language, "Hello %(name)s,", name="Åsa") in text
    assert when(START, language) in text
    assert workshops_url() in text
    assert (session.meeting_url in text) == (template in WITH_THE_LINK)
    assert in_language(language, SIGNATURE) in text
    assert "<" not in text and "{" not in text
    assert f'<a href="{workshops_url()}"' in html


# --- An offer expiring on a real worker -------------------------------------------------------------


@pytest.mark.worker
@pytest.mark.xdist_group("celery")
def test_an_expired_offer_passes_on_through_the_worker_and_each_email_is_delivered_once(transactional_db):
    handler = RecordingHandler()
    with SMTPServer(handler) as server, worker_processes(1, email_url=server.url):
        session = SessionFactory(capacity=1, offer_hours=1)
        booked, first, second = (CompletedPartOneParticipantFactory() for _ in range(3))
        booking = bookings.book(booked, session, by=booked.user)
        bookings.book(first, session, by=first.user)
        bookings.book(second, session, by=second.user)
        bookings.cancel_booking(booking, by=booked.user)
        offered = WaitingListEntry.objects.get(participant=first)
        assert offered.offer_expires_at == offered.offered_at + timedelta(hours=1)
        # The worker runs on the real clock: the hour has passed when the offer's time is behind it.
        past = timezone.now() - timedelta(minutes=1)
        WaitingListEntry.objects.filter(pk=offered.pk).update(
            offered_at=past - timedelta(hours=1), offer_expires_at=past
        )

        # As the beat sends it, twice (a beat restarted mid-interval): the second run finds nothing to pass on.
        expire_offers_task.delay()
        expire_offers_task.delay()
        wait_until(
            lambda: WaitingListEntry.objects.filter(participant=second, offered_at__isnull=False).exists(),
            message="the seat offered to the next in line",
        )
        expired_key = f"course-offer-expired:{offered.uuid}"
        next_offer_key = f"course-offer:{WaitingListEntry.objects.get(participant=second).uuid}"
        # One worker process takes the queue in order: once this later email is sent, both runs are done.
        with transaction.atomic():
            queue_email(
                key="after-the-expiry-runs",
                to="team@ai.se",
                template="notice",
                context={"subject": "Marker", "greeting": "Hello,", "paragraphs": ["Text."]},
            )
        wait_until(
            lambda: OutboundEmail.objects.filter(key="after-the-expiry-runs", status=EmailStatus.SENT).exists(),
            message="the marker email sent",
        )
        wait_until(
            lambda: (
                OutboundEmail.objects.filter(key__in=[expired_key, next_offer_key], status=EmailStatus.SENT).count()
                == 2
            ),
            message="the expired and the new offer emails sent",
        )

    offered.refresh_from_db()
    assert offered.outcome == "expired" and offered.ended_at is not None
    session.refresh_from_db()
    assert session.seats_held == 1
    for key, recipient in ((expired_key, first.user.email), (next_offer_key, second.user.email)):
        email = OutboundEmail.objects.get(key=key)
        assert (email.to, email.status, email.attempts) == (recipient, EmailStatus.SENT, 1)
        assert handler.keys[key] == 1, f"{key} arrived {handler.keys[key]} times"
    assert OutboundEmail.objects.filter(template="courses/workshop_offer_expired").count() == 1
    assert OutboundEmail.objects.filter(template="courses/workshop_offer").count() == 2
    assert Session.objects.get(pk=session.pk).waiting_list.filter(ended_at__isnull=True).count() == 1
