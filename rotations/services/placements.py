"""A placement's life: proposed → confirmed → active → completed, or cancelled with a reason.

Each move writes an activity entry (eyeforai.activity) with the person who made it, or none for the beat.
"""

import hashlib
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from eyeforai.activity.services import record, record_each
from eyeforai.mail.services import queue_email
from hosts.models import ProjectSeat
from hosts.services.common import member_recipients
from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.services.calendars import feed_for_host, feed_for_talent
from rotations.services.rules import RotationState, placement_problems
from talents.models import TalentProfile

# The database's names for the rules, and what to tell the manager when one of them fires.
# Marked with gettext_noop so `make messages` extracts them; translated when raised (_constraint_message).
CONSTRAINT_MESSAGES = {
    "rotations_placement_one_per_period": gettext_noop("The talent already has a placement in this period."),
    "rotations_placement_host_once": gettext_noop("The talent already has a placement at this host."),
    "rotations_placement_no_overlap": gettext_noop("The dates overlap another placement of the talent."),
    "rotations_placement_within_seats": gettext_noop("No seat left: all seats in this period are taken."),
}


def _is_accepted(talent, cohort):
    return TalentProfile.objects.accepted_in(cohort).filter(pk=talent.pk).exists()


@transaction.atomic
def assign_placement(*, talent, project, period, by):
    """Propose `talent` for `project` in `period`. No email: confirming tells both sides.

    Locks the project's seat row for the period before counting, so two managers (or a matching
    run) never fill the same last seat. Raises ValidationError naming every rule it would break.
    """
    seat = ProjectSeat.objects.select_for_update().filter(project=project, period=period).first()
    state = RotationState.of(Placement.objects.for_talent(talent).live().select_related("period", "host"))
    state.seats_used[project.pk, period.pk] = Placement.objects.live().filter(project=project, period=period).count()
    problems = placement_problems(
        talent_accepted=_is_accepted(talent, period.cohort),
        project=project,
        period=period,
        seats=seat.seats if seat else None,
        state=state,
        talent_id=talent.pk,
    )
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            placement = Placement.of(talent=talent, project=project, period=period, created_by=by)
            placement.save()
            record(placement, "placement.proposed", by=by, to_state=placement.status)
            return placement
    except IntegrityError as error:
        raise ValidationError(_constraint_message(error)) from error


def _constraint_message(error):
    for name, message in CONSTRAINT_MESSAGES.items():
        if name in str(error):
            return _(message)
    raise error


def _placement_context(placement):
    return {
        "placement": placement,
        "talent": placement.talent,
        "talent_name": placement.talent.name,
        "project": placement.project,
        "host": placement.host,
        "period": placement.period,
        "schedule_url": reverse("portal:talent_dashboard"),
        "host_talents_url": reverse("rotations_host:talents"),
    }


def notify_both_sides(placement, *, event, template_prefix, extra=None):
    """Queue the talent's and each host member's email about `placement` (one row each, once per event)."""
    _notify_talent(placement, event=event, template_prefix=template_prefix, extra=extra)
    _notify_host(placement, event=event, template_prefix=template_prefix, extra=extra)


def _notify_talent(placement, *, event, template_prefix, extra=None):
    context = {**_placement_context(placement), **(extra or {})}
    talent_user = placement.talent.user
    queue_email(
        key=f"{event}:{placement.uuid}:talent",
        to=talent_user.email,
        template=f"{template_prefix}_talent",
        context={**context, "name": talent_user.first_name or talent_user.email},
    )


def _notify_host(placement, *, event, template_prefix, extra=None):
    context = {**_placement_context(placement), **(extra or {})}
    for member, email in member_recipients(placement.host):
        queue_email(
            key=f"{event}:{placement.uuid}:member:{member.pk}",
            to=email,
            template=f"{template_prefix}_host",
            context={**context, "name": member.first_name or email},
        )


@transaction.atomic
def confirm_placement(placement, *, by):
    """proposed → confirmed. Queues 'placement confirmed' to the talent (host, project, supervisor,
    dates) and to every member of the host (talent, project, dates); makes both sides' calendar feeds."""
    placement = _confirm(placement, by=by)
    notify_both_sides(placement, event="placement-confirmed", template_prefix="rotations/placement_confirmed")
    return placement


@transaction.atomic
def confirm_placements(placements, *, by):
    """Confirm several proposed placements together (the admin's action, the board's button), each as
    confirm_placement does, with one email per person rather than one per placement: a talent with
    several placements in the batch gets one 'placements confirmed' email listing them all, and each
    member of a host with several one listing the host's confirmed talents. A talent or host with a
    single placement in the batch gets the single 'placement confirmed' email (the same key).

    Each placement in its own savepoint: one that is refused (no longer proposed) stays as it was and
    the others are confirmed. Returns (the confirmed placements, [(placement, ValidationError)]).
    """
    confirmed, refused = [], []
    for placement in placements:
        try:
            with transaction.atomic():
                confirmed.append(_confirm(placement, by=by))
        except ValidationError as error:
            refused.append((placement, error))
    by_talent, by_host = defaultdict(list), defaultdict(list)
    for placement in confirmed:
        by_talent[placement.talent_id].append(placement)
        by_host[placement.host_id].append(placement)
    for group in by_talent.values():
        if len(group) == 1:
            _notify_talent(group[0], event="placement-confirmed", template_prefix="rotations/placement_confirmed")
        else:
            _notify_talent_of_several(group)
    for group in by_host.values():
        if len(group) == 1:
            _notify_host(group[0], event="placement-confirmed", template_prefix="rotations/placement_confirmed")
        else:
            _notify_host_of_several(group)
    return confirmed, refused


