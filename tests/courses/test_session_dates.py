from datetime import UTC, datetime

import pytest
from django.utils import formats, timezone, translation

from courses.session_dates import SessionDates

# A winter and a summer day (the clocks differ), a time shared by two days, and one ending on another day.
MOMENTS = [
    datetime(2026, 12, 4, 8, 0, tzinfo=UTC),
    datetime(2026, 12, 5, 8, 0, tzinfo=UTC),
    datetime(2027, 6, 1, 7, 30, tzinfo=UTC),
    datetime(2027, 9, 1, 12, 30, tzinfo=UTC),
    datetime(2027, 9, 2, 23, 15, tzinfo=UTC),
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_session_dates_write_what_the_named_formats_write(language):
    with translation.override(language):
        dates = SessionDates()
        for moment in MOMENTS * 2:  # the second time from what the list already formatted
            local = timezone.localtime(moment)
            assert dates.date(local) == formats.date_format(local, "DATE_FORMAT")
            assert dates.time(local) == formats.date_format(local, "TIME_FORMAT")
            assert dates.datetime(local) == formats.date_format(local, "DATETIME_FORMAT")
