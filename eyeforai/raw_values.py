"""Values read by SQL statements of our own, as the ORM would give them, on PostgreSQL and on SQLite.

A few list pages read with one hand-written statement where the ORM spent longer compiling its queries
than the database took to answer them (courses/part_two.py, courses/facilitator_sessions.py). PostgreSQL
answers such a statement with Python values; SQLite, the quick start's database (`make run`), answers with
text: datetimes in UTC without an offset, UUIDs as 32 hex digits. These turn either into the ORM's values.
"""

import uuid
from datetime import UTC, datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def moment_parameter(moment):
    """An aware datetime as the database compares it with a DateTimeField's column."""
    return connection.ops.adapt_datetimefield_value(moment)


def moment(value):
    """A DateTimeField's column as an aware datetime (None stays None)."""
    if value is None or (isinstance(value, datetime) and timezone.is_aware(value)):
        return value
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def uuid_value(value):
    """A UUIDField's column as a UUID."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
