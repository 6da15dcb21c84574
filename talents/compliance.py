"""The compliance report: for each accepted talent of a cohort, weeks expected, logged and missing.

The report covers every week of the cohort so far, or only this month's (`month=True`): the weeks
whose Thursday falls in the current month, the ISO rule for which month a week belongs to.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from talents.choices import WeekState
from talents.models import Absence, Application, DayLog
from talents.weeks import cohort_end, cohort_weeks, progress

SORT_KEYS = ["cohort", "talent", "email", "expected", "logged", "missing", "percent", "last_log"]
CSV_HEADER = ["cohort", "talent", "email", "weeks expected", "weeks logged", "weeks missing", "%", "last log"]


@dataclass(frozen=True)
class ComplianceRow:
    cohort: str
    talent: str
    email: str
    expected: int
    logged: int
    missing: int
    percent: int
    last_log: date | None
    talent_uuid: str = ""
    cohort_id: int = 0
    cohort_slug: str = ""
    missing_weeks: tuple = ()  # the missing weeks' Mondays, oldest first

    def csv_cells(self):
        return [
            self.cohort,
            self.talent,
            self.email,
            self.expected,
            self.logged,
            self.missing,
            self.percent,
            self.last_log,
        ]


def in_month(week, today):
    """The week belongs to today's month: its Thursday falls in it (ISO 8601's rule)."""
    thursday = week.monday + timedelta(days=3)
    return (thursday.year, thursday.month) == (today.year, today.month)


def compliance_rows(cohorts, *, today=None, order="cohort", month=False):
    """Rows for the accepted talents of `cohorts` (a list or a queryset), sorted by `order` (a SORT_KEYS
    name, '-' for descending); with `month`, only the weeks of the current month count.

    Five queries whatever the number of talents: applications, periods, day logs, absences (and the cohorts).
    """
    today = today or timezone.localdate()
    applications = (
        Application.objects.accepted()
        .filter(cohort__in=cohorts)
        .select_related("cohort", "talent__user")
        .prefetch_related(
            "cohort__periods",
            Prefetch("talent__day_logs", queryset=DayLog.objects.only("id", "talent_id", "cohort_id", "week", "date")),
            Prefetch("talent__absences", queryset=Absence.objects.all()),
        )
    )
    rows = []
    for application in applications:
        cohort, talent = application.cohort, application.talent
        logs = [log for log in talent.day_logs.all() if log.cohort_id == cohort.pk]
        weeks = cohort_weeks(
            starts_on=cohort.starts_on,
            ends_on=cohort_end(cohort, cohort.periods.all()),
            logs=logs,
            absences=list(talent.absences.all()),
            today=today,
        )
        if month:
            weeks = [week for week in weeks if in_month(week, today)]
        summary = progress(weeks)
        rows.append(
            ComplianceRow(
                cohort=cohort.name,
                talent=talent.name,
                email=talent.user.email,
                expected=summary.expected,
                logged=summary.logged,
                missing=summary.missing,
                percent=summary.percent,
                last_log=summary.last_log.date if summary.last_log else None,
                talent_uuid=str(talent.uuid),
                cohort_id=cohort.pk,
                cohort_slug=cohort.slug,
                missing_weeks=tuple(week.monday for week in weeks if week.state == WeekState.MISSING),
            )
        )
    return sort_rows(rows, order)


def sort_rows(rows, order):
    key = order.lstrip("-")
    if key not in SORT_KEYS:
        key, order = "cohort", "cohort"
    # Rows without a last log sort as the oldest.
    return sorted(
        rows,
        key=lambda row: (getattr(row, key) or date.min) if key == "last_log" else getattr(row, key),
        reverse=order.startswith("-"),
    )
