"""Hiring interest at the end of the programme, revealed to both sides only when mutual."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eyeforai.activity.services import record
from eyeforai.mail.services import queue_email
from hosts.services.common import member_recipients
from rotations.choices import Side
from rotations.models import HiringInterest, Placement


def last_period_has_begun(cohort, today):
    """True from the first day of the cohort's last period (uses prefetched periods when there are)."""
    periods = list(cohort.periods.all())
    return bool(periods) and today >= max(periods, key=lambda period: period.number).starts_on


@transaction.atomic
def mark_hiring_interest(*, talent, host, cohort, side, by, today):
    """One side says it would like to continue. Only during the cohort's last period, and only
    between a talent and a host they rotated through. When the other side already said the same,
    queues the 'mutual interest' email to the talent, the host's members and the programme team."""
    if not last_period_has_begun(cohort, today):
        raise ValidationError(_("Hiring interest opens when the last period begins."))
    # The same placements the hiring page lists: a proposed one the plan has not shared is not "worked together".
    had_placement = Placement.objects.visible_to_both_sides().filter(cohort=cohort, talent=talent, host=host).exists()
    if not had_placement:
        raise ValidationError(_("Only hosts and talents who worked together can mark interest."))
    interest, created = HiringInterest.objects.get_or_create(
        cohort=cohort, talent=talent, host=host, side=side, defaults={"marked_by": by}
    )
    other_side = Side.HOST if side == Side.TALENT else Side.TALENT
    mutual = HiringInterest.objects.filter(cohort=cohort, talent=talent, host=host, side=other_side).exists()
    if created:
        record(interest, "hiringinterest.marked", by=by, note=_("Mutual: both sides are told.") if mutual else "")
    if mutual:
        _announce_match(talent=talent, host=host, cohort=cohort)
    return mutual


@transaction.atomic
def withdraw_hiring_interest(*, talent, host, cohort, side, by):
    """Take back a not-yet-mutual interest. A revealed match stays: both sides were told."""
    interests = HiringInterest.objects.filter(cohort=cohort, talent=talent, host=host)
    if interests.count() == 2:
        raise ValidationError(_("The interest is mutual and both sides have been told; talk to the programme team."))
    for interest in interests.filter(side=side).select_related("talent__user", "host"):
        record(interest, "hiringinterest.withdrawn", by=by)
        interest.delete()


def mutual_pairs(cohorts):
    """{(talent_id, host_id)} where both sides marked interest, in the given cohorts."""
    seen = {}
    for talent_id, host_id, side in HiringInterest.objects.filter(cohort__in=cohorts).values_list(
        "talent_id", "host_id", "side"
    ):
        seen.setdefault((talent_id, host_id), set()).add(side)
    return {pair for pair, sides in seen.items() if len(sides) == 2}


def _announce_match(*, talent, host, cohort):
    context = {"talent": talent, "talent_name": talent.name, "host": host, "cohort": cohort}
    key = f"hiring-match:{cohort.pk}:{talent.pk}:{host.pk}"
    user = talent.user
    queue_email(
        key=f"{key}:talent",
        to=user.email,
        template="rotations/hiring_match_talent",
        context={**context, "name": user.first_name or user.email, "url": reverse("rotations_talent:hiring")},
    )
    for member, email in member_recipients(host):
        queue_email(
            key=f"{key}:member:{member.pk}",
            to=email,
            template="rotations/hiring_match_host",
            context={**context, "name": member.first_name or email, "url": reverse("rotations_host:talents")},
        )
    queue_email(
        key=f"{key}:team",
        to=settings.PROGRAMME_TEAM_EMAIL,
        template="rotations/hiring_match_team",
        # Lazy: translated when the email is rendered, in the team's language, not the marker's.
        context={**context, "name": gettext_lazy("programme team")},
    )
