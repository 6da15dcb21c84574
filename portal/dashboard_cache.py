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

from datetime import datetime, timedelta
from functools import cache as cache_result

from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from eyeforai import write_watch
from eyeforai.kept_copies import csrf_placeholder, kept, with_csrf_token
from eyeforai.programme.models import Cohort

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
    deadline = Cohort.objects.next_deadline_after(now)
    candidates += [deadline] if deadline is not None else []
    candidates += [moment for moment in moments if moment > now]
    return min(candidates)


def _key(kind, user_pk, language):
    # v2: the copy is kept_copies.kept's (generation, valid_until, (html, placeholder)).
    return f"overviews:v2:{kind}:{user_pk}:{language}"


def kept_overview(request, kind, build):
    """The HTML of `request.user`'s overview of `kind`, from the cache when nothing it shows has changed
    (eyeforai/kept_copies.py: with the cache down it is built from the database every time).

    `build()` returns (template name, context, moments): the context is rendered without the request's
    context processors (the template gets `request` and `user` from it), and `moments` are the instants
    at which what it shows changes by itself (an invitation expiring).
    """

    def build_copy():
        placeholder = csrf_placeholder()
        template_name, context, moments = build()
        context = {**context, "request": request, "user": request.user, "csrf_token": placeholder}
        return (render_to_string(template_name, context), placeholder), _next_clock_change(timezone.now(), moments)

    html, placeholder = kept(GENERATION_KEY, _key(kind, request.user.pk, get_language()), build_copy)
    # Safe: our own template rendered it, escaping what it shows; the token put in is Django's.
    return mark_safe(with_csrf_token(request, html, placeholder))  # noqa: S308  # nosec B308 B703


def forget_person(user_pk):
    """Delete the person's kept overviews, of every kind and language (their account is being erased:
    the copies show their name and their work), now and after commit (write_watch.forget)."""
    write_watch.forget(
        _key(kind, user_pk, language) for kind in OVERVIEW_KINDS for language, _name in settings.LANGUAGES
    )
