"""Which URL patterns the project defines itself, and how to call each one for the access matrix."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Our code lives in these packages; patterns whose view comes from elsewhere (Django's stock admin,
# allauth, set_language) are theirs to test.
PROJECT_PACKAGES = ("eyeforai.", "talents.", "hosts.", "rotations.", "portal.", "courses.", "blog.")

OK = 200
LOGIN = "login"  # a redirect to the sign-in page
SIGNUP = "signup"  # a redirect to the sign-up page (joining the course starts there)
FORBIDDEN = 403  # staff in the admin without the permission the page needs
NOT_FOUND = 404
NOT_ALLOWED = 405
# An Expect field's default for the facilitators: "whatever `participant` gets". A facilitator, like a
# participant, is a signed-in person who is neither talent, host member nor staff, so on the programme's
# pages and the admin they get the same answer; entries where the two differ (the course's participant
# pages, the facilitator pages) say so.
AS_PARTICIPANT = "as participant"


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or "" for an unnamed pattern
    pattern: str
    module: str


def _view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def project_routes(urlconf=None):
    routes = []

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                nested = namespace
                if entry.namespace:
                    nested = f"{namespace}{entry.namespace}:"
                walk(entry.url_patterns, prefix + str(entry.pattern), nested)
            elif isinstance(entry, URLPattern):
                module = _view_module(entry.callback)
                if module.startswith(PROJECT_PACKAGES):
                    name = f"{namespace}{entry.name}" if entry.name else ""
                    routes.append(Route(name=name, pattern=prefix + str(entry.pattern), module=module))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return routes


@dataclass(frozen=True)
class Expect:
    """The answer each role gets for one URL pattern."""

    anonymous: object
    talent: object
    other_talent: object
    host_member: object
    other_host_member: object
    manager: object
    # The leaders course (courses/): two participants, and staff in the "Course managers" group. No
    # default: every entry says what they get (on /talent/… a participant is a signed-in non-talent,
    # on the programme's admin pages a course manager is staff without the permission).
    participant: object
    other_participant: object
    course_manager: object
    # The course's workshop facilitators (role "facilitator"): `facilitator` runs `facilitated_session`,
    # `other_facilitator` runs another. Unless an entry says otherwise, the participant's answer.
    facilitator: object = AS_PARTICIPANT
    other_facilitator: object = AS_PARTICIPANT
    # Builds the URL; receives `fixture(name)` to get objects from pytest fixtures.
    url: Callable | None = None
    method: str = "get"
    data: dict = field(default_factory=dict)

    def for_role(self, role):
        answer = getattr(self, role)
        return self.participant if answer == AS_PARTICIPANT else answer

    def build_url(self, name, fixture):
        return self.url(fixture) if self.url else reverse(name)


def public(**overrides):
    return Expect(**{**dict.fromkeys(ROLES, OK), **overrides})


def managers_only(**overrides):
    """Programme-admin views: people who are not staff are sent to sign in (Django admin's own behaviour);
    a course manager is staff without the programme's permissions, refused with a 403."""
    return Expect(**{**dict.fromkeys(ROLES, LOGIN), "manager": OK, "course_manager": FORBIDDEN, **overrides})


def course_managers_only(**overrides):
    """The course's admin views: the same, the other way round (a programme manager holds no course grant)."""
    return Expect(**{**dict.fromkeys(ROLES, LOGIN), "course_manager": OK, "manager": FORBIDDEN, **overrides})


ROLES = [
    "anonymous",
    "talent",
    "other_talent",
    "host_member",
    "other_host_member",
    "manager",
    "participant",
    "other_participant",
    "course_manager",
    "facilitator",
    "other_facilitator",
]
