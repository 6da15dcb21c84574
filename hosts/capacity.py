"""Seats per period against accepted talents, per cohort: the admin's capacity summary.

Every accepted talent spends every period at some host, so a period needs at least as many
approved seats as the cohort has accepted talents.

How accepted talents are counted without importing talents (the import-linter layers forbid it):
a counter hook. `set_accepted_talents_counter(fn)` lets a layer that may import talents (rotations)
plug in the exact rule. Until one does, the default asks Django's app registry for the model by
name — `apps.get_model("talents", "Application")` is a registry lookup, not an import, so the
layering holds — and counts applications with status "accepted". If that model or those fields
do not exist (the talents app is not built yet, or names differ) it answers None, which the admin
shows as "not known" and never flags. The default makes the summary useful as soon as talents
ships; the hook keeps the rule with whoever owns it.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldError
from django.db.models import Count, Sum

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Period
from hosts.choices import ProjectStatus
from hosts.models import ProjectSeat

ACCEPTED_STATUS = "accepted"

_counter: Callable[[list[int]], dict[int, int] | None] | None = None


def set_accepted_talents_counter(counter):
    """counter(cohort_ids) -> {cohort_id: accepted talents} (or None when unknown); None resets."""
    global _counter  # noqa: PLW0603 - one process-wide hook, set once from an AppConfig.ready()
    _counter = counter


def _count_from_registry(cohort_ids):
    try:
        application = apps.get_model("talents", "Application")
        rows = (
            application.objects.filter(cohort_id__in=cohort_ids, status=ACCEPTED_STATUS)
            .values("cohort_id")
            .annotate(total=Count("pk"))
        )
        counts = {row["cohort_id"]: row["total"] for row in rows}
    except (LookupError, FieldError):
        return None
    return {cohort_id: counts.get(cohort_id, 0) for cohort_id in cohort_ids}


def accepted_talents(cohort_ids):
    return (_counter or _count_from_registry)(list(cohort_ids))


@dataclass
class PeriodCapacity:
    period: Period
    approved_seats: int = 0
    submitted_seats: int = 0
    accepted_talents: int | None = None

    @property
    def is_short(self):
        return self.accepted_talents is not None and self.approved_seats < self.accepted_talents

    @property
    def missing(self):
        return max(0, (self.accepted_talents or 0) - self.approved_seats)


@dataclass
class CohortCapacity:
    cohort: Cohort
    accepted_talents: int | None
    periods: list[PeriodCapacity] = field(default_factory=list)

    @property
    def is_short(self):
        return any(period.is_short for period in self.periods)


def capacity_summary(cohorts: Iterable[Cohort] | None = None):
    """One CohortCapacity per cohort (default: every cohort not completed), in four queries."""
    if cohorts is None:
        cohorts = Cohort.objects.exclude(status=CohortStatus.COMPLETED).order_by("starts_on")
    cohorts = list(cohorts)
    ids = [cohort.pk for cohort in cohorts]
    periods = defaultdict(list)
    for period in Period.objects.filter(cohort_id__in=ids).order_by("number"):
        periods[period.cohort_id].append(period)
    seats = defaultdict(int)
    rows = (
        ProjectSeat.objects.filter(
            period__cohort_id__in=ids, project__status__in=[ProjectStatus.APPROVED, ProjectStatus.SUBMITTED]
        )
        .values("period_id", "project__status")
        .annotate(total=Sum("seats"))
    )
    for row in rows:
        seats[row["period_id"], row["project__status"]] += row["total"] or 0
    accepted = accepted_talents(ids) if ids else {}
    summary = []
    for cohort in cohorts:
        count = None if accepted is None else accepted.get(cohort.pk, 0)
        summary.append(
            CohortCapacity(
                cohort=cohort,
                accepted_talents=count,
                periods=[
                    PeriodCapacity(
                        period=period,
                        approved_seats=seats[period.pk, ProjectStatus.APPROVED],
                        submitted_seats=seats[period.pk, ProjectStatus.SUBMITTED],
                        accepted_talents=count,
                    )
                    for period in periods[cohort.pk]
                ],
            )
        )
    return summary
