"""The outbox: every email is a row written with the change that causes it, delivered after commit."""

import hashlib
import logging
import re
import smtplib
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models.functions import Lower
from django.template import Context
from django.template.loader import get_template, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.mail import sealing
from eyeforai.mail.choices import EmailStatus
from eyeforai.mail.models import OutboundEmail

logger = logging.getLogger(__name__)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

# Errors after which trying again later can succeed: the server is busy, down or unreachable.
TRANSIENT_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, ConnectionError, OSError)


def render_plain(template_name, context):
    """Render a text template with autoescaping off: a subject or a text part is plain text, so
    `AT&T O'Brien` must arrive as typed, not as `AT&amp;T O&#x27;Brien`. HTML parts stay escaped.

    One place for every subject and text part, instead of an {% autoescape off %} in each template.
    """
    return get_template(template_name).template.render(Context(context, autoescape=False))


def recipient_language(address, default=None):
    """The language an email to `address` is written in: the account's own (User.language), else
    `default` (a caller who knows better, such as an inviter writing to a colleague without an
    account yet), else the portal's default. Never the language of whoever caused the email.

    Read through get_user_model(): the outbox names the account model only by the setting."""
    # Lower(email): the expression of the unique index on accounts' users, so this is one index lookup.
    stored = (
        get_user_model()
        .objects.alias(address=Lower("email"))
        .filter(address=address.lower())
        .exclude(language="")
        .values_list("language", flat=True)
    )
    return stored.first() or default or settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email (a workshop's calendar file): kept on the outbox row as text."""

    filename: str
    content: str
    mimetype: str


def queue_email(*, key, to, template, context, language=None, carries_secret=False, attachment=None):
    """Render templates/email/<template>{_subject.txt,.txt,.html} and queue the email for `to`.

    In the recipient's language (recipient_language; `language` only when they have none): the
    context must hold no text already translated or dates already formatted by the caller.

    Without an .html template of its own, the HTML part is the text part with paragraphs and links.
    The subject and the text part are plain text (render_plain); the HTML part is escaped.
    `carries_secret`: the body holds a link that grants access (see queue_rendered_email).
    `attachment`: a function of no arguments returning an Attachment, called in the recipient's
    language (a calendar file's title is written in it).

    Call it inside the business transaction: the row commits or rolls back with the change.
    Idempotent by `key`: queuing the same key again returns the existing row and sends nothing new.
    Side effect: after commit, the delivery task is dispatched.
    """
    existing = OutboundEmail.objects.filter(key=key).first()
    if existing:
        return existing
    language = recipient_language(to, default=language)
    subject, body_text, body_html = render_email(template, context, language=language)
    if attachment is not None:
        with translation.override(language or settings.LANGUAGE_CODE):
            attachment = attachment()
    return queue_rendered_email(
        key=key,
        to=to,
        template=template,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        carries_secret=carries_secret,
        attachment=attachment,
    )


def render_email(template, context, *, language=None):
    """(subject, text, html) of templates/email/<template>… as queue_email renders them: a preview
    shown before a change (the application stage confirmation) is the email that change queues.
    The subject is without the portal's prefix (subject_line adds it)."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_plain(f"email/{template}_subject.txt", context)
        body_text = render_plain(f"email/{template}.txt", context)
        html_template = select_template([f"email/{template}.html", "email/text_as_html.html"])
        body_html = html_template.render({**context, "subject": subject, "body_text": body_text})
    return subject, body_text, body_html


def subject_line(subject):
    """The subject as the recipient reads it: one line, the portal's prefix once."""
    # A header must be one line, and a control character typed into a form (an organisation's
    # name) has no business in anyone's inbox list. The portal's prefix is added here and only
    # here, so every email (ours and allauth's) carries it exactly once; templates never write it.
    return settings.EMAIL_SUBJECT_PREFIX + " ".join(CONTROL_CHARACTERS.sub(" ", subject).split())


def queue_rendered_email(
    *, key, to, template, subject, body_text, body_html="", language=None, carries_secret=False, attachment=None
):
    """Queue an email whose parts were rendered elsewhere (allauth renders its own), its subject
    given without the portal's prefix: settings.EMAIL_SUBJECT_PREFIX is put before it here.
    `language`: the one it was rendered in (settings.LANGUAGE_CODE if not given), shown in the outbox.

    `carries_secret`: the body holds a link that grants access (password reset, address
    confirmation, invitation). Such a row never stores its body readable: it is sealed until
    delivery and discarded once the row is sent or failed (eyeforai/mail/sealing.py says why).
    """
    subject = subject_line(subject)
    body = {"body_text": body_text, "body_html": body_html}
    if carries_secret:
        body = {"body_text": "", "body_html": "", "sealed_body": sealing.seal(body_text, body_html)}
    email, created = OutboundEmail.objects.get_or_create(
        key=key,
        defaults={
            "to": to,
            "template": template,
            "language": language or settings.LANGUAGE_CODE,
            "subject": subject,
            "carries_secret": carries_secret,
            **body,
            **(
                {
                    "attachment_name": attachment.filename,
                    "attachment_type": attachment.mimetype,
                    "attachment": attachment.content,
                }
                if attachment
                else {}
            ),
        },
    )
    if created:
        transaction.on_commit(lambda: dispatch(email.pk))
    return email


def dispatch(email_id):
    """Hand the row to a worker. A broker outage is not the caller's problem: the re-dispatcher retries."""
    from eyeforai.mail.tasks import deliver_email  # noqa: PLC0415 - tasks import this module

    try:
        deliver_email.delay(email_id=email_id)
    except Exception:  # kombu raises many kinds; the row stays queued either way.
        logger.warning("Could not dispatch email %s; the re-dispatcher will try again.", email_id, exc_info=True)


def claim(email_id):
    """Mark a queued row as being sent, or return None when another worker has it or it is done.

    FOR UPDATE SKIP LOCKED: two workers handed the same row never both claim it.
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=EmailStatus.QUEUED)
            .first()
        )
        if email is None:
            return None
        email.status = EmailStatus.SENDING
        email.attempts += 1
        email.sending_started_at = timezone.now()
        email.save(update_fields=["status", "attempts", "sending_started_at"])
    return email


def deliver(email_id):
    """Send one queued row over the configured backend.

    Returns the row's new status, or None if there was nothing to send. A transient failure puts
    the row back in the queue with a later next_attempt_at; after OUTBOX_MAX_ATTEMPTS, or on a
    permanent refusal, it ends `failed` with the error kept.
    """
    email = claim(email_id)
    if email is None:
        return None
    try:
        message = build_message(email)
    except sealing.Unsealable as error:
        return _record_failure(email, error, transient=False)
    connection = message.get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except smtplib.SMTPResponseException as error:
        _close_quietly(connection)
        return _record_failure(email, error, transient=400 <= error.smtp_code < 500)
    except smtplib.SMTPRecipientsRefused as error:
        _close_quietly(connection)
        return _record_failure(email, error, transient=_all_temporary(error.recipients))
    except TRANSIENT_ERRORS as error:
        _close_quietly(connection)
        return _record_failure(email, error, transient=True)
    # Recorded before the goodbye (QUIT): a worker killed between the server's acceptance and this
    # save leaves the row "sending", and it is sent again (same Message-ID); keep that window short.
    email.status = EmailStatus.SENT
    email.sent_at = timezone.now()
    email.last_error = ""
    email.sealed_body = ""  # delivered: a secret it carried is no longer kept
    email.save(update_fields=["status", "sent_at", "last_error", "sealed_body"])
    _close_quietly(connection)
    return email.status


def _close_quietly(connection):
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        logger.info("Closing the SMTP connection failed; the email's outcome is already recorded.", exc_info=True)


def _all_temporary(recipients):
    return all(400 <= code < 500 for code, _message in recipients.values())


def _record_failure(email, error, *, transient):
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    fields = ["status", "last_error", "next_attempt_at"]
    if transient and email.attempts < settings.OUTBOX_MAX_ATTEMPTS:
        email.status = EmailStatus.QUEUED
        email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
    else:
        email.status = EmailStatus.FAILED
        # Failed for good: a secret link is stale by the time anyone fixes the cause; the person
        # asks for a new one (requeue refuses rows without a body).
        email.sealed_body = ""
        fields.append("sealed_body")
    email.save(update_fields=fields)
    logger.warning("Email %s (%s) attempt %s failed: %s", email.pk, email.key, email.attempts, email.last_error)
    return email.status


def retry_delay(attempts):
    """Exponential backoff: base, 2 x base, 4 x base... capped at ten minutes."""
    return timedelta(seconds=min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 600))


def body_of(email):
    """(text, html) as the recipient gets them: a sealed body is opened (sealing.Unsealable if gone)."""
    if email.carries_secret:
        return sealing.unseal(email.sealed_body)
    return email.body_text, email.body_html


def build_message(email):
    digest = hashlib.sha256(email.key.encode()).hexdigest()[:32]
    body_text, body_html = body_of(email)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        # A stable Message-ID lets a receiving server recognise a re-delivery after a crash.
        headers={"Message-ID": f"<{digest}@eyeforai.portal>", "X-Eyeforai-Key": email.key},
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
    if email.attachment_name:
        message.attach(email.attachment_name, email.attachment, email.attachment_type)
    return message


@transaction.atomic
def requeue(email, *, by=None):
    """Send a row again (the admin's "send again"): back to queued, attempts reset, dispatched after commit.

    Refused (ValidationError) once its body was discarded: a secret's after delivery, any body
    under retention (retention.discard_old_bodies).
    Side effect: an activity entry naming `by` (None: the system).
    """
    if email.carries_secret and not email.sealed_body:
        raise ValidationError(
            _(
                "This email carried a secret link and its body was discarded after it was sent or failed; "
                "it cannot be sent again. Ask the person to request a new link."
            )
        )
    if not email.carries_secret and not (email.body_text or email.body_html):
        # Retention (retention.discard_old_bodies) or an erasure emptied it: sending would deliver a blank email.
        raise ValidationError(
            _("This email's body has been discarded under the retention rules; it cannot be sent again.")
        )
    from_state = email.status
    email.status = EmailStatus.QUEUED
    email.attempts = 0
    email.next_attempt_at = timezone.now()
    email.last_error = ""
    email.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    record(email, "outboundemail.requeued", by=by, from_state=from_state, to_state=email.status)
    transaction.on_commit(lambda: dispatch(email.pk))
    logger.info("Email %s re-queued by %s", email.pk, by)


def redispatch_waiting(now=None):
    """Dispatch rows left waiting: queued but never picked up (lost message, broker was down), or
    stuck in `sending` by a worker that died. Returns how many were dispatched."""
    now = now or timezone.now()
    waiting = OutboundEmail.objects.waiting(
        queued_before=now - timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS),
        sending_before=now - timedelta(seconds=settings.OUTBOX_STUCK_AFTER_SECONDS),
    )
    ids = list(waiting.values_list("pk", flat=True)[:1000])
    OutboundEmail.objects.filter(pk__in=ids, status=EmailStatus.SENDING).update(status=EmailStatus.QUEUED)
    for email_id in ids:
        dispatch(email_id)
    return len(ids)
