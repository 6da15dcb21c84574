"""A participant's workshop pages: their part 2 at a glance, the upcoming sessions to book, and the
actions on their own booking and waiting-list place.

The actions take no uuid of a booking or an entry: each acts on the participant's own (active_booking,
open_entry), so nobody can reach another's. A repeated post finds nothing left to do and says so.
"""

import uuid as uuid_module
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.access import participant_of, participant_required
from courses.calendar import CALENDAR_TYPE, session_calendar
from courses.models import Booking, Session
from courses.services import bookings
from courses.session_cards import STANDING_GENERATION_KEY, Booker, Card, Standing, standing_key, upcoming_cards
from courses.session_facts import session_facts
from eyeforai.kept_copies import csrf_placeholder, kept, with_csrf_token
from eyeforai.paths import uuid_paths

DIGITAL = "digital"  # the region filter's value for digital sessions (held nowhere in particular)

# What a session's button does for this participant.
BOOK = "book"
WAIT = "wait"
MOVE = "move"


@dataclass(frozen=True)
class SessionList:
    """Upcoming sessions, soonest first, after the region filter, and the filter's choices."""

    sessions: list  # Sessions, or session_cards.Card objects on the workshop page
    regions: list  # the regions of upcoming in-person sessions, by name (each with its uuid and name)
    has_digital: bool
    selected: str  # "", DIGITAL or a region's uuid


def upcoming_sessions(region=""):
    """One query, whatever the number of sessions: a course's upcoming workshops are a few dozen, so the
    region filter runs on the list itself and its choices come from the same rows."""
    everything = list(Session.objects.upcoming().select_related("region"))
    regions = sorted({s.region for s in everything if s.region_id}, key=lambda body: body.name)
    has_digital = any(s.is_digital for s in everything)
    return _filtered(everything, regions, has_digital, region, lambda s: str(s.region.uuid) if s.region_id else "")


def _filtered(everything, regions, has_digital, region, region_uuid):
    selected = _region_choice(region, regions)
    if selected == DIGITAL:
        sessions = [s for s in everything if s.is_digital]
    elif selected:
        sessions = [s for s in everything if region_uuid(s) == selected]
    else:
        sessions = everything
    return SessionList(sessions=sessions, regions=regions, has_digital=has_digital, selected=selected)


def _region_choice(value, regions):
    """The filter as asked, or "" (all) for anything else: a stale or mistyped link shows every session."""
    if value == DIGITAL:
        return DIGITAL
    try:
        wanted = str(uuid_module.UUID(value))
    except (TypeError, ValueError):
        return ""
    return wanted if any(str(body.uuid) == wanted for body in regions) else ""


@dataclass(frozen=True)
class Row:
    """A session's card: everyone's part kept (session_cards.Card), and this participant's words put
    together here once per page (the template's msgids)."""

    card: Card
    action: str  # BOOK, WAIT, MOVE, or "" for no button
    mine: str  # "booked", "waiting", "offered" or ""
    book_url: str  # where the button posts
    status: str  # the badge of their own session, else the seats left
    status_class: str  # the badge's classes, or "" for the seats left
    button: str  # the button's label, with the action
    button_class: str
    open_to_started: bool  # says so on the card: only to those who have not completed part 1


class RowWords:
    """What the cards of one page say of the participant's own, translated once for the page (the
    template's msgids)."""

    def __init__(self):
        self.mine = {
            "booked": (_("You are booked here"), "badge badge-ok"),
            "offered": (_("A seat is offered to you"), "badge badge-warn"),
            "waiting": (_("You are on the waiting list"), "badge"),
        }
        self.buttons = {
            WAIT: (_("Join the waiting list"), "button button-secondary"),
            MOVE: (_("Move my booking here"), "button"),
            BOOK: (_("Book a seat"), "button"),
        }


@participant_required
@require_GET
def workshops(request):
    participant = participant_of(request.user)
    now = timezone.now()
    standing = _standing(participant)
    kept = upcoming_cards()
    listing = _filtered(kept.cards, kept.regions, kept.has_digital, request.GET.get("region", ""), _card_region)
    reasons, rows = _rows(standing, listing.sessions, now)
    context = {
        "participant": participant,
        # Safe: the template's escaped output; only the placeholder is replaced.
        "standing": mark_safe(with_csrf_token(request, standing.html, standing.placeholder)),  # noqa: S308  # nosec B308 B703
        "listing": listing,
        "rows": rows,
        "reasons": reasons,
        "digital": DIGITAL,
    }
    return render(request, "courses/workshops.html", context)


