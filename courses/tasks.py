"""Thin Celery wrappers: the work and its rules live in courses.services."""

from celery import shared_task

from courses.services import bookings, nudges, reminders


@shared_task(name="courses.nudge_quiet_participants")
def nudge_quiet_participants():
    return nudges.nudge_quiet_participants()


@shared_task(name="courses.expire_offers")
def expire_offers():
    return bookings.expire_offers()


@shared_task(name="courses.send_workshop_reminders")
def send_workshop_reminders():
    return reminders.send_workshop_reminders()
