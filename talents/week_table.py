"""The rows of the days page's week-by-week table, formatted once in Python.

A talent near the end of the programme has some eighty weeks; written as template logic (three
date filters, a choice label, a truncation and a URL per row) the table was most of the page's
time. Month and weekday names come from Django's own formats, once per page, so the text is
the same as `|date:"j M"` in every language.
"""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import dateformat
from django.utils.text import Truncator

from talents.choices import WeekState

LEARNED_WORDS = 24
EN_DASH = "\u2013"


@dataclass(frozen=True)
class WeekRow:
    label: str
    state: str
    state_label: str
    dates: str  # "3 Mar", an en dash, "9 Mar 2026"
    note: str  # holidays or absences that excuse the week
    day: str  # "Tue 4 Mar, AI Sweden office"
    learned: str
    edit_url: str
    log_url: str
    locked: bool  # logged, but past the edit window (the page says why)


class _Names:
    """Month and weekday abbreviations in the active language, looked up once per table."""

    def __init__(self):
        self.months = [""] + [dateformat.format(date(2001, month, 1), "M") for month in range(1, 13)]
        self.weekdays = [dateformat.format(date(2001, 1, 1 + weekday), "D") for weekday in range(7)]  # a Monday

    def day_month(self, day):
        return f"{day.day} {self.months[day.month]}"

    def weekday_day_month(self, day):
        return f"{self.weekdays[day.weekday()]} {self.day_month(day)}"


def week_rows(weeks, *, editable_ids):
    """Newest week first, each as the table shows it."""
    names = _Names()
    days_url = reverse("talents:days")
    rows = []
    for week in reversed(weeks):
        log = week.log
        note = ""
        if week.state == WeekState.HOLIDAY and week.holidays:
            note = ", ".join(week.holidays)
        elif week.state == WeekState.ABSENT:
            note = ", ".join(str(absence.get_kind_display()) for absence in week.absences)
        loggable = log is None and week.state in (WeekState.MISSING, WeekState.OPEN)
        rows.append(
            WeekRow(
                label=week.label,
                state=week.state,
                state_label=week.state_label,
                dates=f"{names.day_month(week.monday)}{EN_DASH}{names.day_month(week.sunday)} {week.sunday.year}",
                note=note,
                day=f"{names.weekday_day_month(log.date)}, {log.get_place_display()}" if log else "",
                learned=Truncator(log.learned).words(LEARNED_WORDS, truncate=" …") if log else "",  # as |truncatewords
                edit_url=reverse("talents:day_edit", args=[log.uuid]) if log and log.pk in editable_ids else "",
                log_url=f"{days_url}?date={week.monday:%Y-%m-%d}#log-title" if loggable else "",
                locked=log is not None and log.pk not in editable_ids,
            )
        )
    return rows
