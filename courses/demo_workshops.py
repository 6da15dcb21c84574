"""Demo workshops (part 2 of the course), for courses/demo.py: two facilitators and a pending invitation,
sessions relative to the day of seeding, and the participants' bookings, waiting lists and attendance.

Every 60 participants (one --scale) have six past sessions of their own, in the cities where their
completions are; the first 60 also have the upcoming sessions: one full with an open offer and a waiting
list, one cancelled, one in English open to those who have started the self-study part. Sessions are made
once, keyed by a fixed uuid, so a second run finds them. Rows are written directly, as the services would
leave them (no emails): `Session.seats_held` is always its active bookings plus its open offers.
"""

import secrets
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from courses.choices import BodyKind, BookingEnd, PartnerOrganisation, SessionFormat
from courses.models import Booking, Facilitator, FacilitatorInvitation, PublicBody, Session, WaitingListEntry
from eyeforai.accounts.choices import Role
from eyeforai.accounts.demo import demo_user
from eyeforai.accounts.tokens import token_digest

FACILITATORS = [
    # (email, first name, last name, organisation, the login list's label)
    ("erik.lind@skr.example", "Erik", "Lind", PartnerOrganisation.SKR, "facilitator (SKR)"),
    ("sofia.nyberg@governo.example", "Sofia", "Nyberg", PartnerOrganisation.GOVERNO, "facilitator (Governo)"),
]
INVITED = ("nora.hedlund@aisweden.example", PartnerOrganisation.AI_SWEDEN)

# city: (venue, address, county code of the region)
PLACES = {
    "Stockholm": ("Sveriges Kommuner och Regioner", "Hornsgatan 20, 118 82 Stockholm", "01"),
    "Göteborg": ("Lindholmen Science Park", "Lindholmspiren 3, 417 56 Göteborg", "14"),
    "Malmö": ("Media Evolution City", "Stora Varvsgatan 6A, 211 19 Malmö", "12"),
    "Umeå": ("Umeå universitet, Universum", "Universumhuset, 901 87 Umeå", "24"),
    "Luleå": ("Luleå tekniska universitet", "Laboratorievägen 14, 971 87 Luleå", "25"),
    "Linköping": ("Linköping Science Park", "Teknikringen 10, 583 30 Linköping", "05"),
}


@dataclass(frozen=True)
class Plan:
    key: str
    city: str  # "" for digital
    days: int  # from the day of seeding: negative in the past
    organisation: str
    capacity: int
    language: str = "sv"
    open_to_started: bool = False
    cancelled: bool = False


SKR, GOVERNO = PartnerOrganisation.SKR, PartnerOrganisation.GOVERNO
# Every 60 participants' own past sessions; the digital one was open to those who had started part 1.
PAST = [
    Plan("digital", "", -96, SKR, 30, open_to_started=True),
    Plan("stockholm", "Stockholm", -75, SKR, 24),
    Plan("goteborg", "Göteborg", -54, GOVERNO, 24),
    Plan("malmo", "Malmö", -33, GOVERNO, 24),
    Plan("umea", "Umeå", -19, SKR, 24),
    Plan("linkoping", "Linköping", -6, GOVERNO, 24),
]
UPCOMING = [
    Plan("next-digital", "", 4, SKR, 30),
    Plan("next-stockholm", "Stockholm", 9, SKR, 24),
    Plan("next-goteborg", "Göteborg", 12, GOVERNO, 24),
    Plan("next-lulea", "Luleå", 16, SKR, 6),  # full: an open offer and people in line
    Plan("next-malmo", "Malmö", 20, GOVERNO, 24),
    Plan("next-english", "", 23, GOVERNO, 30, language="en", open_to_started=True),
    Plan("next-umea", "Umeå", 27, SKR, 20),
    Plan("next-linkoping", "Linköping", 14, GOVERNO, 20, cancelled=True),
]
# Where a leader from these counties took the workshop (the rest: the digital one).
COUNTY_SESSION = {
    "01": "stockholm",
    "03": "stockholm",
    "05": "linkoping",
    "12": "malmo",
    "14": "goteborg",
    "24": "umea",
}
WEEK, DAY = timedelta(days=7), timedelta(days=1)


