from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort
from hosts.models import HostOrganization, Project
from talents.models import TalentProfile


class TalentPreference(models.Model):
    """A talent's rank for one approved project of their cohort (1 = first choice)."""

    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="preferences", verbose_name=_("talent")
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="talent_preferences", verbose_name=_("project")
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("talent preference")
        verbose_name_plural = _("talent preferences")
        ordering = ["talent", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["talent", "project"], name="rotations_talentpref_once"),
            models.UniqueConstraint(fields=["talent", "rank"], name="rotations_talentpref_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="rotations_talentpref_rank_positive"),
        ]

    def __str__(self):
        return f"{self.talent}: {self.rank}. {self.project}"


class BuddyRequest(models.Model):
    """A talent's wish to rotate together with one other talent of the cohort (a soft wish)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+", verbose_name=_("cohort"))
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="buddy_requests", verbose_name=_("talent")
    )
    buddy = models.ForeignKey(TalentProfile, on_delete=models.CASCADE, related_name="+", verbose_name=_("buddy"))

    class Meta:
        verbose_name = _("buddy request")
        verbose_name_plural = _("buddy requests")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "talent"], name="rotations_buddy_one_per_talent"),
            models.CheckConstraint(condition=~Q(talent=F("buddy")), name="rotations_buddy_not_self"),
        ]

    def __str__(self):
        return f"{self.talent} + {self.buddy}"


class HostRanking(models.Model):
    """A host's view of one talent for one of its projects: a rank (1 = best), or "not a fit"."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="host_rankings", verbose_name=_("project")
    )
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="host_rankings", verbose_name=_("talent")
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    not_a_fit = models.BooleanField(_("not a fit"), default=False)
    ranked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ranked by")
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("host ranking")
        verbose_name_plural = _("host rankings")
        ordering = ["project", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["project", "talent"], name="rotations_hostrank_once"),
            models.CheckConstraint(
                condition=Q(not_a_fit=True, rank__isnull=True) | Q(not_a_fit=False, rank__gte=1),
                name="rotations_hostrank_rank_or_not_a_fit",
            ),
        ]

    def __str__(self):
        return f"{self.project}: {self.talent}"


class Conflict(models.Model):
    """A conflict of interest: this talent must never be placed at this host (recorded by managers)."""

    talent = models.ForeignKey(
        TalentProfile, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("talent")
    )
    host = models.ForeignKey(
        HostOrganization, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("host organisation")
    )
    reason = models.CharField(_("reason"), max_length=300)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["talent", "host"], name="rotations_conflict_once")]

    def __str__(self):
        return f"{self.talent} ✕ {self.host}"
