"""The header's two interactive parts on every page: the main navigation with its account links, and the
language switch (the portal's header and the admin's user links).

Built in Python rather than as two included templates of loops and conditions: they are on every page,
and the template engine's nodes cost about as much as the rest of a signed-in page's frame (issue 20).
The markup is what the templates drew; the words are the same msgids.
"""

from functools import cache

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from portal.navigation import address, main_navigation

# Markup of our own, no text from anyone.
CURRENT_PAGE = mark_safe(' aria-current="page"')  # nosec B308 B703


def _csrf_input(request):
    """The hidden CSRF input of the header's forms (sign out, the language switch): built once per request,
    since each get_token call masks the token anew and one masked token serves every form of a page."""
    try:
        return request._header_csrf_input
    except AttributeError:
        field = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        request._header_csrf_input = field
        return field


def _signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def main_nav(request):
    """The main navigation (portal/navigation.py), then "Account" and "Sign out" for a signed-in person,
    or "Sign in" and "Apply" for a visitor."""
    links = format_html_join(
        "",
        '<li><a href="{}"{}>{}</a></li>',
        ((url, CURRENT_PAGE if current else "", label) for label, url, current in main_navigation(request)),
    )
    if _signed_in(request):
        account = format_html(
            '<li><a href="{}">{}</a></li><li><form method="post" action="{}" class="inline-form" '
            'data-clears-drafts>{}<button type="submit" class="link-button">{}</button></form></li>',
            address("account_email"),
            _("Account"),
            address("account_logout"),
            _csrf_input(request),
            _("Sign out"),
        )
    else:
        account = format_html(
            '<li><a href="{}">{}</a></li><li><a class="button button-small" href="{}">{}</a></li>',
            address("account_login"),
            _("Sign in"),
            address("account_signup"),
            _("Apply: create an account"),
        )
    return format_html('<nav aria-label="{}"><ul class="nav">{}{}</ul></nav>', _("Main"), links, account)


@cache
def _language_names():
    # Each language named in itself: the same whatever the page's language, so worked out once.
    return [(code, capfirst(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES]


def language_switch(request):
    """One button per language in a plain form (no JavaScript); Django's set_language sets the cookie,
    and for a signed-in person it is also kept on the account (eyeforai/accounts/language.py). Only that
    post carries a CSRF token: a token here would keep every public page out of the page cache."""
    current = get_language()
    choices = format_html_join(
        "",
        "{}",
        (
            (
                format_html('<span class="language-current" lang="{}" aria-current="true">{}</span>', code, name)
                if code == current
                else format_html(
                    '<button type="submit" name="language" value="{}" lang="{}" class="link-button">{}</button>',
                    code,
                    code,
                    name,
                ),
            )
            for code, name in _language_names()
        ),
    )
    return format_html(
        '<form action="{}" method="post" class="language-switch">{}<input name="next" type="hidden" value="{}">'
        '<span class="visually-hidden">{}:</span>{}</form>',
        address("set_language"),
        _csrf_input(request) if _signed_in(request) else "",
        request.get_full_path(),
        _("Language"),
        choices,
    )


def header(request):
    """Context processor: `main_nav` and `language_switch`, each built only when a template shows it."""
    return {"main_nav": lambda: main_nav(request), "language_switch": lambda: language_switch(request)}
