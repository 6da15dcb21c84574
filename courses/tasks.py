"""Thin Celery wrappers: the work and its rules live in courses.services (nudges)."""

from celery import shared_task

from courses.services import nudges


@shared_task(name="courses.nudge_quiet_participants")
def nudge_quiet_participants():
    return nudges.nudge_quiet_participants()
