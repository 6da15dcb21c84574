"""The rotation board: a row per accepted talent, a column per period, for one cohort.

Built from a fixed set of queries whatever the cohort's size: the cohort, its periods, a page of its
accepted talents (with the total), those talents' live placements, the seats taken per project and
period across the cohort and, when a cell of the page is empty, its approved projects with their
seats. Every empty cell's choices are then worked out in Python with the same rules the assignment
service enforces.

A page holds BOARD_PAGE_SIZE talents: a cohort is usually a handful, but the board must stay a
page a browser can open (and a server can render) for hundreds.
"""

import html
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext

from eyeforai.accounts.names import display_name
from hosts.models import Project, ProjectSeat
from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.models.placements import StatusQuestions
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
    placement: "BoardPlacement | None" = None
    choices: list = field(default_factory=list)
    html: str = ""  # a placed cell's whole <td>, from draw_placed_cells


@dataclass
class Row:
    talent: object
    cells: list
    html: str = ""  # the whole <tr> when every cell holds a placement, from draw_placed_cells


BOARD_PAGE_SIZE = 50


@dataclass(frozen=True)
class BoardTalent:
    """A row's talent, read as plain values: model instances with their user were a third of the board's work."""

    pk: int
    uuid: object
    name: str  # as TalentProfile.name
    email: str


@dataclass
class BoardPlacement(StatusQuestions):
    """A live placement as the board and the rules (rotations/services/rules.py) read it, from plain values.
    `period` is the board's own (one of its periods), attached in Python."""

    uuid: object
    talent_id: int
    project_id: int
    host_id: int
    period_id: int
    status: str
    starts_on: object
    ends_on: object
    host_name: str
    project_title: str
    period: object = None


# BoardPlacement's columns, in its fields' order: a cell also shows its host's name and project's title.
BOARD_PLACEMENT_COLUMNS = [
    "uuid", "talent_id", "project_id", "host_id", "period_id", "status", "starts_on", "ends_on", "host__name",
    "project__title",
]  # fmt: skip


def build_board(cohort, *, page=1, choices=True):
    """The page's rows; with `choices`, each empty cell's projects (for a manager who may assign).

    The approved projects and their seats are read only when a cell of the page is empty and
    `choices` is asked for: a running cohort's board is usually full, and reading every approved
    project of the cohort would be most of the page's work for nothing.
    """
    periods = list(cohort.periods.order_by("number"))
    period_by_pk = {period.pk: period for period in periods}
    start = (page - 1) * BOARD_PAGE_SIZE
    talent_rows = list(
        TalentProfile.objects.accepted_in(cohort)
        .annotate(total=Window(Count("pk")))  # the count of every row, before the page's LIMIT
        .order_by("user__last_name", "user__first_name", "pk")
        .values_list("pk", "uuid", "user__first_name", "user__last_name", "user__email", "total")[
            start : start + BOARD_PAGE_SIZE
        ]
    )
    total = talent_rows[0][-1] if talent_rows else 0
    talents = [
        # The name as TalentProfile.name gives it.
        BoardTalent(pk=pk, uuid=uuid, name=display_name(first_name, last_name, email), email=email)
        for pk, uuid, first_name, last_name, email, _total in talent_rows
    ]
    live = Placement.objects.in_cohort(cohort).live()
    placements = [
        BoardPlacement(*values)
        # The model's ordering would join four more tables; period order is enough, in Python.
        for values in live.filter(talent__in=[talent.pk for talent in talents])
        .order_by()
        .values_list(*BOARD_PLACEMENT_COLUMNS)
    ]
    for placement in placements:
        placement.period = period_by_pk[placement.period_id]
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
    rows = [
        Row(
            talent=talent,
            cells=[Cell(period=period, placement=by_cell.get((talent.pk, period.pk))) for period in periods],
        )
        for talent in talents
    ]
    empty_cells = [(row.talent, cell) for row in rows for cell in row.cells if cell.placement is None]
    if choices and empty_cells:
        _add_choices(cohort, empty_cells, state)
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


def _add_choices(cohort, empty_cells, state):
    """Every empty cell's projects: those with seats in its period, each with why it is refused, if it is."""
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
    for talent, cell in empty_cells:
        cell.choices = [
            _choice(project, cell.period, talent, seats, state)
            for project in projects
            if seats.get((project.pk, cell.period.pk))
        ]


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


UUID_MARK = "00000000-0000-0000-0000-000000000000"  # stands for each placement's uuid in the cancel link


def draw_placed_cells(rows, *, cohort, can_confirm, can_cancel, csrf_token):
    """Give each cell that holds a placement its whole <td> (Cell.html): host, project, status, and
    the Confirm form and Cancel link the manager may use; and each row whose cells all do its whole <tr>
    (Row.html).

    Drawn here rather than in templates/admin/rotations/board.html (which draws the empty cells): a
    page holds up to 150 placed cells, and the template's dozen nodes for each were a third of the
    page's time. The confirm form is the template's, with its CSRF token; one reverse per link kind.
    """
    # Escaped once here and each value with html.escape below: format_html's lazy escaping of six
    # values a cell was most of the cell's cost. The markup is what format_html gave.
    confirm_url = html.escape(reverse("admin:rotations_board_confirm", args=[cohort.slug]))
    cancel_url = html.escape(reverse("admin:rotations_placement_cancel", args=[UUID_MARK]))
    status_labels = {status: html.escape(str(label)) for status, label in PlacementStatus.choices}
    confirm_label, cancel_label = html.escape(gettext("Confirm")), html.escape(gettext("Cancel…"))
    csrf_token = html.escape(str(csrf_token))
    for row in rows:
        for cell in row.cells:
            placement = cell.placement
            if placement is None:
                continue
            uuid = html.escape(str(placement.uuid))
            confirm = cancel = ""
            if can_confirm and placement.is_proposed:
                confirm = (
                    f' <form method="post" action="{confirm_url}" class="board-inline">'
                    f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">'
                    f'<input type="hidden" name="placement" value="{uuid}">'
                    f'<button type="submit" class="button">{confirm_label}</button></form>'
                )
            if can_cancel and placement.can_be_cancelled:
                cancel = f' <a href="{cancel_url.replace(UUID_MARK, uuid)}">{cancel_label}</a>'
            status = placement.status
            shown_status = status_labels[status] if status in status_labels else html.escape(str(status))
            cell.html = SafeString(  # nosec B703  # every value escaped above
                f'<td class="board-cell board-{html.escape(str(status))}"><strong>{_escape(placement.host_name)}'
                f"</strong><br>{_escape(placement.project_title)}<br>"
                f'<span class="board-status">{shown_status}</span>{confirm}{cancel}</td>'
            )
        if all(cell.html for cell in row.cells):
            # The template's row, whitespace and all: on a full board (a running cohort's) no row is left to it.
            talent = row.talent
            row.html = SafeString(  # nosec B703  # every value escaped
                f'\n    <tr id="talent-{html.escape(str(talent.uuid))}">\n'
                f'      <th scope="row" class="board-talent">{_escape(talent.name)}<br>'
                f'<span class="board-dates">{_escape(talent.email)}</span></th>\n      '
                + "".join(cell.html for cell in row.cells)
                + "\n    </tr>\n  "
            )


def _escape(value):
    """conditional_escape(value), as format_html applies it, without its lazy wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
