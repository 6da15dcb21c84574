"""Taking attendance on a facilitator's session page, completing the course by it, and the participant CSV."""

import csv
import io
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from courses.choices import BodyKind
from courses.models import Booking, PublicBody
from eyeforai.accounts.choices import Role
from eyeforai.mail.models import OutboundEmail
from tests.courses.factories import BookingFactory, FacilitatorFactory, ParticipantFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JSON = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory(
        user=UserFactory(email="erik.lind@skr.example.se", first_name="Erik", last_name="Lind", role=Role.FACILITATOR)
    )


@pytest.fixture
def session(facilitator):
    session = SessionFactory()
    session.facilitators.add(facilitator)
    return session


@pytest.fixture
def as_facilitator(client, facilitator):
    client.force_login(facilitator.user)
    return client


@pytest.fixture
def booking(session, participant):
    """Maria Ek (the `participant` fixture), who has completed the self-study part, booked on the session."""
    participant.course_participant.part_one_completed_at = timezone.now() - timedelta(days=2)
    participant.course_participant.save()
    return BookingFactory(session=session, participant=participant.course_participant)


def page_url(session):
    return reverse("facilitators:session", args=[session.uuid])


def tick_url(booking):
    return reverse("facilitators:attendance", args=[booking.session.uuid, booking.uuid])


@contextmanager
def on_the_day(client, session):
    """An hour into the session, signed in again (two weeks on, the sign-in of the test's start has expired)."""
    with time_machine.travel(session.starts_at + timedelta(hours=1)):
        client.force_login(session.facilitators.get().user)
        yield


def test_the_session_page_lists_the_booked_participants_and_the_meeting_link(as_facilitator, session, booking):
    gone = BookingFactory(session=session, ended_at=timezone.now(), end_reason="cancelled")

    page = as_facilitator.get(page_url(session)).content.decode()

    assert session.meeting_url in page
    assert "Maria Ek" in page
    assert "Head of unit, Sundsvall" in page
    assert "Manager" in page
    assert str(gone.participant) not in page
    assert "You can take attendance from the day of the session." in page
    assert tick_url(booking) not in page, "no tick before the session's day"


def test_no_attendance_before_the_sessions_day(as_facilitator, booking):
    response = as_facilitator.post(tick_url(booking), {"attended": "1"}, **JSON)

    assert response.status_code == 400
    assert response.json()["error"] == "Attendance can be taken from the day of the session."
    followed = as_facilitator.post(tick_url(booking), {"attended": "1"}, follow=True)
    assert "Attendance can be taken from the day of the session." in followed.content.decode()
    booking.refresh_from_db()
    assert booking.attended_at is None


def test_a_tick_completes_part_two_and_with_part_one_the_course_once(as_facilitator, facilitator, booking, participant):
    with on_the_day(as_facilitator, booking.session):
        page = as_facilitator.get(page_url(booking.session)).content.decode()
        assert tick_url(booking) in page
        assert 'aria-pressed="false"' in page

        response = as_facilitator.post(tick_url(booking), {"attended": "1"}, **JSON)
        assert response.json() == {"attended": True, "count": 1}
        assert as_facilitator.post(tick_url(booking), {"attended": "1"}, **JSON).json() == {
            "attended": True,
            "count": 1,
        }

        booking.refresh_from_db()
        assert booking.attendance_by == facilitator.user
        taker = participant.course_participant
        taker.refresh_from_db()
        assert taker.part_two_completed_at is not None
        assert taker.completed_at is not None
        assert OutboundEmail.objects.filter(template="courses/course_completed", to=participant.email).count() == 1

        # A mistaken tick is taken back, and ticked again: still one certificate email.
        assert as_facilitator.post(tick_url(booking), {"attended": "0"}, **JSON).json() == {
            "attended": False,
            "count": 0,
        }
        taker.refresh_from_db()
        assert taker.completed_at is None
        as_facilitator.post(tick_url(booking), {"attended": "1"}, **JSON)
        taker.refresh_from_db()
        assert taker.completed_at is not None
        assert OutboundEmail.objects.filter(template="courses/course_completed").count() == 1

        page = as_facilitator.get(page_url(booking.session)).content.decode()
    assert 'aria-pressed="true"' in page
    assert "<span data-attended-count>1</span> of 1 attended" in page


