"""The talent's and the host member's overviews, rendered once and kept until something they show changes.

An overview reads some twenty tables and costs five times the bare signed-in page to build, while a
person opens it far more often than anything on it changes. Each person's copy (per language) is kept
under the current generation. Any INSERT, UPDATE or DELETE on a table of the apps an overview reads
starts a new generation: it is noted where the SQL is run (eyeforai/write_watch.py), not by model
signals, because services write with QuerySet.update and bulk_create too (a cohort's placements
confirmed at once, a ranking saved), which send none. What moves with the clock alone (a call opening
or closing, a ranking deadline, an invitation expiring, a new day) ends a copy's life at that moment:
`valid_until`. KEEP_SECONDS bounds it regardless, for writes made outside Django (psql, a restored
database). The cache must be shared by every web and Celery process (CACHE_URL=redis://…) for a write
in one to reach the copies the others keep, as for the public pages (portal/public/cache.py).
"""

import logging
import math
import secrets
from datetime import datetime, timedelta
from functools import cache as cache_result

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Min, Q
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from eyeforai import write_watch
from eyeforai.programme.models import Cohort

logger = logging.getLogger(__name__)

GENERATION_KEY = "overviews:generation"
KEEP_SECONDS = 600

# What the overviews read: the talent's and the host's own rows, rotations, cohorts and their periods,
# and people's names. Whole apps rather than a list of models, so a table an overview starts to read
# later is covered already; the rarer writes this also counts (a CV download) only cost a rebuild.
OVERVIEW_APPS = ["talents", "hosts", "rotations", "programme"]

# The kinds of overview kept, each under its own key per person and language; forget_person deletes
# these, so a new kind passed to kept_overview belongs here too.
OVERVIEW_KINDS = ("talent", "host")


@cache_result
def overview_tables():
    # Asked at the first write, once the app registry is ready.
    models = [apps.get_model(settings.AUTH_USER_MODEL)]
    for label in OVERVIEW_APPS:
        models += apps.get_app_config(label).get_models(include_auto_created=True)
    return frozenset(model._meta.db_table for model in models)


def _next_clock_change(now, moments):
    """The first moment after `now` at which an overview may read differently with no write: the next
    local midnight, a cohort's call opening or closing or its ranking deadline (one query), or one of
    `moments` the overview itself shows."""
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    candidates = [
        timezone.make_aware(datetime.combine(tomorrow, datetime.min.time())),
        now + timedelta(seconds=KEEP_SECONDS),
    ]
    fields = ["applications_open_at", "application_deadline", "preference_deadline"]
    soonest = Cohort.objects.aggregate(**{field: Min(field, filter=Q(**{f"{field}__gt": now})) for field in fields})
    candidates += [moment for moment in soonest.values() if moment is not None]
    candidates += [moment for moment in moments if moment > now]
    return min(candidates)


def _key(kind, user_pk, language):
    return f"overviews:{kind}:{user_pk}:{language}"


def _read(key):
    """(generation, copy or None) from the cache, or (None, None) when the cache cannot be reached."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = write_watch.current_generation(found, GENERATION_KEY)
    except Exception:
        logger.exception("Could not read the overview from the cache; building it from the database")
        # Whatever the backend raises (refused, timed out): the page is still built, only not kept.
        return None, None
    return generation, found.get(key)


def _keep(key, copy, *, timeout):
    try:
        cache.set(key, copy, timeout=timeout)
    except Exception:
        logger.exception("Could not keep the overview in the cache")


def kept_overview(request, kind, build):
    """The HTML of `request.user`'s overview of `kind`, from the cache when nothing it shows has changed.

    `build()` returns (template name, context, moments): the context is rendered without the request's
    context processors (the template gets `request` and `user` from it), and `moments` are the instants
    at which what it shows changes by itself (an invitation expiring). With the cache down the overview
    is built from the database every time.
    """
    key = _key(kind, request.user.pk, get_language())
    generation, copy = _read(key)
    now = timezone.now()
    if copy is not None and copy[0] == generation and now < copy[1]:
        html, placeholder = copy[2], copy[3]
    else:
        # A copy serves many requests, each with its own CSRF token: its forms carry a placeholder,
        # replaced on the way out. Random per copy, so no text a person wrote (a website, a name) can
        # hold it and be given the reader's token.
        placeholder = secrets.token_urlsafe(24)
        template_name, context, moments = build()
        context = {**context, "request": request, "user": request.user, "csrf_token": placeholder}
        html = render_to_string(template_name, context)
        if generation is not None:
            valid_until = _next_clock_change(now, moments)
            timeout = max(1, math.ceil((valid_until - now).total_seconds()))
            _keep(key, (generation, valid_until, html, placeholder), timeout=timeout)
    if placeholder in html:
        html = html.replace(placeholder, get_token(request))
    # Safe: our own template rendered it, escaping what it shows.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def forget_person(user_pk):
    """Delete the person's kept overviews, of every kind and language (their account is being erased:
    the copies show their name and their work), now and after commit (write_watch.forget)."""
    write_watch.forget(
        _key(kind, user_pk, language) for kind in OVERVIEW_KINDS for language, _name in settings.LANGUAGES
    )
