"""The admin's capacity summary: seats per period against accepted talents for every cohort not completed.

The counting is rotations/capacity.py's, shared with an infeasible matching run's page; this module picks
the cohorts the capacity page and the admin index's dashboard show.
"""

from collections.abc import Iterable

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Cohort
from rotations.capacity import CohortCapacity, PeriodCapacity, accepted_talents, cohort_capacity

__all__ = ["CohortCapacity", "PeriodCapacity", "accepted_talents", "capacity_summary"]


def capacity_summary(cohorts: Iterable[Cohort] | None = None):
    """One CohortCapacity per cohort (default: every cohort not completed), in four queries (three when
    `cohorts` is given)."""
    if cohorts is None:
        cohorts = Cohort.objects.exclude(status=CohortStatus.COMPLETED).order_by("starts_on")
    return cohort_capacity(cohorts)
