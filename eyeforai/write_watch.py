"""Writes noted where the SQL is run, for the copies kept under a generation.

A kept copy (a person's overview, the signed-in person, a talent's days page, the published lessons) is
valid while its generation is the current one. Any INSERT, UPDATE or DELETE on a table the copy reads
starts a new generation. It is noted here, at the database connection, not by model signals, because
services write with QuerySet.update and bulk_create too, which send none. Each kind of copy registers its
generation key and the tables it reads with `watch()`, in its app's signals module; `watch_writes` (a
connection_created receiver, portal/signals.py) puts the one wrapper on every connection. `forget()`
deletes a person's copies when they are erased. The cache must be shared by every web and Celery process
(CACHE_URL=redis://…) for a write in one to reach the copies the others keep.

It lives in the core so that every app's kept copy can use it; it imports nothing of the apps.
"""

import logging
import re
import secrets
from functools import cache as cache_result

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

_WRITE = re.compile(r'^(?:INSERT INTO|UPDATE|DELETE FROM) "([^"]+)"')
# An UPDATE as Django writes it for QuerySet.update and save(update_fields): plain assignments, then WHERE.
_PLAIN_UPDATE = re.compile(r'^UPDATE "[^"]+" SET ((?:"\w+" = %s, )*"\w+" = %s) WHERE ')
_ASSIGNED = re.compile(r'"(\w+)" = %s')
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE")

# [(generation key, function returning the set of table names, function returning {table: columns no
# copy reads})]; both are asked for at the first write, once the app registry is ready.
_WATCHED = []


def _none():
    return {}


def watch(generation_key, tables, unread_columns=_none):
    """Start a new generation under `generation_key` whenever one of `tables()` is written, except by an
    UPDATE that sets only columns `unread_columns()[table]` names: a busy column no copy of this kind reads
    (a participant's last progress, written on every answer) would otherwise end every copy each time."""
    if (generation_key, tables, unread_columns) not in _WATCHED:
        _WATCHED.append((generation_key, tables, unread_columns))


@cache_result
def sign_in_columns():
    """{the user table: its last_login}: what every sign-in sets, which no kept page shows. Kinds of copy
    that read the users' names pass this as their `unread_columns`, so a sign-in rebuilds none of them."""
    return {apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table: frozenset({"last_login"})}


def _sets_only(sql, columns):
    """Does this write set nothing but `columns`? Only a plain UPDATE can say so; anything else counts."""
    if not columns or not sql.startswith("UPDATE"):
        return False
    plain = _PLAIN_UPDATE.match(sql)
    return plain is not None and set(_ASSIGNED.findall(plain.group(1))) <= columns


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


def forget(keys):
    """Delete the copies kept under `keys` (a person's, being erased): now, and again after commit,
    because a request in between may have kept a copy of the rows as they were before the change. A
    cache outage fails neither the change nor the commit; the copies then age out by their life."""
    keys = list(keys)
    _delete_now(keys)
    transaction.on_commit(lambda: _delete_now(keys), robust=True)


def _delete_now(keys):
    try:
        cache.delete_many(keys)
    except Exception:
        logger.exception("Could not delete the kept copies %s from the cache", keys)


def _note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not sql.startswith(_WRITE_VERBS):  # the reads, most queries, cost one comparison
        return result
    written = _WRITE.match(sql)
    if not written:
        return result
    connection = context["connection"]
    table = written.group(1)
    for key, tables, unread_columns in _WATCHED:
        if table in tables() and not _sets_only(sql, unread_columns().get(table)):
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
