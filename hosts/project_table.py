"""The member's project list, one table per cohort, formatted once in Python.

The template version (two includes, a URL and a plural sentence per seat in every row) cost more
than the rest of the page. The text is the template's: the same msgids, the same badge classes as
hosts/includes/status.html.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eyeforai.paths import uuid_paths


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
    rows: list


def _badge(project):
    if project.is_approved:
        return "badge-ok"
    if project.is_submitted:
        return "badge-warn"
    if project.has_changes_requested:
        return "badge-error"
    return ""


def project_tables(projects):
    """Projects loaded by Project.objects.listed_for (cohort and seats with them, cohort order) as one
    CohortTable per cohort."""
    project_path = uuid_paths("hosts_members:project_detail")
    tables, cohort_id = [], None
    for project in projects:
        if project.cohort_id != cohort_id:
            cohort_id = project.cohort_id
            caption = _("%(name)s (%(status)s)") % {
                "name": project.cohort.name,
                "status": project.cohort.get_status_display(),
            }
            tables.append(CohortTable(caption=caption, rows=[]))
        seats = [
            ngettext("Period %(number)s: %(seats)s seat", "Period %(number)s: %(seats)s seats", seat.seats)
            % {"number": seat.period.number, "seats": seat.seats}
            for seat in project.seat_list
        ]
        tables[-1].rows.append(
            ProjectRow(
                title=project.title,
                url=project_path(project.uuid),
                status=project.get_status_display(),
                badge=_badge(project),
                seats=seats,
            )
        )
    return tables
