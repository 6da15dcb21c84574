"""The compliance report: for each accepted talent of a cohort, weeks expected, logged and missing."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from talents.models import Absence, Application, DayLog
from talents.weeks import cohort_end, cohort_weeks, progress

SORT_KEYS = ["cohort", "talent", "email", "expected", "logged", "missing", "percent", "last_log"]


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


def compliance_rows(cohorts, *, today=None, order="cohort"):
    """Rows for the accepted talents of `cohorts`, sorted by `order` (a SORT_KEYS name, '-' for descending).

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
