"""Which ISO weeks of a cohort a talent is expected to log, and how each stands.

One rule covers holidays, absences and the cohort's first and last weeks: a week is expected when at
least three of its weekdays are working days — inside the cohort, not a Swedish public (or de facto:
Midsummer Eve, Christmas Eve, New Year's Eve) holiday, and not covered by one of the talent's absences.
Pure functions over rows already loaded, so pages that use them keep a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.utils import translation

from talents.choices import WeekState

MIN_WORKING_DAYS = 3
HOLIDAY_CATEGORIES = ("public", "de_facto")


def monday_of(day):
    return day - timedelta(days=day.weekday())


def iso_week_label(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


# The holidays package names Sweden's holidays in these languages; the portal's language picks one.
HOLIDAY_LANGUAGES = {"sv": "sv", "en": "en_US"}


@lru_cache(maxsize=64)
def swedish_holidays(year, language="en_US"):
    return holidays.country_holidays("SE", years=year, categories=HOLIDAY_CATEGORIES, language=language)


def holiday_name(day):
    """The holiday's name in the reader's language ("Midsommarafton", "Midsummer Eve"), or None."""
    language = HOLIDAY_LANGUAGES.get(translation.get_language(), "en_US")
    return swedish_holidays(day.year, language).get(day)


def cohort_end(cohort, periods):
    """The cohort's last day from its periods (already loaded), or None without periods."""
    return max((period.ends_on for period in periods), default=None)


@dataclass
class Week:
    monday: date
    state: str
    log: object = None
    holidays: list = field(default_factory=list)  # names of holidays on weekdays
    absences: list = field(default_factory=list)
    working_days: int = 5

    @property
    def sunday(self):
        return self.monday + timedelta(days=6)

    @property
    def label(self):
        return iso_week_label(self.monday)

    @property
    def number(self):
        return self.monday.isocalendar()[1]

    @property
    def state_label(self):
        return WeekState(self.state).label

    @property
    def is_expected(self):
        return self.state in (WeekState.LOGGED, WeekState.MISSING)

    @property
    def is_logged(self):
        return self.state == WeekState.LOGGED

    @property
    def is_open(self):
        """This week, not logged yet: the one the talent can still log today."""
        return self.state == WeekState.OPEN


def assess_week(monday, *, starts_on, ends_on, absences, log=None, today):
    """The Week starting on `monday` for a talent whose cohort runs `starts_on`..`ends_on`."""
    weekdays = [monday + timedelta(days=offset) for offset in range(5)]
    inside = [day for day in weekdays if starts_on <= day and (ends_on is None or day <= ends_on)]
    holiday_names = [name for day in inside if (name := holiday_name(day))]
    not_holidays = [day for day in inside if not holiday_name(day)]
    covering = [absence for absence in absences if absence.starts_on <= weekdays[-1] and absence.ends_on >= monday]
    working = [day for day in not_holidays if not any(absence.covers(day) for absence in covering)]
    week = Week(monday=monday, state=WeekState.MISSING, log=log, holidays=holiday_names, absences=covering)
    week.working_days = len(working)
    if log is not None:
        week.state = WeekState.LOGGED
    elif len(inside) < MIN_WORKING_DAYS:
        week.state = WeekState.SHORT
    elif len(not_holidays) < MIN_WORKING_DAYS:
        week.state = WeekState.HOLIDAY
    elif len(working) < MIN_WORKING_DAYS:
        week.state = WeekState.ABSENT
    elif monday_of(today) == monday:
        week.state = WeekState.OPEN
    return week


def cohort_weeks(*, starts_on, ends_on, logs, absences, today):
    """Every week from the cohort's first to this one (or its last), oldest first."""
    logs_by_week = {log.week: log for log in logs}
    last_day = min(today, ends_on) if ends_on else today
    weeks = []
    monday = monday_of(starts_on)
    while monday <= last_day:
        weeks.append(
            assess_week(
                monday,
                starts_on=starts_on,
                ends_on=ends_on,
                absences=absences,
                log=logs_by_week.get(monday),
                today=today,
            )
        )
        monday += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class Progress:
    expected: int
    logged: int
    missing: int
    excused: int
    last_log: object

    @property
    def percent(self):
        return round(100 * self.logged / self.expected) if self.expected else 100


def progress(weeks):
    logged = [week for week in weeks if week.state == WeekState.LOGGED]
    missing = sum(1 for week in weeks if week.state == WeekState.MISSING)
    excused = sum(1 for week in weeks if week.state in (WeekState.HOLIDAY, WeekState.ABSENT, WeekState.SHORT))
    last_log = max((week.log for week in logged), key=lambda log: log.date, default=None)
    return Progress(
        expected=len(logged) + missing, logged=len(logged), missing=missing, excused=excused, last_log=last_log
    )
