"""Every URL pattern the project defines, called as every role, gets the answer listed here.

A new pattern without an entry fails `test_every_project_url_has_an_entry`: decide who may see it.
"""

import pytest
from django.urls import reverse

from tests.access import LOGIN, NOT_ALLOWED, NOT_FOUND, OK, ROLES, SIGNUP, Expect, managers_only, project_routes, public
from tests.blog import matrix as blog_matrix
from tests.courses import matrix as courses_matrix
from tests.factories import OutboundEmailFactory
from tests.hosts import matrix as hosts_matrix
from tests.portal import matrix as portal_matrix
from tests.rotations import matrix as rotations_matrix
from tests.talents import matrix as talents_matrix

# Every admin's History page is Django's view with the object's activity added to it
# (eyeforai/activity/admin_history.py): for staff only; an id that matches nothing sends them back before
# any permission is asked (Django's order), so both kinds of manager get the redirect here. A course
# manager on a real programme object is refused: see admin:talents_application_history.
HISTORY_PAGES = {
    route.name: managers_only(
        manager=302, course_manager=302, url=lambda fixture, name=route.name: reverse(name, args=["0"])
    )
    for route in project_routes()
    if route.name.startswith("admin:") and route.name.endswith("_history")
}

CORE = {
    **HISTORY_PAGES,
    "admin:talents_application_history": managers_only(
        url=lambda fixture: reverse("admin:talents_application_history", args=[fixture("talent_application").pk])
    ),
    "admin:activity_activityentry_export": managers_only(),
    "portal:home": public(),
    "portal:privacy": public(),
    "healthz": public(),
    # The language switcher: anyone may choose; it answers with a redirect back (tests/i18n/).
    "set_language": Expect(**dict.fromkeys(ROLES, 302), method="post", data={"language": "sv", "next": "/"}),
    # Staff without the permission to view emails get a 404 (eyeforai/mail/admin.py), not a 403.
    "admin:mail_outboundemail_preview": managers_only(
        course_manager=NOT_FOUND,
        url=lambda fixture: reverse("admin:mail_outboundemail_preview", args=[fixture("outbound_email").pk]),
    ),
    # The admin's sign-in is allauth's (eyeforai/admintools/site.py): signed-in people who are not
    # staff are refused, a manager already signed in goes on to the admin index.
    "admin:login": Expect(**{**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, "manager": 302, "course_manager": 302}),
}

# Each app lists its own patterns in tests/<app>/matrix.py (ENTRIES) and is merged here.
MATRIX = {
    **CORE,
    **talents_matrix.ENTRIES,
    **hosts_matrix.ENTRIES,
    **rotations_matrix.ENTRIES,
    **portal_matrix.ENTRIES,
    **courses_matrix.ENTRIES,
    **blog_matrix.ENTRIES,
}


@pytest.fixture
def outbound_email(db):
    return OutboundEmailFactory(body_html="<p>Hello</p>")


def test_every_project_url_has_an_entry():
    routes = project_routes()
    unnamed = [route.pattern for route in routes if not route.name]
    assert not unnamed, f"Name these URL patterns so the access matrix can list them: {unnamed}"
    missing = sorted({route.name for route in routes} - MATRIX.keys())
    assert not missing, f"Add these URL patterns to the access matrix with each role's answer: {missing}"
    stale = sorted(MATRIX.keys() - {route.name for route in routes})
    assert not stale, f"The access matrix lists patterns that no longer exist: {stale}"


def test_a_new_url_without_an_entry_is_caught(settings):
    """The guard itself: a urlconf with one more project view is reported as missing."""
    settings.ROOT_URLCONF = "tests.core.urls_with_extra_page"
    names = {route.name for route in project_routes()}
    assert "unlisted-extra" in names
    assert "unlisted-extra" not in MATRIX


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(db, name, role, client_for, request):
    expected = MATRIX[name].for_role(role)
    entry: Expect = MATRIX[name]
    url = entry.build_url(name, request.getfixturevalue)
    client = client_for(role)
    response = getattr(client, entry.method)(url, entry.data)
    if expected == LOGIN:
        assert response.status_code == 302, f"{role} on {url}: expected a redirect to sign in"
        assert response["Location"].startswith((reverse("account_login"), reverse("admin:login"))), response["Location"]
    elif expected == SIGNUP:
        assert response.status_code == 302, f"{role} on {url}: expected a redirect to sign up"
        assert response["Location"].startswith(reverse("account_signup")), response["Location"]
    else:
        assert response.status_code == expected, f"{role} on {url}: got {response.status_code}, expected {expected}"
    if expected == OK:
        body = b"".join(response.streaming_content) if response.streaming else response.content  # file downloads
        assert body, f"{role} on {url}: empty page"


def test_not_allowed_constant_is_used_for_wrong_methods(client):
    response = client.post(reverse("portal:home"))
    assert response.status_code == NOT_ALLOWED


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_or_unfinished_statement_code_is_a_404_for_everyone(db, role, client_for, participant):
    """verify/<code>/ answers only for a completed part 1; an unfinished one looks like an unknown code."""
    client = client_for(role)
    unknown = client.get(reverse("courses:verify", args=["00000000-0000-4000-8000-000000000000"]))
    unfinished = client.get(reverse("courses:verify", args=[participant.course_participant.certificate_code]))
    assert (unknown.status_code, unfinished.status_code) == (404, 404)
