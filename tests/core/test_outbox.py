import pytest
from django.core import mail
from django.db import transaction

from eyeforai.mail import services
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from tests.conftest_helpers import free_port, wait_until
from tests.factories import OutboundEmailFactory
from tests.smtp import RecordingHandler, SMTPServer
from tests.workers import worker_processes

pytestmark = pytest.mark.xdist_group("celery")


def queue_notice(key, to="talent@example.org"):
    return services.queue_email(
        key=key,
        to=to,
        template="notice",
        context={"subject": f"Notice {key}", "greeting": "Hello,", "paragraphs": ["A paragraph."]},
    )


def status_of(key):
    return OutboundEmail.objects.values_list("status", flat=True).get(key=key)


def test_queue_email_renders_subject_text_and_html(db):
    email = queue_notice("notice:1")
    assert email.subject == "[Eye for AI] Notice notice:1"
    assert "A paragraph." in email.body_text
    assert "<p>A paragraph.</p>" in email.body_html
    assert email.status == EmailStatus.QUEUED


def test_queuing_the_same_key_twice_keeps_one_row(db):
    first = queue_notice("notice:same")
    second = queue_notice("notice:same", to="someone.else@example.org")
    assert first.pk == second.pk
    assert OutboundEmail.objects.filter(key="notice:same").count() == 1
    assert second.to == "talent@example.org"


def test_email_is_dispatched_only_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue_notice("notice:later")
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_email_queued_in_a_rolled_back_transaction_is_never_sent(celery_worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_notice("notice:rolled-back")
        raise RuntimeError("the business change failed")
    with transaction.atomic():
        queue_notice("notice:committed")

    wait_until(lambda: OutboundEmail.objects.filter(key="notice:committed", status=EmailStatus.SENT).exists())
    assert not OutboundEmail.objects.filter(key="notice:rolled-back").exists()
    assert [message.subject for message in mail.outbox] == ["[Eye for AI] Notice notice:committed"]


def test_worker_delivers_a_committed_email_once(celery_worker):
    with transaction.atomic():
        queue_notice("notice:once", to="amara@example.org")
    wait_until(lambda: status_of("notice:once") == EmailStatus.SENT)
    email = OutboundEmail.objects.get(key="notice:once")
    assert email.attempts == 1 and email.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amara@example.org"]
    # Handing the same row to the worker again sends nothing: only queued rows are claimed.
    assert services.deliver(email.pk) is None
    assert len(mail.outbox) == 1


def test_temporary_smtp_refusals_are_retried_then_the_row_fails_with_the_error(celery_worker, settings):
    handler = RecordingHandler(refuse_with="451 4.3.0 Mailbox busy, try again later")
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.OUTBOX_MAX_ATTEMPTS = 3
        settings.OUTBOX_RETRY_BASE_SECONDS = 0
        with transaction.atomic():
            queue_notice("notice:busy")
        wait_until(lambda: status_of("notice:busy") == EmailStatus.FAILED, timeout=30)
    email = OutboundEmail.objects.get(key="notice:busy")
    assert email.attempts == 3
    assert "451" in email.last_error and "Mailbox busy" in email.last_error
    assert handler.attempts == 3


def test_a_permanent_refusal_fails_at_once(db, settings):
    handler = RecordingHandler(refuse_with="550 5.1.1 No such user")
    with SMTPServer(handler) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        email = queue_notice("notice:nobody")
        assert services.deliver(email.pk) == EmailStatus.FAILED
    email.refresh_from_db()
    assert email.attempts == 1 and "550" in email.last_error


def test_an_unreachable_smtp_server_is_a_transient_failure(db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    email = queue_notice("notice:unreachable")
    assert services.deliver(email.pk) == EmailStatus.QUEUED
    email.refresh_from_db()
    assert email.attempts == 1 and email.next_attempt_at > email.created_at
    assert "Connection" in email.last_error or "refused" in email.last_error


def test_redispatch_sends_rows_left_queued_or_stuck_in_sending(celery_worker, time_machine):
    time_machine.move_to("2026-11-20 10:00:00+01:00", tick=True)
    lost = OutboundEmailFactory(key="notice:lost")  # queued, but its task never reached a worker
    stuck = OutboundEmailFactory(key="notice:stuck", status=EmailStatus.SENDING)
    OutboundEmail.objects.filter(pk=stuck.pk).update(sending_started_at="2026-11-20 10:00:00+01:00")
    time_machine.move_to("2026-11-20 10:30:00+01:00", tick=True)

    assert services.redispatch_waiting() == 2

    wait_until(lambda: OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 2)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([lost.to, stuck.to])


def test_failed_rows_are_not_redispatched(db):
    OutboundEmailFactory(key="notice:failed", status=EmailStatus.FAILED)
    assert services.redispatch_waiting() == 0


def test_send_again_requeues_a_failed_row(db, django_capture_on_commit_callbacks):
    email = OutboundEmailFactory(status=EmailStatus.FAILED, attempts=5, last_error="550 no")
    with django_capture_on_commit_callbacks() as callbacks:
        services.requeue(email)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (EmailStatus.QUEUED, 0, "")
    assert len(callbacks) == 1


@pytest.mark.worker
def test_two_worker_processes_deliver_200_emails_exactly_once(transactional_db):
    handler = RecordingHandler()
    with SMTPServer(handler) as server, worker_processes(2, email_url=server.url, concurrency=2):
        with transaction.atomic():
            emails = [queue_notice(f"notice:bulk:{number}", to=f"talent{number}@example.org") for number in range(200)]
        # Hand every row to the workers a second time, as the re-dispatcher might: still one send each.
        for email in emails:
            services.dispatch(email.pk)
        wait_until(
            lambda: OutboundEmail.objects.filter(status=EmailStatus.SENT).count() == 200,
            timeout=90,
            message="200 emails sent",
        )
    assert len(handler.keys) == 200
    assert set(handler.keys.values()) == {1}, "some email arrived more than once"
    assert handler.attempts == 200
