"""Retention as beat tasks: CVs of applications not accepted go RETENTION_REJECTED_CV_DAYS after the
cohort's start; outbox bodies go RETENTION_OUTBOX_BODY_DAYS after the email was written."""

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from eyeforai.activity.models import ActivityEntry
from eyeforai.celery import app as celery_app
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.services import requeue
from eyeforai.mail.tasks import discard_old_bodies
from talents.choices import ApplicationStatus
from talents.services import retention
from talents.tasks import delete_expired_cvs
from tests.factories import ApplicationFactory, CohortFactory, OutboundEmailFactory

STARTS_ON = timezone.localdate() - timedelta(days=30)


def noon(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def decided_cohort(db):
    return CohortFactory(name="Cohort decided", starts_on=STARTS_ON)


def days_after_start(days):
    return time_machine.travel(noon(STARTS_ON + timedelta(days=days)), tick=False)


@pytest.mark.parametrize("status", [ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN])
def test_a_cv_not_accepted_is_kept_179_days_after_the_cohort_starts_and_gone_after_181(
    media_root, decided_cohort, status, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(cohort=decided_cohort, status=status)
    path = Path(application.cv.path)

    with days_after_start(179):
        assert delete_expired_cvs() == 0
    application.refresh_from_db()
    assert application.cv and path.exists()

    with days_after_start(181), django_capture_on_commit_callbacks(execute=True):  # the file goes at commit
        assert delete_expired_cvs() == 1
    application.refresh_from_db()
    assert not application.cv and application.cv_uploaded_at is None
    assert not path.exists()
    entry = ActivityEntry.objects.get(action="application.cv_deleted")
    assert entry.actor is None and "180 days" in entry.note


def test_an_accepted_talents_cv_is_kept(media_root, decided_cohort):
    accepted = ApplicationFactory(cohort=decided_cohort, status=ApplicationStatus.ACCEPTED)

    with days_after_start(1000):
        assert delete_expired_cvs() == 0

    accepted.refresh_from_db()
    assert accepted.cv and Path(accepted.cv.path).exists()


def test_the_retention_period_is_a_setting(media_root, decided_cohort, settings):
    settings.RETENTION_REJECTED_CV_DAYS = 30
    application = ApplicationFactory(cohort=decided_cohort, status=ApplicationStatus.REJECTED)
    with days_after_start(31):
        delete_expired_cvs()
    application.refresh_from_db()
    assert not application.cv


def test_outbox_bodies_go_after_90_days_and_recipient_subject_and_status_stay(db):
    written = timezone.now()
    sent = OutboundEmailFactory(status=EmailStatus.SENT, body_html="<p>Hello</p>", created_at=written)
    failed = OutboundEmailFactory(status=EmailStatus.FAILED, last_error="550 no such user", created_at=written)
    waiting = OutboundEmailFactory(status=EmailStatus.QUEUED, created_at=written)

    with time_machine.travel(written + timedelta(days=89), tick=False):
        assert discard_old_bodies() == 0
    sent.refresh_from_db()
    assert (sent.body_text, sent.body_html) == ("Hello", "<p>Hello</p>")

    with time_machine.travel(written + timedelta(days=91), tick=False):
        assert discard_old_bodies() == 2
    for email in (sent, failed, waiting):
        email.refresh_from_db()
    assert (sent.body_text, sent.body_html, failed.body_text) == ("", "", "")
    assert (sent.to, sent.subject, sent.status) == (sent.to, "A notice", EmailStatus.SENT)
    assert failed.last_error == "550 no such user"
    assert waiting.body_text == "Hello"  # still to be sent: it keeps what it says


def test_an_email_whose_body_was_discarded_cannot_be_sent_again(db):
    email = OutboundEmailFactory(status=EmailStatus.FAILED, created_at=timezone.now() - timedelta(days=91))
    discard_old_bodies()
    email.refresh_from_db()
    with pytest.raises(ValidationError, match="retention"):
        requeue(email)


def test_the_retention_tasks_are_on_the_beat_schedule():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"talents.delete_expired_cvs", "mail.discard_old_bodies"} <= schedule
    assert {"talents.delete_expired_cvs", "mail.discard_old_bodies"} <= set(celery_app.tasks)


def test_the_privacy_page_says_the_retention_periods(client, settings):
    settings.RETENTION_REJECTED_CV_DAYS = 123
    page = client.get(reverse("portal:privacy")).content.decode()
    assert "123 days after the cohort" in page and "start date" in page
    assert f"{settings.RETENTION_OUTBOX_BODY_DAYS} days after it was written" in page


def test_a_cv_file_that_cannot_be_deleted_does_not_stop_the_others(media_root, transactional_db):
    cohort = CohortFactory(name="Cohort decided", starts_on=STARTS_ON)
    stuck, other = (ApplicationFactory(cohort=cohort, status=ApplicationStatus.REJECTED) for _ in range(2))
    stuck_path, other_path = Path(stuck.cv.path), Path(other.cv.path)
    stuck_path.unlink()
    (stuck_path / "in-the-way").mkdir(parents=True)  # a non-empty directory: the storage's delete fails

    with days_after_start(181):
        assert retention.delete_expired_cvs() == 2

    stuck.refresh_from_db()
    other.refresh_from_db()
    assert not stuck.cv and not other.cv
    assert not other_path.exists()
