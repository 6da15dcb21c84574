"""Who gets what on the portal's "Your data" URLs (merged into tests/test_access_matrix.py).

Talents and host members each reach their own data; managers have no such page (their accounts are
the admin's) and get a 404 like anyone without the role.
"""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, Expect, managers_only

REDIRECT = 302


def person_page(**overrides):
    values = {
        "anonymous": LOGIN,
        "talent": OK,
        "other_talent": OK,
        "host_member": OK,
        "other_host_member": OK,
        "manager": NOT_FOUND,
        # A participant's data is theirs to read, download and erase like anyone's with a role.
        "participant": OK,
        "other_participant": OK,
        "course_manager": NOT_FOUND,
    }
    return Expect(**{**values, **overrides})


ENTRIES = {
    "portal:your_data": person_page(),
    "portal:download_data": person_page(),
    # Posted without ticking "I understand": the page again with the error, nothing asked.
    "portal:request_erasure": person_page(method="post"),
    # The talent's own request: they take it back; anyone else's answer is 404.
    "portal:cancel_erasure": Expect(
        anonymous=LOGIN,
        talent=REDIRECT,
        other_talent=NOT_FOUND,
        host_member=NOT_FOUND,
        other_host_member=NOT_FOUND,
        manager=NOT_FOUND,
        participant=NOT_FOUND,
        other_participant=NOT_FOUND,
        course_manager=NOT_FOUND,
        method="post",
        url=lambda fixture: reverse("portal:cancel_erasure", args=[fixture("talent_erasure_request").uuid]),
    ),
    # The admin index with the programme at a glance (portal/glance_admin.py).
    # Any staff member's start in the admin: a course manager gets the stock index with the course's apps.
    "portal:admin_index": managers_only(course_manager=OK),
}
