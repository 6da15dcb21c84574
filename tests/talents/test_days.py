import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from talents.choices import ApplicationStatus, WeekState
from talents.models import Absence, Application, DayLog
from talents.services.applications import applications_of
from talents.services.days import running_among, running_application
from talents.weeks import assess_week, iso_week_label, monday_of
from tests.factories import AbsenceFactory, ApplicationFactory, CohortFactory, DayLogFactory, running_cohort

# The edit window, as the pages say it (talents.services.days.edit_closed_reason), with the team's address.
EDIT_RULE = (
    "A day can be changed for 14 days after you log it. To change an older one, write to the programme team at "
    "team@ai.se."
)


def log_data(day, **overrides):
    return {
        "date": day.isoformat(),
        "place": "stockholm",
        "activities": ["seminar", "compute"],
        "learned": "Scheduling jobs on the Data Factory.",
        **overrides,
    }


@pytest.fixture
def talent_client(client, talent, accepted_talent):
    client.force_login(talent)
    return client


def test_an_accepted_talent_logs_this_weeks_day(talent_client, talent):
    today = timezone.localdate()
    response = talent_client.post(reverse("talents:days"), log_data(today))
    assert response.status_code == 302
    log = DayLog.objects.get(talent__user=talent)
    assert log.week == monday_of(today)
    assert log.activities == ["seminar", "compute"]
    page = talent_client.get(reverse("talents:days"))
    assert "Logged" in page.text
    assert "<svg" in page.text and "expected weeks logged" in page.text


def test_a_second_log_in_the_same_week_is_refused_with_a_message(talent_client, talent):
    today = timezone.localdate()
    monday = monday_of(today)
    talent_client.post(reverse("talents:days"), log_data(monday))
    response = talent_client.post(reverse("talents:days"), log_data(today, learned="Again"))
    assert response.status_code == 200
    assert 'id="id_date_error"' in response.text
    assert "already logged a day in week" in response.text
    assert DayLog.objects.filter(talent__user=talent).count() == 1


def test_the_database_refuses_a_second_log_in_a_week_too(talent_day_log):
    with pytest.raises(IntegrityError), transaction.atomic():
        DayLogFactory(
            talent=talent_day_log.talent,
            cohort=talent_day_log.cohort,
            date=talent_day_log.week,
            week=talent_day_log.week,
        )


def test_a_future_date_is_refused(talent_client):
    response = talent_client.post(reverse("talents:days"), log_data(timezone.localdate() + timedelta(days=1)))
    assert response.status_code == 200
    assert "in the future" in response.text
    assert not DayLog.objects.exists()


def test_a_date_before_the_cohort_is_refused(talent_client, accepted_talent):
    response = talent_client.post(reverse("talents:days"), log_data(accepted_talent.cohort.starts_on - timedelta(1)))
    assert "outside your cohort" in response.text
    assert not DayLog.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [({"activities": []}, "activities"), ({"learned": ""}, "learned"), ({"date": "31/02/2025"}, "date")],
)
def test_missing_or_malformed_fields_are_refused_next_to_the_field(talent_client, data, field):
    response = talent_client.post(reverse("talents:days"), log_data(timezone.localdate(), **data))
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.text
    assert not DayLog.objects.exists()


def test_a_talent_not_accepted_cannot_log(client, talent):
    client.force_login(talent)
    response = client.post(reverse("talents:days"), log_data(timezone.localdate()))
    assert response.status_code == 200
    assert "Once you are accepted to a cohort" in response.text
    assert not DayLog.objects.exists()


def test_a_log_can_be_edited_for_fourteen_days_only(talent_client, talent, talent_day_log, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"
    url = reverse("talents:day_edit", args=[talent_day_log.uuid])
    response = talent_client.post(url, log_data(talent_day_log.date, learned="Edited"))
    assert response.status_code == 302
    talent_day_log.refresh_from_db()
    assert talent_day_log.learned == "Edited"
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        talent_client.force_login(talent)  # the session itself lasts two weeks
        response = talent_client.post(url, log_data(talent_day_log.date, learned="Too late"))
    assert EDIT_RULE in response.text
    talent_day_log.refresh_from_db()
    assert talent_day_log.learned == "Edited"


def test_an_edit_cannot_move_a_log_to_another_week(talent_client, talent_day_log):
    url = reverse("talents:day_edit", args=[talent_day_log.uuid])
    response = talent_client.post(url, log_data(talent_day_log.date - timedelta(days=7)))
    assert "same week" in response.text
    talent_day_log.refresh_from_db()
    assert talent_day_log.week == monday_of(talent_day_log.date)


def test_another_talents_log_is_not_found(client, other_talent, talent_day_log):
    client.force_login(other_talent)
    url = reverse("talents:day_edit", args=[talent_day_log.uuid])
    assert client.get(url).status_code == 404
    assert client.post(url, log_data(talent_day_log.date, learned="Hijack")).status_code == 404
    talent_day_log.refresh_from_db()
    assert talent_day_log.learned != "Hijack"


def test_history_shows_missing_weeks_but_not_absences(talent_client, talent, accepted_talent):
    today = timezone.localdate()
    last_week = monday_of(today) - timedelta(weeks=1)
    two_weeks_ago = last_week - timedelta(weeks=1)
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=two_weeks_ago)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=last_week, ends_on=last_week + timedelta(days=4))
    page = talent_client.get(reverse("talents:days"))
    assert page.status_code == 200
    assert "Missing" in page.text
    weeks = week_states(page.text)
    assert weeks[iso_week_label(two_weeks_ago)] == WeekState.LOGGED
    assert weeks[iso_week_label(last_week)] == WeekState.ABSENT
    assert weeks[iso_week_label(last_week - timedelta(weeks=2))] in {WeekState.MISSING, WeekState.HOLIDAY}


