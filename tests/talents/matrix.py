"""Who gets what on each talents URL (merged into tests/test_access_matrix.py)."""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, Expect, managers_only

REDIRECT = 302  # an action that worked and sent the talent back to a page


def talent_page(**overrides):
    """Talents' own pages: each talent sees their own; anyone else signed in gets a 404."""
    values = {
        "anonymous": LOGIN,
        "talent": OK,
        "other_talent": OK,
        "host_member": NOT_FOUND,
        "other_host_member": NOT_FOUND,
        "manager": NOT_FOUND,
        # Course participants and course managers are signed in without the talent role.
        "participant": NOT_FOUND,
        "other_participant": NOT_FOUND,
        "course_manager": NOT_FOUND,
    }
    return Expect(**{**values, **overrides})


def owner_only(url, *, owner=OK, manager=NOT_FOUND, method="get"):
    """An object of the `talent` fixture's: the owner acts on it, others (the other talent too) get 404."""
    return Expect(
        anonymous=LOGIN,
        talent=owner,
        other_talent=NOT_FOUND,
        host_member=NOT_FOUND,
        other_host_member=NOT_FOUND,
        manager=manager,
        participant=NOT_FOUND,
        other_participant=NOT_FOUND,
        course_manager=NOT_FOUND,
        url=url,
        method=method,
    )


ENTRIES = {
    "portal:talent_dashboard": talent_page(),
    "talents:profile": talent_page(),
    "talents:application": talent_page(),
    "talents:days": talent_page(),
    # An empty absence form: re-rendered with its errors, nothing saved.
    "talents:absence_create": talent_page(method="post"),
    "talents:application_withdraw": owner_only(
        lambda fixture: reverse("talents:application_withdraw", args=[fixture("talent_application").uuid]),
        owner=REDIRECT,
        method="post",
    ),
    # Not withdrawn: refused with a message, back to the application page.
    "talents:application_reopen": owner_only(
        lambda fixture: reverse("talents:application_reopen", args=[fixture("talent_application").uuid]),
        owner=REDIRECT,
        method="post",
    ),
    "talents:application_cv": owner_only(
        lambda fixture: reverse("talents:application_cv", args=[fixture("talent_application").uuid]), manager=OK
    ),
    "talents:day_edit": owner_only(lambda fixture: reverse("talents:day_edit", args=[fixture("talent_day_log").uuid])),
    "talents:absence_delete": owner_only(
        lambda fixture: reverse("talents:absence_delete", args=[fixture("talent_absence").uuid]),
        owner=REDIRECT,
        method="post",
    ),
    "admin:talents_application_export": managers_only(),
    "admin:talents_application_changelist": managers_only(),
    # The review page, its stage confirmation and its CV frame (talents/admin/review.py).
    "admin:talents_application_change": managers_only(
        url=lambda fixture: reverse("admin:talents_application_change", args=[fixture("talent_application").pk])
    ),
    "admin:talents_application_stage": managers_only(
        url=lambda fixture: reverse(
            "admin:talents_application_stage", args=[fixture("talent_application").pk, "interview"]
        )
    ),
    # The CV frame is a programme manager's only; other staff get a 404 (talents/admin/review.py).
    "admin:talents_application_cv_inline": managers_only(
        course_manager=NOT_FOUND,
        url=lambda fixture: reverse("admin:talents_application_cv_inline", args=[fixture("talent_application").pk]),
    ),
    "admin:talents_daylog_compliance": managers_only(),
    # Reminds whoever is missing days (nobody, in the matrix) and goes back to the report.
    "admin:talents_daylog_compliance_remind": managers_only(manager=REDIRECT, method="post"),
}