def _batch_key(placements):
    """One key per set of placements: the same batch confirmed again sends nothing new."""
    return hashlib.sha256(",".join(sorted(str(placement.uuid) for placement in placements)).encode()).hexdigest()


def _notify_talent_of_several(placements):
    placements = sorted(placements, key=lambda placement: placement.starts_on)
    talent_user = placements[0].talent.user
    queue_email(
        key=f"placements-confirmed:{_batch_key(placements)}:talent",
        to=talent_user.email,
        template="rotations/placements_confirmed_talent",
        context={
            "name": talent_user.first_name or talent_user.email,
            "placements": placements,
            "schedule_url": reverse("portal:talent_dashboard"),
        },
    )


def _notify_host_of_several(placements):
    placements = sorted(placements, key=lambda placement: (placement.starts_on, placement.talent.name))
    host = placements[0].host
    for member, email in member_recipients(host):
        queue_email(
            key=f"placements-confirmed:{_batch_key(placements)}:member:{member.pk}",
            to=email,
            template="rotations/placements_confirmed_host",
            context={
                "name": member.first_name or email,
                "host": host,
                "placements": placements,
                "host_talents_url": reverse("rotations_host:talents"),
            },
        )


def _confirm(placement, *, by):
    """The state change of confirming, without its emails (the callers send them)."""
    placement = Placement.objects.select_for_update().with_people().get(pk=placement.pk)
    if not placement.is_proposed:
        raise ValidationError(
            _("Only a proposed placement can be confirmed; this one is %(status)s.")
            % {"status": placement.get_status_display()}
        )
    from_state, placement.status = placement.status, PlacementStatus.CONFIRMED
    placement.confirmed_at = timezone.now()
    placement.save(update_fields=["status", "confirmed_at"])
    record(placement, "placement.confirmed", by=by, from_state=from_state, to_state=placement.status)
    # Both sides (the talent, each member of the host) get their calendar address with their first
    # confirmed placement.
    feed_for_talent(placement.talent.user)
    for membership in placement.host.memberships.select_related("user"):
        feed_for_host(placement.host, member=membership.user)
    return placement


@transaction.atomic
def cancel_placement(placement, *, reason, by):
    """Any live placement → cancelled, which frees its seat, period and host for the talent.

    Queues 'placement cancelled' with the reason to the talent and the host's members — unless
    it was only proposed, which neither side had been told about.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the placement is cancelled; both sides are told.")})
    if "\x00" in reason:  # PostgreSQL text cannot hold NUL; the admin posts the reason without a form
        raise ValidationError({"reason": _("The reason contains a character that cannot be stored.")})
    placement = Placement.objects.select_for_update().with_people().get(pk=placement.pk)
    if not placement.can_be_cancelled:
        raise ValidationError(
            _("A %(status)s placement cannot be cancelled.") % {"status": placement.get_status_display().lower()}
        )
    was_announced = not placement.is_proposed
    from_state, placement.status = placement.status, PlacementStatus.CANCELLED
    placement.cancel_reason = reason
    placement.cancelled_at = timezone.now()
    placement.save(update_fields=["status", "cancel_reason", "cancelled_at"])
    record(placement, "placement.cancelled", by=by, from_state=from_state, to_state=placement.status, note=reason)
    if was_announced:
        notify_both_sides(
            placement,
            event="placement-cancelled",
            template_prefix="rotations/placement_cancelled",
            extra={"reason": reason},
        )
    return placement


@transaction.atomic
def advance_placements(today=None):
    """Move placements along by date: confirmed → active from their first day, confirmed or active →
    completed after their last. Running it twice the same day changes nothing. Returns (started, completed).

    The daily beat task runs it, so each move's activity entry has no person (the system).
    """
    today = today or timezone.localdate()
    due = (
        Placement.objects.select_for_update(of=("self",))
        .with_people()
        .filter(
            Q(status__in=[PlacementStatus.CONFIRMED, PlacementStatus.ACTIVE], ends_on__lt=today)
            | Q(status=PlacementStatus.CONFIRMED, starts_on__lte=today)
        )
    )
    moves = defaultdict(list)  # (from, to) -> placements
    for placement in due:
        to_state = PlacementStatus.COMPLETED if placement.ends_on < today else PlacementStatus.ACTIVE
        moves[placement.status, to_state].append(placement)
    for (from_state, to_state), placements in moves.items():
        Placement.objects.filter(pk__in=[placement.pk for placement in placements]).update(status=to_state)
        action = "placement.completed" if to_state == PlacementStatus.COMPLETED else "placement.started"
        record_each(placements, action, by=None, from_state=from_state, to_state=to_state)
    started = sum(len(placements) for (_from, to), placements in moves.items() if to == PlacementStatus.ACTIVE)
    return started, sum(len(placements) for placements in moves.values()) - started
