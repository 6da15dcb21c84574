"""Thin Celery wrappers: the work and its rules live in talents.services (reminders, retention)."""

from celery import shared_task

from talents.services import reminders, retention


@shared_task(name="talents.send_draft_reminders")
def send_draft_reminders():
    return reminders.send_draft_reminders()


@shared_task(name="talents.send_daylog_reminders")
def send_daylog_reminders():
    return reminders.send_daylog_reminders()


@shared_task(name="talents.delete_expired_cvs")
def delete_expired_cvs():
    return retention.delete_expired_cvs()
