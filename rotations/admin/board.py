"""The rotation board: a row per accepted talent, a column per period, for one cohort.

Built from a fixed set of queries whatever the cohort's size: the cohort, its periods, a page of its
accepted talents (with the total), those talents' live placements, the seats taken per project and
period across the cohort, its approved projects with their seats. Every cell's choices are then
worked out in Python with the same rules the assignment service enforces.

A page holds BOARD_PAGE_SIZE talents: a cohort is usually a handful, but the board must stay a
page a browser can open (and a server can render) for hundreds.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.utils.html import format_html
from django.utils.translation import ngettext

from hosts.models import Project, ProjectSeat
from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.services.rules import RotationState, placement_problems
from talents.models import TalentProfile


@dataclass
class Choice:
    project: Project
    seats_left: int
    problems: list = field(default_factory=list)

    @property
    def allowed(self):
        return not self.problems

    def as_option(self):
        """The <option> for this choice. Built here, not in the template: a board page holds one per
        project for every empty cell (thousands on a big cohort), and template nodes cost ten times more."""
        project = self.project
        if self.allowed:
            state = ngettext("%(count)s seat left", "%(count)s seats left", self.seats_left) % {
                "count": self.seats_left
            }
        else:
            state = " ".join(str(problem) for problem in self.problems)
        return format_html(
            '<option value="{}"{}>{}: {} — {}</option>',
            project.uuid,
            "" if self.allowed else " disabled",
            project.organization.name,
            project.title,
            state,
        )


@dataclass
class Cell:
    period: object
    placement: Placement | None = None
    choices: list = field(default_factory=list)


@dataclass
class Row:
    talent: object
    cells: list


BOARD_PAGE_SIZE = 50
# What a cell shows and the rules read (rotations/services/rules.py) of a placement.
BOARD_PLACEMENT_FIELDS = [
    "uuid", "talent", "project", "host", "period", "status", "starts_on", "ends_on",
    "project__uuid", "project__title", "host__name", "period__number",
]  # fmt: skip


def build_board(cohort, *, page=1):
    periods = list(cohort.periods.order_by("number"))
    start = (page - 1) * BOARD_PAGE_SIZE
    talents = list(
        TalentProfile.objects.accepted_in(cohort)
        .select_related("user")
        .only("uuid", "user__first_name", "user__last_name", "user__email")
        .annotate(total=Window(Count("pk")))  # the count of every row, before the page's LIMIT
        .order_by("user__last_name", "user__first_name", "pk")[start : start + BOARD_PAGE_SIZE]
    )
    total = talents[0].total if talents else 0
    live = Placement.objects.in_cohort(cohort).live()
    placements = list(
        live.filter(talent__in=talents)
        .select_related("project", "host", "period")
        .only(*BOARD_PLACEMENT_FIELDS)  # not the projects' and hosts' long descriptions
        .order_by()  # the model's ordering would join four more tables; period order is enough, in Python
    )
    placements.sort(key=lambda placement: placement.period.number)  # a choice's reasons in period order
    # The page's talents' placements for the per-talent rules; seats taken counted over the whole cohort.
    state = RotationState.of(placements)
    taken = live.values_list("project_id", "period_id", "status").annotate(count=Count("pk")).order_by()
    state.seats_used = Counter()
    proposed = 0
    for project_id, period_id, status, count in taken:
        state.seats_used[project_id, period_id] += count
        proposed += count if status == PlacementStatus.PROPOSED else 0
    by_cell = {(placement.talent_id, placement.period_id): placement for placement in placements}
    approved = Project.objects.approved_in(cohort)
    projects = list(
        approved.select_related("organization")
        .only("uuid", "title", "status", "cohort", "organization__name")
        .order_by("organization__name", "title")
    )
    seats = {
        (project_id, period_id): count
        for project_id, period_id, count in ProjectSeat.objects.filter(project__in=approved).values_list(
            "project_id", "period_id", "seats"
        )
    }

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
    pages = max(1, -(-total // BOARD_PAGE_SIZE))
    return {
        "periods": periods,
        "rows": rows,
        "proposed": proposed,
        "total": total,
        "page": page,
        "previous_page": page - 1 if page > 1 else None,
        "next_page": page + 1 if page < pages else None,
        "pages": pages,
    }


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
