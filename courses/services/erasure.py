"""The course's part of erasing a person (the whole erasure: portal/erasure.py)."""

from collections import Counter

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from courses import session_cards
from courses.models import Booking, Facilitator, FacilitatorInvitation, Participant, Session, WaitingListEntry
from courses.services.bookings import lock_sessions, offer_free_seats
from eyeforai.personal_data import any_address


@transaction.atomic
def erase_participant(user):
    """Forget `user` in the course: their seat and waiting place are given back first
    (release_for_erasure), then their Participant goes (title, role, organisation, completion date,
    certificate code: the statement no longer verifies), and with it their progress and answers in every
    lesson, their bookings and waiting-list entries (on delete cascade). Returns True when they had
    joined the course.

    No activity entry: a step of the erasure, which records itself (erasurerequest.erased) without naming
    the person; the entries about the participant and their lessons stay, and lose their name and address
    with the rest of the log (eyeforai.activity.services.forget_person, called by the erasure)."""
    participant = Participant.objects.filter(user=user).first()
    if participant is None:
        return False
    release_for_erasure(participant)
    participant.delete()
    session_cards.forget_standing(user.pk)  # their kept booking names their session and meeting link
    return True


@transaction.atomic
def release_for_erasure(participant):
    """Give back what `participant` holds in workshop sessions before their rows go: their active booking
    and their open waiting-list entry are deleted, the seat of the booking and of an offered entry is freed
    (Session.seats_held stays bookings plus open offers) and offered to the next in line, unless the session
    has started or is cancelled (offer_free_seats). Unlike cancel_booking this never refuses: an erasure
    must go through whatever the session's date. No email to the person (their address is being erased)
    and no activity entry naming them; the offers made to others record "waiting.offered" as usual.

    Runs under the locks of the sessions concerned (courses/services/bookings.py's rule). Returns the
    waiting-list entries offered a seat."""
    # The participant's row first, then the sessions: the order every booking step locks in.
    if lock_participant_if_present(participant) is None:
        return []
    booking, entry, sessions = _lock_what_they_hold(participant)
    if booking is None and entry is None:
        return []
    freed = Counter()
    if booking is not None:
        freed[booking.session_id] += 1
        booking.delete()
    if entry is not None:
        if entry.offered_at is not None:
            freed[entry.session_id] += 1
        # Gone before any seat is offered, so it is not offered one of them.
        entry.delete()
    now = timezone.now()
    offered = []
    for session_id, seats in sorted(freed.items()):
        session = sessions[session_id]
        Session.objects.filter(pk=session_id).update(seats_held=F("seats_held") - seats)
        session.seats_held -= seats
        offered += offer_free_seats(session, now=now)
    return offered


def lock_participant_if_present(participant):
    return Participant.objects.select_for_update().filter(pk=participant.pk).first()


def _lock_what_they_hold(participant):
    """(active booking, open entry, {session id: locked session}). The participant's row is locked, so
    what they hold cannot change between this read and the sessions' locks."""
    booking = Booking.objects.active().filter(participant=participant).select_related("session").first()
    entry = WaitingListEntry.objects.open().filter(participant=participant).select_related("session").first()
    wanted = [row.session for row in (booking, entry) if row is not None]
    sessions = {session.pk: session for session in lock_sessions(*wanted)}
    return booking, entry, sessions


@transaction.atomic
def erase_facilitator(user, *, addresses):
    """Forget `user` (and their `addresses`, lower case) as a facilitator: their Facilitator row goes (the
    sessions they ran keep their other facilitators, the bookings and attendance stay), invitations sent
    to their addresses are deleted, and attendance they took and invitations they sent or accepted no
    longer name them. Returns True when they were a facilitator. No activity entry (see erase_participant).
    """
    deleted, _by_model = Facilitator.objects.filter(user=user).delete()
    FacilitatorInvitation.objects.filter(any_address("email", addresses)).delete()
    FacilitatorInvitation.objects.filter(invited_by=user).update(invited_by=None)
    FacilitatorInvitation.objects.filter(accepted_by=user).update(accepted_by=None)
    Booking.objects.filter(attendance_by=user).update(attendance_by=None)
    return deleted > 0
