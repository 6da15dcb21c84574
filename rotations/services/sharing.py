"""Sharing a cohort's proposed plan with its hosts and talents before the placements are confirmed.

Proposed placements are the programme team's draft: talents may still change their rankings and a manager
may still move a cell, so neither side sees them (Placement.objects.visible_to_both_sides) until they are
confirmed, or until a manager chooses to share the plan as it stands. Sharing sends no email: confirming
the placements does that.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eyeforai.activity.services import record
from eyeforai.programme.models import Cohort
from rotations.choices import PlacementStatus
from rotations.models import Placement


def _locked(cohort):
    """The cohort's row under a lock, so two managers sharing and withdrawing cannot cross."""
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


@transaction.atomic
def share_plan(cohort, *, by):
    """Let the cohort's host members and talents see its proposed placements (Cohort.plan_shared_at).

    Refused when the plan is shared already or the cohort has no proposed placement. Records
    'cohort.plan_shared' (who and when) in the activity history. No email.
    """
    cohort = _locked(cohort)
    if cohort.plan_shared_at is not None:
        raise ValidationError(
            _("The proposed plan of %(cohort)s is already shared with its hosts.") % {"cohort": cohort}
        )
    proposed = Placement.objects.in_cohort(cohort).filter(status=PlacementStatus.PROPOSED).count()
    if not proposed:
        raise ValidationError(_("%(cohort)s has no proposed placements to share.") % {"cohort": cohort})
    cohort.plan_shared_at = timezone.now()
    cohort.save(update_fields=["plan_shared_at"])
    note = ngettext("%(count)d proposed placement", "%(count)d proposed placements", proposed) % {"count": proposed}
    record(cohort, "cohort.plan_shared", by=by, note=note)
    return cohort


@transaction.atomic
def withdraw_plan_share(cohort, *, by):
    """Hide the cohort's proposed placements from hosts and talents again; confirmed ones stay visible.

    Refused when the plan is not shared. Records 'cohort.plan_share_withdrawn' in the activity history.
    """
    cohort = _locked(cohort)
    if cohort.plan_shared_at is None:
        raise ValidationError(_("The proposed plan of %(cohort)s is not shared.") % {"cohort": cohort})
    cohort.plan_shared_at = None
    cohort.save(update_fields=["plan_shared_at"])
    record(cohort, "cohort.plan_share_withdrawn", by=by)
    return cohort
