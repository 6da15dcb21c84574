"""Stage 1's LP kept alive across rounds (selection_lp.py) against the same LP built from scratch."""

import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent
from rotations.engine.compiled import Compiled
from rotations.engine.reference import shapes
from rotations.engine.selection import _build, _price, select
from rotations.engine.selection_lp import SelectionLP
from tests.matching.lp_checks import batches, dual_bound
from tests.matching.strategies import cohorts, shaped_cohorts

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _scratch(cp: Compiled, columns):
    """Stage 1's LP on these columns, built and solved from scratch through scipy."""
    col_t, col_j = [t for t, _ in columns], [j for _, j in columns]
    util = np.array([cp.utility(t, j) for t, j in columns])
    m, _ = _build(cp, col_t, col_j, util, lp=True)
    return m.solve_lp(30)


def _every(cp: Compiled):
    return [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)]


@FAST
@given(problem=st.one_of(cohorts(), shaped_cohorts(max_talents=12)), seed=st.integers(0, 2**16))
def test_the_warm_lp_has_the_optimum_of_the_lp_built_from_scratch_round_after_round(problem, seed):
    cp = Compiled(problem)
    warm = SelectionLP(cp)
    columns: list[tuple[int, int]] = []
    for batch in batches(cp, seed):
        warm.add([t for t, _ in batch], [j for _, j in batch], [cp.utility(t, j) for t, j in batch])
        columns += batch
        got, reference = warm.solve(30), _scratch(cp, columns)
        assert got.status == reference.status == "optimal"
        tolerance = 1e-7 * max(1.0, abs(reference.objective))
        assert abs(got.objective - reference.objective) <= tolerance
        duals = np.asarray(warm.h.getSolution().row_dual)
        assert abs(dual_bound(warm, duals) - got.objective) <= tolerance  # an optimal dual solution
        assert len(got.y) == len(columns) and np.all(got.y >= -1e-9) and np.all(got.y <= 1 + 1e-9)


@FAST
@given(problem=shaped_cohorts(max_talents=12), seed=st.integers(0, 2**16))
def test_the_bound_priced_from_the_warm_lp_holds_for_every_column(problem, seed):
    # Shaped cohorts are feasible by construction, so the LP over every column places everyone.
    cp = Compiled(problem)
    truth = _scratch(cp, _every(cp)).objective
    warm = SelectionLP(cp)
    columns: list[tuple[int, int]] = []
    for batch in batches(cp, seed):
        warm.add([t for t, _ in batch], [j for _, j in batch], [cp.utility(t, j) for t, j in batch])
        columns += batch
        got = warm.solve(30)
        have = [set() for _ in range(cp.T)]
        for t, j in columns:
            have[t].add(j)
        col_t, col_j = [t for t, _ in columns], [j for _, j in columns]
        bound, _, _, _ = _price(cp, got, col_t=col_t, col_j=col_j, have=have, threshold=None)
        assert bound >= truth - 1e-6 * max(1.0, abs(truth))


def test_stage_one_gives_the_same_selection_twice_on_a_buddies_cohort():
    cp = Compiled(shapes.build("buddies", 200))
    first = select(cp, cp.M, time.monotonic() + 60)
    second = select(cp, cp.M, time.monotonic() + 60)
    assert first.status == second.status == "ok"
    assert first.chosen == second.chosen and first.bound == second.bound and first.rounds == second.rounds


def test_a_locked_placement_is_taken_even_where_another_project_is_worth_more():
    projects = tuple(Project(id=f"p{h}", host=f"h{h}", seats=(1, 1, 1)) for h in range(4))
    talent = Talent("t", ("p0", "p1", "p2", "p3"))
    cp = Compiled(Problem((talent,), projects, locks=frozenset({("t", 1, "p3")}), ranked_minimum=0))
    lp = SelectionLP(cp)
    lp.add([0, 0, 0, 0], [0, 1, 2, 3], [cp.utility(0, j) for j in range(4)])
    got = lp.solve(30)
    assert got.status == "optimal" and got.unplaced == 0.0
    assert got.y.round().tolist() == [1.0, 1.0, 0.0, 1.0]  # the last choice, locked, instead of the third
