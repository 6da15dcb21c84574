from functools import cache

from talents.access import is_talent
from talents.models import Application


def talent(request):
    """`is_talent` (pages that word themselves by role) and `talent_ranks_projects` (the talent's subnavigation),
    each evaluated only if a template asks."""
    user = getattr(request, "user", None)
    return {
        "is_talent": (lambda: is_talent(user)) if user else False,
        "talent_ranks_projects": cache(lambda: _ranks_projects(user)) if user else False,
    }


def _ranks_projects(user):
    """The subnavigation's "Rank projects" link: accepted to a cohort being matched. One query, asked
    only by a page that shows the link and does not already know (the overview and the ranking page
    pass their own value)."""
    return (
        is_talent(user)
        and Application.objects.for_talent(user.talent_profile).accepted().in_matching_cohorts().exists()
    )
