import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.accounts.tokens import token_digest  # hosts' services, demo and tests import it from here
from hosts.choices import InvitationRefusal, MemberRole, OrganizationStatus, Sector

# The first parts of the addresses under /hosts/ that are pages of their own (hosts/urls/public.py): an
# organisation with one of these slugs would be hidden behind that page, so none may have it.
RESERVED_SLUGS = frozenset({"interest"})


def validate_slug_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page under /hosts/; choose another slug."),
            code="reserved",
            params={"slug": slug},
        )


class HostOrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=OrganizationStatus.ACTIVE)


class HostOrganization(models.Model):
    """A company, hospital, agency or university that hosts talents for six-month periods."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, validators=[validate_slug_not_reserved])
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the organisation does and what talents will work on.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OrganizationStatus.choices, default=OrganizationStatus.PROSPECT
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = HostOrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("set_organization_status", _("Can activate host organisations or mark them as former hosts")),
        ]
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="hosts_organization_name_ci_unique"),
        ]
        indexes = [models.Index(fields=["status", "name"], name="hosts_organization_status")]

    def __str__(self):
        return self.name

    @property
    def is_former(self):
        """A former host adds no new projects (save_project refuses; the projects page hides the button)."""
        return self.status == OrganizationStatus.FORMER


class HostMembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class HostMembership(models.Model):
    """A person who acts for a host organisation. A person belongs to one organisation at most:
    the member pages (/host/) are about "my organisation", with no organisation in the URL."""

    organization = models.ForeignKey(
        HostOrganization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    # One-to-one, so the signed-in user's one query brings the membership and its organisation along
    # (portal/signed_in_user.py): every member page and the navigation need them.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="host_membership",
        verbose_name=_("user"),
        error_messages={"unique": _("This person already belongs to a host organisation.")},
    )
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    created_at = models.DateTimeField(_("joined"), default=timezone.now)

    objects = HostMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("host membership")
        verbose_name_plural = _("host memberships")
        ordering = ["organization", "created_at"]

    def __str__(self):
        return f"{self.user} @ {self.organization}"


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Not used yet, not refused and not expired."""
        return self.filter(accepted_at__isnull=True, refused_at__isnull=True, expires_at__gt=now or timezone.now())

    def refused(self):
        return self.filter(refused_at__isnull=False)

    def for_emails(self, emails):
        return self.filter(email__in=[email.lower() for email in emails])

    def by_token(self, token):
        return self.filter(token_digest=token_digest(token))


class Invitation(models.Model):
    """A manager's invitation for one email address to join a host organisation.

    Single use, valid for INVITATION_VALID_DAYS; bound when that address is verified (sign-up) or
    its owner signs in. The raw token exists only in the emailed link.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        HostOrganization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
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
    # Refused for good: the person with the invited address holds another role (one person, one role).
    refused_at = models.DateTimeField(_("refused"), null=True, blank=True)
    refused_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("refused person"),
    )
    refusal = models.CharField(_("refusal"), max_length=20, choices=InvitationRefusal.choices, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # Re-inviting renews the open invitation instead of adding a second one.
            models.UniqueConstraint(
                F("organization"),
                Lower("email"),
                condition=Q(accepted_at__isnull=True),
                name="hosts_invitation_one_open_per_email",
            ),
            models.CheckConstraint(condition=Q(email=Lower("email")), name="hosts_invitation_email_lowercase"),
        ]
        indexes = [
            # Serves Invitation.objects.pending().for_emails(...): the lookup on every verification and sign-in.
            models.Index(fields=["email"], name="hosts_invitation_open_email", condition=Q(accepted_at__isnull=True)),
        ]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_used(self):
        return self.accepted_at is not None

    @property
    def is_refused(self):
        return self.refused_at is not None

    @property
    def is_expired(self):
        return not self.is_used and self.expires_at <= timezone.now()