def _standing(participant):
    """The participant's Standing, kept per participant and language until a booking, a waiting place, a
    session, their progress or their row is written, or the clock changes it (their session starting,
    an offer expiring)."""

    def build():
        now = timezone.now()
        booking = bookings.active_booking(participant)
        entry = bookings.open_entry(participant)
        placeholder = csrf_placeholder()
        context = {
            "participant": participant,
            "booking": booking,
            "booking_facts": session_facts(booking.session if booking is not None else None),
            "entry_facts": session_facts(entry.session if entry is not None else None),
            "booking_started": booking is not None and booking.session.starts_at <= now,
            "entry": entry,
            "offer_open": entry is not None and entry.is_offered and entry.offer_expires_at > now,
            "position": bookings.place_in_line(entry) if entry is not None and not entry.is_offered else 0,
            "csrf_token": placeholder,
        }
        html = render_to_string("courses/includes/workshop_standing.html", context).strip()
        booker = Booker(
            part_one_completed_at=participant.part_one_completed_at,
            part_two_completed_at=participant.part_two_completed_at,
            has_started=participant.has_started,
        )
        moments = [booking.session.starts_at] if booking is not None else []
        if entry is not None and entry.is_offered:
            moments.append(entry.offer_expires_at)
        standing = Standing(
            html=html,
            placeholder=placeholder,
            booker=booker,
            booked_session=booking.session_id if booking is not None else None,
            entry_session=entry.session_id if entry is not None else None,
            entry_offered=entry is not None and entry.is_offered,
        )
        return standing, min((moment for moment in moments if moment > now), default=None)

    key = standing_key(participant.user_id, get_language())
    return kept(STANDING_GENERATION_KEY, key, build)


def _card_region(card):
    return card.region_uuid


def _rows(standing, cards, now):
    """Each card with the button it gets, and the reasons (each once) why some get none."""
    reasons = {}
    booker = standing.booker
    part_one_done = booker.part_one_completed_at is not None
    if not part_one_done:
        reasons[_("Complete the self-study part first: the workshop builds on it.")] = None
    words = RowWords()
    book_path = uuid_paths("courses:book")
    rows = []
    for card in cards:
        mine = ""
        if standing.booked_session == card.pk:
            mine = "booked"
        elif standing.entry_session == card.pk:
            mine = "offered" if standing.entry_offered else "waiting"
        action = _action(booker, card, booked=standing.booked_session is not None, mine=mine, reasons=reasons, now=now)
        status, status_class = words.mine[mine] if mine else (card.seats, "")
        button, button_class = words.buttons.get(action, ("", ""))
        rows.append(
            Row(
                card=card,
                action=action,
                mine=mine,
                book_url=book_path(card.uuid),
                status=status,
                status_class=status_class,
                button=button,
                button_class=button_class,
                open_to_started=card.open_to_started and not part_one_done,
            )
        )
    return list(reasons), rows


def _action(booker, card, *, booked, mine, reasons, now):
    if mine or booker.part_two_completed_at is not None:
        return ""  # their own session, or the workshop is already done
    try:
        bookings.check_can_book(booker, card, now=now)  # reads a Booker and a Card as a participant and a session
    except ValidationError as error:
        reasons.setdefault(error.messages[0], None)
        return ""
    if card.is_full:
        return WAIT
    return MOVE if booked else BOOK


def _when(session):
    return formats.date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")


@participant_required
@require_POST
def book(request, uuid):
    participant = participant_of(request.user)
    session = get_object_or_404(Session, uuid=uuid)
    had_booking = bookings.active_booking(participant) is not None
    try:
        result = bookings.book(participant, session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("courses:workshops")
    values = {"when": _when(session), "place": session.place}
    if not isinstance(result, Booking):
        values["position"] = bookings.place_in_line(result)
        text = _("The session on %(when)s is full. You are number %(position)d on the waiting list.")
    elif had_booking:
        text = _("Your booking has moved to %(when)s, %(place)s. We have emailed you the details.")
    else:
        text = _("You are booked on %(when)s, %(place)s. We have emailed you the details.")
    messages.success(request, text % values)
    return redirect("courses:workshops")


@participant_required
@require_POST
def cancel(request):
    participant = participant_of(request.user)
    booking = bookings.active_booking(participant)
    if booking is None:
        messages.warning(request, _("You have no booking to cancel."))
        return redirect("courses:workshops")
    try:
        bookings.cancel_booking(booking, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your booking on %(when)s is cancelled.") % {"when": _when(booking.session)})
    return redirect("courses:workshops")


@participant_required
@require_POST
def accept_offer(request):
    participant = participant_of(request.user)
    entry = bookings.open_entry(participant)
    if entry is None or not entry.is_offered:
        messages.error(request, _("This offer is no longer open."))
        return redirect("courses:workshops")
    try:
        booking = bookings.accept_offer(entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You took the seat: you are booked on %(when)s, %(place)s. We have emailed you the details.")
            % {"when": _when(booking.session), "place": booking.session.place},
        )
    return redirect("courses:workshops")


@participant_required
@require_POST
def leave_waiting_list(request):
    participant = participant_of(request.user)
    entry = bookings.open_entry(participant)
    if entry is None:
        messages.warning(request, _("You are not on a waiting list."))
        return redirect("courses:workshops")
    was_offered = entry.is_offered
    try:
        bookings.leave_waiting_list(entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You declined the seat.") if was_offered else _("You have left the waiting list."))
    return redirect("courses:workshops")


@participant_required
@require_GET
def calendar(request):
    """Their booked session as a calendar file. It carries a digital session's meeting link: never cached."""
    booking = bookings.active_booking(participant_of(request.user))
    if booking is None:
        raise Http404
    response = HttpResponse(session_calendar(booking.session), content_type=f"{CALENDAR_TYPE}; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="workshop.ics"'
    patch_cache_control(response, private=True, no_store=True)
    return response
