import uuid

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort
from rotations.choices import RunStatus


class MatchingRun(models.Model):
    """One run of the matching engine for a cohort: its input choices, its plan and how good it is.

    The plan is stored as rows of {talent, period, project} (UUIDs) so the run page can show it as a
    board, managers can lock or change cells for the next run, and Apply can create the placements.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="matching_runs", verbose_name=_("cohort"))
    status = models.CharField(_("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED)
    # {"time_limit": s, "weights": {...}, "locks": [[talent, period, project], ...]}
    parameters = models.JSONField(_("parameters"), default=dict)
    plan = models.JSONField(_("plan"), default=list)  # [{"talent", "period", "project"}]
    metrics = models.JSONField(_("metrics"), default=dict)
    explanation = models.JSONField(_("explanation"), default=list)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    gap = models.FloatField(_("optimality gap"), null=True, blank=True)
    seconds = models.FloatField(_("solve time (s)"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applied by"),
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("run_matching", _("Can start matching runs")),
            ("apply_matching", _("Can apply a matching run's plan (proposes its placements)")),
        ]
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["cohort", "-created_at"], name="rotations_run_cohort")]

    def __str__(self):
        return _("Matching %(cohort)s, %(when)s") % {
            "cohort": self.cohort,
            "when": formats.date_format(timezone.localtime(self.created_at), "DATETIME_FORMAT"),
        }

    @property
    def is_finished(self):
        return self.status not in (RunStatus.QUEUED, RunStatus.RUNNING)

    @property
    def has_plan(self):
        """Done with a plan nobody has applied yet: the one status a run can be applied or run again from."""
        return self.status == RunStatus.DONE

    @property
    def plan_is_open(self):
        """The plan may be applied or run again: the services refuse both otherwise (apply_run, run_again)."""
        return self.has_plan and self.cohort.is_being_matched

    @property
    def is_working(self):
        return not self.is_finished

    @property
    def is_infeasible(self):
        return self.status == RunStatus.INFEASIBLE
