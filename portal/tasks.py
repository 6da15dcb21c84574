"""Thin Celery wrappers around the top layer's services."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from eyeforai.accounts.models import ErasureRequest
from portal import erasure


@shared_task(name="portal.erase_account")
def erase_account(*, erasure_id):
    """Carry out a confirmed erasure request (queued by portal.erasure.confirm_erasure after commit)."""
    request = ErasureRequest.objects.filter(pk=erasure_id).first()
    if request is None:
        return None
    return erasure.erase_account(request).status


@shared_task(name="portal.erase_overdue_accounts")
def erase_overdue_accounts():
    """Beat: confirmed requests whose own task never ran (see portal.erasure.erase_overdue_requests)."""
    return erasure.erase_overdue_requests(older_than=timedelta(seconds=settings.ERASURE_OVERDUE_AFTER_SECONDS))
