from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# A placement holds its seat, its period and its host for the talent unless it was cancelled.
LIVE_PLACEMENT_STATUSES = (
    PlacementStatus.PROPOSED,
    PlacementStatus.CONFIRMED,
    PlacementStatus.ACTIVE,
    PlacementStatus.COMPLETED,
)
# What a talent and the host see of their placements: confirmed ones and later. A proposed one shows only
# while the manager shares the cohort's plan (Placement.objects.visible_to_both_sides).
ANNOUNCED_PLACEMENT_STATUSES = (PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE, PlacementStatus.COMPLETED)
# A manager may cancel a placement until it is over (or already cancelled).
CANCELLABLE_PLACEMENT_STATUSES = (PlacementStatus.PROPOSED, PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE)


class Side(models.TextChoices):
    TALENT = "talent", _("Talent")
    HOST = "host", _("Host")


class OutcomeResult(models.TextChoices):
    OFFERED = "offered", _("Offered")
    # The same English words name an application's stage and a host's status: Swedish says them differently.
    ACCEPTED = "accepted", pgettext_lazy("hiring outcome", "Accepted")
    DECLINED = "declined", pgettext_lazy("hiring outcome", "Declined")


class CalendarOwner(models.TextChoices):
    TALENT = "talent", _("Talent")
    HOST = "host", _("Host organisation")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    INFEASIBLE = "infeasible", _("Infeasible")
    # The engine ran out of time before any plan: not a verdict on the cohort (engine.model.NO_PLAN_IN_TIME).
    NO_PLAN = "no_plan", _("No plan in the time limit")
    FAILED = "failed", _("Failed")
    APPLIED = "applied", _("Applied")
