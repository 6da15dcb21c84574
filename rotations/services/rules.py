"""The placement rules, as reasons a person can act on.

`placement_problems` answers "may this talent take this project in this period?" from a snapshot
of the cohort (RotationState) so the rotation board can ask it for every cell without a query per
cell; the assignment service asks it again inside its transaction, with the seat row locked.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rotations.models import Placement


@dataclass
class RotationState:
    """Who holds what in a cohort: live placements by talent, and seats used per project and period."""

    by_talent: dict = field(default_factory=lambda: defaultdict(list))
    seats_used: Counter = field(default_factory=Counter)

    @classmethod
    def of(cls, placements):
        state = cls()
        for placement in placements:
            if placement.is_live:
                state.add(placement)
        return state

    @classmethod
    def for_cohort(cls, cohort):
        return cls.of(Placement.objects.in_cohort(cohort).live().select_related("period"))

    def add(self, placement):
        self.by_talent[placement.talent_id].append(placement)
        self.seats_used[placement.project_id, placement.period_id] += 1


def placement_problems(*, talent_accepted, project, period, seats, state, talent_id, starts_on=None, ends_on=None):
    """Every rule the placement would break, each as a sentence for the manager; [] when allowed."""
    problems = []
    if not talent_accepted:
        problems.append(_("The talent is not an accepted talent of this cohort."))
    if not project.is_approved:
        problems.append(_("The project is not approved."))
    if project.cohort_id != period.cohort_id:
        problems.append(_("The project belongs to another cohort."))
    if seats is None or seats <= 0:
        problems.append(_("The project has no seats in period %(number)s.") % {"number": period.number})
    elif state.seats_used[project.pk, period.pk] >= seats:
        problems.append(_("No seat left: all %(seats)s seats in this period are taken.") % {"seats": seats})
    starts_on, ends_on = starts_on or period.starts_on, ends_on or period.ends_on
    for other in state.by_talent.get(talent_id, []):
        if other.period_id == period.pk:
            problems.append(_("The talent already has a placement in period %(number)s.") % {"number": period.number})
        elif other.host_id == project.organization_id:
            problems.append(
                _("The talent already has %(host)s in period %(number)s; every period is at a different host.")
                % {"host": project.organization, "number": other.period.number}
            )
        elif other.starts_on <= ends_on and starts_on <= other.ends_on:
            problems.append(
                _("The dates overlap the talent's placement in period %(number)s.") % {"number": other.period.number}
            )
    return problems
