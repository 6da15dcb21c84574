"""What the days page shows apart from its subnavigation and CSRF tokens, built once per talent and
kept in the cache until something it shows changes.

A talent near the end of the programme has some eighty weeks: assessing each (holidays, absences),
drawing the chart and the week table, and rendering the two forms was most of the page's time on
every view, though it changes about once a week. A copy names the generation it was built under: any
INSERT, UPDATE or DELETE on the tables it reads (day logs, absences, applications, cohorts, periods)
starts a new one, noted where the SQL runs (eyeforai/write_watch.py; registered in talents/signals.py),
so a bulk_create of periods or a QuerySet.update of a day log shows on the next view too. One generation
for every talent, not one each: the SQL of a QuerySet.update does not say whose rows it changes, so one
talent's write rebuilds the others' copies at their next view, as it does their overviews. A copy is also
keyed by the language and the day (week states and holiday names follow them), and expires when the first
log that can still be edited stops being so, since its "Edit" link goes then; so a write made outside
Django (psql) shows the next day at the latest. With the cache down the page is built from the database
on every view.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache as cache_result

from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

from eyeforai import write_watch
from eyeforai.programme.models import Cohort, Period
from talents.chart import progress_chart
from talents.forms import AbsenceForm, DayLogForm
from talents.models import Absence, Application, DayLog
from talents.services import days as day_services
from talents.week_table import week_rows

logger = logging.getLogger(__name__)

GENERATION_KEY = "talents:days:generation"

# Part of each copy's key: a release that changes DaysPage raises it, so no copy of the old shape is read.
PAGE_FORMAT = 2


@cache_result
def read_tables():
    """The tables the page is built from (talents.services.days.days_state)."""
    return frozenset(model._meta.db_table for model in (DayLog, Absence, Application, Cohort, Period))


def page_key(talent_id):
    return f"talents:days:page:v{PAGE_FORMAT}:{talent_id}"


def forget_talent(talent_id):
    """Delete the talent's copy (one key holds it in whatever language it was last built), now and after
    commit: an erased talent's weeks and notes must not outlive them in the cache."""
    write_watch.forget([page_key(talent_id)])


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
    key = page_key(talent.pk)
    try:
        # One round trip: the generation and the copy, which names the one it was built under.
        found = cache.get_many([GENERATION_KEY, key])
        built_under = (write_watch.current_generation(found, GENERATION_KEY), get_language(), timezone.localdate())
    except Exception:
        # A cache outage must not fail the page: it costs a build from the database instead.
        logger.exception("Could not read the days page from the cache; building it from the database")
        return _build(talent, today=timezone.localdate())[0]
    cached = found.get(key)
    if cached is not None and cached[0] == built_under:
        return cached[1]
    # The generation was read before the rows: a change committed meanwhile leaves this copy unused.
    page, expires_at = _build(talent, today=built_under[-1])
    try:
        cache.set(key, (built_under, page), timeout=max(1, int((expires_at - timezone.now()).total_seconds())))
    except Exception:
        logger.exception("Could not keep the days page in the cache")
    return page


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
