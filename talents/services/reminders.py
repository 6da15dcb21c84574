"""Periodic reminders. Each email's idempotency key names its event, so a beat that fires twice,
late, or on two machines still sends one."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from eyeforai.mail.services import queue_email
from talents.choices import WeekState
from talents.models import Absence, Application
from talents.weeks import assess_week, cohort_end, iso_week_label, monday_of

DRAFT_REMINDER_BEFORE = timedelta(days=3)


@transaction.atomic
def send_draft_reminders(now=None):
    """Queue 'talents/draft_reminder' for every draft whose cohort's deadline is at most three days away.

    One per application (key `draft-reminder:<application>`). Returns how many applications it covered.
    """
    now = now or timezone.now()
    drafts = (
        Application.objects.drafts()
        .filter(cohort__application_deadline__gt=now, cohort__application_deadline__lte=now + DRAFT_REMINDER_BEFORE)
        .filter(cohort__applications_open_at__lte=now)
        .select_related("cohort", "talent__user")
    )
    queued = 0
    for application in drafts:
        queue_email(
            key=f"draft-reminder:{application.uuid}",
            to=application.talent.user.email,
            template="talents/draft_reminder",
            context={
                "name": application.talent.user.first_name or application.talent.user.email,
                "cohort": application.cohort,
                "deadline": timezone.localtime(application.cohort.application_deadline),
                "application_url": reverse("talents:application"),
            },
        )
        queued += 1
    return queued


@transaction.atomic
def send_daylog_reminders(now=None):
    """Queue 'talents/daylog_reminder' to each accepted talent of a running cohort who has not logged
    this ISO week, when the week is expected of them (not emptied by holidays or an absence).

    One per talent per week: key `daylog-reminder:<talent>:<ISO week>`. Returns how many talents it covered.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    monday = monday_of(today)
    sunday = monday + timedelta(days=6)
    applications = (
        Application.objects.accepted()
        .in_running_cohorts()
        .filter(cohort__starts_on__lte=sunday)
        .exclude(talent__day_logs__week=monday)
        .select_related("cohort", "talent__user")
        .prefetch_related(
            "cohort__periods",
            Prefetch(
                "talent__absences",
                queryset=Absence.objects.filter(Q(starts_on__lte=sunday) & Q(ends_on__gte=monday)),
            ),
        )
    )
    queued = 0
    for application in applications:
        cohort, talent = application.cohort, application.talent
        week = assess_week(
            monday,
            starts_on=cohort.starts_on,
            ends_on=cohort_end(cohort, cohort.periods.all()),
            absences=list(talent.absences.all()),
            today=today,
        )
        # OPEN: this week, expected of the talent, not logged yet (holiday, absence and short weeks are not).
        if week.state != WeekState.OPEN:
            continue
        queue_email(
            key=f"daylog-reminder:{talent.pk}:{iso_week_label(monday)}",
            to=talent.user.email,
            template="talents/daylog_reminder",
            context={
                "name": talent.user.first_name or talent.user.email,
                "week": iso_week_label(monday),
                "days_url": reverse("talents:days"),
            },
        )
        queued += 1
    return queued
