"""The change list's date links ({% date_hierarchy cl %}) with fewer queries and no template.

Django's tag first asks for the earliest and latest date, then for the years (or the months, or the
days) to link. One query for the months answers both questions: their years are the years to link
when there are several, and the months themselves when there is one. Only a list within a single
month asks again, for its days (as Django does). The markup is admin/date_hierarchy.html's
(tests/core/test_quick_rows.py compares the two).
"""

import html

from django.contrib.admin.utils import get_fields_from_path
from django.db import models
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext


def draw_date_links(changelist):
    """What {% date_hierarchy cl %} draws for a list with a date hierarchy; None when a year, month
    or day is chosen (Django's tag draws those: they are one query either way)."""
    field_name = changelist.date_hierarchy
    lookups = [f"{field_name}__{part}" for part in ("year", "month", "day")]
    if any(changelist.params.get(lookup) for lookup in lookups):
        return None
    year_field, month_field, day_field = lookups
    field = get_fields_from_path(changelist.model, field_name)[-1]
    kind = "datetimes" if isinstance(field, models.DateTimeField) else "dates"

    def link(filters):
        return changelist.get_query_string(filters, [f"{field_name}__"])

    months = list(getattr(changelist.queryset, kind)(field_name, "month"))
    years = sorted({month.year for month in months})
    if len(years) != 1:
        return _draw(None, [(link({year_field: str(year)}), str(year)) for year in years])
    year = years[0]
    if len(months) > 1:
        back = (link({}), gettext("All dates"))
        return _draw(
            back,
            [
                (link({year_field: year, month_field: month.month}), _date(month, "YEAR_MONTH_FORMAT"))
                for month in months
            ],
        )
    month = months[0].month
    days = getattr(changelist.queryset, kind)(field_name, "day")
    back = (link({year_field: year}), str(year))
    return _draw(
        back,
        [
            (link({year_field: year, month_field: month, day_field: day.day}), _date(day, "MONTH_DAY_FORMAT"))
            for day in days
        ],
    )


def _date(value, format_name):
    return capfirst(formats.date_format(value, format_name))


def _draw(back, choices):
    """admin/date_hierarchy.html, for a `back` link (or None) and linked choices, as (link, title)."""
    back_html = (
        "" if back is None else f'<a href="{_escape(back[0])}" class="date-back">&lsaquo; {_escape(back[1])}</a>'
    )
    choices_html = "".join(f'\n<a href="{_escape(link)}">{_escape(title)}</a>\n' for link, title in choices)
    page = f'\n<nav class="toplinks">\n\n\n{back_html}\n\n\n{choices_html}\n\n\n</nav>\n\n'
    return mark_safe(page)  # noqa: S308  # nosec B308 B703  # each value escaped


def _escape(value):
    return html.escape(str(value))
