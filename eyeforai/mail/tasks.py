from celery import shared_task
from django.utils import timezone

from eyeforai.mail import retention, services
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail


@shared_task(name="mail.deliver_email", bind=True, max_retries=None)
def deliver_email(self, *, email_id):
    status = services.deliver(email_id)
    if status == EmailStatus.QUEUED:
        # A transient failure: come back when the row says it is due again.
        next_attempt_at = OutboundEmail.objects.values_list("next_attempt_at", flat=True).get(pk=email_id)
        countdown = max(0.0, (next_attempt_at - timezone.now()).total_seconds())
        raise self.retry(countdown=countdown)
    return status


@shared_task(name="mail.redispatch_waiting_emails")
def redispatch_waiting_emails():
    return services.redispatch_waiting()


@shared_task(name="mail.discard_old_bodies")
def discard_old_bodies():
    return retention.discard_old_bodies()
