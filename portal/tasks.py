"""Thin Celery wrappers around the top layer's services."""

from celery import shared_task

from eyeforai.accounts.models import ErasureRequest
from portal import erasure


@shared_task(name="portal.erase_account")
def erase_account(*, erasure_id):
    """Carry out a confirmed erasure request (queued by portal.erasure.confirm_erasure after commit)."""
    request = ErasureRequest.objects.filter(pk=erasure_id).first()
    if request is None:
        return None
    return erasure.erase_account(request).status
