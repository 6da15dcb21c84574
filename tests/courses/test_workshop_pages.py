"""The participant's workshop pages (/course/workshops/ and its actions), the calendar file, the public
list of upcoming workshops on /course/, and part 2 on the course overview."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses.choices import BodyKind, BookingEnd, WaitingOutcome
from courses.models import Booking, PublicBody, Session, WaitingListEntry
from courses.services import bookings
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import (
    BookingFactory,
    CompletedPartOneParticipantFactory,
    FacilitatorFactory,
    InPersonSessionFactory,
    LessonFactory,
    LessonProgressFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

WORKSHOPS = "/course/workshops/"
FULL = "Full \N{EN DASH} join the waiting list"


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def words_of(response):
    assert response.status_code == 200
    return text(response.content.decode())


@pytest.fixture
def leader(participant):
    """`participant` with the self-study part completed: may book any session."""
    person = participant.course_participant
    person.part_one_completed_at = timezone.now() - timedelta(days=1)
    person.save(update_fields=["part_one_completed_at"])
    return participant


def signed_in(client, user):
    client.force_login(user)
    return client


def region(name):
    return PublicBody.objects.get(kind=BodyKind.REGION, name=name)


# --- Booking through the page ----------------------------------------------------------------------


def test_booking_a_session_with_seats_books_it_emails_and_says_so(client, leader):
    session = SessionFactory()
    page = words_of(signed_in(client, leader).get(WORKSHOPS))
    assert "Book a seat" in page and "20 seats left" in page

    response = client.post(reverse("courses:book", args=[session.uuid]), follow=True)

    assert response.redirect_chain == [(WORKSHOPS, 302)]
    booking = Booking.objects.active().get(participant=leader.course_participant)
    assert booking.session == session
    words = words_of(response)
    assert "You are booked on" in words and "We have emailed you the details." in words
    assert "You are booked here" in words and "Cancel my booking" in words
    assert OutboundEmail.objects.filter(template="courses/workshop_booked", to=leader.email).count() == 1
    session.refresh_from_db()
    assert session.seats_held == 1


def test_posting_book_twice_keeps_one_booking_and_one_seat(client, leader):
    session = SessionFactory()
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[session.uuid]))
    response = client.post(reverse("courses:book", args=[session.uuid]), follow=True)
    assert "You are already booked on this session." in words_of(response)
    assert Booking.objects.filter(participant=leader.course_participant).count() == 1
    session.refresh_from_db()
    assert session.seats_held == 1


def test_a_full_session_offers_the_waiting_list_and_tells_your_number(client, leader, other_participant):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    first_waiting = CompletedPartOneParticipantFactory()
    bookings.book(first_waiting, session, by=first_waiting.user)
    signed_in(client, leader)
    assert FULL in words_of(client.get(WORKSHOPS))
    assert "Join the waiting list" in words_of(client.get(WORKSHOPS))

    response = client.post(reverse("courses:book", args=[session.uuid]), follow=True)

    words = words_of(response)
    assert "is full. You are number 2 on the waiting list." in words
    assert "You are number 2 in line." in words and "Leave the waiting list" in words
    assert WaitingListEntry.objects.open().get(participant=leader.course_participant).session == session
    assert not Booking.objects.filter(participant=leader.course_participant).exists()


def test_booking_elsewhere_moves_the_booking(client, leader):
    first, second = SessionFactory(), InPersonSessionFactory()
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[first.uuid]))
    assert "Move my booking here" in words_of(client.get(WORKSHOPS))

    words = words_of(client.post(reverse("courses:book", args=[second.uuid]), follow=True))

    assert "Your booking has moved to" in words and "Göteborg" in words
    assert Booking.objects.active().get(participant=leader.course_participant).session == second
    assert Booking.objects.get(session=first).end_reason == BookingEnd.MOVED


def test_cancelling_ends_your_booking_and_a_second_post_is_harmless(client, leader):
    booking = BookingFactory(participant=leader.course_participant)
    signed_in(client, leader)
    words = words_of(client.post(reverse("courses:cancel_booking"), follow=True))
    assert "Your booking on" in words and "is cancelled." in words
    booking.refresh_from_db()
    assert booking.end_reason == BookingEnd.CANCELLED
    assert "You have no booking to cancel." in words_of(client.post(reverse("courses:cancel_booking"), follow=True))
    assert "You have not booked a workshop yet." in words_of(client.get(WORKSHOPS))


def test_cancelling_touches_only_your_own_booking(client, participant, other_participant):
    """The actions take no uuid: another's booking cannot even be named, so it stays."""
    theirs = BookingFactory(participant=other_participant.course_participant)
    signed_in(client, participant)
    response = client.post(reverse("courses:cancel_booking"), {"booking": str(theirs.uuid)}, follow=True)
    assert "You have no booking to cancel." in words_of(response)
    theirs.refresh_from_db()
    assert theirs.is_active
    # Nor does the page show another's booking.
    assert str(theirs.session.meeting_url) not in client.get(WORKSHOPS).content.decode()


