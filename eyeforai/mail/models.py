from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.mail.choices import EmailStatus


class OutboundEmailQuerySet(models.QuerySet):
    def waiting(self, *, queued_before, sending_before):
        """Rows a worker should have delivered by now: queued and due, or claimed and never finished."""
        return self.filter(
            Q(status=EmailStatus.QUEUED, next_attempt_at__lte=queued_before)
            | Q(status=EmailStatus.SENDING, sending_started_at__lte=sending_before)
        )


class OutboundEmail(models.Model):
    """One email to one recipient, written in the transaction that caused it and delivered after commit."""

    key = models.CharField(
        _("idempotency key"),
        max_length=255,
        unique=True,
        help_text=_("Names the event the email is about; the same event never sends twice."),
    )
    template = models.CharField(_("template"), max_length=100)
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    # An email carrying a secret (reset, confirmation or invitation link) keeps body_text and
    # body_html empty: its body waits encrypted in sealed_body until delivery (eyeforai/mail/sealing.py).
    carries_secret = models.BooleanField(
        _("carries a secret"),
        default=False,
        help_text=_("Its body holds a link that grants access; it is never shown and is discarded once sent."),
    )
    sealed_body = models.TextField(_("sealed body"), blank=True, editable=False)
    # One file sent with the email (a workshop's calendar file), as text.
    attachment_name = models.CharField(_("attachment"), max_length=100, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=100, blank=True)
    attachment = models.TextField(_("attachment content"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("resend_email", _("Can send emails again")),
        ]
        ordering = ["-created_at"]
        indexes = [
            # Serves OutboundEmail.objects.waiting(): the re-dispatcher's scan of unfinished rows only.
            models.Index(
                fields=["status", "next_attempt_at"],
                name="mail_outbound_unfinished",
                condition=Q(status__in=[EmailStatus.QUEUED, EmailStatus.SENDING]),
            ),
            models.Index(fields=["to"], name="mail_outbound_to"),
            models.Index(fields=["template", "created_at"], name="mail_outbound_template"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"
