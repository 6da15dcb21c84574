from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.dates import add_months
from eyeforai.programme.models import Cohort, Period
from eyeforai.programme.services import generate_periods
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_a_cohort_gets_three_back_to_back_six_month_periods():
    cohort = CohortFactory(starts_on=date(2027, 9, 1))
    assert [(p.number, p.starts_on, p.ends_on) for p in cohort.periods.all()] == [
        (1, date(2027, 9, 1), date(2028, 2, 29)),
        (2, date(2028, 3, 1), date(2028, 8, 31)),
        (3, date(2028, 9, 1), date(2029, 2, 28)),
    ]
    assert cohort.ends_on == date(2029, 2, 28)


def test_period_count_and_length_are_settable_per_cohort():
    cohort = CohortFactory(starts_on=date(2027, 1, 15), period_count=2, period_months=9)
    assert [(p.starts_on, p.ends_on) for p in cohort.periods.all()] == [
        (date(2027, 1, 15), date(2027, 10, 14)),
        (date(2027, 10, 15), date(2028, 7, 14)),
    ]


def test_hand_edited_periods_are_kept_unless_replaced():
    cohort = CohortFactory(starts_on=date(2027, 9, 1))
    Period.objects.filter(cohort=cohort, number=1).update(ends_on=date(2028, 3, 15))
    generate_periods(cohort)
    assert cohort.periods.get(number=1).ends_on == date(2028, 3, 15)
    generate_periods(cohort, replace=True)
    assert cohort.periods.get(number=1).ends_on == date(2028, 2, 29)


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)


def test_the_database_refuses_a_period_that_ends_before_it_starts():
    cohort = CohortFactory()
    with pytest.raises(IntegrityError):
        Period.objects.create(cohort=cohort, number=9, starts_on=date(2028, 1, 1), ends_on=date(2027, 1, 1))


def test_open_call_is_the_recruiting_cohort_inside_its_window():
    now = timezone.now()
    open_cohort = CohortFactory(name="Open")
    CohortFactory(name="Closed", application_deadline=now - timedelta(days=1), applications_open_at=now - timedelta(9))
    CohortFactory(name="Planning", status=CohortStatus.PLANNING)
    assert list(Cohort.objects.open_call()) == [open_cohort]


def test_current_cohort_is_the_running_one_else_the_next():
    recruiting = CohortFactory(name="Next", starts_on=date(2027, 9, 1))
    assert Cohort.objects.current() == recruiting
    running = CohortFactory(name="Now", starts_on=date(2025, 9, 1), status=CohortStatus.RUNNING)
    assert Cohort.objects.current() == running


def test_manager_creates_a_cohort_in_the_admin_and_gets_its_periods(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("admin:programme_cohort_add"),
        {
            "name": "Cohort 2028",
            "slug": "cohort-2028",
            "status": CohortStatus.PLANNING,
            "description": "",
            "starts_on": "2028-09-01",
            "period_count": "3",
            "period_months": "6",
            "applications_open_at_0": "2027-10-01",
            "applications_open_at_1": "09:00",
            "application_deadline_0": "2028-02-15",
            "application_deadline_1": "23:59",
            "preference_deadline_0": "",
            "preference_deadline_1": "",
            "periods-TOTAL_FORMS": "0",
            "periods-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    cohort = Cohort.objects.get(slug="cohort-2028")
    assert cohort.periods.count() == 3


def test_the_admin_refuses_a_deadline_before_the_opening(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("admin:programme_cohort_add"),
        {
            "name": "Backwards",
            "slug": "backwards",
            "status": CohortStatus.PLANNING,
            "starts_on": "2028-09-01",
            "period_count": "3",
            "period_months": "6",
            "applications_open_at_0": "2028-02-15",
            "applications_open_at_1": "09:00",
            "application_deadline_0": "2027-10-01",
            "application_deadline_1": "23:59",
            "periods-TOTAL_FORMS": "0",
            "periods-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Cohort.objects.filter(slug="backwards").exists()
    assert b"programme_cohort_deadline_after_opening" in response.content or b"deadline" in response.content
