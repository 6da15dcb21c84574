"""Attendance at a workshop, ticked by its facilitator, and completing the course."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Booking, Participant
from courses.services.bookings import leave_waiting_list, open_entry
from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email


def attendance_open(session, now=None):
    """Attendance can be taken from the session's day (Swedish time) on, never for a cancelled session."""
    now = now or timezone.now()
    return not session.is_cancelled and timezone.localdate(now) >= timezone.localdate(session.starts_at)


@transaction.atomic
def mark_attendance(booking, *, attended, by):
    """Tick (`attended` True) or untick one booked participant at a session. Each tick is saved alone.

    Refused (ValidationError) before the session's day, for a cancelled session, or for a booking that
    ended. Ticking completes part 2 (Participant.part_two_completed_at) and, with part 1 done, the
    course (complete_course_if_done: the certificate email). Unticking a mistaken tick takes part 2
    back when no other attended workshop remains (the certificate stops verifying; no email). A ticked
    participant leaves any waiting list they are on (leave_waiting_list).
    Side effects: Booking.attended_at/attendance_by; the activity entry "booking.attended" or
    "booking.attendance_removed". Ticking twice changes nothing.
    """
    participant = (
        Participant.objects.select_for_update().select_related("user").filter(pk=booking.participant_id).first()
    )
    booking = Booking.objects.select_for_update(of=("self",)).select_related("session").filter(pk=booking.pk).first()
    if participant is None or booking is None or booking.ended_at is not None:
        raise ValidationError(_("This booking was cancelled; there is no attendance to take."), code="ended")
    if not attendance_open(booking.session):
        raise ValidationError(_("Attendance can be taken from the day of the session."), code="not_yet")
    if attended == (booking.attended_at is not None):
        return booking
    now = timezone.now()
    booking.attended_at, booking.attendance_by = (now, by) if attended else (None, None)
    booking.save(update_fields=["attended_at", "attendance_by"])
    record(booking, "booking.attended" if attended else "booking.attendance_removed", by=by)
    if attended and participant.part_two_completed_at is None:
        participant.part_two_completed_at = now
        participant.save(update_fields=["part_two_completed_at"])
        complete_course_if_done(participant, by=by)
        # Attended: a place in another session's waiting list (or a seat held there) goes to someone else.
        entry = open_entry(participant)
        if entry is not None:
            leave_waiting_list(entry, by=by)
    elif not attended and not Booking.objects.filter(participant=participant, attended_at__isnull=False).exists():
        participant.part_two_completed_at = participant.completed_at = None
        participant.save(update_fields=["part_two_completed_at", "completed_at"])
    return booking


def complete_course_if_done(participant, *, by):
    """Complete the course once both parts are done (call it with the participant's row locked, inside
    the transaction that completed the second part). Side effects: Participant.completed_at (the later of
    the two parts); the 'courses/course_completed' email with the certificate (once per participant);
    the activity entry "participant.completed_course"."""
    if participant.completed_at is not None:
        return False
    if participant.part_one_completed_at is None or participant.part_two_completed_at is None:
        return False
    participant.completed_at = max(participant.part_one_completed_at, participant.part_two_completed_at)
    participant.save(update_fields=["completed_at"])
    queue_email(
        key=f"course-completed:{participant.uuid}",
        to=participant.user.email,
        template="courses/course_completed",
        context={"name": participant.user.first_name, "certificate_path": reverse("courses:statement")},
    )
    record(participant, "participant.completed_course", by=by)
    return True
