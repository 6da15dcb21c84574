"""What the talent's and the host's pages show of placements, each in a fixed number of queries."""

from collections import defaultdict

from eyeforai.programme.models import Period
from rotations.choices import Side
from rotations.models import Evaluation, HiringInterest, Placement


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


HOST_TALENT_FIELDS = [
    "uuid",
    "status",
    "starts_on",
    "ends_on",
    "host_id",
    "cohort__name",
    "period__number",
    "project__title",
    "talent__uuid",
    "talent__user__first_name",
    "talent__user__last_name",
    "talent__user__email",
]


def host_talents(organization, *, today):
    """Placements at the organisation its members may see (visible_to_both_sides: proposed ones only while
    the cohort's plan is shared) grouped by cohort and period, with what each row may offer: the CV, the
    feedback form when open, and the hiring-interest switch in the last period. Four queries: plain
    value lists cost less to build than the same facts annotated as subqueries on the placements."""
    placements = list(
        Placement.objects.for_host(organization)
        .visible_to_both_sides()
        .select_related("talent__user", "project", "period", "cohort")
        .order_by("-cohort__starts_on", "period__number", "talent__user__last_name")
        # What the host's talents page and overview show of each placement; nothing else is loaded.
        .only(*HOST_TALENT_FIELDS)
    )
    cohort_ids = {placement.cohort_id for placement in placements}
    given = set(
        Evaluation.objects.filter(placement__in=placements, side=Side.HOST).values_list("placement_id", flat=True)
    )
    sides = defaultdict(set)  # (cohort, talent) -> the sides that marked interest with this organisation
    interests = HiringInterest.objects.filter(host=organization, cohort__in=cohort_ids)
    for cohort_id, talent_id, side in interests.values_list("cohort_id", "talent_id", "side"):
        sides[cohort_id, talent_id].add(side)
    last_period_starts = {}  # as hiring.last_period_has_begun: the period with the highest number
    periods = Period.objects.filter(cohort__in=cohort_ids).order_by("number")
    for cohort_id, starts_on in periods.values_list("cohort_id", "starts_on"):
        last_period_starts[cohort_id] = starts_on
    rows = []
    for placement in placements:
        marked = sides[placement.cohort_id, placement.talent_id]
        last_starts_on = last_period_starts.get(placement.cohort_id)
        rows.append(
            {
                "placement": placement,
                "feedback_open": placement.feedback_is_open(today) and placement.pk not in given,
                "feedback_given": placement.pk in given,
                "hiring_open": last_starts_on is not None and today >= last_starts_on,
                "interested": Side.HOST in marked,
                "mutual": marked == {Side.HOST, Side.TALENT},
            }
        )
    return {"rows": rows}
