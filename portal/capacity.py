"""Seats per period against accepted talents, per cohort: the admin's capacity summary.

Every accepted talent spends every period at some host, so a period needs at least as many
approved seats as the cohort has accepted talents. It reads hosts (seats) and talents (acceptances),
so it lives in the top layer.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Func, OuterRef, Subquery, Sum

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort, Period
from hosts.choices import ProjectStatus
from hosts.models import ProjectSeat
from talents.models import TalentProfile


def accepted_talents(cohort_ids):
    """{cohort id: accepted talents} for each of `cohort_ids`, in one query (a count per cohort of
    TalentProfile.objects.accepted_in, the one definition of an accepted talent)."""
    accepted = TalentProfile.objects.accepted_in(OuterRef("pk")).order_by().values(total=Func("pk", function="COUNT"))
    rows = Cohort.objects.filter(pk__in=cohort_ids).annotate(total=Subquery(accepted)).values_list("pk", "total")
    counts = dict(rows)
    return {cohort_id: counts.get(cohort_id) or 0 for cohort_id in cohort_ids}


@dataclass
class PeriodCapacity:
    period: Period
    approved_seats: int = 0
    submitted_seats: int = 0
    accepted_talents: int = 0

    @property
    def is_short(self):
        return self.approved_seats < self.accepted_talents

    @property
    def missing(self):
        return max(0, self.accepted_talents - self.approved_seats)


@dataclass
class CohortCapacity:
    cohort: Cohort
    accepted_talents: int
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
        count = accepted.get(cohort.pk, 0)
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
