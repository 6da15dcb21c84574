"""The programme at a glance on the admin index: figures of the current cohorts, each a link to its rows."""

from datetime import datetime, timedelta

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eyeforai.mail.choices import EmailStatus
from eyeforai.programme.choices import CohortStatus
from hosts.choices import ProjectStatus
from hosts.models import Project
from rotations.models import TalentPreference
from rotations.services.preferences import save_talent_ranking
from talents.choices import ApplicationStatus
from talents.weeks import monday_of
from tests.conftest_helpers import admin_pages_built_afresh
from tests.factories import (
    MANAGER_TOTP_SECRET,
    ApplicationFactory,
    CohortFactory,
    DayLogFactory,
    HostOrganizationFactory,
    OutboundEmailFactory,
    ProjectFactory,
    UserFactory,
    running_cohort,
)

pytestmark = pytest.mark.django_db

INDEX = "admin:index"
# A Wednesday in the middle of November: this month's weeks are ISO weeks 45 and 46 (week 47 is open).
TODAY = datetime(2026, 11, 18, 12, 0)
STAGES = {
    ApplicationStatus.DRAFT: 1,
    ApplicationStatus.SUBMITTED: 3,
    ApplicationStatus.UNDER_REVIEW: 2,
    ApplicationStatus.INTERVIEW: 1,
    ApplicationStatus.ACCEPTED: 4,
    ApplicationStatus.REJECTED: 1,
}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        yield


def applications(cohort, stages):
    return {
        status: [ApplicationFactory(cohort=cohort, status=status, cv=None) for _ in range(count)]
        for status, count in stages.items()
    }


def seed_matching_cohort(name="Cohort 2027", stages=STAGES):
    """A cohort being matched: applications per stage, two approved projects, one talent who ranked both."""
    cohort = CohortFactory(name=name, status=CohortStatus.MATCHING)
    rows = applications(cohort, stages)
    projects = [
        ProjectFactory(
            organization=HostOrganizationFactory(), cohort=cohort, status=ProjectStatus.APPROVED, seats=seats
        )
        for seats in ((2, 1, 1), (1, 1, 0))
    ]
    save_talent_ranking(rows[ApplicationStatus.ACCEPTED][0].talent, cohort, projects, by=None)
    return cohort, rows


def seed_running_cohort(name="Cohort running", talents=2):
    """A running cohort whose first talent logged this month's weeks and the others none."""
    cohort = running_cohort(name=name)
    accepted = applications(cohort, {ApplicationStatus.ACCEPTED: talents})[ApplicationStatus.ACCEPTED]
    this_week = monday_of(timezone.localdate())
    for weeks_ago in (1, 2):
        DayLogFactory(talent=accepted[0].talent, cohort=cohort, date=this_week - timedelta(weeks=weeks_ago))
    return cohort, accepted


def seed_emails():
    now = timezone.now()
    return {
        "failed": [OutboundEmailFactory(status=EmailStatus.FAILED)],
        "stuck": [
            OutboundEmailFactory(status=EmailStatus.QUEUED, next_attempt_at=now - timedelta(minutes=20)),
            OutboundEmailFactory(
                status=EmailStatus.SENDING, next_attempt_at=now - timedelta(hours=2), sending_started_at=now
            ),
        ],
        "fine": [
            OutboundEmailFactory(status=EmailStatus.QUEUED, next_attempt_at=now - timedelta(minutes=1)),
            OutboundEmailFactory(status=EmailStatus.SENT),
        ],
    }


def open_index(client):
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    return response


def listed(client, url):
    """The primary keys the admin changelist at `url` lists."""
    admin_pages_built_afresh()  # the list as built, with its context, not a kept copy of an earlier view
    response = client.get(url)
    assert response.status_code == 200
    assert "e" not in response.wsgi_request.GET, url  # the admin refused the filter
    return {row.pk for row in response.context["cl"].result_list}


