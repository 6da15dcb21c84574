"""What the days page shows apart from its subnavigation and CSRF tokens, built once per talent and
kept in the cache until something it shows changes.

A talent near the end of the programme has some eighty weeks: assessing each (holidays, absences),
drawing the chart and the week table, and rendering the two forms was most of the page's time on
every view, though it changes about once a week. A copy names the generations it was built under:
the talent's (their day logs, absences and applications) and the cohorts' (any cohort or period),
which talents/signals.py starts anew on every change. It is also keyed by the language and the day
(week states and holiday names follow them), and expires when the first log that can still be
edited stops being so, since its "Edit" link goes then. KEEP_SECONDS bounds it regardless, for writes
that start no generation (bulk_create, QuerySet.update, psql). With the cache down the page is built
from the database on every view.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

from talents.chart import progress_chart
from talents.forms import AbsenceForm, DayLogForm
from talents.services import days as day_services
from talents.week_table import week_rows

logger = logging.getLogger(__name__)

COHORTS_GENERATION_KEY = "talents:days:cohorts-generation"


def _talent_generation_key(talent_id):
    return f"talents:days:generation:{talent_id}"


# The longest a copy is kept: generate_periods (eyeforai/programme) writes periods with bulk_create, which
# starts no generation, and programme is a layer below talents, so it cannot start one itself.
KEEP_SECONDS = 600

# Part of each copy's key: a release that changes DaysPage raises it, so no copy of the old shape is read.
PAGE_FORMAT = 1


def _page_key(talent_id):
    return f"talents:days:page:v{PAGE_FORMAT}:{talent_id}"


def new_talent_generation(talent_id):
    cache.set(_talent_generation_key(talent_id), time.time_ns(), timeout=None)


def new_cohorts_generation():
    cache.set(COHORTS_GENERATION_KEY, time.time_ns(), timeout=None)


def forget_talent(talent_id):
    """Delete the talent's copy (one key holds it in whatever language it was last built) and their
    generation: an erased talent's weeks and notes must not outlive them in the cache."""
    try:
        cache.delete_many([_page_key(talent_id), _talent_generation_key(talent_id)])
    except Exception:
        logger.exception("Could not delete talent %s's days page from the cache", talent_id)


@dataclass(frozen=True)
class AbsenceRow:
    text: str  # "Vacation: 1 Jul 2026", an en dash, "5 Jul 2026 (note)"
    name: str  # "Vacation 1 Jul 2026", what the hidden part of the "Remove" button names
    delete_url: str


@dataclass(frozen=True)
class DaysPage:
    in_cohort: bool  # accepted to a running cohort: the page offers to log days and shows the history
    week_now_html: str
    day_form_html: str  # the blank forms; a form with errors or a chosen date is rendered by the view
    absence_form_html: str
    absences: list
    history_html: str  # progress chart and week-by-week table


def days_page(talent):
    """The talent's DaysPage, from the cache when nothing it shows has changed since it was built."""
    key = _page_key(talent.pk)
    try:
        generations, cached = _generations_and_copy(talent.pk, key)
    except Exception:
        # A cache outage must not fail the page: it costs a build from the database instead.
        logger.exception("Could not read the days page from the cache; building it from the database")
        return _build(talent, today=timezone.localdate())[0]
    if cached is not None and cached[0] == generations:
        return cached[1]
    # The generations were read before the rows: a change committed meanwhile leaves this copy unused.
    page, expires_at = _build(talent, today=generations[-1])
    expires_at = min(expires_at, timezone.now() + timedelta(seconds=KEEP_SECONDS))
    try:
        cache.set(key, (generations, page), timeout=max(1, int((expires_at - timezone.now()).total_seconds())))
    except Exception:
        logger.exception("Could not keep the days page in the cache")
    return page


def _generations_and_copy(talent_id, key):
    talent_key = _talent_generation_key(talent_id)
    # One round trip: both generations and the copy, which names the ones it was built under.
    found = cache.get_many([COHORTS_GENERATION_KEY, talent_key, key])
    generations = (
        found.get(COHORTS_GENERATION_KEY) or cache.get_or_set(COHORTS_GENERATION_KEY, time.time_ns, timeout=None),
        found.get(talent_key) or cache.get_or_set(talent_key, time.time_ns, timeout=None),
        get_language(),
        timezone.localdate(),
    )
    return generations, found.get(key)


def _build(talent, *, today):
    """The DaysPage and the moment it stops being right on its own (the next midnight, or a log's
    edit window closing)."""
    state = day_services.days_state(talent, today=today)
    editable = [log for log in state.logs if day_services.can_edit(log)]
    history_html = ""
    if state.application:
        history_html = render_to_string(
            "talents/includes/days_history.html",
            {
                "chart": progress_chart(state.weeks),
                "week_rows": week_rows(state.weeks, editable_ids={log.pk for log in editable}),
                "edit_closed_reason": day_services.edit_closed_reason(),
            },
        )
    page = DaysPage(
        in_cohort=state.application is not None,
        week_now_html=render_to_string("talents/includes/days_week_now.html", {"week": state.this_week}),
        day_form_html=render_to_string("includes/form.html", {"form": DayLogForm(initial={"date": today})}),
        absence_form_html=render_to_string("includes/form.html", {"form": AbsenceForm()}),
        absences=[_absence_row(absence) for absence in state.absences],
        history_html=history_html,
    )
    tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))
    closings = [log.created_at + day_services.EDIT_WINDOW for log in editable]
    return page, min([tomorrow, *closings])


def _absence_row(absence):
    kind, starts_on = absence.get_kind_display(), formats.date_format(absence.starts_on)
    text = f"{kind}: {starts_on}\u2013{formats.date_format(absence.ends_on)}"
    return AbsenceRow(
        text=f"{text} ({absence.note})" if absence.note else text,
        name=f"{kind} {starts_on}",
        delete_url=reverse("talents:absence_delete", args=[absence.uuid]),
    )
