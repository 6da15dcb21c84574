"""Writes noted where the SQL is run, for the copies kept under a generation.

A kept copy (a person's overview, the signed-in person) is valid while its generation is the current
one. Any INSERT, UPDATE or DELETE on a table the copy reads starts a new generation. It is noted here,
at the database connection, not by model signals, because services write with QuerySet.update and
bulk_create too, which send none. Each kind of copy registers its generation key and the tables it
reads with `watch()`; `watch_writes` (a connection_created receiver, portal/signals.py) puts the one
wrapper on every connection. The cache must be shared by every web and Celery process
(CACHE_URL=redis://…) for a write in one to reach the copies the others keep.
"""

import logging
import re
import secrets

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

_WRITE = re.compile(r'^(?:INSERT INTO|UPDATE|DELETE FROM) "([^"]+)"')
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")

# [(generation key, function returning the set of table names)]; tables are asked for at the first
# write, once the app registry is ready.
_WATCHED = []


def watch(generation_key, tables):
    """Start a new generation under `generation_key` whenever one of `tables()` is written."""
    _WATCHED.append((generation_key, tables))


def new_generation(key):
    # Random, not the clock: two writes within one tick of a coarse or frozen clock (time_machine) must
    # still give two generations. Generations are only ever compared for equality.
    cache.set(key, secrets.token_hex(8), timeout=None)


def current_generation(found, key):
    """The generation in `found` (a get_many result holding `key`), set now if the cache has none."""
    return found.get(key) or cache.get_or_set(key, lambda: secrets.token_hex(8), timeout=None)


def _new_generation_now(key):
    # A cache outage must not fail the write that asked for it; the copies then age out by their life.
    try:
        new_generation(key)
    except Exception:
        logger.exception("Could not start a new generation of %s", key)


def _note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not sql.startswith(_WRITE_VERBS):  # the reads, most queries, cost one comparison
        return result
    written = _WRITE.match(sql)
    if not written:
        return result
    connection = context["connection"]
    for key, tables in _WATCHED:
        if written.group(1) in tables():
            # Now, for a read later in the same transaction (and every test, which never commits); and
            # again after commit, because a request in between may have kept the rows as they were.
            _new_generation_now(key)
            if connection.in_atomic_block:
                transaction.on_commit(lambda key=key: new_generation(key), using=connection.alias, robust=True)
    return result


def watch_writes(sender, connection, **kwargs):
    """connection_created receiver: every new database connection notes its writes."""
    if _note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_writes)
