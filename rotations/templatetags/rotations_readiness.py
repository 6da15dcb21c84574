"""`{% readiness_panel cohort "board" %}`: the guard-rail panel of the rotation board and the run page.

A tag rather than context from the two views: the panel (who has not ranked, "Remind them", sharing the
proposed plan) is one piece drawn the same way on both pages, and its queries are fixed whatever the
cohort's size (matching_readiness: three, while the cohort is being matched; who shared the plan, while it is).
"""

from django import template

from eyeforai.activity.models import ActivityEntry
from eyeforai.admintools.permissions import has_permission
from rotations.choices import PlacementStatus
from rotations.models import Placement
from rotations.readiness import matching_readiness

register = template.Library()

# A cohort of a hundred where nobody ranked yet would list a hundred names above the board: the panel names
# the first few and folds the rest into a <details>, unless only a couple more would be folded.
FIRST_NAMED = 5
FOLD_FROM = FIRST_NAMED + 3


def _fold(people):
    """(named, folded): everyone when the list is short, else the first FIRST_NAMED and the rest."""
    if len(people) < FOLD_FROM:
        return people, []
    return people[:FIRST_NAMED], people[FIRST_NAMED:]


@register.inclusion_tag("admin/rotations/_readiness.html", takes_context=True)
def readiness_panel(context, cohort, page="board"):
    request = context["request"]
    on_board = page == "board"
    can_share = on_board and has_permission(request, "rotations.confirm_placement")
    proposed = context.get("proposed")  # the board counts its proposed placements already
    if can_share and proposed is None:
        proposed = Placement.objects.in_cohort(cohort).filter(status=PlacementStatus.PROPOSED).count()
    shared = (
        ActivityEntry.objects.for_object(cohort).filter(action="cohort.plan_shared").order_by("-at").first()
        if can_share and cohort.plan_shared_at
        else None
    )
    # Readiness only means something while the cohort is being matched.
    readiness = matching_readiness(cohort) if cohort.is_being_matched else None
    talents, more_talents = _fold(readiness.gaps.talents) if readiness else ([], [])
    projects, more_projects = _fold(readiness.gaps.projects) if readiness else ([], [])
    return {
        "cohort": cohort,
        "on_board": on_board,
        "readiness": readiness,
        "talents": talents,
        "more_talents": more_talents,
        "projects": projects,
        "more_projects": more_projects,
        "can_remind": has_permission(request, "rotations.run_matching"),
        "can_run": on_board and has_permission(request, "rotations.run_matching"),
        "can_share": can_share,
        "proposed": proposed,
        "shared": shared,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
