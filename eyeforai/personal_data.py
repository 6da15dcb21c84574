"""Rows as plain data for a person's data export: the one shape every app's part of the export uses.

In the core so that every app (talents, hosts, rotations, the core's own apps) can describe its rows
the same way; the whole export is put together in portal/personal_data.py.
"""

import re

from django.db import models
from django.db.models import Q


def as_row(instance, *, exclude=()):
    """A model row as {field: value}: related rows by their display name, files by their stored name,
    and no internal numeric ids (the public uuid stays).

    The caller select_related()s every foreign key it does not exclude: the export's query count
    must not grow with the number of rows."""
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.primary_key:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name)
            row[field.name] = str(related) if related is not None else None
        elif isinstance(field, models.FileField):
            row[field.name] = getattr(instance, field.name).name or None
        else:
            row[field.name] = field.value_from_object(instance)
    return row


# --- Export and erasure: finding a person's rows, and their name and addresses in free text ---------


def any_address(field, addresses):
    """A Q matching rows whose `field` is one of `addresses`, in any case (only invitations store
    addresses in lower case); matches nothing without addresses."""
    query = Q(pk__in=[])
    for address in addresses:
        query |= Q(**{f"{field}__iexact": address})
    return query


def mentions(fields, words):
    """A Q matching rows whose `fields` contain any of `words` (any case); matches nothing without words."""
    query = Q(pk__in=[])
    for word in filter(None, words):
        for field in fields:
            query |= Q(**{f"{field}__icontains": word})
    return query


def scrub(text, words, replacement):
    """`text` with every mention of each of `words` (any case, as a whole word: "Li Wu" is not replaced
    inside "Eli Wulff") replaced by `replacement`."""
    for word in filter(None, words):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", replacement, text, flags=re.IGNORECASE)
    return text