def seed_facilitators(context):
    """The two demo facilitators (verified, with the role) and an invitation nobody has taken yet."""
    facilitators = {}
    for email, first, last, organisation, label in FACILITATORS:
        user = demo_user(email, password=context.password, first_name=first, last_name=last, role=Role.FACILITATOR)
        if not user.language:
            user.language = "sv"
            user.save(update_fields=["language"])
        facilitators[organisation], _created = Facilitator.objects.get_or_create(
            user=user, defaults={"organisation": organisation}
        )
        context.add_login(label, email)
    email, organisation = INVITED
    if not FacilitatorInvitation.objects.filter(email=email).exists():
        # The raw token is thrown away: the invitation is there to be seen in the admin, not taken.
        now = timezone.now()
        FacilitatorInvitation.objects.create(
            email=email,
            organisation=organisation,
            token_digest=token_digest(secrets.token_urlsafe(32)),
            invited_by=context.data.get("course_manager"),
            created_at=now - timedelta(days=3),
            expires_at=now + timedelta(days=11),
        )
    return facilitators


def session_uuid(unit, key):
    return uuid.uuid5(uuid.NAMESPACE_URL, f"https://eyeforai.example/demo/session/{unit}/{key}")


def ensure_sessions(units, now, facilitators):
    """{(unit, key): Session} for the given units: made when missing (in bulk), read when there."""
    wanted = {}
    for unit in units:
        for plan in PAST + (UPCOMING if unit == 0 else []):
            wanted[session_uuid(unit, plan.key)] = (unit, plan)
    found = {session.uuid: session for session in Session.objects.filter(uuid__in=wanted)}
    regions = {body.county_code: body for body in PublicBody.objects.filter(kind=BodyKind.REGION)}
    missing = [
        _session(uuid_, unit, plan, now, regions) for uuid_, (unit, plan) in wanted.items() if uuid_ not in found
    ]
    made = Session.objects.bulk_create(missing)
    Through = Session.facilitators.through
    Through.objects.bulk_create(
        [Through(session_id=session.pk, facilitator_id=facilitators[session.organisation].pk) for session in made]
    )
    by_uuid = {**found, **{session.uuid: session for session in made}}
    return {(unit, plan.key): by_uuid[uuid_] for uuid_, (unit, plan) in wanted.items()}


def _session(uuid_, unit, plan, now, regions):
    # A later unit's past sessions fall a few days apart from the first one's.
    day = timezone.localdate(now) + timedelta(days=plan.days - (unit % 5) * 2 if plan.days < 0 else plan.days)
    starts_at = timezone.make_aware(datetime.combine(day, time(9, 0)))
    venue, address, county = PLACES.get(plan.city, ("", "", None))
    return Session(
        uuid=uuid_,
        format=SessionFormat.IN_PERSON if plan.city else SessionFormat.DIGITAL,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=7),
        language=plan.language,
        capacity=plan.capacity,
        organisation=plan.organisation,
        meeting_url="" if plan.city else f"https://meet.example.se/ai-for-leaders-{unit}-{plan.key}",
        city=plan.city,
        venue=venue,
        address=address,
        region=regions.get(county),
        open_to_started=plan.open_to_started,
        cancelled_at=now - timedelta(days=2) if plan.cancelled else None,
        created_at=starts_at - timedelta(days=60),
    )


@dataclass
class Seats:
    """The seats each session has left while seeding, and how many this run took (for seats_held)."""

    sessions: dict
    taken: dict = field(default_factory=dict)

    def free(self, session):
        return session.capacity - session.seats_held - self.taken.get(session.pk, 0)

    def take(self, session):
        if session.is_cancelled or self.free(session) <= 0:
            return False
        self.taken[session.pk] = self.taken.get(session.pk, 0) + 1
        return True

    def past_session(self, unit, body, rng, *, open_only=False):
        """A past session of `unit` with a seat for a leader from `body`: the one in their part of the
        country (or the digital one), else any with room; None when all are full."""
        if open_only:
            keys = ["digital"]
        else:
            county = body.county_code if body is not None else "14"  # the typed names are around Göteborg
            near = "stockholm" if body is not None and body.kind == BodyKind.AGENCY else COUNTY_SESSION.get(county)
            first = "digital" if near is None or rng.random() < 0.2 else near
            keys = [first, "digital", *(plan.key for plan in PAST)]
        for key in keys:
            session = self.sessions[unit, key]
            if self.take(session):
                return session
        return None

    def save(self):
        """Add what this run took to each session's seats_held."""
        for pk, taken in self.taken.items():
            Session.objects.filter(pk=pk).update(seats_held=F("seats_held") + taken)


def reminded(booked_at, starts_at, now):
    """(reminded_week_at, reminded_day_at) as the hourly task would have left them by `now`."""
    week = max(booked_at, starts_at - WEEK) if booked_at < starts_at - DAY else None
    day = max(booked_at, starts_at - DAY)
    return (week if week is not None and week <= now else None), (day if day <= now else None)


