from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from eyeforai.activity.services import record
from eyeforai.programme.dates import add_months
from eyeforai.programme.models import Period


def period_dates(cohort):
    """(number, starts_on, ends_on) for each period: back to back from the cohort's start."""
    dates = []
    for index in range(cohort.period_count):
        starts_on = add_months(cohort.starts_on, index * cohort.period_months)
        ends_on = add_months(cohort.starts_on, (index + 1) * cohort.period_months) - timedelta(days=1)
        dates.append((index + 1, starts_on, ends_on))
    return dates


@transaction.atomic
def generate_periods(cohort, *, replace=False, by=None):
    """Create the cohort's periods from its start, count and length.

    Leaves hand-edited periods alone unless `replace` is set; refuses to replace periods that other
    records already point at (placements, seats) — the database's PROTECT says so. Side effect: an
    activity entry naming `by` (None: the system, as for the demo data).
    """
    if cohort.periods.exists():
        if not replace:
            return list(cohort.periods.all())
        try:
            cohort.periods.all().delete()
        except (ProtectedError, RestrictedError) as error:
            raise ValidationError(_("The periods are in use and cannot be regenerated; edit them instead.")) from error
    periods = Period.objects.bulk_create(
        Period(cohort=cohort, number=number, starts_on=starts_on, ends_on=ends_on)
        for number, starts_on, ends_on in period_dates(cohort)
    )
    record(cohort, "cohort.periods_generated", by=by, note=_("%(count)d periods") % {"count": len(periods)})
    return periods
