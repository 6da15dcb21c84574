"""One date format, the locale's: "1 Sep 2027" everywhere a person reads a date (issue 13).

Templates and code name a format (DATE_FORMAT, DATETIME_FORMAT, …) from eyeforai/formats/; a format
spelled out by hand ("j F Y", "N j, Y") is how "Sept. 1, 2027" and "29 January 2027" came to share a
page. Machine formats stay ISO where a machine reads them: datetime= attributes, iCalendar, CSV.
"""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template import Context, Template
from django.utils import formats, translation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CODE = [Path(settings.BASE_DIR) / app for app in ("eyeforai", "portal", "talents", "hosts", "rotations")]
NAMED = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "YEAR_MONTH_FORMAT",
         "MONTH_DAY_FORMAT", "TIME_FORMAT"}  # fmt: skip
MACHINE = {"c", "Y-m-d", "U", "r"}
DATE_FILTER = re.compile(r"""\|date:\s*(["'])(?P<format>[^"']*)\1""")
# A machine format is fine as the value of a datetime="…" attribute.
IN_DATETIME_ATTRIBUTE = re.compile(r"""datetime=["']\{\{[^}]*\|date:\s*["'](?P<format>[^"']*)["']\s*\}\}["']""")
PYTHON_FORMAT = re.compile(r"""date_format\([^()]*(?:\([^()]*\))?[^()]*,\s*["'](?P<format>[^"']+)["']""")


def hand_written_formats(text):
    allowed_spans = {match.span("format") for match in IN_DATETIME_ATTRIBUTE.finditer(text)}
    for match in DATE_FILTER.finditer(text):
        name = match.group("format")
        if name in NAMED:
            continue
        if name in MACHINE and match.span("format") in allowed_spans:
            continue
        yield name


def test_hand_written_formats_are_found_and_named_ones_and_datetime_attributes_are_not():
    text = (
        '{{ a|date:"j F Y" }} {{ b|date:\'N j, Y\' }} {{ c|date }} {{ d|date:"DATETIME_FORMAT" }}'
        ' <time datetime="{{ e|date:\'c\' }}">{{ e|date:"SHORT_DATE_FORMAT" }}</time> {{ f|date:"Y-m-d" }}'
    )
    assert list(hand_written_formats(text)) == ["j F Y", "N j, Y", "Y-m-d"]


def test_no_template_writes_a_date_format_by_hand():
    offenders = {
        f"{path.relative_to(TEMPLATES)}: {name}"
        for path in TEMPLATES.rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt", ".ics", ".xml"}
        for name in hand_written_formats(path.read_text())
    }
    assert not offenders, 'use |date, |date:"DATETIME_FORMAT" or another named format: ' + ", ".join(sorted(offenders))


def test_no_python_code_formats_a_date_for_people_by_hand():
    offenders = {
        f"{path.relative_to(settings.BASE_DIR)}: {match.group('format')}"
        for root in CODE
        for path in root.rglob("*.py")
        for match in PYTHON_FORMAT.finditer(path.read_text())
        if match.group("format") not in NAMED
    }
    assert not offenders, sorted(offenders)


def test_english_dates_read_day_short_month_year():
    with translation.override("en"):
        assert formats.date_format(date(2027, 9, 1)) == "1 Sep 2027"
        when = datetime(2027, 1, 29, 14, 30, tzinfo=ZoneInfo("Europe/Stockholm"))
        assert formats.date_format(when, "DATETIME_FORMAT") == "29 Jan 2027, 14:30"
        rendered = Template('{{ day|date }} · {{ day|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"day": date(2027, 9, 1)})
        )
        assert rendered == "1 Sep 2027 · 1 Sep 2027"
