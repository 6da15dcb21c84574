"""The upcoming workshop sessions as every participant's workshop page shows them, kept in the cache.

Each card's heading and facts, its seats left and what the booking rules read of its session are the same
for every participant: they are drawn once per language and kept until a session or a region is written
(the generation eyeforai/write_watch.py starts: a booking, a cancellation or a manager's QuerySet.update all
change `Session.seats_held` or the session's row) or the first kept session starts (it leaves the list and
can no longer be booked). What is the participant's own (their booking and waiting place) is kept per
participant as a Standing under a generation of its own; which button a card gets and why none is drawn on
each request by courses/views/workshops.py.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache as cache_result

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from courses.models import Booking, LessonProgress, Participant, PublicBody, Session, WaitingListEntry
from courses.session_facts import facts_maker
from eyeforai import write_watch
from eyeforai.kept_copies import kept, shape

GENERATION_KEY = "courses:sessions:generation"
# Each participant's own part of the workshop page (courses/views/workshops.py: _standing).
STANDING_GENERATION_KEY = "courses:standing:generation"
HEAD_TEMPLATE = "courses/includes/session_card_head.html"


@cache_result
def tables_read():
    """The tables the cards read (asked at the first write, once the app registry is ready)."""
    return frozenset(model._meta.db_table for model in (Session, PublicBody))


def standing_key(user_pk, language):
    """Where a participant's Standing is kept: it names their session and meeting link, so their erasure
    deletes it (every language's)."""
    return f"courses:workshops:standing:{shape(Standing, Booker)}:{user_pk}:{language}"


def forget_standing(user_pk):
    """Delete the participant's kept booking and waiting place in every language (their erasure)."""
    write_watch.forget([standing_key(user_pk, language) for language, _name in settings.LANGUAGES])


@cache_result
def standing_tables_read():
    """The tables a participant's standing reads: their booking and waiting place with its session and
    line, their progress (has_started) and their row."""
    models = (Booking, WaitingListEntry, Session, PublicBody, LessonProgress, Participant)
    return frozenset(model._meta.db_table for model in models)


def standing_unread_columns():
    """A participant's busy columns (Participant.BUSY_COLUMNS): the standing does not read them."""
    return {Participant._meta.db_table: Participant.BUSY_COLUMNS}


@dataclass(frozen=True)
class Card:
    """An upcoming session's card, as far as it is everyone's. Also what check_can_book reads of a session
    (starts_at, open_to_started, is_cancelled: never, upcoming sessions only)."""

    pk: int
    uuid: str
    region_uuid: str  # "" for none
    is_digital: bool
    open_to_started: bool
    is_full: bool
    starts_at: datetime
    head: str  # the card's heading and facts, safe markup (HEAD_TEMPLATE)
    seats: str  # "3 seats left", or that it is full

    is_cancelled = False


@dataclass(frozen=True)
class Region:
    uuid: str
    name: str


@dataclass(frozen=True)
class Cards:
    cards: list  # soonest first
    regions: list  # the regions of upcoming in-person sessions, by name
    has_digital: bool


def seats_text(session):
    """What a card says of the seats (templates/courses/includes/session_seats.html's msgids)."""
    if session.is_full:
        return _("Full – join the waiting list")  # noqa: RUF001 the template's msgid, its dash and all
    left = session.seats_left
    return ngettext("%(counter)s seat left", "%(counter)s seats left", left) % {"counter": left}


def _build():
    sessions = list(Session.objects.upcoming().select_related("region"))
    facts = facts_maker()
    cards = [
        Card(
            pk=session.pk,
            uuid=str(session.uuid),
            region_uuid=str(session.region.uuid) if session.region_id else "",
            is_digital=session.is_digital,
            open_to_started=session.open_to_started,
            is_full=session.is_full,
            starts_at=session.starts_at,
            # Safe: the template's escaped output, only its surrounding whitespace stripped.
            head=mark_safe(render_to_string(HEAD_TEMPLATE, {"facts": facts(session)}).strip()),  # noqa: S308  # nosec B308 B703
            seats=seats_text(session),
        )
        for session in sessions
    ]
    bodies = sorted({session.region for session in sessions if session.region_id}, key=lambda body: body.name)
    listing = Cards(
        cards=cards,
        regions=[Region(uuid=str(body.uuid), name=body.name) for body in bodies],
        has_digital=any(card.is_digital for card in cards),
    )
    return listing, sessions[0].starts_at if sessions else None


def upcoming_cards():
    """Every upcoming session's Card in the active language, from the cache while none has changed."""
    return kept(GENERATION_KEY, f"courses:sessions:cards:{shape(Cards, Card, Region)}:{get_language()}", _build)


@dataclass(frozen=True)
class Booker:
    """What check_can_book reads of a participant, kept with their standing."""

    part_one_completed_at: datetime | None
    part_two_completed_at: datetime | None
    has_started: bool


@dataclass(frozen=True)
class Standing:
    """The participant's own part of the page: their booking and waiting place drawn (`html`, its forms'
    CSRF token a placeholder), and what the cards ask of them."""

    html: str
    placeholder: str
    booker: Booker
    booked_session: int | None  # the session's pk
    entry_session: int | None
    entry_offered: bool
