"""Reminders from the compliance report: one email per talent per day, by managers who follow compliance."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.weeks import monday_of
from tests.factories import MANAGER_TOTP_SECRET, ApplicationFactory, DayLogFactory, UserFactory, running_cohort

pytestmark = pytest.mark.django_db

REPORT = "admin:talents_daylog_compliance"
REMIND = "admin:talents_daylog_compliance_remind"
# A Wednesday (Europe/Stockholm): this month's weeks are ISO weeks 45 and 46.
TODAY = datetime(2026, 11, 18, 12, 0)
DASH = "\u2013"  # between a missing week's first and last day


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(timezone.make_aware(TODAY), tick=False):
        yield


@pytest.fixture
def cohort():
    return running_cohort()


@pytest.fixture
def talents(cohort):
    """Keen logged every week; Lax logged none; Half logged all but the last two weeks."""
    people = {
        name: ApplicationFactory(
            cohort=cohort, status=ApplicationStatus.ACCEPTED, cv=None, talent__user__first_name=name
        ).talent
        for name in ("Keen", "Lax", "Half")
    }
    this_week = monday_of(timezone.localdate())
    monday = cohort.starts_on
    while monday < this_week:
        DayLogFactory(talent=people["Keen"], cohort=cohort, date=monday)
        if monday < this_week - timedelta(weeks=2):
            DayLogFactory(talent=people["Half"], cohort=cohort, date=monday)
        monday += timedelta(weeks=1)
    return people


def reminders():
    return OutboundEmail.objects.filter(template="talents/daylog_missing")


def test_remind_everyone_missing_emails_each_talent_once_a_day(client, manager, talents):
    client.force_login(manager)

    response = client.post(reverse(REMIND), follow=True)

    assert "Reminded 2 talents." in response.text
    assert sorted(reminders().values_list("to", flat=True)) == sorted(
        [talents["Lax"].user.email, talents["Half"].user.email]
    )
    half = reminders().get(to=talents["Half"].user.email)
    assert f"2026-W45 (2 Nov{DASH}8 Nov 2026)" in half.body_text
    assert f"2026-W46 (9 Nov{DASH}15 Nov 2026)" in half.body_text
    assert "2026-W44" not in half.body_text
    assert f"2026-W45 (2 Nov{DASH}8 Nov 2026)" in half.body_html
    assert "/talent/days/" in half.body_text
    assert half.key == f"daylog-missing:{talents['Half'].uuid}:2026-11-18"
    assert response.text.count("reminded today") == 2
    assert ActivityEntry.objects.filter(action="talent.reminded_missing_days").count() == 2

    again = client.post(reverse(REMIND), follow=True)

    assert "Everyone was already reminded today." in again.text
    assert reminders().count() == 2
    assert ActivityEntry.objects.filter(action="talent.reminded_missing_days").count() == 2

    with time_machine.travel(timezone.make_aware(TODAY + timedelta(days=1)), tick=False):
        next_day = client.post(reverse(REMIND), follow=True)
    assert "Reminded 2 talents." in next_day.text
    assert reminders().count() == 4


def test_a_deactivated_talent_is_not_emailed(client, manager, talents):
    talents["Lax"].user.is_active = False
    talents["Lax"].user.save()
    client.force_login(manager)
    response = client.post(reverse(REMIND), follow=True)
    assert "Reminded 1 talent." in response.text
    assert list(reminders().values_list("to", flat=True)) == [talents["Half"].user.email]


def test_remind_one_talent(client, manager, talents):
    client.force_login(manager)
    report = client.get(reverse(REPORT))
    assert report.text.count('name="talent"') == 2  # a Remind button for Lax and Half, none for Keen

    response = client.post(reverse(REMIND), {"talent": str(talents["Lax"].uuid)}, follow=True)

    assert "Reminded 1 talent." in response.text
    assert list(reminders().values_list("to", flat=True)) == [talents["Lax"].user.email]
    again = client.post(reverse(REMIND), {"talent": str(talents["Lax"].uuid)}, follow=True)
    assert f"{talents['Lax'].name} was already reminded today." in again.text
    keen = client.post(reverse(REMIND), {"talent": str(talents["Keen"].uuid)}, follow=True)
    assert f"{talents['Keen'].name} is not missing AI Sweden days: no reminder was sent." in keen.text
    assert reminders().count() == 1


def test_once_a_day_counts_the_day_in_stockholm_whatever_zone_is_active(client, manager, talents):
    """23:30 UTC on the 18th is already the 19th in Stockholm; 00:10 UTC is still that same Stockholm day."""
    client.force_login(manager)
    lax = {"talent": str(talents["Lax"].uuid)}
    late = timezone.make_aware(datetime(2026, 11, 18, 23, 30), timezone=UTC)
    with timezone.override(UTC), time_machine.travel(late, tick=False):
        client.post(reverse(REMIND), lax)
    with timezone.override(UTC), time_machine.travel(late + timedelta(minutes=40), tick=False):
        client.post(reverse(REMIND), lax)

    assert list(reminders().values_list("key", flat=True)) == [f"daylog-missing:{talents['Lax'].uuid}:2026-11-19"]


def test_this_months_reminder_lists_this_months_weeks(client, manager, talents, cohort):
    client.force_login(manager)

    response = client.post(reverse(REMIND), {"cohort": cohort.slug, "scope": "month"}, follow=True)

    assert response.request["QUERY_STRING"] == f"cohort={cohort.slug}&scope=month"
    lax = reminders().get(to=talents["Lax"].user.email)
    assert "2026-W45" in lax.body_text and "2026-W44" not in lax.body_text


def test_bad_input_is_a_404_and_a_get_is_refused(client, manager, talents):
    client.force_login(manager)
    assert client.post(reverse(REMIND), {"talent": "not-a-uuid"}).status_code == 404
    assert client.post(reverse(REMIND), {"talent": "00000000-0000-0000-0000-000000000000"}).status_code == 404
    assert client.post(reverse(REMIND), {"cohort": "no-such-cohort"}).status_code == 404
    assert client.get(reverse(REMIND)).status_code == 405
    assert not reminders().exists()


def test_staff_without_the_compliance_permission_cannot_remind(client, talents):
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, MANAGER_TOTP_SECRET)
    staff.user_permissions.add(Permission.objects.get(codename="view_daylog"))
    client.force_login(staff)

    assert client.post(reverse(REMIND)).status_code == 403
    assert client.post(reverse(REMIND), {"talent": str(talents["Lax"].uuid)}).status_code == 403
    assert client.get(reverse(REPORT)).status_code == 403
    assert not reminders().exists()


def test_anonymous_people_are_sent_to_sign_in(client, talents):
    response = client.post(reverse(REMIND))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not reminders().exists()


def _report_queries(client):
    client.get(reverse(REPORT))  # warm the process-wide caches first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(REPORT)).status_code == 200
    return len(queries)


def test_the_report_with_its_reminders_issues_the_same_queries_for_few_and_many(client, manager, talents, cohort):
    client.force_login(manager)
    client.post(reverse(REMIND), {"talent": str(talents["Lax"].uuid)})
    few = _report_queries(client)
    for _ in range(10):
        ApplicationFactory(cohort=cohort, status=ApplicationStatus.ACCEPTED, cv=None)
    client.post(reverse(REMIND))

    assert _report_queries(client) == few
    assert reminders().count() == 12
