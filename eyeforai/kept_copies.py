"""A page part shared by many requests, kept in the cache under a generation until a table it reads is written.

The generation is started anew by eyeforai/write_watch.py at every INSERT, UPDATE or DELETE on the tables
the kind of copy registers there (its app's signals.py, or portal's); this module is the reading side, low
enough for the apps' own pages (a host's talents, the workshop sessions) and portal's overviews to use.
A copy also ends at `valid_until`: the moment what it shows changes with the clock alone (a new day, a
session starting), and at the latest after KEEP_SECONDS, for writes made outside Django (psql, a restored
database). With the cache down the part is built every time and nothing is kept.

A copy is pickled: its key carries `shape()` of the classes it holds, so code deployed with a changed class
never reads a copy the code before it kept (as courses/lesson_cache.py's FORMAT).

A copy served to several people must hold no CSRF token: its forms carry `csrf_placeholder()` instead,
random per copy (so no text a person wrote can hold it), replaced by the reader's token on the way out.
"""

import dataclasses
import hashlib
import logging
import math
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import timezone

from eyeforai import write_watch

logger = logging.getLogger(__name__)

KEEP_SECONDS = 600


def shape(*classes):
    """A short digest of the dataclasses' names and fields, the same in every process of one deploy."""
    names = "|".join(f"{cls.__qualname__}:{','.join(f.name for f in dataclasses.fields(cls))}" for cls in classes)
    return hashlib.blake2b(names.encode(), digest_size=4).hexdigest()


def _read(generation_key, key):
    """(generation, copy or None), or (None, None) when the cache cannot be reached."""
    try:
        found = cache.get_many([generation_key, key])
        generation = write_watch.current_generation(found, generation_key)
    except Exception:
        # Whatever the backend raises (refused, timed out): the part is still built, only not kept.
        logger.exception("Could not read %s from the cache; building it from the database", key)
        return None, None
    return generation, found.get(key)


def kept(generation_key, key, build):
    """The value kept under `key` while `generation_key` holds the generation it was built in and its
    time lasts; else `build()`'s, kept. `build()` returns (value, valid_until or None): a picklable value
    and the first moment it may read differently without a write."""
    generation, copy = _read(generation_key, key)
    now = timezone.now()
    if copy is not None and copy[0] == generation and now < copy[1]:
        return copy[2]
    value, valid_until = build()
    latest = now + timedelta(seconds=KEEP_SECONDS)
    valid_until = latest if valid_until is None else min(valid_until, latest)
    if generation is not None and valid_until > now:
        try:
            timeout = max(1, math.ceil((valid_until - now).total_seconds()))
            cache.set(key, (generation, valid_until, value), timeout=timeout)
        except Exception:
            logger.exception("Could not keep %s in the cache", key)
    return value


def csrf_placeholder():
    """What a kept copy's forms carry instead of a CSRF token (see the module's docstring)."""
    return secrets.token_urlsafe(24)


def with_csrf_token(request, html, placeholder):
    """`html` with the request's own CSRF token where a kept copy holds `placeholder`."""
    return html.replace(placeholder, get_token(request)) if placeholder in html else html
