"""Whole-page cache for what anonymous visitors read (`/`, `/hosts/`, each host's and project's page),
invalidated on change.

A public page is the same for every visitor, and it is the page a crowd hits. Each cached copy is
keyed by a generation number; saving or deleting any model a public page shows (portal/signals.py)
starts a new generation, so no visitor sees a page
older than the last change. Pages that depend on the clock (a call closing at its deadline) are
bounded by PUBLIC_PAGE_SECONDS instead. The cache must be shared by every web process (CACHE_URL=redis://…) for
that to hold across processes; PUBLIC_PAGE_SECONDS bounds a copy's life regardless.
"""

import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import URLPattern
from django.utils.translation import get_language

GENERATION_KEY = "public-pages:generation"


def new_generation():
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _cacheable_request(request):
    # Signed-in people see their own navigation; a pending message or a query string makes a page
    # particular. Reading request.user without a session cookie costs no query.
    return (
        request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def cache_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # One round trip: the current generation and this page's copy, which names its generation.
        key = f"public-page:{get_language()}:{request.path}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)
        cached = found.get(key)
        if cached is not None and cached[0] == generation:
            return HttpResponse(cached[1], content_type=cached[2])
        response = view(request, *args, **kwargs)
        # A template response (the sitemap's) is rendered by the handler after the view; its copy needs it now.
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        # A page that set a cookie (a CSRF token for a form) is particular to this visitor.
        # A file (a published post's image) streams and has its own cache headers: it is not copied here.
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            copy = (generation, response.content, response["Content-Type"])
            cache.set(key, copy, timeout=settings.PUBLIC_PAGE_SECONDS)
        return response

    return wrapper


def cache_public_patterns(patterns):
    """`patterns` (an app's public urls, such as the blog's) with each view wrapped by cache_public_page.
    The app cannot wrap them itself: the cache and its invalidation live in this, the top, layer."""
    return [
        URLPattern(pattern.pattern, cache_public_page(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]
