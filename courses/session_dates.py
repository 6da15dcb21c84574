"""Session dates as the session lists write them, in the active language's named formats, for a whole
list at once. Django's date formatting parses the format and looks up the month's name in the catalogue
on every call, and a list of sessions called it three times a row: here each day and each time of day is
formatted once per list (sessions share their times of day), and a date with its time is the two joined."""

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format


class SessionDates:
    """The named formats DATE_FORMAT, TIME_FORMAT and DATETIME_FORMAT of the active language, each result
    kept for the life of this object (one page). Give it aware datetimes: it writes them in local time."""

    def __init__(self):
        self.date_format = get_format("DATE_FORMAT")
        self.time_format = get_format("TIME_FORMAT")
        self.datetime_format = get_format("DATETIME_FORMAT")
        self._days = {}
        self._times = {}
        self._between = self._separator()

    def _separator(self):
        """What DATETIME_FORMAT writes between the date and the time when it is DATE_FORMAT, a literal
        and TIME_FORMAT (both languages' are), else None. Formatting the literal part of the format, escapes
        and all, gives its text: Django writes a format piece by piece."""
        full, date, time = self.datetime_format, self.date_format, self.time_format
        if not (full.startswith(date) and full.endswith(time) and len(full) > len(date) + len(time)):
            return None
        middle = full[len(date) : len(full) - len(time)]
        if any(char.isalpha() and middle[i - 1 : i] != "\\" for i, char in enumerate(middle)):
            return None  # a format character in between: not a plain literal
        return format_date(timezone.now(), middle)

    def date(self, local):
        """DATE_FORMAT of a local datetime."""
        day = local.date()
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = format_date(local, self.date_format)
        return text

    def time(self, local):
        """TIME_FORMAT of a local datetime."""
        key = (local.hour, local.minute, local.second, local.utcoffset())
        text = self._times.get(key)
        if text is None:
            text = self._times[key] = format_date(local, self.time_format)
        return text

    def datetime(self, local):
        """DATETIME_FORMAT of a local datetime."""
        if self._between is None:
            return format_date(local, self.datetime_format)
        return f"{self.date(local)}{self._between}{self.time(local)}"
