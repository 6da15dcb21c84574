"""The period fitting's LP kept alive across rounds (period_lp.py) against the LP built from scratch."""

import dataclasses
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rotations.engine import periods, solve
from rotations.engine.compiled import Compiled
from rotations.engine.formulation import solve_full
from rotations.engine.metrics import score
from rotations.engine.period_lp import PeriodLP
from rotations.engine.reference import shapes
from rotations.engine.reference.oracle import exact
from rotations.engine.selection import aggregate_feasible, select
from tests.matching.lp_checks import batches, dual_bound
from tests.matching.strategies import cohorts, shaped_cohorts

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cold(cp: Compiled, columns):
    col_t, col_j = [t for t, _ in columns], [j for _, j in columns]
    util = [cp.utility(t, j) for t, j in columns]
    rank = [cp.talent_rank(t, j) for t, j in columns]
    return solve_full(cp, col_t, col_j, util, rank, fairness=False, time_limit=30, relax=True)


@FAST
@given(problem=st.one_of(cohorts(), shaped_cohorts(max_talents=12)), seed=st.integers(0, 2**16))
def test_the_warm_lp_proves_the_optimum_of_the_lp_built_from_scratch_round_after_round(problem, seed):
    cp = Compiled(problem)
    warm = PeriodLP(cp)
    cold_only = PeriodLP(cp, pivots=(0, 0.0))  # every re-solve given up at once: the interior point each round
    for batch in batches(cp, seed):
        warm.add(batch)
        cold_only.add(batch)
        got, again, reference = warm.solve(30), cold_only.solve(30), _cold(cp, warm.columns)
        assert got.result.status == again.result.status == reference.result.status == "optimal"
        tolerance = 1e-7 * max(1.0, abs(reference.result.objective))
        assert abs(got.result.objective - reference.result.objective) <= tolerance
        assert abs(again.result.objective - reference.result.objective) <= tolerance
        # The duals the bound is priced from are an optimal dual solution, as the scratch LP's are.
        assert abs(dual_bound(warm, got.result.duals) - got.result.objective) <= tolerance
        seats = got.result.duals[warm.r_seat : warm.r_seat + cp.J * cp.P].reshape(cp.J, cp.P)
        assert np.allclose(got.seat_duals, seats, atol=1e-9)  # prices of "<=" rows: never below zero
        assert {warm.columns[i] for i in got.support} <= set(warm.columns)


@FAST
@given(problem=shaped_cohorts(max_talents=10))
def test_fitting_the_periods_on_stage_ones_columns_keeps_a_valid_bound_and_proves_only_the_optimum(problem):
    # Without the fairness term the threshold at the largest rank is the whole problem, so the exact MILP
    # judges the fitting's plan and bound directly.
    problem = dataclasses.replace(problem, weights=dataclasses.replace(problem.weights, fairness=0.0))
    cp = Compiled(problem)
    sel = select(cp, cp.M, time.monotonic() + 30)
    truth = exact(problem, time_limit=60)
    assert sel.status == "ok" and truth.status == "optimal"  # feasible by construction
    plan, bound = periods.fit(cp, sel.columns, cp.M, time.monotonic() + 30)
    tolerance = 1e-6 * max(1.0, abs(truth.objective))
    assert bound >= truth.objective - tolerance
    if plan is not None:
        value = score(cp, plan)["objective"]
        assert value <= truth.objective + tolerance
        if bound - value <= tolerance:
            assert abs(value - truth.objective) <= tolerance


def test_short_seats_are_fitted_by_warm_rounds_and_the_same_input_gives_the_same_plan():
    problem = shapes.build("short_seats", 300, time_limit=60)
    first, second = solve(problem), solve(problem)
    assert first.stats.get("fallbacks")  # the periods were fitted by periods.fit, round after round
    assert first.status == "optimal"
    assert first.assignments == second.assignments and first.objective == second.objective


def test_a_later_round_gets_its_own_time_not_what_the_first_run_left_over():
    # HiGHS counts its time limit over every run of the same object: told "the time left" as it is, the
    # second round would stop at once whenever the first took longer than the time left.
    cp = Compiled(shapes.build("short_seats", 300))
    model = PeriodLP(cp)
    rounds = batches(cp, seed=1)
    model.add(rounds[0])
    assert model.solve(30).result.status == "optimal"
    model.add(rounds[1][:20])
    # As long as the whole first solve took: far more than a warm round of twenty columns needs.
    assert model.solve(model.h.getRunTime()).result.status == "optimal"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=shaped_cohorts(max_talents=10))
def test_without_the_fairness_row_the_fitting_is_as_good_when_no_worst_rank_below_the_threshold_exists(problem):
    # The solver leaves the row out when a max flow proves no plan's worst rank is below the threshold: every
    # plan then has that worst rank, so the fairness term is one constant and the best plan is the same.
    cp = Compiled(problem)
    floor = max([cp.talent_rank(t, j) for t, _, j in cp.locks] + [1])  # a lock's rank, as the solver starts
    lowest = next(R for R in range(floor, cp.M + 1) if aggregate_feasible(cp, R))
    columns = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j) and cp.talent_rank(t, j) <= lowest]
    with_row = periods.fit(cp, columns, lowest, time.monotonic() + 30, fairness=True)
    without = periods.fit(cp, columns, lowest, time.monotonic() + 30, fairness=False)
    assert with_row[1] == pytest.approx(without[1], rel=1e-9, abs=1e-6)  # the bound does not use the row
    assert (with_row[0] is None) == (without[0] is None)
    assume(with_row[0] is not None)  # a max flow's "yes" is necessary, not sufficient: some have no plan here
    assert {score(cp, plan)["worst_rank"] for plan in (with_row[0], without[0])} == {lowest}
    assert score(cp, without[0])["objective"] == pytest.approx(score(cp, with_row[0])["objective"], abs=1e-6)
