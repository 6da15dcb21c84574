import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eyeforai.programme.models import Cohort, Period
from hosts.models import HostOrganization, Project
from rotations.choices import (
    ANNOUNCED_PLACEMENT_STATUSES,
    CANCELLABLE_PLACEMENT_STATUSES,
    LIVE_PLACEMENT_STATUSES,
    PlacementStatus,
)
from talents.models import TalentProfile

# Days before a placement ends from which both sides may give feedback.
FEEDBACK_WINDOW_DAYS = 14

NOT_CANCELLED = ~Q(status=PlacementStatus.CANCELLED)


class PlacementQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=LIVE_PLACEMENT_STATUSES)

    def visible_to_both_sides(self):
        """The live placements the talent and the host's members may see: confirmed ones and later, and
        proposed ones only while the manager shares the cohort's plan (Cohort.plan_shared_at, set by
        rotations.services.sharing). Every page, calendar and access helper of talents and hosts asks this."""
        return self.filter(
            Q(status__in=ANNOUNCED_PLACEMENT_STATUSES)
            | Q(status=PlacementStatus.PROPOSED, cohort__plan_shared_at__isnull=False)
        )

    def for_talent(self, talent):
        return self.filter(talent=talent)

    def for_host(self, host):
        return self.filter(host=host)

    def in_cohort(self, cohort):
        return self.filter(cohort=cohort)

    def with_people(self):
        """Everything a schedule or board row shows, in the same query."""
        return self.select_related("talent__user", "project", "host", "period", "cohort")


class StatusQuestions:
    """What a placement's status says, asked of a Placement or of the rotation board's plain-value rows
    (rotations/admin/board.py: BoardPlacement), anything with a `status`."""

    @property
    def is_live(self):
        return self.status in LIVE_PLACEMENT_STATUSES

    @property
    def is_proposed(self):
        """Only proposed: neither side has been told, and it is the one status that can be confirmed."""
        return self.status == PlacementStatus.PROPOSED

    @property
    def can_be_cancelled(self):
        return self.status in CANCELLABLE_PLACEMENT_STATUSES


class Placement(StatusQuestions, models.Model):
    """A talent at one host's project for one period of their cohort.

    Rules (service layer first, PostgreSQL as the last line): one live placement per talent per
    period; never the same host twice for a talent in a cohort; dates never overlap for a talent
    (exclusion constraint added in migration 0002, PostgreSQL only); never more live placements
    than the project's seats in the period (the service locks the seat row while counting).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="placements", verbose_name=_("cohort"))
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="placements", verbose_name=_("period"))
    talent = models.ForeignKey(
        TalentProfile, on_delete=models.PROTECT, related_name="placements", verbose_name=_("talent")
    )
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="placements", verbose_name=_("project"))
    # Copied from the project so the database can say "never the same host twice".
    host = models.ForeignKey(
        HostOrganization, on_delete=models.PROTECT, related_name="placements", verbose_name=_("host")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=10, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        # Named permissions of the admin tools (granted in eyeforai/accounts/permissions.py).
        permissions = [
            ("view_board", _("Can view the rotation board")),
            ("assign_placement", _("Can propose placements on the rotation board")),
            ("confirm_placement", _("Can confirm proposed placements (emails both sides)")),
            ("cancel_placement", _("Can cancel placements")),
        ]
        ordering = ["cohort", "period__number", "talent"]
        constraints = [
            models.UniqueConstraint(
                fields=["talent", "period"], condition=NOT_CANCELLED, name="rotations_placement_one_per_period"
            ),
            models.UniqueConstraint(
                fields=["talent", "cohort", "host"], condition=NOT_CANCELLED, name="rotations_placement_host_once"
            ),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="rotations_placement_dates_order"),
        ]
        indexes = [
            # Seat counting: live placements of a project in a period.
            models.Index(fields=["project", "period", "status"], name="rotations_placement_seat"),
            # The board and the reminders: a cohort's placements by status and date.
            models.Index(fields=["cohort", "status"], name="rotations_placement_cohort"),
            models.Index(fields=["status", "starts_on"], name="rotations_placement_start"),
            models.Index(fields=["status", "ends_on"], name="rotations_placement_end"),
            models.Index(fields=["host", "status"], name="rotations_placement_host"),
        ]

    def __str__(self):
        return _("%(talent)s at %(host)s, period %(number)s") % {
            "talent": self.talent,
            "host": self.host,
            "number": self.period.number,
        }

    @classmethod
    def of(cls, *, talent, project, period, **fields):
        """An unsaved placement with what it copies from the project and the period: host, cohort, dates."""
        return cls(
            cohort=period.cohort,
            period=period,
            talent=talent,
            project=project,
            host=project.organization,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            **fields,
        )

    @property
    def feedback_opens_on(self):
        return self.ends_on - timedelta(days=FEEDBACK_WINDOW_DAYS)

    def feedback_is_open(self, today=None):
        today = today or timezone.localdate()
        return self.status in (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED) and today >= self.feedback_opens_on
