"""The outbox under real faults: a broker that goes away, a worker killed mid-run, an SMTP server
that turns messages away. Real Redis, real worker and beat processes, a real SMTP server on loopback."""

import time

import pytest
from django.db import transaction

from eyeforai.mail import services
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from tests.conftest_helpers import wait_until
from tests.hardening.processes import app_on_broker, beat_process, worker_process
from tests.hardening.redis_server import ThrowawayRedis
from tests.smtp import RecordingHandler, SMTPServer
from tests.workers import worker_processes

pytestmark = [pytest.mark.xdist_group("celery"), pytest.mark.worker]

# Short outbox timings for the worker and beat processes, so recovery takes seconds, not minutes.
FAST_OUTBOX = {
    "OUTBOX_REDISPATCH_EVERY_SECONDS": "1",
    "OUTBOX_REDISPATCH_AFTER_SECONDS": "2",
    "OUTBOX_STUCK_AFTER_SECONDS": "5",
    "OUTBOX_RETRY_BASE_SECONDS": "1",
    "OUTBOX_MAX_ATTEMPTS": "10",
}


def queue_notice(key, to="talent@example.org"):
    return services.queue_email(
        key=key, to=to, template="notice", context={"subject": key, "greeting": "Hello,", "paragraphs": ["Text."]}
    )


def count(status):
    return OutboundEmail.objects.filter(status=status).count()


def test_an_email_committed_while_redis_is_down_waits_and_is_delivered_when_redis_is_back(transactional_db, tmp_path):
    handler = RecordingHandler()
    redis = ThrowawayRedis()
    redis.start()
    env = {"CELERY_BROKER_URL": redis.url, **FAST_OUTBOX}
    try:
        with (
            SMTPServer(handler) as smtp,
            app_on_broker(redis.url),
            worker_process(extra_env={**env, "EMAIL_URL": smtp.url}),
            beat_process(tmp_path / "beat-schedule", extra_env={**env, "EMAIL_URL": smtp.url}),
        ):
            redis.stop()
            started = time.monotonic()
            with transaction.atomic():
                queue_notice("notice:while-redis-is-down")  # the business change commits; dispatch fails
            publishing_took = time.monotonic() - started

            assert OutboundEmail.objects.get(key="notice:while-redis-is-down").status == EmailStatus.QUEUED
            assert handler.attempts == 0
            redis.start()  # same port: the worker and beat reconnect on their own
            wait_until(lambda: count(EmailStatus.SENT) == 1, timeout=120, message="the waiting email to be sent")
    finally:
        redis.stop()
    assert handler.keys == {"notice:while-redis-is-down": 1}
    # The committing request was not held up by the dead broker for long (two 2-second connect tries at most).
    assert publishing_took < 10, f"publishing to a stopped broker blocked the commit for {publishing_took:.1f} s"


def test_1000_emails_all_arrive_despite_a_killed_worker_and_temporary_smtp_refusals(
    transactional_db, tmp_path, request
):
    """Every email arrives. SIGKILL can land between the server's "250 accepted" and the worker's
    "sent" save for the emails the killed worker had in flight (at most its concurrency, 2): those
    are sent again, with the same Message-ID so the receiver can tell. Nothing else arrives twice.
    SMTP gives no way to close that window; the outbox keeps it to one UPDATE."""
    handler = RecordingHandler(refuse_with="451 4.3.0 Try again later", refuse_every=10)
    with (
        SMTPServer(handler) as smtp,
        worker_processes(2, email_url=smtp.url, concurrency=2, extra_env=FAST_OUTBOX) as workers,
        beat_process(tmp_path / "beat-schedule", extra_env={**FAST_OUTBOX, "EMAIL_URL": smtp.url}),
    ):
        started = time.monotonic()
        with transaction.atomic():
            for number in range(1000):
                queue_notice(f"notice:fault:{number}", to=f"talent{number}@example.org")
        wait_until(lambda: count(EmailStatus.SENT) >= 250, timeout=120, message="a quarter of the emails sent")
        workers[0].kill()  # SIGKILL: no goodbye, its claimed rows stay "sending", its reserved messages are lost
        killed_at_sent = count(EmailStatus.SENT)
        wait_until(lambda: count(EmailStatus.SENT) == 1000, timeout=300, message="all 1,000 emails sent")
        took = time.monotonic() - started

    duplicates = {key: times for key, times in handler.keys.items() if times > 1}
    request.node.user_properties.append(
        (
            "outbox under faults",
            {
                "queued": 1000,
                "sent when a worker was SIGKILLed": killed_at_sent,
                "temporary SMTP refusals": handler.attempts - sum(handler.keys.values()),
                "distinct emails arrived": len(handler.keys),
                "arrived more than once": len(duplicates),
                "failed rows": count(EmailStatus.FAILED),
                "seconds": round(took, 1),
            },
        )
    )
    assert len(handler.keys) == 1000
    assert count(EmailStatus.FAILED) == 0
    assert sum(times - 1 for times in duplicates.values()) <= 2, f"more than the in-flight emails twice: {duplicates}"
    for key in duplicates:
        message_ids = {message["Message-ID"] for message in handler.messages if message["X-Eyeforai-Key"] == key}
        assert len(message_ids) == 1, f"{key} arrived twice with different Message-IDs: {message_ids}"
