"""Absences neither overlap each other nor cover a logged day; the page says why and where."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from talents.models import Absence, DayLog
from talents.services.days import edit_day, log_day, record_absence
from talents.weeks import monday_of
from tests.factories import AbsenceFactory, DayLogFactory


@pytest.fixture
def talent_client(client, talent, accepted_talent):
    client.force_login(talent)
    return client


# The edit window, as the pages say it (talents.services.days.edit_closed_reason), with the team's address.
EDIT_RULE = (
    "A day can be changed for 14 days after you log it. To change an older one, write to the programme team at "
    "team@ai.se."
)


def absence_post(starts_on, ends_on, kind="vacation"):
    return {"absence-kind": kind, "absence-starts_on": starts_on.isoformat(), "absence-ends_on": ends_on.isoformat()}


def test_an_overlapping_absence_is_refused_by_the_service(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=3)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=4))
    data = {"kind": "sick", "starts_on": monday + timedelta(days=4), "ends_on": monday + timedelta(days=8), "note": ""}
    with pytest.raises(ValidationError) as refused:
        record_absence(accepted_talent.talent, data=data, by=talent)
    assert "overlap your vacation" in refused.value.message_dict["starts_on"][0]
    assert Absence.objects.count() == 1


def test_an_absence_next_to_another_is_recorded(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=3)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=4))
    data = {"kind": "sick", "starts_on": monday + timedelta(days=5), "ends_on": monday + timedelta(days=8), "note": ""}
    record_absence(accepted_talent.talent, data=data, by=talent)
    assert Absence.objects.count() == 2


def test_another_talents_absence_does_not_count_as_an_overlap(talent, other_talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=3)
    AbsenceFactory(talent=other_talent.talent_profile, starts_on=monday, ends_on=monday + timedelta(days=4))
    data = {"kind": "sick", "starts_on": monday, "ends_on": monday + timedelta(days=4), "note": ""}
    record_absence(accepted_talent.talent, data=data, by=talent)
    assert Absence.objects.filter(talent=accepted_talent.talent).count() == 1


def test_an_absence_over_a_logged_day_is_refused_by_the_service(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=2)
    DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=monday + timedelta(days=1))
    data = {"kind": "vacation", "starts_on": monday, "ends_on": monday + timedelta(days=4), "note": ""}
    with pytest.raises(ValidationError) as refused:
        record_absence(accepted_talent.talent, data=data, by=talent)
    assert "You logged an AI Sweden day on" in refused.value.message_dict["starts_on"][0]
    assert not Absence.objects.exists()


def test_the_overlap_message_stands_next_to_the_first_day_and_takes_the_focus(talent_client, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=3)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=4))
    response = talent_client.post(
        reverse("talents:absence_create"), absence_post(monday + timedelta(days=2), monday + timedelta(days=9))
    )
    assert response.status_code == 200
    html = response.text
    error = html.index('id="id_absence-starts_on_error"')
    assert "These dates overlap your vacation" in html[error : error + 400]
    assert 'class="form-errors" role="alert" tabindex="-1" autofocus' in html
    assert Absence.objects.count() == 1


def test_the_days_page_puts_this_week_and_absences_before_the_collapsed_week_table(talent_client):
    html = talent_client.get(reverse("talents:days")).text
    assert html.index('id="log-title"') < html.index('id="absence-title"') < html.index('id="history-title"')
    assert '<details class="week-history">' in html
    assert '<table class="table table-stack">' in html
    assert "This week's day is not logged yet." in html


def test_a_week_past_the_edit_window_says_why_it_cannot_be_changed(talent_client, talent, talent_day_log, settings):
    settings.PROGRAMME_TEAM_EMAIL = "team@ai.se"
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        talent_client.force_login(talent)
        html = talent_client.get(reverse("talents:days")).text
    assert EDIT_RULE in html
    assert "Can no longer be changed" in html
    assert reverse("talents:day_edit", args=[talent_day_log.uuid]) not in html


def _log_data(day):
    return {"date": day, "place": "stockholm", "activities": ["seminar"], "learned": "Procurement rules."}


def test_a_day_inside_an_absence_is_refused_by_the_service(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=2)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=4))
    with pytest.raises(ValidationError) as refused:
        log_day(accepted_talent.talent, data=_log_data(monday + timedelta(days=2)), by=talent)
    assert "This date is inside your vacation" in refused.value.message_dict["date"][0]
    assert not DayLog.objects.exists()


def test_a_day_just_after_an_absence_is_logged(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=2)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=1))
    log_day(accepted_talent.talent, data=_log_data(monday + timedelta(days=2)), by=talent)
    assert DayLog.objects.filter(talent=accepted_talent.talent).count() == 1


def test_moving_a_logged_day_into_an_absence_is_refused(talent, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=1)
    log = DayLogFactory(talent=accepted_talent.talent, cohort=accepted_talent.cohort, date=monday)
    AbsenceFactory(
        talent=accepted_talent.talent, starts_on=monday + timedelta(days=3), ends_on=monday + timedelta(days=4)
    )
    with pytest.raises(ValidationError, match="This date is inside your vacation"):
        edit_day(log, data=_log_data(monday + timedelta(days=3)), by=talent)
    log.refresh_from_db()
    assert log.date == monday


def test_the_days_page_shows_the_absence_message_next_to_the_date(talent_client, accepted_talent):
    monday = monday_of(timezone.localdate()) - timedelta(weeks=2)
    AbsenceFactory(talent=accepted_talent.talent, starts_on=monday, ends_on=monday + timedelta(days=4))
    day = monday + timedelta(days=2)
    response = talent_client.post(reverse("talents:days"), {**_log_data(day), "date": day.isoformat()})
    assert response.status_code == 200
    html = response.text
    error = html.index('id="id_date_error"')
    assert "This date is inside your vacation" in html[error : error + 400]
    assert not DayLog.objects.exists()
