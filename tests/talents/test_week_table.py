"""The days page's week table, formatted in Python, reads exactly as Django's date filters would."""

from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from talents.choices import WeekState
from talents.week_table import week_rows
from talents.weeks import assess_week
from tests.factories import DayLogFactory

FILTERS = Template('{{ monday|date:"j M" }}\u2013{{ sunday|date:"j M Y" }}|{{ day|date:"D j M" }}')


@pytest.mark.parametrize("language", ["en", "sv", "de"])
def test_every_month_and_weekday_reads_as_the_date_filter_writes_it(db, language):
    mondays = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(0, 53, 4)]  # every month of a year
    logs = [DayLogFactory.build(pk=n + 1, date=monday + timedelta(days=n % 5)) for n, monday in enumerate(mondays)]
    weeks = [
        assess_week(log.week, starts_on=mondays[0], ends_on=None, absences=[], log=log,
                    today=date(2027, 6, 1))
        for log in logs
    ]  # fmt: skip
    with translation.override(language):
        rows = week_rows(weeks, editable_ids=set())
        for row, week in zip(rows, reversed(weeks), strict=True):
            context = Context({"monday": week.monday, "sunday": week.sunday, "day": week.log.date})
            dates, day = FILTERS.render(context).split("|")
            assert row.dates == dates
            assert row.day.startswith(day + ", ")


def test_a_row_links_to_edit_its_log_only_while_editable_and_to_log_a_missing_week(db):
    monday = date(2026, 3, 2)
    log = DayLogFactory.build(pk=7, date=monday + timedelta(days=1), learned="word " * 30)
    logged = assess_week(monday, starts_on=monday, ends_on=None, absences=[], log=log, today=date(2026, 4, 1))
    missing = assess_week(
        monday + timedelta(weeks=1), starts_on=monday, ends_on=None, absences=[], today=date(2026, 4, 1)
    )
    assert missing.state == WeekState.MISSING

    editable, missing_row = reversed(week_rows([logged, missing], editable_ids={7}))
    assert editable.edit_url == reverse("talents:day_edit", args=[log.uuid]) and editable.log_url == ""
    assert editable.learned.endswith(" …") and len(editable.learned.split()) == 25  # 24 words and the ellipsis
    assert missing_row.log_url == f"{reverse('talents:days')}?date=2026-03-09#log-title" and missing_row.edit_url == ""

    (locked,) = week_rows([logged], editable_ids=set())
    assert locked.edit_url == "" and locked.log_url == ""