def booking(session, participant, booked_at, now, **fields):
    week, day = reminded(booked_at, session.starts_at, now)
    return Booking(
        session=session,
        participant=participant,
        booked_at=booked_at,
        reminded_week_at=week,
        reminded_day_at=day,
        **fields,
    )


def upcoming_rows(waiting, sessions, seats, now, rng):
    """Bookings and waiting-list entries for participants through part 1 without a workshop yet:
    (participant, part 1 completed at) pairs, in index order. The first twelve of the first 60 give the
    upcoming sessions their stories; the rest book where there is room, about half of them."""
    bookings, entries = [], []
    lulea = sessions.get((0, "next-lulea"))
    if lulea is not None and seats.free(lulea) == lulea.capacity and len(waiting) >= 12:
        bookings, entries = _showcase(waiting[:12], sessions, seats, now)
        waiting = waiting[12:]
    open_sessions = [sessions[0, plan.key] for plan in UPCOMING if (0, plan.key) in sessions]
    for number, (participant, done_at) in enumerate(waiting):
        if rng.random() < 0.5:
            continue
        session = open_sessions[number % len(open_sessions)] if open_sessions else None
        if session is not None and seats.take(session):
            bookings.append(booking(session, participant, _between(rng, max(done_at, session.created_at), now), now))
    return bookings, entries


def _showcase(waiting, sessions, seats, now):
    """Twelve people through part 1 give the upcoming sessions their states. Those who finished part 1
    first have the oldest stories (a booking at the session cancelled two days ago), so every booking
    comes after their part 1 and ends after it was made."""
    lulea, cancelled = sessions[0, "next-lulea"], sessions[0, "next-linkoping"]
    stockholm, goteborg, digital = (sessions[0, key] for key in ("next-stockholm", "next-goteborg", "next-digital"))
    people = sorted(waiting, key=lambda pair: (pair[1], pair[0].pk))
    offered_at = now - timedelta(hours=5)
    bookings, entries = [], []

    def book(session, number, moment, **ended):
        participant, done_at = people[number]
        if not ended:
            seats.take(session)
        booked_at = min(max(moment, done_at + timedelta(minutes=5)), now)
        if ended:
            ended["ended_at"] = max(ended["ended_at"], booked_at)
        bookings.append(booking(session, participant, booked_at, now, **ended))

    def wait(number, joined_at, **offer):
        participant, done_at = people[number]
        if offer:
            seats.take(lulea)
        joined_at = min(max(joined_at, done_at + timedelta(minutes=5)), offer.get("offered_at", now))
        entries.append(WaitingListEntry(session=lulea, participant=participant, joined_at=joined_at, **offer))

    # Two were booked in Linköping until it was cancelled, then joined Luleå's waiting list.
    for number in (0, 1):
        book(cancelled, number, cancelled.cancelled_at - timedelta(days=5 - number), **_ended(cancelled.cancelled_at))
        wait(number, cancelled.cancelled_at + timedelta(hours=2 + number))
    # One gave up a Luleå seat this morning for Göteborg: the seat is offered to the first in line.
    book(lulea, 2, now - timedelta(days=6), **_ended(offered_at, BookingEnd.CANCELLED))
    book(goteborg, 2, offered_at)
    expires_at = min(offered_at + timedelta(hours=lulea.offer_hours), lulea.starts_at)
    wait(3, now - timedelta(days=7), offered_at=offered_at, offer_expires_at=expires_at)
    for number in range(4, 9):  # Luleå's five other seats
        book(lulea, number, now - timedelta(days=12 - number))
    # Two more in line, one of them booked in Stockholm meanwhile; the last booked the digital session.
    wait(9, now - timedelta(hours=20))
    book(stockholm, 10, now - timedelta(days=3))
    wait(10, now - timedelta(hours=10))
    book(digital, 11, now - timedelta(days=1))
    return bookings, entries


def _ended(at, reason=BookingEnd.SESSION_CANCELLED):
    return {"ended_at": at, "end_reason": reason}


def _between(rng, start, end):
    return start + (end - start) * rng.random() if end > start else end


def open_rows(started, sessions, seats, now, rng):
    """A few participants part way through part 1 booked the English session open to them."""
    english = sessions.get((0, "next-english"))
    rows = []
    for participant, first_opened in started:
        if english is not None and rng.random() < 0.5 and seats.take(english):
            rows.append(booking(english, participant, _between(rng, max(first_opened, english.created_at), now), now))
    return rows
