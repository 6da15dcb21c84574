"""What a facilitator's list of sessions (/facilitator/) shows: each session as a card whose text is
formatted here, once per card, because a facilitator who runs a workshop a week soon has a hundred past
ones and the template's filters cost per card. Past sessions come a page at a time.

The cards come from one SQL statement of our own (CARDS_SQL): the ORM's two annotated queries (upcoming,
then the page of past ones, each counting bookings through a join and a GROUP BY) took most of the page's
time compiling themselves, more than the database took to answer them."""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext

from courses.choices import SessionFormat
from courses.session_dates import SessionDates
from eyeforai.paths import uuid_paths
from eyeforai.raw_values import moment, moment_parameter, uuid_value

PAST_PER_PAGE = 10

# The facilitator's upcoming sessions (not yet ended) and one page of their past ones (a row more than a
# page, to know whether an earlier page exists), with the columns a card shows; the counts are correlated
# subqueries, so they run only for the sessions returned. The caller orders the two lists.
CARDS_SQL = """
SELECT s.uuid, s.format, s.starts_at, s.ends_at, s.capacity, s.city, s.venue, s.cancelled_at,
       (SELECT count(*) FROM courses_booking b WHERE b.session_id = s.id AND b.ended_at IS NULL),
       (SELECT count(*) FROM courses_booking b
         WHERE b.session_id = s.id AND b.ended_at IS NULL AND b.attended_at IS NOT NULL),
       s.id
  FROM courses_session s
 WHERE s.id IN (SELECT f.session_id FROM courses_session_facilitators f WHERE f.facilitator_id = %(facilitator)s)
   AND (s.ends_at > %(now)s
        OR s.id IN (SELECT p.id FROM courses_session p
                      JOIN courses_session_facilitators f ON f.session_id = p.id
                     WHERE f.facilitator_id = %(facilitator)s AND p.ends_at <= %(now)s
                     ORDER BY p.starts_at DESC, p.id DESC LIMIT %(limit)s OFFSET %(offset)s))
"""


@dataclass(frozen=True)
class SessionCard:
    url: str
    when: str  # "4 Dec 2026, 09:00" to "12:00" joined by an en dash, in the active language's formats
    is_cancelled: bool
    place: str  # the city (or "Digital"), with the venue when there is one
    format: str
    seats: str  # "3 of 20 seats"
    attended: int


@dataclass(frozen=True)
class PastPage:
    cards: list  # SessionCards, latest first
    number: int  # 1 is the latest sessions
    has_earlier: bool  # a page number + 1 exists

    @property
    def earlier(self):
        return self.number + 1

    @property
    def later(self):
        """The page before, or 0 on the first page (no link)."""
        return self.number - 1


@dataclass(frozen=True)
class FacilitatorSessions:
    upcoming: list  # SessionCards, soonest first
    past: PastPage


def facilitator_sessions(facilitator, *, page=1, now=None):
    """The facilitator's sessions: every upcoming one (not yet ended) and page `page` (1, 2, …) of the
    past ones. One query, whatever the number of sessions."""
    now = now or timezone.now()
    parameters = {
        "facilitator": facilitator.pk,
        "now": moment_parameter(now),
        "limit": PAST_PER_PAGE + 1,
        "offset": (page - 1) * PAST_PER_PAGE,
    }
    with connection.cursor() as cursor:
        cursor.execute(CARDS_SQL, parameters)
        rows = [CardRow.of(values) for values in cursor.fetchall()]
    upcoming = sorted((row for row in rows if row.ends_at > now), key=lambda row: (row.starts_at, row.id))
    past = sorted((row for row in rows if row.ends_at <= now), key=lambda row: (row.starts_at, row.id), reverse=True)
    card = _card_maker()
    return FacilitatorSessions(
        upcoming=[card(row) for row in upcoming],
        past=PastPage(
            cards=[card(row) for row in past[:PAST_PER_PAGE]],
            number=page,
            has_earlier=len(past) > PAST_PER_PAGE,
        ),
    )


@dataclass(frozen=True)
class CardRow:
    """A row of CARDS_SQL, in its column order."""

    uuid: object  # a UUID
    format: str
    starts_at: object  # an aware datetime
    ends_at: object
    capacity: int
    city: str
    venue: str
    cancelled_at: object  # None unless cancelled
    booked: int
    attended: int
    id: int

    @classmethod
    def of(cls, row):
        """A row as the database answers it, PostgreSQL or SQLite (eyeforai/raw_values.py)."""
        uuid, session_format, starts_at, ends_at, capacity, city, venue, cancelled_at, booked, attended, pk = row
        return cls(
            uuid_value(uuid),
            session_format,
            moment(starts_at),
            moment(ends_at),
            capacity,
            city,
            venue,
            moment(cancelled_at),
            booked,
            attended,
            pk,
        )


def _card_maker():
    """A function from a CardRow to its SessionCard. What is the same for every card is looked up once for
    the whole list: the URL's pattern, the formats, the names of the session formats and the seats' sentence
    (the msgid the template's blocktranslate had)."""
    dates = SessionDates()
    path_of = uuid_paths("facilitators:session")
    format_labels = {value: str(label) for value, label in SessionFormat.choices}
    seats = gettext("%(booked)s of %(capacity)s seats")

    def card(row):
        place = format_labels[row.format] if row.format == SessionFormat.DIGITAL else row.city
        starts, ends = timezone.localtime(row.starts_at), timezone.localtime(row.ends_at)
        return SessionCard(
            url=path_of(row.uuid),
            when=f"{dates.date(starts)}, {dates.time(starts)}\N{EN DASH}{dates.time(ends)}",
            is_cancelled=row.cancelled_at is not None,
            place=f"{place}, {row.venue}" if row.venue else place,
            format=format_labels[row.format],
            seats=seats % {"booked": row.booked, "capacity": row.capacity},
            attended=row.attended,
        )

    return card
