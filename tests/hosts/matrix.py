"""Access-matrix entries for every hosts URL (merged in tests/test_access_matrix.py).

Member pages: anonymous → sign in; people who are not host members → 404; a member of another
organisation sees their own dashboard but gets 404 for host_member's project.
"""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, Expect, managers_only, public

REDIRECT = 302  # an action that worked and sends the member back to the project


def members_only(**overrides):
    answers = {
        "anonymous": LOGIN,
        "talent": NOT_FOUND,
        "other_talent": NOT_FOUND,
        "host_member": OK,
        "other_host_member": OK,
        "manager": NOT_FOUND,
    }
    return Expect(**{**answers, **overrides})


def project_url(name):
    return lambda fixture: reverse(name, args=[fixture("host_project").uuid])


ENTRIES = {
    "hosts:list": public(),
    "hosts:interest": public(),
    "hosts:interest_thanks": public(),
    "host:dashboard": members_only(),
    "host:profile": members_only(),
    "host:projects": members_only(),
    "host:project_create": members_only(),
    "host:project_detail": members_only(other_host_member=NOT_FOUND, url=project_url("host:project_detail")),
    "host:project_edit": members_only(other_host_member=NOT_FOUND, url=project_url("host:project_edit")),
    "host:project_submit": members_only(
        host_member=REDIRECT, other_host_member=NOT_FOUND, method="post", url=project_url("host:project_submit")
    ),
    "host:project_withdraw": members_only(
        host_member=REDIRECT, other_host_member=NOT_FOUND, method="post", url=project_url("host:project_withdraw")
    ),
    # The invitation page answers everyone: it explains what to do for who you are.
    "host:invitation": public(url=lambda fixture: reverse("host:invitation", args=[fixture("host_invitation").token])),
    "admin:hosts_project_capacity": managers_only(),
}