def week_states(html):
    """{"2026-W09": "logged", …} from the days page's week-by-week table."""
    rows = re.findall(r'<tr class="week-row-(\w+)">\s*<th scope="row">([\dW-]+)<', html)
    return {label: state for state, label in rows}


def test_recording_and_removing_an_absence(talent_client, talent):
    response = talent_client.post(
        reverse("talents:absence_create"),
        {"absence-kind": "sick", "absence-starts_on": "2025-03-03", "absence-ends_on": "2025-03-07"},
    )
    assert response.status_code == 302
    absence = Absence.objects.get(talent__user=talent)
    response = talent_client.post(reverse("talents:absence_delete", args=[absence.uuid]))
    assert response.status_code == 302
    assert not Absence.objects.exists()


def test_an_absence_ending_before_it_starts_is_refused(talent_client):
    response = talent_client.post(
        reverse("talents:absence_create"),
        {"absence-kind": "vacation", "absence-starts_on": "2025-03-07", "absence-ends_on": "2025-03-03"},
    )
    assert response.status_code == 200
    assert 'id="id_absence-ends_on_error"' in response.text
    assert not Absence.objects.exists()


def test_christmas_week_is_a_holiday_week_and_midsummer_week_is_not():
    christmas = assess_week(
        date(2025, 12, 22), starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31), absences=[], today=date(2026, 2, 1)
    )
    assert christmas.state == WeekState.HOLIDAY
    assert "Christmas Eve" in christmas.holidays
    midsummer = assess_week(
        date(2025, 6, 16), starts_on=date(2025, 1, 1), ends_on=date(2026, 12, 31), absences=[], today=date(2026, 2, 1)
    )
    assert midsummer.state == WeekState.MISSING  # four working days remain


def test_a_week_with_two_days_off_and_easter_monday_is_excused():
    absence = Absence(starts_on=date(2025, 4, 22), ends_on=date(2025, 4, 23))
    week = assess_week(
        date(2025, 4, 21), starts_on=date(2025, 1, 1), ends_on=None, absences=[absence], today=date(2026, 1, 1)
    )
    assert week.state == WeekState.ABSENT
    assert week.working_days == 2


def _accepted_talents_with_history(count, weeks=30):
    cohort = running_cohort(name=f"Cohort size {count}")
    applications = ApplicationFactory.create_batch(count, cohort=cohort, status=ApplicationStatus.ACCEPTED)
    today = timezone.localdate()
    for application in applications:
        for number in range(1, weeks):
            DayLogFactory(talent=application.talent, cohort=cohort, date=monday_of(today) - timedelta(weeks=number))
        AbsenceFactory(talent=application.talent, starts_on=today - timedelta(days=200))
    return applications


@pytest.mark.parametrize("weeks", [3, 40])
def test_the_days_page_and_dashboard_issue_a_fixed_number_of_queries(client, db, weeks, django_assert_num_queries):
    application = _accepted_talents_with_history(1, weeks=weeks)[0]
    for _ in range(weeks // 10):
        AbsenceFactory(talent=application.talent)
    client.force_login(application.talent.user)
    # session, user with profile, accepted applications, periods, logs, absences, and the subnavigation's "Rank
    # projects" check (the navigation's host check costs none: a talent's role says she is no host member)
    with django_assert_num_queries(7):
        assert client.get(reverse("talents:days")).status_code == 200
    # Seen again, the weeks, absences and forms come from the cache (talents/days_page.py), and the person
    # too (portal/signed_in_user.py): session and the subnavigation's check.
    with django_assert_num_queries(2):
        assert client.get(reverse("talents:days")).status_code == 200
    # session, profile, applications (with events and periods), the open call, logs, absences; rotations'
    # section: placements, calendar feed (the cohort being matched comes from the applications loaded).
    # tests/portal/test_talent_overview.py counts every other state of the year.
    with django_assert_num_queries(10):
        assert client.get(reverse("portal:talent_dashboard")).status_code == 200


def test_the_running_application_is_the_accepted_one_in_the_running_cohort_that_started_last(db):
    """The dashboard picks it from the applications it already loaded; the days page asks the database."""
    today = timezone.localdate()
    older = running_cohort(name="Cohort older", starts_on=today - timedelta(weeks=60))
    newer = running_cohort(name="Cohort newer", starts_on=today - timedelta(weeks=8))
    completed = CohortFactory(status=CohortStatus.COMPLETED, starts_on=today - timedelta(weeks=20))
    newest_but_not_accepted = running_cohort(name="Cohort newest", starts_on=today - timedelta(weeks=2))
    expected = ApplicationFactory(cohort=newer, status=ApplicationStatus.ACCEPTED)
    talent = expected.talent
    ApplicationFactory(talent=talent, cohort=older, status=ApplicationStatus.ACCEPTED)
    ApplicationFactory(talent=talent, cohort=completed, status=ApplicationStatus.ACCEPTED)
    ApplicationFactory(talent=talent, cohort=newest_but_not_accepted, status=ApplicationStatus.INTERVIEW)

    assert running_application(talent) == expected
    assert running_among(applications_of(talent)) == expected
    # Nothing running and accepted: neither finds one.
    Application.objects.filter(cohort__in=[older, newer]).update(status=ApplicationStatus.WITHDRAWN)
    assert running_application(talent) is None
    assert running_among(applications_of(talent)) is None
