"""The weekly AI Sweden day and absences of accepted talents in a running cohort.

Each change writes an activity entry (eyeforai.activity) with the person who made it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.programme.choices import CohortStatus
from talents.choices import ApplicationStatus
from talents.models import Absence, Application, DayLog, TalentProfile
from talents.weeks import cohort_end, cohort_weeks, iso_week_label, monday_of, progress

EDIT_WINDOW = timedelta(days=14)
DAYLOG_FIELDS = ["date", "place", "activities", "learned"]


@dataclass
class DaysState:
    """What the days page and the dashboard show: the cohort, its weeks, and progress so far."""

    application: Application | None
    periods: list
    logs: list
    absences: list
    weeks: list
    today: object

    @property
    def cohort(self):
        return self.application.cohort if self.application else None

    @property
    def progress(self):
        return progress(self.weeks)

    @property
    def this_week(self):
        monday = monday_of(self.today)
        return next((week for week in self.weeks if week.monday == monday), None)


def running_application(talent):
    """The talent's accepted application in a running cohort, with the cohort's periods, or None."""
    return running_among(
        Application.objects.for_talent(talent).accepted().select_related("cohort").prefetch_related("cohort__periods")
    )


def running_among(applications):
    """Of the talent's applications (loaded with their cohorts), the accepted one in the running cohort
    that started last, or None."""
    running = [
        application
        for application in applications
        if application.status == ApplicationStatus.ACCEPTED and application.cohort.status == CohortStatus.RUNNING
    ]
    return max(running, key=lambda application: application.cohort.starts_on, default=None)


def programme_among(applications):
    """Of the talent's applications (loaded with their cohorts), the accepted one the overview is about:
    the running cohort's, else the next cohort to start, else the cohort that ended last; or None."""
    accepted = [application for application in applications if application.status == ApplicationStatus.ACCEPTED]
    running = running_among(accepted)
    if running:
        return running
    upcoming = [application for application in accepted if application.cohort.status != CohortStatus.COMPLETED]
    if upcoming:
        return min(upcoming, key=lambda application: application.cohort.starts_on)
    return max(accepted, key=lambda application: application.cohort.starts_on, default=None)


def days_state(talent, *, today=None, applications=None):
    """Load everything the days page needs in a fixed number of queries (four with a cohort; two when
    the talent's `applications` come loaded with cohort and periods, as on the dashboard)."""
    today = today or timezone.localdate()
    application = running_application(talent) if applications is None else running_among(applications)
    if application is None:
        return DaysState(application=None, periods=[], logs=[], absences=[], weeks=[], today=today)
    cohort = application.cohort
    periods = list(cohort.periods.all())
    logs = list(DayLog.objects.filter(talent=talent, cohort=cohort).order_by("-date"))
    absences = list(Absence.objects.filter(talent=talent).order_by("-starts_on"))
    weeks = cohort_weeks(
        starts_on=cohort.starts_on, ends_on=cohort_end(cohort, periods), logs=logs, absences=absences, today=today
    )
    return DaysState(application=application, periods=periods, logs=logs, absences=absences, weeks=weeks, today=today)


def _check_date(day, *, cohort, periods, today):
    if day > today:
        raise ValidationError({"date": _("This date is in the future: log the day once it has happened.")})
    ends_on = cohort_end(cohort, periods)
    if day < cohort.starts_on or (ends_on and day > ends_on):
        raise ValidationError(
            {
                "date": _("This date is outside your cohort, which runs %(start)s to %(end)s.")
                % {
                    "start": formats.date_format(cohort.starts_on),
                    "end": formats.date_format(ends_on) if ends_on else "…",
                }
            }
        )


def _absence_within(talent, *, starts_on, ends_on):
    """The talent's first absence that shares a day with starts_on..ends_on, or None."""
    overlapping = Absence.objects.filter(talent=talent, starts_on__lte=ends_on, ends_on__gte=starts_on)
    return overlapping.order_by("starts_on").first()


def _refuse_absent(talent, day):
    """A day at AI Sweden cannot fall inside one of the talent's absences (the reverse of _refuse_overlaps)."""
    absence = _absence_within(talent, starts_on=day, ends_on=day)
    if absence:
        raise ValidationError(
            {
                "date": _(
                    "This date is inside your %(kind)s from %(start)s to %(end)s. Pick another day, or change that "
                    "absence first."
                )
                % {
                    "kind": absence.get_kind_display().lower(),
                    "start": formats.date_format(absence.starts_on),
                    "end": formats.date_format(absence.ends_on),
                }
            }
        )


def _week_taken_error(day):
    return ValidationError(
        {
            "date": _("You have already logged a day in week %(week)s. Edit that log instead.")
            % {"week": iso_week_label(day)}
        }
    )


