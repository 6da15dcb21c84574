"""The header's two interactive parts on every page: the main navigation with its account links, and the
language switch (the portal's header and the admin's user links).

Built in Python rather than as two included templates of loops and conditions: they are on every page,
and the template engine's nodes cost about as much as the rest of a signed-in page's frame (issue 20).
The markup is what the templates drew; the words are the same msgids. What depends only on the language,
the script prefix and which links a person sees is built once per process and kept (a few dozen
variants); what is the request's own (its CSRF token, the page's address) is put in on every request.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import get_script_prefix
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from portal.navigation import LINKS, address, main_navigation

# Markup of our own, no text from anyone.
CURRENT_PAGE = mark_safe(' aria-current="page"')  # nosec B308 B703
# Where the CSRF field goes in a kept navigation; no label or address can contain it (our own msgids and
# reversed paths, no NUL in either).
TOKEN_MARK = mark_safe("\x00csrf\x00")  # nosec B308 B703


def _csrf_input(request):
    """The hidden CSRF field, made once per request: both forms share it (get_token masks anew each call)."""
    markup = getattr(request, "_header_csrf_input", None)
    if markup is None:
        markup = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
        request._header_csrf_input = markup
    return markup


def _signed_in(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def main_nav(request):
    """The main navigation (portal/navigation.py), then "Account" and "Sign out" for a signed-in person,
    or "Sign in" and "Apply" for a visitor."""
    signed_in = _signed_in(request)
    before, after = _main_nav_around_token(get_language(), get_script_prefix(), main_navigation(request), signed_in)
    # Escaped markup of our own around the escaped token field.
    return SafeString(before + _csrf_input(request) + after) if signed_in else SafeString(before)  # nosec B703


@lru_cache(maxsize=256)
def _main_nav_around_token(language, script_prefix, links, signed_in):
    """The navigation's markup before and after the sign-out form's CSRF field (after is empty for a
    visitor). Its arguments decide it: the active language (gettext reads it), the prefix `address`
    reverses under and the person's links; a few dozen variants a process."""
    items = format_html_join(
        "",
        '<li><a href="{}"{}>{}</a></li>',
        (
            (address(LINKS[index].url_name), CURRENT_PAGE if current else "", LINKS[index].label)
            for index, current in links
        ),
    )
    if signed_in:
        account = format_html(
            '<li><a href="{}">{}</a></li><li><form method="post" action="{}" class="inline-form" '
            'data-clears-drafts>{}<button type="submit" class="link-button">{}</button></form></li>',
            address("account_email"),
            _("Account"),
            address("account_logout"),
            TOKEN_MARK,
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
    before, _mark, after = format_html(
        '<nav aria-label="{}"><ul class="nav">{}{}</ul></nav>', _("Main"), items, account
    ).partition(TOKEN_MARK)
    return before, after


@cache
def _language_names():
    # Each language named in itself: the same whatever the page's language, so worked out once.
    return [(code, capfirst(get_language_info(code)["name_local"])) for code, _name in settings.LANGUAGES]


def language_switch(request):
    """One button per language in a plain form (no JavaScript); Django's set_language sets the cookie,
    and for a signed-in person it is also kept on the account (eyeforai/accounts/language.py). Only that
    post carries a CSRF token: a token here would keep every public page out of the page cache."""
    action, label, choices = _language_choices(get_language(), get_script_prefix())
    return format_html(
        '<form action="{}" method="post" class="language-switch">{}<input name="next" type="hidden" value="{}">'
        '<span class="visually-hidden">{}:</span>{}</form>',
        action,
        _csrf_input(request) if _signed_in(request) else "",
        request.get_full_path(),
        label,
        choices,
    )


@lru_cache(maxsize=32)
def _language_choices(current, script_prefix):
    """The switch's address, its hidden label and its buttons: the same on every page in one language."""
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
    return address("set_language"), _("Language"), choices


def header(request):
    """Context processor: `main_nav` and `language_switch`, each built only when a template shows it."""
    return {"main_nav": lambda: main_nav(request), "language_switch": lambda: language_switch(request)}
