"""Seats per period against accepted talents, per cohort: the one count behind the admin's capacity page
(portal/capacity.py) and an infeasible matching run's "periods short of seats" (rotations/admin/run_page.py).

Every accepted talent spends every period at some host, so a period needs at least as many approved seats
as the cohort has accepted talents. It reads hosts (seats) and talents (acceptances), as rotations does.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Func, OuterRef, Subquery, Sum

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
    hosts: dict = field(default_factory=dict)  # {organisation name: approved seats}, for naming who offers them

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

    @property
    def short_periods(self):
        return [period for period in self.periods if period.is_short]


def cohort_capacity(cohorts: Iterable[Cohort]):
    """One CohortCapacity per cohort, in three queries: the periods, the seats, the accepted talents."""
    cohorts = list(cohorts)
    ids = [cohort.pk for cohort in cohorts]
    periods = defaultdict(list)
    for period in Period.objects.filter(cohort_id__in=ids).order_by("number"):
        periods[period.cohort_id].append(period)
    seats = defaultdict(int)
    hosts = defaultdict(dict)
    rows = (
        ProjectSeat.objects.filter(
            period__cohort_id__in=ids, project__status__in=[ProjectStatus.APPROVED, ProjectStatus.SUBMITTED]
        )
        .values("period_id", "project__status", "project__organization__name")
        .annotate(total=Sum("seats"))
        .order_by()
    )
    for row in rows:
        period_id, status, total = row["period_id"], row["project__status"], row["total"] or 0
        seats[period_id, status] += total
        if status == ProjectStatus.APPROVED:
            name = row["project__organization__name"]
            hosts[period_id][name] = hosts[period_id].get(name, 0) + total
    accepted = accepted_talents(ids) if ids else {}
    return [
        CohortCapacity(
            cohort=cohort,
            accepted_talents=accepted.get(cohort.pk, 0),
            periods=[
                PeriodCapacity(
                    period=period,
                    approved_seats=seats[period.pk, ProjectStatus.APPROVED],
                    submitted_seats=seats[period.pk, ProjectStatus.SUBMITTED],
                    accepted_talents=accepted.get(cohort.pk, 0),
                    hosts=hosts[period.pk],
                )
                for period in periods[cohort.pk]
            ],
        )
        for cohort in cohorts
    ]