def test_the_dashboard_counts_a_seeded_cohort(client, manager):
    matching, _rows = seed_matching_cohort()
    running, _accepted = seed_running_cohort()
    CohortFactory(name="Cohort planned", status=CohortStatus.PLANNING)
    emails = seed_emails()
    client.force_login(manager)

    response = open_index(client)

    glance = response.context["glance"]
    assert [item.cohort for item in glance.cohorts] == [running, matching]
    matched = glance.cohorts[1]
    assert {stage.status: stage.count for stage in matched.funnel + matched.closed} == {
        **STAGES,
        ApplicationStatus.WITHDRAWN: 0,
    }
    assert [period.approved_seats for period in matched.capacity.periods] == [3, 2, 1]
    assert matched.capacity.accepted_talents == 4
    assert (matched.preferences.ranked, matched.preferences.accepted) == (1, 4)
    assert (matched.preferences.projects, matched.preferences.hosts) == (2, 2)
    assert matched.compliance is None
    days = glance.cohorts[0].compliance
    assert (days.talents, days.missing_talents, days.expected, days.logged) == (2, 1, 4, 2)
    assert glance.cohorts[0].preferences is None
    assert (glance.emails.failed, glance.emails.stuck) == (len(emails["failed"]), len(emails["stuck"]))
    assert [deadline.on for deadline in glance.deadlines] == sorted(deadline.on for deadline in glance.deadlines)
    assert all(deadline.on >= timezone.localdate() for deadline in glance.deadlines)
    assert ("Preference deadline", matching) in [
        (str(deadline.label), deadline.cohort) for deadline in glance.deadlines
    ]

    page = response.text
    assert "Programme at a glance" in page and "Programme tools" in page
    assert 'role="img"' in page and "<title" in page
    assert f'<a href="{matched.funnel[1].url.replace("&", "&amp;")}">3<span' in page
    assert "1 of 4" in page and "1 of 2" in page


def test_each_figure_leads_to_the_rows_it_counts(client, manager):
    matching, rows = seed_matching_cohort()
    _running, accepted = seed_running_cohort()
    emails = seed_emails()
    client.force_login(manager)
    glance = open_index(client).context["glance"]
    matched, ran = glance.cohorts[1], glance.cohorts[0]

    for stage in matched.funnel + matched.closed:
        assert listed(client, stage.url) == {application.pk for application in rows.get(stage.status, [])}
    assert listed(client, glance.emails.failed_url) == {email.pk for email in emails["failed"]}
    assert listed(client, glance.emails.stuck_url) == {email.pk for email in emails["stuck"]}
    assert listed(client, matched.preferences.rankings_url) == set(
        TalentPreference.objects.filter(project__cohort=matching).values_list("pk", flat=True)
    )
    assert listed(client, matched.seats_url) == set(
        Project.objects.filter(cohort=matching, status=ProjectStatus.APPROVED).values_list("pk", flat=True)
    )
    assert listed(client, matched.accepted_url) == {application.pk for application in rows[ApplicationStatus.ACCEPTED]}
    # "1 of 4 have ranked enough" leads to the board's readiness panel, which names the other three.
    board, anchor = matched.preferences.url.split("#")
    panel = client.get(board).text.split(f'id="{anchor}"')[1].split("</section>")[0]
    ranker, *others = [application.talent for application in rows[ApplicationStatus.ACCEPTED]]
    assert ranker.name not in panel and all(talent.name in panel for talent in others)
    report = client.get(ran.compliance.url)
    assert report.status_code == 200
    assert [(row.talent_uuid, row.missing) for row in report.context["rows"]] == [
        (str(accepted[1].talent.uuid), 2),
        (str(accepted[0].talent.uuid), 0),
    ]
    capacity_page, anchor = matched.capacity_url.split("#")
    capacity = client.get(capacity_page)
    assert capacity.status_code == 200 and f'id="{anchor}"' in capacity.text and matching.name in capacity.text
    for deadline in glance.deadlines:
        assert client.get(deadline.url).status_code == 200


def _index_queries(client):
    open_index(client)  # warm the process-wide caches (content types, permissions) first
    with CaptureQueriesContext(connection) as queries:
        open_index(client)
    return len(queries)


def test_the_dashboard_issues_the_same_queries_for_few_and_many(client, manager):
    client.force_login(manager)
    seed_running_cohort(name="Cohort small", talents=2)
    seed_emails()
    few = _index_queries(client)

    seed_running_cohort(name="Cohort big", talents=20)
    seed_matching_cohort(name="Cohort 2028", stages={status: count * 5 for status, count in STAGES.items()})
    CohortFactory(name="Cohort 2029", status=CohortStatus.RECRUITING)
    seed_emails()
    many = _index_queries(client)

    assert many == few


def test_staff_who_are_not_programme_managers_see_the_stock_index(client):
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, MANAGER_TOTP_SECRET)  # the admin asks staff for a second factor
    seed_matching_cohort()
    client.force_login(staff)

    response = open_index(client)

    assert "glance" not in response.context
    assert "Programme at a glance" not in response.text
    assert "Programme tools" not in response.text
