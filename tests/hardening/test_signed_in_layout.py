"""The signed-in layout's floor (issue 20): who the person is and which role they hold come in one query,
and are kept between requests until a write changes them.

The navigation is on every page; it reads the role from the user and the role's object joined to it
(portal/signed_in_user.py), so a signed-in page pays the session and the user, and nothing more, before
its own content; once the person is kept, the session only. /privacy/ is the layout around static text
and is never cached for signed-in people.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eyeforai import write_watch
from hosts.models import HostMembership
from portal import signed_in_user
from portal.signed_in_user import SignedInUserBackend

# (fixture, a navigation link only that role sees)
ROLES = [
    ("talent", "My programme"),
    ("host_member", "Host dashboard"),
    ("participant", "My course"),
    ("facilitator", "My workshops"),
]


def layout_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("portal:privacy"))
    return response, [query["sql"] for query in queries]


@pytest.mark.parametrize(("role", "link"), ROLES)
def test_the_layout_costs_the_session_and_the_user_with_their_role(client, request, role, link):
    client.force_login(request.getfixturevalue(role))
    client.get(reverse("portal:privacy"))  # process-wide caches (content types) warmed first
    write_watch.new_generation(signed_in_user.GENERATION_KEY)  # the person kept by that request is stale
    response, queries = layout_queries(client)
    assert response.status_code == 200
    assert link in response.text
    # Tests keep sessions in the database (no shared cache): the session row, then the user joined to
    # every role object.
    assert len(queries) == 2, queries
    assert "django_session" in queries[0]
    assert '"accounts_user"' in queries[1]
    for table in ("talents_talentprofile", "hosts_hostmembership", "courses_participant", "courses_facilitator"):
        assert table in queries[1]


@pytest.mark.parametrize(("role", "link"), ROLES)
def test_once_kept_the_layout_costs_the_session_only(client, request, role, link):
    client.force_login(request.getfixturevalue(role))
    client.get(reverse("portal:privacy"))
    response, queries = layout_queries(client)
    assert response.status_code == 200
    assert link in response.text
    assert len(queries) == 1, queries
    assert "django_session" in queries[0]


@pytest.mark.parametrize(("role", "link"), ROLES)
def test_no_other_roles_links_are_shown(client, request, role, link):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("portal:privacy")).text
    assert [other for _, other in ROLES if other in page] == [link]


def test_a_membership_ended_takes_effect_on_the_next_request(client, host_member):
    client.force_login(host_member)
    assert "Host dashboard" in client.get(reverse("portal:privacy")).text
    HostMembership.objects.filter(user=host_member).delete()
    assert "Host dashboard" not in client.get(reverse("portal:privacy")).text
    assert client.get(reverse("portal:host_dashboard")).status_code in (302, 403, 404)


def test_the_backend_loads_no_one_for_a_deactivated_account(talent):
    talent.is_active = False
    talent.save(update_fields=["is_active"])
    assert SignedInUserBackend().get_user(talent.pk) is None
    assert SignedInUserBackend().get_user(10**9) is None
