"""The member's project list, one table per cohort, written once in Python.

The template version (two includes, a URL and a plural sentence per seat in every row) cost more
than the rest of the page. The text is the template's: the same msgids, the same badge classes as
hosts/includes/status.html; each row is one `format_html` of hosts/includes/project_tables.html's
markup, which places them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eyeforai.paths import uuid_paths
from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from hosts.models import Project, ProjectSeat


@dataclass(frozen=True)
class ProjectRow:
    title: str
    url: str
    status: str
    badge: str  # the badge's extra class, as in hosts/includes/status.html
    seats: list  # "Period 1: 2 seats", one per period in order; empty when none are set


@dataclass(frozen=True)
class CohortTable:
    caption: str  # "Cohort 2027 (Recruiting)"
    rows_html: str  # the table body's rows, escaped


ROW = (
    "<tr>\n"
    '  <th scope="row"><a href="{url}">{title}</a></th>\n'
    '  <td data-label="{status_label}"><span class="{badge}">{status}</span></td>\n'
    '  <td data-label="{seats_label}">{seats}</td>\n'
    "</tr>\n"
)
SEAT_LIST = '<ul class="seat-list" aria-label="{}">{}</ul>'
NO_SEATS = '<span class="meta">{}</span>'


def _cohort_table(caption, rows):
    """A CohortTable of ProjectRows, with the column labels of the template's header."""
    labels = {"status_label": _("Status"), "seats_label": _("Seats")}
    seats_per_period = _("Seats per period")
    html = []
    for row in rows:
        if row.seats:
            seats = format_html(
                SEAT_LIST, seats_per_period, format_html_join("", "<li>{}</li>", ((s,) for s in row.seats))
            )
        else:
            seats = format_html(NO_SEATS, _("No seats yet"))
        badge = f"badge {row.badge}" if row.badge else "badge"
        html.append(
            format_html(ROW, **labels, url=row.url, title=row.title, badge=badge, status=row.status, seats=seats)
        )
    # Safe: each row is format_html's, every value in it escaped.
    return CohortTable(caption=caption, rows_html=mark_safe("".join(html)))  # noqa: S308  # nosec B308 B703


# The badge's extra class per status, as in hosts/includes/status.html; other statuses have none.
BADGES = {
    ProjectStatus.APPROVED: "badge-ok",
    ProjectStatus.SUBMITTED: "badge-warn",
    ProjectStatus.CHANGES_REQUESTED: "badge-error",
}


def _seat_sentence(number, seats):
    return ngettext("Period %(number)s: %(seats)s seat", "Period %(number)s: %(seats)s seats", seats) % {
        "number": number,
        "seats": seats,
    }


def _caption(name, status):
    return _("%(name)s (%(status)s)") % {"name": name, "status": CohortStatus(status).label}


def project_tables(projects):
    """Projects loaded by Project.objects.listed_for (cohort and seats with them, cohort order) as one
    CohortTable per cohort (the host's overview, which keeps its copy)."""
    project_path = uuid_paths("hosts_members:project_detail")
    tables, cohort_id = [], None
    for project in projects:
        if project.cohort_id != cohort_id:
            cohort_id = project.cohort_id
            tables.append((_caption(project.cohort.name, project.cohort.status), []))
        tables[-1][1].append(
            ProjectRow(
                title=project.title,
                url=project_path(project.uuid),
                status=project.get_status_display(),
                badge=BADGES.get(project.status, ""),
                seats=[_seat_sentence(seat.period.number, seat.seats) for seat in project.seat_list],
            )
        )
    return [_cohort_table(caption, rows) for caption, rows in tables]


def organization_project_tables(organization):
    """The organisation's projects as project_tables gives them, for the projects page, in two queries
    of the shown columns only: plain value rows cost a fraction of the projects, cohorts, seats and
    periods as model instances, which was most of the page's time."""
    seats = defaultdict(list)  # project id -> seat sentences in period order
    seat_rows = ProjectSeat.objects.filter(project__organization=organization).order_by("period__number")
    for project_id, number, count in seat_rows.values_list("project_id", "period__number", "seats"):
        seats[project_id].append(_seat_sentence(number, count))
    projects = (
        Project.objects.for_organization(organization)
        .order_by("-cohort__starts_on", "status", "title")  # as Project.objects.listed_for
        .values_list("pk", "uuid", "title", "status", "cohort_id", "cohort__name", "cohort__status")
    )
    project_path = uuid_paths("hosts_members:project_detail")
    tables, current_cohort = [], None
    for pk, uuid, title, status, cohort_id, cohort_name, cohort_status in projects:
        if cohort_id != current_cohort:
            current_cohort = cohort_id
            tables.append((_caption(cohort_name, cohort_status), []))
        tables[-1][1].append(
            ProjectRow(
                title=title,
                url=project_path(uuid),
                status=ProjectStatus(status).label,
                badge=BADGES.get(status, ""),
                seats=seats[pk],
            )
        )
    return [_cohort_table(caption, rows) for caption, rows in tables]