def test_a_started_session_can_no_longer_be_cancelled(client, leader):
    soon = SessionFactory(starts_at=timezone.now() + timedelta(hours=1))
    booking = BookingFactory(participant=leader.course_participant, session=soon)
    signed_in(client, leader)
    with time_machine.travel(booking.session.starts_at + timedelta(minutes=10)):
        page = words_of(client.get(WORKSHOPS))
        assert "Your workshop has started" in page and "Cancel my booking" not in page
        words = words_of(client.post(reverse("courses:cancel_booking"), follow=True))
    assert "it can no longer be cancelled" in words
    booking.refresh_from_db()
    assert booking.is_active


def test_taking_an_offered_seat_books_it(client, leader):
    session = SessionFactory(capacity=1)
    held = BookingFactory(session=session)
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[session.uuid]))
    bookings.cancel_booking(held, by=None)  # the seat is offered to the leader, first in line

    page = words_of(client.get(WORKSHOPS))
    assert "A seat is offered to you" in page and "Take the seat by" in page
    assert "Take the seat" in page and "Decline" in page

    words = words_of(client.post(reverse("courses:accept_offer"), follow=True))
    assert "You took the seat" in words
    assert Booking.objects.active().get(participant=leader.course_participant).session == session
    assert "This offer is no longer open." in words_of(client.post(reverse("courses:accept_offer"), follow=True))


def test_declining_an_offer_passes_the_seat_on(client, leader):
    session = SessionFactory(capacity=1)
    held = BookingFactory(session=session)
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[session.uuid]))
    bookings.cancel_booking(held, by=None)
    words = words_of(client.post(reverse("courses:leave_waiting_list"), follow=True))
    assert "You declined the seat." in words
    entry = WaitingListEntry.objects.get(participant=leader.course_participant)
    assert entry.outcome == WaitingOutcome.DECLINED


def test_leaving_the_waiting_list_and_again_is_harmless(client, leader):
    session = SessionFactory(capacity=1)
    BookingFactory(session=session)
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[session.uuid]))
    left = words_of(client.post(reverse("courses:leave_waiting_list"), follow=True))
    assert "You have left the waiting list." in left
    assert WaitingListEntry.objects.get(participant=leader.course_participant).outcome == WaitingOutcome.LEFT
    again = words_of(client.post(reverse("courses:leave_waiting_list"), follow=True))
    assert "You are not on a waiting list." in again


def test_the_actions_accept_posts_only(client, leader):
    signed_in(client, leader)
    session = SessionFactory()
    for url in (
        reverse("courses:book", args=[session.uuid]),
        reverse("courses:cancel_booking"),
        reverse("courses:accept_offer"),
        reverse("courses:leave_waiting_list"),
    ):
        assert client.get(url).status_code == 405
    assert not Booking.objects.exists()


def test_booking_an_unknown_or_cancelled_session_gives_no_500(client, leader):
    signed_in(client, leader)
    assert client.post(reverse("courses:book", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404
    cancelled = SessionFactory(cancelled_at=timezone.now())
    words = words_of(client.post(reverse("courses:book", args=[cancelled.uuid]), follow=True))
    assert "This session has been cancelled." in words
    assert not Booking.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "talent", "course_manager"])
def test_only_participants_reach_the_workshop_page(client_for, role):
    response = client_for(role).get(WORKSHOPS)
    if role == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 404


# --- Who may book --------------------------------------------------------------------------------


def test_before_the_self_study_part_is_done_the_page_says_why_once_and_offers_no_buttons(client, participant):
    SessionFactory.create_batch(3)
    words = words_of(signed_in(client, participant).get(WORKSHOPS))
    assert words.count("Complete the self-study part first: the workshop builds on it.") == 1
    assert "Go to the self-study part" in words
    assert "Book a seat" not in words and "Join the waiting list" not in words
    session = Session.objects.first()
    response = client.post(reverse("courses:book", args=[session.uuid]), follow=True)
    assert "Complete the self-study part first" in words_of(response)
    assert not Booking.objects.exists()


