"""Date-driven emails about placements, sent by the daily beat task. One per placement and kind:
the outbox key makes a second run (or a second beat) send nothing new."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.models.placements import FEEDBACK_WINDOW_DAYS
from rotations.services.placements import notify_both_sides

NOTICE_DAYS = 14


def send_placement_reminders(today=None):
    """Queue 'starts in 14 days' (confirmed placements starting within 14 days) and 'ends in 14 days,
    please give feedback' (active placements ending within 14 days) to the talent and the host's
    members. Returns how many placements were covered."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=NOTICE_DAYS)
    starting = Placement.objects.with_people().filter(
        status=PlacementStatus.CONFIRMED, starts_on__gt=today, starts_on__lte=horizon
    )
    ending = Placement.objects.with_people().filter(
        status=PlacementStatus.ACTIVE, ends_on__gte=today, ends_on__lte=today + timedelta(days=FEEDBACK_WINDOW_DAYS)
    )
    count = 0
    for placement in starting:
        with transaction.atomic():
            notify_both_sides(placement, event="placement-starting", template_prefix="rotations/placement_starting")
        count += 1
    for placement in ending:
        with transaction.atomic():
            notify_both_sides(
                placement,
                event="placement-ending",
                template_prefix="rotations/placement_ending",
                extra={
                    "talent_feedback_url": reverse("rotations_talent:feedback", args=[placement.uuid]),
                    "host_feedback_url": reverse("rotations_host:feedback", args=[placement.uuid]),
                },
            )
        count += 1
    return count
