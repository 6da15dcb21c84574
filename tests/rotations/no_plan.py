"""A cohort on which a run with a time limit under a tenth of a second finds no plan, every time."""

from rotations.services.matching import execute_run, start_run
from rotations.services.preferences import save_talent_ranking
from tests.factories import HostOrganizationFactory
from tests.rotations.fixtures import accepted_talent, approved_project

TINY_TIME_LIMIT = 0.001  # seconds


def tight_cohort(cohort):
    """Two talents who both rank A, B, C, D first to last, where A and B have seats only in period 1.

    A plan exists (A or B in period 1, D in period 2, C in period 3), but the engine's first stage picks
    each talent's three favourite hosts (A, B, C), which cannot be fitted into periods; finding another
    fit needs the period model, which starts only with a tenth of a second left (engine/periods.py,
    MIN_START). A run with a limit under 0.1 s therefore never has the time: "no plan in time", every
    time, on any machine, without touching the engine. Returns (talents, {name: project}).
    """
    seats = {"A": (2, 0, 0), "B": (2, 0, 0), "C": (0, 2, 2), "D": (0, 2, 0)}
    projects = {
        name: approved_project(
            HostOrganizationFactory(name=f"Host {name} AB", slug=f"host-{name.lower()}"),
            cohort,
            seats=counts,
            title=f"Project {name}",
        )
        for name, counts in seats.items()
    }
    talents = [accepted_talent(cohort, number) for number in range(2)]
    for talent in talents:
        save_talent_ranking(talent, cohort, list(projects.values()), by=None)
    return talents, projects


def no_plan_run(cohort, manager, locks=()):
    """A run of `cohort` (a tight_cohort) with the tiny time limit, run here: it ends as no_plan."""
    return execute_run(start_run(cohort, by=manager, locks=locks, time_limit=TINY_TIME_LIMIT))
