"""Values of our own SQL statements read the same from SQLite's text (the quick start's database) as from
PostgreSQL's Python values (eyeforai/raw_values.py): the course overview and facilitator pages use them."""

import uuid
from datetime import UTC, datetime

from eyeforai.raw_values import moment, uuid_value

AT = datetime(2026, 12, 1, 7, 0, 0, 123456, tzinfo=UTC)


def test_sqlite_text_of_a_datetime_reads_as_the_aware_moment_in_utc():
    assert moment("2026-12-01 07:00:00.123456") == AT
    assert moment("2026-12-01 07:00:00.123456").tzinfo is not None


def test_an_aware_datetime_and_none_are_kept_as_they_are():
    assert moment(AT) is AT
    assert moment(None) is None


def test_sqlite_hex_of_a_uuid_reads_as_the_uuid():
    value = uuid.uuid4()
    assert uuid_value(value.hex) == value
    assert uuid_value(value) is value
