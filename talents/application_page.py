"""What the application page (/talent/application/) reads and shows beside its form, loaded with only
what the page shows and formatted once in Python.

The page used to load what the overview needs (every application's stage history and its cohort's
periods), ask again whether the subnavigation links to "Rank projects", and draw its stage history and
"who opened your CV" list through includes, with a date filter or two per row: about as much time as
the rest of the signed-in layout. Dates are written as `|date:"DATETIME_FORMAT"` and `|date:'c'` write
them (in the current time zone), sentences by the templates' msgids.
"""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from eyeforai.programme.choices import MATCHING_COHORT_STATUSES
from talents.choices import ApplicationStatus, CVReader
from talents.models import Application, ApplicationEvent, CVDownload

# The talent's list shows the newest ones; older downloads stay in the database (and the export).
SHOWN_DOWNLOADS = 50


def applications_with_cohorts(talent):
    """The talent's applications with their cohorts, newest first: what current_application chooses
    from. Unlike applications_of (the overview's load), without stage histories and periods."""
    return list(Application.objects.for_talent(talent).select_related("cohort").order_by("-created_at"))


def ranks_projects(applications):
    """The subnavigation's "Rank projects" link (talents.context_processors asks the same with a query):
    accepted to a cohort whose talents rank projects now or soon."""
    return any(
        application.status == ApplicationStatus.ACCEPTED and application.cohort.status in MATCHING_COHORT_STATUSES
        for application in applications
    )


@dataclass(frozen=True)
class TimelineRow:
    label: str  # a stage, or who downloaded the CV
    at_iso: str
    at: str
    note: str = ""  # a download's cohort


def _moment(at):
    local = timezone.localtime(at)
    return local.isoformat(), formats.date_format(local, "DATETIME_FORMAT")


def stage_rows(application):
    """The stages `application` reached, oldest first, as its status timeline
    (talents/includes/application_status.html) lists them: one query."""
    events = ApplicationEvent.objects.filter(application=application).order_by("at", "pk")
    return _stage_rows(events.values_list("status", "at"))


def loaded_stage_rows(application):
    """The same rows from the stage history loaded with the application (prefetch_related("events"), as
    the overview loads it): no query."""
    return _stage_rows((event.status, event.at) for event in application.events.all())


def _stage_rows(stages):
    labels = dict(ApplicationStatus.choices)
    return [TimelineRow(str(labels[status]), *_moment(at)) for status, at in stages]


def _reader(reader, first_name, last_name, email, organization_name):
    if reader != CVReader.HOST:
        return str(CVReader(reader).label)
    if email is None:  # the host member's account is gone: the organisation alone
        return organization_name
    name = f"{first_name} {last_name}".strip() or email
    return _("%(name)s, %(organization)s") % {"name": name, "organization": organization_name}


def download_rows(talent):
    """(the newest SHOWN_DOWNLOADS downloads of the talent's CVs, newest first, how many there are in
    all): one query, and a count only when the list is full."""
    downloads = CVDownload.objects.filter(application__talent=talent)
    columns = ("reader", "by__first_name", "by__last_name", "by__email", "organization_name", "at")
    rows = [
        TimelineRow(_reader(*who), *_moment(at), note=cohort)
        for *who, at, cohort in downloads.values_list(*columns, "application__cohort__name")[:SHOWN_DOWNLOADS]
    ]
    return rows, downloads.count() if len(rows) == SHOWN_DOWNLOADS else len(rows)
