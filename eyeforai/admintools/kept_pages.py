"""Admin pages a manager reloads far more often than what they show changes, kept per person, language and
address until a table they read is written.

The application list and the rotation board cost ten times the bare signed-in page to build (Django's
change list machinery, fifty rows of four joined models; a cohort's rows of placements), and a manager
goes back to them after every application or placement they open. A GET of such a page is kept whole
(eyeforai/kept_copies.py) under one generation, which any INSERT, UPDATE or DELETE on the tables of
READ_APPS, the users (not a sign-in's `last_login`) and the groups and permissions ends (watched from
portal/signals.py, so Celery's writes count too). The copy is the person's own (their name, their links
and actions) and its forms carry a placeholder where each request puts its own CSRF token. A POST, a page
with messages to show and any answer but a 200 are built every time and never kept. What the page shows
must not move with the clock alone: neither page's does.

The caller checks who is asking before it asks for a copy: the copy holds no permission check.
"""

import hashlib
import re
from functools import cache as cache_result

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language

from eyeforai.kept_copies import csrf_placeholder, kept, with_csrf_token

GENERATION_KEY = "admin-pages:generation"
# Part of each copy's key: a release that changes what a copy holds raises it.
PAGE_FORMAT = 1

# The apps whose tables the kept pages read, with the user's and the permissions' (auth).
READ_APPS = ["talents", "programme", "rotations", "hosts", "auth"]

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


@cache_result
def read_tables():
    # Asked at the first write, once the app registry is ready. With the user model come its groups'
    # and permissions' link tables (auto-created).
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    models = list(apps.get_app_config(user_model._meta.app_label).get_models(include_auto_created=True))
    for label in READ_APPS:
        models += apps.get_app_config(label).get_models(include_auto_created=True)
    return frozenset(model._meta.db_table for model in models)


def _key(request, name):
    address = hashlib.blake2b(request.get_full_path().encode(), digest_size=12).hexdigest()
    return f"admin-pages:v{PAGE_FORMAT}:{name}:{request.user.pk}:{get_language()}:{address}"


def kept_admin_page(request, name, build):
    """`build()`'s response (an admin view's, usually a TemplateResponse) or, for a GET, the copy of it kept
    for this person, language and address while nothing it shows has changed."""
    if request.method != "GET" or len(messages.get_messages(request)):
        return build()  # messages are shown once, by the page that takes them
    started = timezone.now()
    built = []

    def build_copy():
        response = build()
        built.append(response)
        if hasattr(response, "render"):
            response.render()
        if response.status_code != 200 or response.streaming:
            # Not kept: kept() keeps a value only while it is valid after the moment it was asked.
            return None, started
        placeholder = csrf_placeholder()
        html = _TOKEN.sub(lambda token: f"{token[1]}{placeholder}{token[2]}", response.content.decode())
        return (html, placeholder), None

    copy = kept(GENERATION_KEY, _key(request, name), build_copy)
    if built:
        return built[0]  # built by this request: its own response, with its own token
    html, placeholder = copy
    response = HttpResponse(with_csrf_token(request, html, placeholder))
    add_never_cache_headers(response)  # as Django's admin views answer
    return response
