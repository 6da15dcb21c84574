"""The main navigation in every page's header: which links a person sees and which marks the page.

Built in Python rather than as a template of conditions: it is on every page, and Django's template
engine spends more on fourteen {% url %} tags and forty nested lookups of `request.resolver_match`
than the rest of an empty page costs (issue 20). The roles come with the signed-in user
(portal/signed_in_user.py), so nothing here queries, except the programme-manager check for staff.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from courses.access import is_facilitator, is_participant
from eyeforai.accounts.roles import is_programme_manager
from hosts.access import is_host_member
from talents.access import is_talent


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    shown: Callable  # user -> bool
    current: Callable  # (request, match) -> bool: this link's section holds the page


def everyone(user):
    return True


def in_namespace(*namespaces):
    return lambda request, match: match.namespace in namespaces


def at_views(*view_names):
    return lambda request, match: match.view_name in view_names


def host_overview_section(request, match):
    # The organisation's own pages (profile, members) belong to the overview; its projects have their own link.
    return match.view_name == "portal:host_dashboard" or (
        match.namespace == "hosts_members" and "project" not in match.url_name
    )


def host_projects_section(request, match):
    return match.namespace == "hosts_members" and "project" in match.url_name


def course_section(request, match):
    return match.namespace == "courses" and match.url_name != "course"


def holds_a_role(user):
    return bool(user.role) or is_talent(user) or is_host_member(user)


LINKS = [
    Link(_("Programme"), "portal:home", everyone, at_views("portal:home")),
    Link(
        _("Hosts"),
        "portal:host_list",
        everyone,
        lambda request, match: (
            match.namespace == "hosts_public"
            or match.view_name in ("portal:host_list", "portal:host_page", "portal:project_page")
        ),
    ),
    Link(_("Leaders’ course"), "courses:course", everyone, at_views("courses:course")),  # noqa: RUF001 - typographic
    Link(_("Blog"), "blog:index", everyone, in_namespace("blog")),
    Link(_("Host dashboard"), "portal:host_dashboard", is_host_member, host_overview_section),
    Link(_("Projects"), "hosts_members:projects", is_host_member, host_projects_section),
    Link(_("Our talents"), "rotations_host:talents", is_host_member, in_namespace("rotations_host")),
    Link(_("Posts in review"), "blog_host:posts", is_host_member, in_namespace("blog_host")),
    Link(_("My programme"), "portal:talent_dashboard", is_talent, at_views("portal:talent_dashboard")),
    Link(_("Application"), "talents:application", is_talent, at_views("talents:application")),
    Link(_("AI Sweden days"), "talents:days", is_talent, at_views("talents:days")),
    Link(_("My blog posts"), "blog_talent:posts", is_talent, in_namespace("blog_talent")),
    Link(_("My course"), "courses:overview", is_participant, course_section),
    Link(_("My workshops"), "facilitators:sessions", is_facilitator, in_namespace("facilitators")),
    Link(_("Your data"), "portal:your_data", holds_a_role, at_views("portal:your_data")),
    Link(_("Programme admin"), "admin:index", is_programme_manager, lambda request, match: False),
]


_addresses = {}


def address(url_name):
    """reverse(url_name), kept per script prefix: the links take no arguments, so their addresses only
    change with the prefix the site is mounted under."""
    key = (get_script_prefix(), url_name)
    if key not in _addresses:
        _addresses[key] = reverse(url_name)
    return _addresses[key]


def main_navigation(request):
    """((index in LINKS, is_current), ...) for this person, in the header's order: what decides the
    navigation's markup, so the header keeps one copy per answer and language (portal/header.py).
    "Account" and signing in or out are the header's, as they are forms and buttons."""
    # A page refused before the authentication middleware ran (a 400 for a bad address) has no user.
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    signed_in = user is not None and user.is_authenticated
    return tuple(
        (index, match is not None and link.current(request, match))
        for index, link in enumerate(LINKS)
        if link.shown is everyone or (signed_in and link.shown(user))
    )