def test_a_session_open_to_those_who_started_has_a_button_once_they_have(client, participant):
    SessionFactory()
    open_one = SessionFactory(open_to_started=True)
    signed_in(client, participant)
    words = words_of(client.get(WORKSHOPS))
    assert "Book a seat" not in words
    assert "Start the self-study part first" in words

    LessonProgressFactory(participant=participant.course_participant, lesson=LessonFactory())
    html = client.get(WORKSHOPS).content.decode()
    assert text(html).count("Book a seat") == 1
    assert reverse("courses:book", args=[open_one.uuid]) in html


# --- The meeting link -----------------------------------------------------------------------------


def test_the_meeting_link_is_shown_only_to_the_participant_booked_on_the_session(client, leader, participant):
    session = SessionFactory(meeting_url="https://meet.example.se/secret-room")
    link = "secret-room"
    assert link not in client.get(reverse("courses:course")).content.decode()  # anonymous
    signed_in(client, leader)
    assert link not in client.get(WORKSHOPS).content.decode()  # not booked
    client.post(reverse("courses:book", args=[session.uuid]))
    html = client.get(WORKSHOPS).content.decode()
    assert f'href="https://meet.example.se/{link}"' in html
    assert html.count(link) == 2  # the booking's link and its text; not in the session list
    assert link not in client.get(reverse("courses:course")).content.decode()  # the public page, booked or not


def test_a_waiting_participant_does_not_see_the_meeting_link(client, leader):
    session = SessionFactory(capacity=1, meeting_url="https://meet.example.se/full-room")
    BookingFactory(session=session)
    signed_in(client, leader)
    client.post(reverse("courses:book", args=[session.uuid]))
    assert "full-room" not in client.get(WORKSHOPS).content.decode()


# --- The calendar file --------------------------------------------------------------------------------


