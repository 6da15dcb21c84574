"""What the application page (/talent/application/) reads and shows beside its form, loaded with only
what the page shows and formatted once in Python.

The page used to load what the overview needs (every application's stage history and its cohort's
periods), ask again whether the subnavigation links to "Rank projects", and draw its stage history and
"who opened your CV" list through includes, with a date filter or two per row: about as much time as
the rest of the signed-in layout. Dates are written as `|date:"DATETIME_FORMAT"` and `|date:'c'` write
them (in the current time zone), sentences by the templates' msgids.

When the page shows no form (an application submitted, or none and no call open), all of it but the
layout is one copy per talent and language, kept (eyeforai/kept_copies.py) until a table it reads is
written (READ_TABLES, watched from talents/signals.py) or a call opens or closes: a talent waiting for
news opens it often, and it changes a few times a year. A draft's page holds a form bound to the model,
which is never built from a kept copy, so it is read from the database each time.
"""

from dataclasses import dataclass
from functools import cache as cache_result

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from eyeforai import write_watch
from eyeforai.accounts.names import display_name
from eyeforai.kept_copies import csrf_placeholder, kept, with_csrf_token
from eyeforai.programme.choices import MATCHING_COHORT_STATUSES
from eyeforai.programme.models import Cohort
from talents.choices import ApplicationStatus, CVReader
from talents.models import Application, ApplicationEvent, CVDownload
from talents.services.applications import current_application

# The talent's list shows the newest ones; older downloads stay in the database (and the export).
SHOWN_DOWNLOADS = 50

GENERATION_KEY = "talents:application:generation"
# Part of each copy's key: a release that changes what a copy holds raises it.
PAGE_FORMAT = 1


@cache_result
def read_tables():
    """The tables the page without a form is built from (the downloads name their readers)."""
    models = (Application, ApplicationEvent, CVDownload, Cohort, get_user_model())
    return frozenset(model._meta.db_table for model in models)


def page_key(talent_id, language):
    return f"talents:application:v{PAGE_FORMAT}:{talent_id}:{language}"


def forget_talent(talent_id):
    """Delete the talent's copies in every language (they hold what the talent wrote and who read their
    CV), now and after commit: they are being erased."""
    write_watch.forget(page_key(talent_id, language) for language, _name in settings.LANGUAGES)


def applications_at_hand(talent):
    """(the talent's applications with their cohorts, the application the page is about, the cohort whose
    call is open): what the page decides from, read once."""
    applications = applications_with_cohorts(talent)
    return applications, *current_application(talent, applications=applications)


def kept_body(request, talent):
    """(the page's body, or None when it shows a form; the page's applications_at_hand when this request
    read them to find that out, for the form to use, else None). The body is the copy kept for the
    talent and language while it holds, else built and kept; that a page shows a form is kept too."""
    read = []

    def build():
        placeholder = csrf_placeholder()
        applications, current, open_call = at_hand = applications_at_hand(talent)
        valid_until = Cohort.objects.next_deadline_after(timezone.now())
        if current.is_editable if current is not None else open_call is not None:
            read.append(at_hand)
            return None, valid_until  # the form's page: drawn by the view, from what was read here
        downloads, download_count = download_rows(talent)
        context = {
            "request": request,
            "csrf_token": placeholder,
            "talent": talent,
            "talent_ranks_projects": ranks_projects(applications),
            "application": current,
            "stages": stage_rows(current) if current is not None else [],
            "cv_downloads": downloads,
            "cv_download_count": download_count,
        }
        return (render_to_string("talents/includes/application_body.html", context), placeholder), valid_until

    copy = kept(GENERATION_KEY, page_key(talent.pk, get_language()), build)
    if copy is None:
        return None, (read[0] if read else None)
    html, placeholder = copy
    # Safe: our own template rendered it, escaping what it shows; the token put in is Django's.
    return mark_safe(with_csrf_token(request, html, placeholder)), None  # noqa: S308  # nosec B308 B703


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
    name = display_name(first_name, last_name, email)
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
