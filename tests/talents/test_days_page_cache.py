"""The days page keeps what it shows of the weeks in the cache (talents/days_page.py): each change that
shows on the page, whoever makes it, shows on the next view."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from eyeforai.programme.choices import CohortStatus
from eyeforai.programme.models import Period
from talents import days_page as days_page_module
from talents.choices import ApplicationStatus
from talents.models import DayLog
from talents.weeks import iso_week_label, monday_of
from tests.conftest_helpers import erase_now
from tests.factories import AbsenceFactory, DayLogFactory


@pytest.fixture
def talent_client(client, talent, accepted_talent):
    client.force_login(talent)
    return client


def days_page(client):
    response = client.get(reverse("talents:days"))
    assert response.status_code == 200
    return response.text


def week_row(html, day):
    """The <tr> of the week `day` falls in, from the week-by-week table."""
    label = iso_week_label(day)
    start = html.index(f'<th scope="row">{label}<')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_a_day_logged_shows_on_the_next_view(talent_client):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    assert "week-row-missing" in week_row(days_page(talent_client), last_week)

    response = talent_client.post(
        reverse("talents:days"),
        {"date": last_week.isoformat(), "place": "stockholm", "activities": ["seminar"], "learned": "Queues."},
    )

    assert response.status_code == 302
    row = week_row(days_page(talent_client), last_week)
    assert "week-row-logged" in row
    assert "Queues." in row


def test_a_log_removed_by_the_programme_team_goes_from_the_page(talent_client, accepted_talent):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    log = DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=last_week)
    assert "week-row-logged" in week_row(days_page(talent_client), last_week)

    log.delete()

    assert "week-row-missing" in week_row(days_page(talent_client), last_week)


def test_an_absence_recorded_and_removed_shows_on_the_next_view(talent_client, accepted_talent):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    days_page(talent_client)
    absence = AbsenceFactory(
        talent=accepted_talent.talent, kind="sick", starts_on=last_week, ends_on=last_week + timedelta(days=4)
    )

    page = days_page(talent_client)
    assert "week-row-absent" in week_row(page, last_week)
    assert reverse("talents:absence_delete", args=[absence.uuid]) in page

    talent_client.post(reverse("talents:absence_delete", args=[absence.uuid]))

    page = days_page(talent_client)
    assert "week-row-missing" in week_row(page, last_week)
    assert reverse("talents:absence_delete", args=[absence.uuid]) not in page


def test_the_edit_link_goes_when_the_edit_window_closes(talent_client, accepted_talent):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    DayLogFactory(
        talent=accepted_talent.talent,
        cohort=accepted_talent.cohort,
        date=last_week,
        created_at=timezone.now() - timedelta(days=13, hours=23),
    )
    assert ">Edit<" in week_row(days_page(talent_client), last_week)

    # Nothing changes in the database: the copy expires with the window.
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        row = week_row(days_page(talent_client), last_week)

    assert ">Edit<" not in row
    assert "Can no longer be changed" in row


def test_a_day_log_changed_by_a_queryset_update_shows_on_the_next_view(talent_client, accepted_talent):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=last_week, learned="Queues.")
    assert "Queues." in days_page(talent_client)

    DayLog.objects.filter(talent=accepted_talent.talent).update(learned="Stacks.")  # sends no signal

    assert "Stacks." in days_page(talent_client)


def test_periods_written_by_bulk_create_show_on_the_next_view(talent_client, accepted_talent):
    cohort = accepted_talent.cohort
    this_week = iso_week_label(monday_of(timezone.localdate()))
    cohort.periods.all().delete()
    assert f"{this_week}<" in days_page(talent_client)  # without periods the weeks run to today

    # As generate_periods writes them: one INSERT, no signal. The cohort now ended ten weeks ago.
    ended = timezone.localdate() - timedelta(weeks=10)
    Period.objects.bulk_create([Period(cohort=cohort, number=1, starts_on=cohort.starts_on, ends_on=ended)])

    assert f"{this_week}<" not in days_page(talent_client)


def test_a_new_day_brings_a_new_week(talent_client):
    next_monday = monday_of(timezone.localdate()) + timedelta(weeks=1)
    assert f"{iso_week_label(next_monday)}<" not in days_page(talent_client)

    with time_machine.travel(timezone.now() + timedelta(weeks=1)):
        assert "week-row-open" in week_row(days_page(talent_client), next_monday)


def test_a_completed_cohort_or_a_withdrawn_application_ends_the_logging(talent_client, accepted_talent):
    assert "Log this day" in days_page(talent_client)

    cohort = accepted_talent.cohort
    cohort.status = CohortStatus.COMPLETED
    cohort.save()

    assert "Once you are accepted to a cohort" in days_page(talent_client)

    cohort.status = CohortStatus.RUNNING
    cohort.save()
    assert "Log this day" in days_page(talent_client)
    accepted_talent.status = ApplicationStatus.WITHDRAWN
    accepted_talent.save()

    assert "Once you are accepted to a cohort" in days_page(talent_client)


def test_another_talents_view_does_not_show_this_talents_weeks(talent_client, accepted_talent, client, other_talent):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=last_week, learned="Mine only.")
    assert "Mine only." in days_page(talent_client)

    client.force_login(other_talent)

    assert "Mine only." not in days_page(client)


def test_an_erased_talents_copy_leaves_the_cache(
    talent_client, accepted_talent, talent, manager, django_capture_on_commit_callbacks
):
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=last_week, learned="Mine only.")
    key = days_page_module.page_key(accepted_talent.talent_id)
    assert "Mine only." in days_page(talent_client)
    assert cache.get(key) is not None

    erase_now(talent, manager, django_capture_on_commit_callbacks)

    assert cache.get(key) is None
