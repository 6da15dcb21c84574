from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort
from hosts.models import HostOrganization
from rotations.choices import OutcomeResult, Side
from talents.models import TalentProfile


class HiringInterest(models.Model):
    """One side's wish to continue together after the programme; revealed only when both wish it."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort"))
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="hiring_interests", verbose_name=_("talent")
    )
    host = models.ForeignKey(
        HostOrganization, on_delete=models.CASCADE, related_name="hiring_interests", verbose_name=_("host")
    )
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("marked by")
    )
    created_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        verbose_name = _("hiring interest")
        verbose_name_plural = _("hiring interests")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "talent", "host", "side"], name="rotations_interest_once"),
        ]

    def __str__(self):
        return f"{self.talent} ↔ {self.host} ({self.get_side_display()})"


class Outcome(models.Model):
    """What came of a mutual interest: recorded by a programme manager."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort"))
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("talent")
    )
    host = models.ForeignKey(
        HostOrganization, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("host")
    )
    result = models.CharField(_("result"), max_length=10, choices=OutcomeResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("hiring outcome")
        verbose_name_plural = _("hiring outcomes")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("view_hiring_report", _("Can view the hires per host")),
        ]
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "talent", "host"], name="rotations_outcome_once"),
        ]
        indexes = [models.Index(fields=["cohort", "host", "result"], name="rotations_outcome_host")]

    def __str__(self):
        return f"{self.talent} / {self.host}: {self.get_result_display()}"
