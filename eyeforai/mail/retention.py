"""The outbox and personal data: an erased person's emails go, and old bodies are emptied."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail
from eyeforai.personal_data import any_address, mentions, scrub

logger = logging.getLogger(__name__)

FINISHED = (EmailStatus.SENT, EmailStatus.FAILED)


def erase_emails_to(addresses, *, words, replacement):
    """Forget the erased person in the outbox (portal/erasure.py).

    Rows addressed to any of `addresses` are deleted. Finished rows to other people that mention any
    of `words` (the person's addresses and name) lose their body and get `replacement` for the
    mention in the subject; rows still waiting are sent as written. Returns (deleted, blanked).
    """
    deleted, _by_model = OutboundEmail.objects.filter(any_address("to", addresses)).delete()
    mentioning = OutboundEmail.objects.filter(status__in=FINISHED).filter(
        mentions(("subject", "body_text", "body_html"), words)
    )
    blanked = 0
    for email in mentioning:
        email.subject = scrub(email.subject, words, replacement)[:255]
        email.body_text = email.body_html = email.attachment = ""
        email.save(update_fields=["subject", "body_text", "body_html", "attachment"])
        blanked += 1
    return deleted, blanked


def discard_old_bodies(now=None):
    """Retention: the bodies of finished emails older than RETENTION_OUTBOX_BODY_DAYS go (text and HTML
    emptied); recipient, subject, status, attempts and errors stay. Rows still waiting keep theirs so
    they can be sent. Returns how many rows lost their body."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_OUTBOX_BODY_DAYS)
    old = OutboundEmail.objects.filter(created_at__lt=cutoff, status__in=FINISHED).exclude(body_text="", body_html="")
    # One UPDATE and a log line, not an activity entry per email: the log would grow by every email sent.
    count = old.update(body_text="", body_html="", attachment="")
    logger.info("Outbox retention: discarded the bodies of %d emails created before %s", count, cutoff)
    return count
