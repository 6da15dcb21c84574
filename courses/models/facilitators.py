import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.choices import PartnerOrganisation
from eyeforai.accounts.tokens import token_digest


class Facilitator(models.Model):
    """Someone from a partner organisation (SKR, Governo, AI Sweden) who runs workshop sessions: the role
    "facilitator" (one person, one role). Made when they take a course manager's invitation. They see
    their own sessions and nothing else (courses/views/facilitators.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_facilitator", verbose_name=_("user")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.CharField(_("organisation"), max_length=10, choices=PartnerOrganisation.choices)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self):
        name = self.user.get_full_name() or self.user.email
        return f"{name} ({self.get_organisation_display()})"


class FacilitatorInvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Not used yet and not expired."""
        return self.filter(accepted_at__isnull=True, expires_at__gt=now or timezone.now())

    def for_emails(self, emails):
        return self.filter(email__in=[email.lower() for email in emails])

    def by_token(self, token):
        return self.filter(token_digest=token_digest(token))


class FacilitatorInvitation(models.Model):
    """A course manager's invitation for one email address to facilitate workshops for a partner
    organisation. Single use, expiring; the raw token exists only in the emailed link."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=10, choices=PartnerOrganisation.choices)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = FacilitatorInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("facilitator invitation")
        verbose_name_plural = _("facilitator invitations")
        ordering = ["-created_at"]
        indexes = [
            # bind_facilitator_invitations: the open invitations of an address that was just verified.
            models.Index(fields=["email"], condition=models.Q(accepted_at__isnull=True), name="courses_fac_inv_open"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_used(self):
        return self.accepted_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()
