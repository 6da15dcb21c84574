"""Thin Celery wrappers: the work and its rules live in talents.services.reminders."""

from celery import shared_task

from talents.services import reminders


@shared_task(name="talents.send_draft_reminders")
def send_draft_reminders():
    return reminders.send_draft_reminders()


@shared_task(name="talents.send_daylog_reminders")
def send_daylog_reminders():
    return reminders.send_daylog_reminders()
