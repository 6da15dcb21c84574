"""Weekly AI Sweden day reminders (Fridays 09:00 Stockholm) and draft reminders, with time_machine."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from eyeforai.mail.models import OutboundEmail
from talents.choices import ApplicationStatus
from talents.services.reminders import send_daylog_reminders, send_draft_reminders
from talents.tasks import send_daylog_reminders as daylog_task
from tests.factories import AbsenceFactory, ApplicationFactory, CohortFactory, DayLogFactory, running_cohort

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
FRIDAY = datetime(2025, 11, 14, 9, 0, tzinfo=STOCKHOLM)  # ISO week 2025-W46, no holidays
CHRISTMAS_FRIDAY = datetime(2025, 12, 26, 9, 0, tzinfo=STOCKHOLM)  # 2025-W52: three holidays on weekdays


@pytest.fixture
def cohort(db):
    with time_machine.travel(FRIDAY, tick=False):
        return running_cohort(name="Cohort 2024", starts_on=date(2024, 9, 2))


def accepted(cohort, email):
    return ApplicationFactory(cohort=cohort, status=ApplicationStatus.ACCEPTED, talent__user__email=email).talent


def reminders():
    return list(OutboundEmail.objects.filter(template="talents/daylog_reminder").order_by("to"))


def test_the_right_talents_get_exactly_one_reminder_per_week(cohort, media_root):
    forgetful = accepted(cohort, "forgetful@example.org")
    diligent = accepted(cohort, "diligent@example.org")
    away = accepted(cohort, "away@example.org")
    ApplicationFactory(cohort=cohort, status=ApplicationStatus.REJECTED, talent__user__email="rejected@example.org")
    ApplicationFactory(
        cohort=CohortFactory(name="Cohort next"), status=ApplicationStatus.ACCEPTED, talent__user__email="n@example.org"
    )
    DayLogFactory(talent=diligent, cohort=cohort, date=date(2025, 11, 11))
    AbsenceFactory(talent=away, starts_on=date(2025, 11, 10), ends_on=date(2025, 11, 21))

    with time_machine.travel(FRIDAY, tick=False):
        send_daylog_reminders()
        send_daylog_reminders()  # beat fired twice
        daylog_task.apply()  # and once more through the task

    sent = reminders()
    assert [email.to for email in sent] == ["forgetful@example.org"]
    assert sent[0].key == f"daylog-reminder:{forgetful.pk}:2025-W46"
    assert "2025-W46" in sent[0].subject

    with time_machine.travel(FRIDAY + timedelta(days=7), tick=False):
        send_daylog_reminders()
    assert sorted(email.key for email in reminders()) == [
        f"daylog-reminder:{forgetful.pk}:2025-W46",
        f"daylog-reminder:{forgetful.pk}:2025-W47",
        f"daylog-reminder:{diligent.pk}:2025-W47",
    ]


def test_no_reminders_in_a_holiday_week(cohort, media_root):
    accepted(cohort, "forgetful@example.org")
    with time_machine.travel(CHRISTMAS_FRIDAY, tick=False):
        send_daylog_reminders()
    assert reminders() == []


def test_no_reminders_before_the_cohort_starts_or_after_it_ends(db, media_root):
    with time_machine.travel(FRIDAY, tick=False):
        future = running_cohort(name="Cohort future", starts_on=date(2025, 12, 1))
        accepted(future, "early@example.org")
        send_daylog_reminders()
    assert reminders() == []


def test_the_weekly_reminder_is_scheduled_on_fridays_at_nine_stockholm_time():
    entry = settings.CELERY_BEAT_SCHEDULE["talents.daylog_reminders"]
    assert entry["task"] == "talents.send_daylog_reminders"
    schedule = entry["schedule"]
    assert schedule.day_of_week == {5} and schedule.hour == {9} and schedule.minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Stockholm"


def test_a_draft_gets_one_reminder_three_days_before_the_deadline(db, media_root):
    deadline = datetime(2026, 3, 31, 23, 59, tzinfo=STOCKHOLM)
    with time_machine.travel(deadline - timedelta(days=20), tick=False):
        cohort = CohortFactory(name="Cohort 2026", application_deadline=deadline)
        draft = ApplicationFactory(cohort=cohort, status=ApplicationStatus.DRAFT, talent__user__email="d@example.org")
        ApplicationFactory(cohort=cohort, status=ApplicationStatus.SUBMITTED)
        send_draft_reminders()
    assert not OutboundEmail.objects.exists()

    for hours in (72, 71, 30):
        with time_machine.travel(deadline - timedelta(hours=hours), tick=False):
            send_draft_reminders()
    emails = list(OutboundEmail.objects.filter(template="talents/draft_reminder"))
    assert [(email.to, email.key) for email in emails] == [("d@example.org", f"draft-reminder:{draft.uuid}")]
    assert "31 Mar 2026" in emails[0].body_text

    with time_machine.travel(deadline + timedelta(hours=1), tick=False):
        assert send_draft_reminders() == 0


def test_reminders_are_written_with_the_stockholm_week(cohort, media_root):
    """Friday 00:30 in Stockholm is still Thursday in UTC; the week is the Swedish one either way."""
    talent = accepted(cohort, "forgetful@example.org")
    with time_machine.travel(datetime(2025, 11, 14, 0, 30, tzinfo=STOCKHOLM), tick=False):
        assert timezone.localdate() == date(2025, 11, 14)
        send_daylog_reminders()
    assert [email.key for email in reminders()] == [f"daylog-reminder:{talent.pk}:2025-W46"]
