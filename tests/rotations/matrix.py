"""Access-matrix entries for every rotations URL (merged in tests/test_access_matrix.py).

Talent pages: the talent's own placement only (another talent 404). Host pages: placements at the
member's organisation only (another organisation's member 404). Calendar feeds answer whoever holds
the private token: calendar apps cannot sign in, the token is the key.
"""

from django.urls import reverse

from tests.access import LOGIN, NOT_FOUND, OK, Expect, managers_only, public

REDIRECT = 302  # an action that worked and sends the person back to their page


# Signed in without the role a page needs: a 404. Course participants and course managers hold neither.
COURSE_PEOPLE = ["participant", "other_participant", "course_manager"]
NOT_TALENTS = ["host_member", "other_host_member", "manager", *COURSE_PEOPLE]
NOT_MEMBERS = ["talent", "other_talent", "manager", *COURSE_PEOPLE]


def talents_only(**overrides):
    answers = dict.fromkeys(NOT_TALENTS, NOT_FOUND)
    return Expect(**{"anonymous": LOGIN, "talent": OK, "other_talent": OK, **answers, **overrides})


def members_only(**overrides):
    answers = dict.fromkeys(NOT_MEMBERS, NOT_FOUND)
    return Expect(**{"anonymous": LOGIN, "host_member": OK, "other_host_member": OK, **answers, **overrides})


def placement_url(name):
    return lambda fixture: reverse(name, args=[fixture("talent_placement").uuid])


def talent_url(name):
    return lambda fixture: reverse(name, args=[fixture("talent_placement").talent.uuid])


def talent_calendar(fixture):
    from rotations.services.calendars import feed_for_talent  # noqa: PLC0415 - needs the database

    fixture("talent_placement")
    return reverse("rotations_talent:calendar") + f"?token={feed_for_talent(fixture('talent')).token}"


def host_calendar(fixture):
    from rotations.services.calendars import feed_for_host  # noqa: PLC0415 - needs the database

    fixture("talent_placement")
    feed = feed_for_host(fixture("host_organization"), member=fixture("host_member"))
    return reverse("rotations_host:calendar") + f"?token={feed.token}"


def run_url(name):
    return lambda fixture: reverse(name, args=[fixture("matching_run").uuid])


def board_url(name):
    return lambda fixture: reverse(name, args=[fixture("rotation_cohort").slug])


ENTRIES = {
    "rotations_talent:calendar": public(url=talent_calendar),
    "rotations_talent:calendar_regenerate": talents_only(talent=REDIRECT, other_talent=REDIRECT, method="post"),
    "rotations_talent:feedback": talents_only(other_talent=NOT_FOUND, url=placement_url("rotations_talent:feedback")),
    "rotations_talent:hiring": talents_only(),
    "rotations_host:talents": members_only(),
    "rotations_host:cv": members_only(other_host_member=NOT_FOUND, url=placement_url("rotations_host:cv")),
    "rotations_host:talent": members_only(other_host_member=NOT_FOUND, url=talent_url("rotations_host:talent")),
    "rotations_host:talent_cv": members_only(other_host_member=NOT_FOUND, url=talent_url("rotations_host:talent_cv")),
    "rotations_host:feedback": members_only(other_host_member=NOT_FOUND, url=placement_url("rotations_host:feedback")),
    "rotations_host:hiring": members_only(
        host_member=REDIRECT, other_host_member=NOT_FOUND, method="post", url=placement_url("rotations_host:hiring")
    ),
    "rotations_host:calendar": public(url=host_calendar),
    "rotations_host:calendar_regenerate": members_only(host_member=REDIRECT, other_host_member=REDIRECT, method="post"),
    "admin:rotations_board_index": managers_only(),
    "admin:rotations_board": managers_only(url=board_url("admin:rotations_board")),
    "admin:rotations_board_assign": managers_only(
        manager=REDIRECT, method="post", url=board_url("admin:rotations_board_assign")
    ),
    "admin:rotations_board_confirm": managers_only(
        manager=REDIRECT, method="post", url=board_url("admin:rotations_board_confirm")
    ),
    "admin:rotations_placement_cancel": managers_only(url=placement_url("admin:rotations_placement_cancel")),
    "admin:rotations_evaluation_averages": managers_only(),
    "rotations_talent:preferences": talents_only(),
    "rotations_host:rankings": members_only(
        other_host_member=NOT_FOUND,
        url=lambda fixture: reverse("rotations_host:rankings", args=[fixture("matching_projects")[0].uuid]),
    ),
    "admin:rotations_matching_start": managers_only(
        manager=REDIRECT,
        method="post",
        url=lambda fixture: reverse("admin:rotations_matching_start", args=[fixture("matching_cohort").slug]),
    ),
    "admin:rotations_matching_run": managers_only(url=run_url("admin:rotations_matching_run")),
    "admin:rotations_matching_again": managers_only(
        manager=REDIRECT, method="post", url=run_url("admin:rotations_matching_again")
    ),
    # Posted empty, the "more time" form re-shows the run page with the message next to its field.
    "admin:rotations_matching_longer": managers_only(method="post", url=run_url("admin:rotations_matching_longer")),
    "admin:rotations_matching_apply": managers_only(
        manager=REDIRECT, method="post", url=run_url("admin:rotations_matching_apply")
    ),
    "admin:rotations_matching_why": managers_only(
        url=lambda fixture: reverse(
            "admin:rotations_matching_why", args=[fixture("matching_run").uuid, fixture("ranked_cohort")[0].uuid]
        )
    ),
    "admin:rotations_outcome_hires": managers_only(),
    # The matching pages' guard rails (rotations/admin/readiness.py): each answers with a message and a redirect.
    "admin:rotations_matching_remind": managers_only(
        manager=REDIRECT,
        method="post",
        url=lambda fixture: reverse("admin:rotations_matching_remind", args=[fixture("matching_cohort").slug]),
    ),
    "admin:rotations_plan_share": managers_only(
        manager=REDIRECT, method="post", url=board_url("admin:rotations_plan_share")
    ),
    "admin:rotations_plan_unshare": managers_only(
        manager=REDIRECT, method="post", url=board_url("admin:rotations_plan_unshare")
    ),
}
