"""What the talent's and the host's pages show of placements, each in a fixed number of queries."""

from rotations.choices import Side
from rotations.models import Evaluation, HiringInterest, Placement
from rotations.services.hiring import last_period_has_begun, mutual_pairs


def talent_schedule(talent):
    """The talent's placements they may see (visible_to_both_sides) in period order, with host, project and
    supervisor."""
    return list(
        Placement.objects.for_talent(talent)
        .visible_to_both_sides()
        .select_related("host", "project", "period", "cohort")
        .order_by("starts_on")
    )


def feedback_due(talent, placements, *, today):
    """Of the talent's placements, those whose feedback form is open and not yet filled in (one query,
    only when a form is open)."""
    open_now = [placement for placement in placements if placement.feedback_is_open(today)]
    if not open_now:
        return []
    given = set(
        Evaluation.objects.filter(placement__in=open_now, side=Side.TALENT).values_list("placement_id", flat=True)
    )
    return [placement for placement in open_now if placement.pk not in given]


def host_talents(organization, *, today):
    """Placements at the organisation its members may see (visible_to_both_sides: proposed ones only while
    the cohort's plan is shared) grouped by cohort and period, with what each row may offer: the CV, the
    feedback form when open, and the hiring-interest switch in the last period."""
    placements = list(
        Placement.objects.for_host(organization)
        .visible_to_both_sides()
        .select_related("talent__user", "project", "period", "cohort")
        .prefetch_related("cohort__periods")
        .order_by("-cohort__starts_on", "period__number", "talent__user__last_name")
    )
    given = set(
        Evaluation.objects.filter(placement__in=placements, side=Side.HOST).values_list("placement_id", flat=True)
    )
    marked = set(HiringInterest.objects.filter(host=organization, side=Side.HOST).values_list("cohort_id", "talent_id"))
    cohorts = {placement.cohort_id: placement.cohort for placement in placements}
    hiring_open = {cohort_id: last_period_has_begun(cohort, today) for cohort_id, cohort in cohorts.items()}
    mutual = mutual_pairs(list(cohorts.values()))
    rows = []
    for placement in placements:
        rows.append(
            {
                "placement": placement,
                "feedback_open": placement.feedback_is_open(today) and placement.pk not in given,
                "feedback_given": placement.pk in given,
                "hiring_open": hiring_open[placement.cohort_id],
                "interested": (placement.cohort_id, placement.talent_id) in marked,
                "mutual": (placement.talent_id, organization.pk) in mutual,
            }
        )
    return {"rows": rows}
