"""The rotation board: a row per accepted talent, a column per period, for one cohort.

Built from a fixed set of queries whatever the cohort's size: the cohort, its periods, its accepted
talents, its live placements, its approved projects with their seats. Every cell's choices are then
worked out in Python with the same rules the assignment service enforces.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from hosts.choices import ProjectStatus
from hosts.models import Project, ProjectSeat
from rotations.models import Placement
from rotations.services.rules import RotationState, placement_problems
from talents.choices import ApplicationStatus
from talents.models import Application


@dataclass
class Choice:
    project: Project
    seats_left: int
    problems: list = field(default_factory=list)

    @property
    def allowed(self):
        return not self.problems


@dataclass
class Cell:
    period: object
    placement: Placement | None = None
    choices: list = field(default_factory=list)


@dataclass
class Row:
    talent: object
    cells: list


def build_board(cohort):
    periods = list(cohort.periods.order_by("number"))
    talents = [
        application.talent
        for application in Application.objects.filter(cohort=cohort, status=ApplicationStatus.ACCEPTED)
        .select_related("talent__user")
        .order_by("talent__user__last_name", "talent__user__first_name")
    ]
    placements = list(Placement.objects.in_cohort(cohort).live().select_related("project", "host", "period"))
    state = RotationState.of(placements)
    by_cell = {(placement.talent_id, placement.period_id): placement for placement in placements}
    projects = list(
        Project.objects.filter(cohort=cohort, status=ProjectStatus.APPROVED)
        .select_related("organization")
        .prefetch_related(Prefetch("seats", queryset=ProjectSeat.objects.all(), to_attr="seat_list"))
        .order_by("organization__name", "title")
    )
    seats = {(seat.project_id, seat.period_id): seat.seats for project in projects for seat in project.seat_list}

    rows = []
    for talent in talents:
        cells = []
        for period in periods:
            placement = by_cell.get((talent.pk, period.pk))
            cell = Cell(period=period, placement=placement)
            if placement is None:
                cell.choices = [
                    _choice(project, period, talent, seats, state)
                    for project in projects
                    if seats.get((project.pk, period.pk))
                ]
            cells.append(cell)
        rows.append(Row(talent=talent, cells=cells))
    return {"periods": periods, "rows": rows, "proposed": sum(p.status == "proposed" for p in placements)}


def _choice(project, period, talent, seats, state):
    total = seats[project.pk, period.pk]
    problems = placement_problems(
        talent_accepted=True,
        project=project,
        period=period,
        seats=total,
        state=state,
        talent_id=talent.pk,
    )
    return Choice(
        project=project, seats_left=max(total - state.seats_used[project.pk, period.pk], 0), problems=problems
    )
