"""/course/workshops/ keeps the upcoming sessions' cards for everyone and each participant's own booking and
waiting place for them (courses/session_cards.py, eyeforai/kept_copies.py): a booking by anyone, a manager's
change and the clock show on the next view, and each view's forms carry the reader's own CSRF token."""

import logging
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.models import Booking, Participant, Session
from courses.services import bookings
from tests.courses.factories import CompletedPartOneParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

WORKSHOPS = "/course/workshops/"
CACHE_DOWN = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


@pytest.fixture
def leader(db):
    """A participant who may book any session (the self-study part completed)."""
    return CompletedPartOneParticipantFactory().user


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def page(client):
    response = client.get(WORKSHOPS)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


# The session only: the person (portal/signed_in_user.py), their standing and the cards are kept.
KEPT_QUERIES = 1


@pytest.mark.parametrize("size", [2, 12])
def test_the_kept_page_costs_the_session_only_at_any_size(leader_client, leader, django_assert_num_queries, size):
    for _number in range(size):
        SessionFactory()
    bookings.book(leader.course_participant, SessionFactory(), by=leader)
    first = page(leader_client)

    with django_assert_num_queries(KEPT_QUERIES):
        again = page(leader_client)

    assert again == first
    assert again.count("Move my booking here") == size


def test_a_booking_by_someone_else_shows_in_the_seats_left_on_the_next_view(leader_client):
    session = SessionFactory(capacity=2)
    assert "2 seats left" in page(leader_client)
    other = CompletedPartOneParticipantFactory()

    bookings.book(other, session, by=other.user)

    assert "1 seat left" in page(leader_client)


def test_a_capacity_changed_by_a_queryset_update_shows_on_the_next_view(leader_client):
    session = SessionFactory(capacity=20)
    assert "20 seats left" in page(leader_client)

    Session.objects.filter(pk=session.pk).update(capacity=25)  # sends no signal

    assert "25 seats left" in page(leader_client)


def test_their_own_booking_shows_on_the_next_view(leader_client, leader):
    session = SessionFactory()
    assert "You have not booked a workshop yet." in page(leader_client)

    leader_client.post(reverse("courses:book", args=[session.uuid]))

    words = page(leader_client)
    assert "You are booked here" in words and "Cancel my booking" in words
    assert "You have not booked a workshop yet." not in words


def test_a_session_that_starts_leaves_the_list_without_a_write(leader_client, time_machine):
    now = timezone.now()
    time_machine.move_to(now, tick=False)
    SessionFactory(starts_at=now + timedelta(minutes=5))
    assert "20 seats left" in page(leader_client)

    time_machine.move_to(now + timedelta(minutes=6), tick=False)

    assert "20 seats left" not in page(leader_client)


def test_the_kept_standing_gives_each_view_a_token_that_posts(leader):
    bookings.book(leader.course_participant, SessionFactory(), by=leader)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(leader)
    browser.get(WORKSHOPS)  # keeps their standing
    html = browser.get(WORKSHOPS).content.decode()

    cancel = reverse("courses:cancel_booking")
    token = re.search(rf'action="{cancel}".*?value="([^"]+)"', html, re.DOTALL).group(1)
    assert browser.post(cancel, {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Booking.objects.active().filter(participant=leader.course_participant).exists()


def test_the_page_is_built_from_the_database_when_the_cache_is_down(settings, leader_client, caplog):
    SessionFactory(capacity=3)
    settings.CACHES = CACHE_DOWN

    with caplog.at_level(logging.ERROR, logger="eyeforai.kept_copies"):
        words = page(leader_client)

    assert "3 seats left" in words and "Book a seat" in words
    assert "Could not read courses:" in caplog.text


def test_another_participants_progress_keeps_the_page(leader_client, leader, participant, django_assert_num_queries):
    """Every answered check sets the participant's last progress: a busy column no standing reads."""
    SessionFactory()
    first = page(leader_client)

    Participant.objects.filter(user=participant).update(last_progress_at=timezone.now())
    Participant.objects.filter(user=leader).update(nudged_at=timezone.now())

    with django_assert_num_queries(KEPT_QUERIES):
        assert page(leader_client) == first
