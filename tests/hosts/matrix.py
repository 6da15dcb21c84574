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
        "participant": NOT_FOUND,
        "other_participant": NOT_FOUND,
        "course_manager": NOT_FOUND,
    }
    return Expect(**{**answers, **overrides})


def project_url(name):
    return lambda fixture: reverse(name, args=[fixture("host_project").uuid])


ENTRIES = {
    "portal:host_list": public(),
    "portal:host_page": public(
        url=lambda fixture: reverse("portal:host_page", args=[fixture("host_organization").slug])
    ),
    "portal:project_page": public(
        url=lambda fixture: reverse(
            "portal:project_page", args=[fixture("host_organization").slug, fixture("public_host_project").uuid]
        )
    ),
    "hosts_public:interest": public(),
    "hosts_public:interest_thanks": public(),
    "portal:host_dashboard": members_only(),
    "hosts_members:profile": members_only(),
    "hosts_members:projects": members_only(),
    "hosts_members:project_create": members_only(),
    "hosts_members:project_detail": members_only(
        other_host_member=NOT_FOUND, url=project_url("hosts_members:project_detail")
    ),
    "hosts_members:project_edit": members_only(
        other_host_member=NOT_FOUND, url=project_url("hosts_members:project_edit")
    ),
    "hosts_members:project_submit": members_only(
        host_member=REDIRECT,
        other_host_member=NOT_FOUND,
        method="post",
        url=project_url("hosts_members:project_submit"),
    ),
    "hosts_members:project_withdraw": members_only(
        host_member=REDIRECT,
        other_host_member=NOT_FOUND,
        method="post",
        url=project_url("hosts_members:project_withdraw"),
    ),
    "hosts_members:account": members_only(),
    "hosts_members:invite": members_only(),
    "hosts_members:invitation_withdraw": members_only(
        host_member=REDIRECT,
        other_host_member=NOT_FOUND,
        method="post",
        url=lambda fixture: reverse("hosts_members:invitation_withdraw", args=[fixture("host_invitation").uuid]),
    ),
    # The invitation page answers everyone: it explains what to do for who you are. A member of the
    # inviting organisation is sent on to its overview.
    "hosts_members:invitation": public(
        host_member=REDIRECT,
        url=lambda fixture: reverse("hosts_members:invitation", args=[fixture("host_invitation").token]),
    ),
    "portal:capacity": managers_only(),
}