def test_the_calendar_file_of_your_booking_downloads_privately(client, leader):
    session = SessionFactory(meeting_url="https://meet.example.se/cal-room")
    signed_in(client, leader)
    assert client.get(reverse("courses:booking_calendar")).status_code == 404  # no booking yet
    client.post(reverse("courses:book", args=[session.uuid]))
    assert f'href="{reverse("courses:booking_calendar")}"' in client.get(WORKSHOPS).content.decode()

    response = client.get(reverse("courses:booking_calendar"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="workshop.ics"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and f"workshop-{session.uuid}" in body and "cal-room" in body


def test_the_calendar_file_is_not_anyone_elses(client, participant, other_participant):
    BookingFactory(participant=other_participant.course_participant)
    assert signed_in(client, participant).get(reverse("courses:booking_calendar")).status_code == 404
    client.logout()
    response = client.get(reverse("courses:booking_calendar"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# --- The region filter --------------------------------------------------------------------------------


@pytest.fixture
def spread():
    """A digital session, one in Västra Götaland and one in Uppsala."""
    return {
        "digital": SessionFactory(),
        "vg": InPersonSessionFactory(city="Göteborg"),
        "uppsala": InPersonSessionFactory(city="Uppsala", venue="Uppsala slott", region=region("Region Uppsala")),
    }


@pytest.mark.parametrize("url", [WORKSHOPS, "/course/"])
def test_the_region_filter_shows_the_sessions_of_one_region_or_the_digital_ones(client, leader, spread, url):
    signed_in(client, leader)
    everything = words_of(client.get(url))
    assert "Göteborg" in everything and "Uppsala slott" in everything and "Digital" in everything

    only_uppsala = words_of(client.get(url, {"region": str(region("Region Uppsala").uuid)}))
    assert "Uppsala slott" in only_uppsala and "Lindholmen" not in only_uppsala

    digital = client.get(url, {"region": "digital"}).content.decode()
    assert "Lindholmen" not in digital and "Uppsala slott" not in digital
    assert f"{timezone.localtime(spread['digital'].starts_at):%Y-%m-%d}" in digital  # its <time datetime>, Swedish time


@pytest.mark.parametrize("value", ["nonsense", "00000000-0000-0000-0000-000000000000", ""])
def test_an_unknown_region_shows_every_session(client, leader, spread, value):
    words = words_of(signed_in(client, leader).get(WORKSHOPS, {"region": value}))
    assert "Lindholmen" in words and "Uppsala slott" in words


def test_a_region_without_sessions_says_so(client, leader, spread):
    spread["uppsala"].delete()
    # Uppsala is no longer among the choices, so a link to it shows every session.
    words = words_of(signed_in(client, leader).get(WORKSHOPS, {"region": str(region("Region Uppsala").uuid)}))
    assert "Lindholmen" in words


# --- The public page ------------------------------------------------------------------------------------


def test_the_public_page_lists_upcoming_sessions_with_seats_and_no_booking_buttons(client):
    InPersonSessionFactory(capacity=12)
    SessionFactory(cancelled_at=timezone.now())
    SessionFactory(starts_at=timezone.now() - timedelta(days=1))
    full = SessionFactory(capacity=1)
    BookingFactory(session=full)
    html = client.get(reverse("courses:course")).content.decode()
    words = text(html)
    assert "12 seats left" in words and FULL in words
    assert words.count("Run by") == 2  # only the two upcoming ones
    assert "Sign up to book" in words and f'href="{reverse("courses:join")}"' in html
    assert "Book a seat" not in words and "/book/" not in html


def test_a_participant_on_the_public_page_is_sent_to_their_workshop_page(client, participant):
    SessionFactory()
    html = signed_in(client, participant).get(reverse("courses:course")).content.decode()
    assert f'href="{WORKSHOPS}"' in html and "Book on your workshop page" in html
    assert "Sign up to book" not in html


# --- Query counts ---------------------------------------------------------------------------------------


def _sessions(count):
    for number in range(count):
        if number % 3 == 0:
            SessionFactory()
        elif number % 3 == 1:
            InPersonSessionFactory(region=region("Region Uppsala"), city="Uppsala")
        else:
            full = InPersonSessionFactory(capacity=1)
            BookingFactory(session=full)


@pytest.mark.parametrize("part_one_done", [True, False])
def test_the_workshop_page_costs_the_same_queries_however_many_sessions(
    client, participant, django_assert_num_queries, part_one_done
):
    person = participant.course_participant
    if part_one_done:
        person.part_one_completed_at = timezone.now()
        person.save(update_fields=["part_one_completed_at"])
    _sessions(2)
    SessionFactory(open_to_started=True)
    BookingFactory(participant=person, session=SessionFactory())
    signed_in(client, participant)
    # The session, the user with their participant row; the booking and the waiting place; the sessions;
    # the lessons opened when part 1 is not done.
    expected = 5 if part_one_done else 6
    with django_assert_num_queries(expected):
        client.get(WORKSHOPS)
    _sessions(12)
    with django_assert_num_queries(expected):
        client.get(WORKSHOPS)


def test_the_public_page_costs_the_same_queries_however_many_sessions(client, django_assert_num_queries):
    # the two counts, the reach by municipality and region, the upcoming sessions
    with django_assert_num_queries(4):
        client.get(reverse("courses:course"))
    _sessions(15)
    with django_assert_num_queries(4):
        client.get(reverse("courses:course"))


# --- The overview's part 2 -----------------------------------------------------------------------------


def overview(client):
    return words_of(client.get(reverse("courses:overview")))


def test_the_overview_keeps_part_two_until_the_self_study_part_is_done(client, participant):
    words = overview(signed_in(client, participant))
    assert "Part 2: workshop" in words and "Not yet available" in words
    assert "Book a workshop" not in words


def test_the_overview_offers_booking_once_part_one_is_done(client, leader):
    words = overview(signed_in(client, leader))
    assert "Book a workshop" in words


def test_the_overview_summarises_a_booking_even_before_part_one_is_done(client, participant):
    BookingFactory(participant=participant.course_participant, session=InPersonSessionFactory())
    words = overview(signed_in(client, participant))
    assert "You are booked on a workshop:" in words and "Göteborg" in words
    assert "Not yet available" not in words


def test_the_overview_shows_the_completed_course_with_its_certificate(client, leader):
    person = leader.course_participant
    person.part_two_completed_at = person.completed_at = timezone.now()
    person.save(update_fields=["part_two_completed_at", "completed_at"])
    html = signed_in(client, leader).get(reverse("courses:overview")).content.decode()
    assert "Course completed" in text(html) and "Download your certificate (PDF)" in text(html)
    assert f'href="{reverse("courses:statement")}"' in html
    assert "Book a seat" not in text(client.get(WORKSHOPS).content.decode())


# --- The menu --------------------------------------------------------------------------------------------


def test_a_facilitator_finds_their_workshops_in_the_menu(client):
    facilitator = FacilitatorFactory()
    html = signed_in(client, facilitator.user).get(reverse("courses:course")).content.decode()
    assert f'href="{reverse("facilitators:sessions")}"' in html and "My workshops" in html


def test_the_workshop_page_marks_my_course_in_the_menu(client, participant):
    html = signed_in(client, participant).get(WORKSHOPS).content.decode()
    assert re.search(rf'<a href="{reverse("courses:overview")}" aria-current="page">My course</a>', html)