@transaction.atomic
def log_day(talent, *, data, by):
    """Log the AI Sweden day of the week `data["date"]` falls in. No email.

    Refused with a message on the date field when the talent is not in a running cohort, the date is
    in the future, outside the cohort or inside one of their absences, or that week already has a log
    (the database's unique constraint backs this up against two simultaneous posts). The talent's row
    is locked first, as record_absence does, so a log and an absence posted at once cannot overlap.
    """
    application = running_application(talent)
    if application is None:
        raise ValidationError(_("You can log AI Sweden days once you are accepted to a running cohort."))
    cohort = application.cohort
    day = data["date"]
    _check_date(day, cohort=cohort, periods=list(cohort.periods.all()), today=timezone.localdate())
    talent = TalentProfile.objects.select_for_update().get(pk=talent.pk)
    _refuse_absent(talent, day)
    week = monday_of(day)
    if DayLog.objects.filter(talent=talent, week=week).exists():
        raise _week_taken_error(day)
    try:
        with transaction.atomic():
            log = DayLog.objects.create(
                talent=talent,
                cohort=cohort,
                week=week,
                **{name: data[name] for name in DAYLOG_FIELDS},
            )
    except IntegrityError:
        raise _week_taken_error(day) from None
    record(log, "daylog.logged", by=by)
    return log


def can_edit(log, *, now=None):
    return (now or timezone.now()) - log.created_at <= EDIT_WINDOW


def edit_closed_reason():
    """Why a log can no longer be changed, as the days page and the edit page say it (the rule of can_edit)."""
    return _(
        "A day can be changed for %(days)d days after you log it. To change an older one, write to the "
        "programme team at %(email)s."
    ) % {"days": EDIT_WINDOW.days, "email": settings.PROGRAMME_TEAM_EMAIL}


@transaction.atomic
def edit_day(log, *, data, by):
    """Change a log within 14 days of writing it; its date stays in the same week. No email."""
    log = DayLog.objects.select_for_update().select_related("cohort").get(pk=log.pk)
    if not can_edit(log):
        raise ValidationError(edit_closed_reason())
    day = data["date"]
    if monday_of(day) != log.week:
        raise ValidationError(
            {
                "date": _("Pick a date in the same week (%(week)s); log other weeks separately.")
                % {"week": iso_week_label(log.week)}
            }
        )
    _check_date(day, cohort=log.cohort, periods=list(log.cohort.periods.all()), today=timezone.localdate())
    if day != log.date:  # moved within its week: the new day may not fall in an absence either
        _refuse_absent(TalentProfile.objects.select_for_update().get(pk=log.talent_id), day)
    for name in DAYLOG_FIELDS:
        setattr(log, name, data[name])
    log.save()
    record(log, "daylog.edited", by=by)
    return log


def _refuse_overlaps(talent, *, starts_on, ends_on):
    """An absence may neither overlap another one of the talent's nor cover a day they logged at AI Sweden."""
    overlapping = _absence_within(talent, starts_on=starts_on, ends_on=ends_on)
    if overlapping:
        raise ValidationError(
            {
                "starts_on": _(
                    "These dates overlap your %(kind)s from %(start)s to %(end)s. Change the dates, or remove that "
                    "absence first."
                )
                % {
                    "kind": overlapping.get_kind_display().lower(),
                    "start": formats.date_format(overlapping.starts_on),
                    "end": formats.date_format(overlapping.ends_on),
                }
            }
        )
    logged = DayLog.objects.filter(talent=talent, date__range=(starts_on, ends_on)).order_by("date").first()
    if logged:
        raise ValidationError(
            {
                "starts_on": _(
                    "You logged an AI Sweden day on %(date)s (week %(week)s), inside these dates. An absence cannot "
                    "cover a day you were there: change the dates."
                )
                % {"date": formats.date_format(logged.date), "week": iso_week_label(logged.date)}
            }
        )


@transaction.atomic
def record_absence(talent, *, data, by):
    """Record vacation, sick or parental leave; weeks it empties are not expected to be logged. No email.

    Refused, with a message on the first day, when it overlaps another absence or covers a logged day.
    The talent's row is locked first, so two posts at once cannot both pass the overlap check.
    """
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})
    if (data["ends_on"] - data["starts_on"]).days > 366:
        raise ValidationError({"ends_on": _("Record absences of at most a year at a time.")})
    talent = TalentProfile.objects.select_for_update().get(pk=talent.pk)
    _refuse_overlaps(talent, starts_on=data["starts_on"], ends_on=data["ends_on"])
    absence = Absence.objects.create(talent=talent, **data)
    record(absence, "absence.recorded", by=by)
    return absence


@transaction.atomic
def delete_absence(absence, *, by):
    """Remove an absence the talent recorded by mistake. No email."""
    record(absence, "absence.deleted", by=by)  # the entry keeps the absence's id and dates after it is gone
    absence.delete()
