import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort
from hosts.choices import InterestStatus, Sector


class HostInterestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[InterestStatus.NEW, InterestStatus.CONTACTED])


class HostInterest(models.Model):
    """A prospective host's "become a host" form, followed up by the programme team."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization_name = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    city = models.CharField(_("city"), max_length=100)
    message = models.TextField(_("message"), max_length=4000)
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="host_interests",
        verbose_name=_("cohort of interest"),
    )
    status = models.CharField(_("status"), max_length=10, choices=InterestStatus.choices, default=InterestStatus.NEW)
    notes = models.TextField(_("notes"), blank=True, help_text=_("The programme team's notes; never shown outside."))
    organization = models.ForeignKey(
        "hosts.HostOrganization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interests",
        verbose_name=_("organisation created"),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = HostInterestQuerySet.as_manager()

    class Meta:
        verbose_name = _("host interest")
        verbose_name_plural = _("host interests")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("handle_interest", _("Can mark host interests as contacted, convert or decline them")),
        ]
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="hosts_interest_status_created")]

    def __str__(self):
        return f"{self.organization_name} ({self.contact_name})"
