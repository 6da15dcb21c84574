"""CSV downloads from the admin: one writer, every cell formula-safe, whole or streamed."""

import csv

from django.http import HttpResponse, StreamingHttpResponse

# A cell that starts like a formula is run by spreadsheet programs: prefix it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so spreadsheet programs read UTF-8 names correctly


def safe_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    """A download of `header` then `rows` (any iterable of sequences), every cell made formula-safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return _attachment(response, filename)


class _Echo:
    """csv.writer writes each row here and gets it back, so the response streams row by row."""

    def write(self, value):
        return value


def streaming_csv_response(filename, header, rows):
    """csv_response for a list too long to hold in memory (a year of activity): written row by row
    as `rows` (an iterator, e.g. a queryset's .iterator()) is consumed."""
    writer = csv.writer(_Echo())

    def lines():
        yield BOM
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    return _attachment(StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8"), filename)
