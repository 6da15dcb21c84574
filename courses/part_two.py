"""A participant's part 2 (the workshop) as their course overview (/course/me/) tells it: the session they
are booked on and the one they wait for, by date and place, from one SQL statement of our own.

The ORM's two reads of the same (courses.services.bookings' active_booking and open_entry, each joining
the session's every column) took more of the page's time compiling themselves than the database took to
answer them. The workshop page, which acts on the booking and the entry, keeps reading them as models."""

from dataclasses import dataclass

from django.db import connection
from django.utils import formats, timezone

from courses.choices import SessionFormat
from eyeforai.raw_values import moment

# The participant's active booking and open waiting-list place (at most one of each: the constraints
# courses_booking_one_per_participant and courses_waiting_one_per_participant), each with its session's
# date and place.
STANDING_SQL = """
SELECT 'booking', NULL, s.starts_at, s.format, s.city
  FROM courses_booking b JOIN courses_session s ON s.id = b.session_id
 WHERE b.participant_id = %(participant)s AND b.ended_at IS NULL
UNION ALL
SELECT 'entry', w.offered_at, s.starts_at, s.format, s.city
  FROM courses_waitinglistentry w JOIN courses_session s ON s.id = w.session_id
 WHERE w.participant_id = %(participant)s AND w.ended_at IS NULL
"""


@dataclass(frozen=True)
class Seat:
    """A booking or a waiting-list place, as the overview's sentences need it."""

    when: str  # the session's start, DATETIME_FORMAT
    place: str  # Session.place: the city, or "Digital"
    is_offered: bool  # a waiting-list place whose seat is offered to them (never a booking)


@dataclass(frozen=True)
class PartTwo:
    booking: Seat | None
    entry: Seat | None


def part_two(participant):
    """Their booking and their waiting-list place, each None when they have none. One query."""
    with connection.cursor() as cursor:
        cursor.execute(STANDING_SQL, {"participant": participant.pk})
        found = {kind: _seat(*columns) for kind, *columns in cursor}
    return PartTwo(booking=found.get("booking"), entry=found.get("entry"))


def _seat(offered_at, starts_at, session_format, city):
    return Seat(
        when=formats.date_format(timezone.localtime(moment(starts_at)), "DATETIME_FORMAT"),
        place=city if session_format == SessionFormat.IN_PERSON else str(SessionFormat.DIGITAL.label),
        is_offered=offered_at is not None,
    )
