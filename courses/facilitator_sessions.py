"""What a facilitator's list of sessions (/facilitator/) shows: each session as a card whose text is
formatted here, once per card, because a facilitator who runs a workshop a week soon has a hundred past
ones and the template's filters cost per card. Past sessions come a page at a time."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format

from courses.choices import SessionFormat
from courses.models import Session
from eyeforai.paths import uuid_paths

PAST_PER_PAGE = 10
CARD_FIELDS = ("uuid", "format", "starts_at", "ends_at", "capacity", "city", "venue", "cancelled_at")


@dataclass(frozen=True)
class SessionCard:
    url: str
    when: str  # "4 Dec 2026, 09:00" to "12:00" joined by an en dash, in the active language's formats
    is_cancelled: bool
    place: str  # the city (or "Digital"), with the venue when there is one
    format: str
    booked: int
    capacity: int
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
    past ones. Two queries, whatever the number of sessions: a page reads one card more than it shows to
    know whether an earlier page exists."""
    now = now or timezone.now()
    mine = _with_counts(Session.objects.for_facilitator(facilitator).only(*CARD_FIELDS))
    upcoming = mine.filter(ends_at__gt=now).order_by("starts_at", "pk")
    start = (page - 1) * PAST_PER_PAGE
    past = list(mine.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[start : start + PAST_PER_PAGE + 1])
    card = _card_maker()
    return FacilitatorSessions(
        upcoming=[card(session) for session in upcoming],
        past=PastPage(
            cards=[card(session) for session in past[:PAST_PER_PAGE]],
            number=page,
            has_earlier=len(past) > PAST_PER_PAGE,
        ),
    )


def _with_counts(sessions):
    return sessions.annotate(
        booked=Count("bookings", filter=Q(bookings__ended_at__isnull=True)),
        attended=Count("bookings", filter=Q(bookings__ended_at__isnull=True, bookings__attended_at__isnull=False)),
    )


def _card_maker():
    """A function from an annotated Session to its SessionCard. What is the same for every card is looked
    up once for the whole list: the URL's pattern, the formats and the names of the session formats."""
    starts_format = f"{get_format('DATE_FORMAT')}, {get_format('TIME_FORMAT')}"
    ends_format = get_format("TIME_FORMAT")
    path_of = uuid_paths("facilitators:session")
    format_labels = {value: str(label) for value, label in SessionFormat.choices}

    def card(session):
        place = format_labels[session.format] if session.is_digital else session.city
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return SessionCard(
            url=path_of(session.uuid),
            when=f"{format_date(starts, starts_format)}\N{EN DASH}{format_date(ends, ends_format)}",
            is_cancelled=session.is_cancelled,
            place=f"{place}, {session.venue}" if session.venue else place,
            format=format_labels[session.format],
            booked=session.booked,
            capacity=session.capacity,
            attended=session.attended,
        )

    return card