def test_a_tick_without_the_script_saves_and_comes_back_to_the_row(as_facilitator, booking):
    with on_the_day(as_facilitator, booking.session):
        response = as_facilitator.post(tick_url(booking), {"attended": "1"})
        assert response.status_code == 302
        assert response["Location"] == page_url(booking.session) + f"#row-{booking.uuid}"
        page = as_facilitator.get(response["Location"]).content.decode()

    assert "Saved: Maria Ek attended." in page
    assert Booking.objects.get(pk=booking.pk).attended_at is not None


def test_a_tick_without_part_one_completes_part_two_only(as_facilitator, booking, participant):
    taker = participant.course_participant
    taker.part_one_completed_at = None
    taker.save()
    with on_the_day(as_facilitator, booking.session):
        as_facilitator.post(tick_url(booking), {"attended": "1"}, **JSON)

    taker.refresh_from_db()
    assert taker.part_two_completed_at is not None
    assert taker.completed_at is None
    assert not OutboundEmail.objects.filter(template="courses/course_completed").exists()


def test_a_booking_of_another_session_or_an_ended_one_is_a_404(as_facilitator, facilitator, session, booking):
    other = SessionFactory(starts_at=session.starts_at)
    other.facilitators.add(facilitator)
    elsewhere = BookingFactory(session=other)
    ended = BookingFactory(session=session, ended_at=timezone.now(), end_reason="cancelled")

    with on_the_day(as_facilitator, session):
        wrong_session = reverse("facilitators:attendance", args=[session.uuid, elsewhere.uuid])
        assert as_facilitator.post(wrong_session, {"attended": "1"}, **JSON).status_code == 404
        assert as_facilitator.post(tick_url(ended), {"attended": "1"}, **JSON).status_code == 404
        assert as_facilitator.get(tick_url(booking)).status_code == 405

    assert not Booking.objects.filter(attended_at__isnull=False).exists()


def test_a_tick_with_no_answer_is_refused_without_an_error_page(as_facilitator, booking):
    with on_the_day(as_facilitator, booking.session):
        response = as_facilitator.post(tick_url(booking), {"attended": "maybe"}, **JSON)
    assert response.status_code == 400
    assert "error" in response.json()


def test_the_csv_holds_the_booked_participants_with_formulas_neutralised(as_facilitator, session, booking):
    region = PublicBody.objects.get(kind=BodyKind.REGION, name="Region Uppsala")
    sly = ParticipantFactory(
        user=UserFactory(email="sly@example.org", first_name="=HYPERLINK(1)", last_name="Ström"),
        title="@SUM(A1)",
        public_body=region,
    )
    BookingFactory(session=session, participant=sly)
    BookingFactory(session=session, ended_at=timezone.now(), end_reason="cancelled")
    with on_the_day(as_facilitator, session):
        as_facilitator.post(tick_url(booking), {"attended": "1"})
        response = as_facilitator.get(reverse("facilitators:export", args=[session.uuid]))

    assert response["Content-Type"].startswith("text/csv")
    start = timezone.localtime(session.starts_at)
    assert response["Content-Disposition"] == f'attachment; filename="workshop-{start:%Y-%m-%d}-digital.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "name",
        "title",
        "organisation",
        "organisation kind",
        "role",
        "email",
        "booked at",
        "attended",
    ]
    assert len(rows) == 3
    maria = next(row for row in rows if row[0] == "Maria Ek")
    assert maria[1:6] == ["Head of unit", "Sundsvall", "Municipality", "Manager", "leader@sundsvall.example.se"]
    assert maria[7] == "yes"
    sly_row = next(row for row in rows if row[5] == "sly@example.org")
    assert sly_row[0] == "'=HYPERLINK(1) Ström"
    assert sly_row[1] == "'@SUM(A1)"
    assert sly_row[2:4] == ["Region Uppsala", "Region"]
    assert sly_row[7] == "no"


@pytest.mark.parametrize("booking_count", [1, 10])
def test_the_session_page_issues_a_fixed_number_of_queries(
    as_facilitator, session, booking_count, django_assert_num_queries
):
    for _ in range(booking_count):
        BookingFactory(session=session)
    # session, the user with their facilitator row, the session, its bookings
    with on_the_day(as_facilitator, session), django_assert_num_queries(4):
        assert as_facilitator.get(page_url(session)).status_code == 200
