"""Property tests of the engine on random small cohorts: rules kept, optimal, never below a reference."""

import dataclasses
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import evaluate, solve
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from rotations.engine.reference import oracle
from rotations.engine.reference.baselines import sequential_stable, serial_dictatorship
from tests.matching.strategies import cohorts

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(cohorts())
def test_every_plan_keeps_every_rule(problem):
    plan = solve(problem)
    if plan.status == "infeasible":
        assert plan.explanation
        assert oracle.exact(problem).status == "infeasible"  # the independent exact model agrees
        return
    metrics = evaluate(problem, plan)
    assert metrics["violations"] == []  # seats, one project per period, P distinct hosts, forbidden, locks
    assert oracle.check(problem, plan.assignments) == []  # and by a checker that shares no code with it
    assert len(plan.assignments) == len(problem.talents) * problem.periods
    assert abs(metrics["objective"] - plan.objective) < 1e-6


@FAST
@given(cohorts())
def test_decomposition_matches_the_exact_oracle(problem):
    plan = solve(problem)
    exact = oracle.exact(problem)
    assert (plan.status == "infeasible") == (exact.status == "infeasible")
    if plan.status == "optimal":
        assert abs(plan.objective - exact.objective) <= 1e-6 * max(1.0, abs(exact.objective))


@FAST
@given(cohorts())
def test_objective_is_never_below_either_baseline(problem):
    plan = solve(problem)
    for reference in (serial_dictatorship(problem), sequential_stable(problem)):
        if reference.objective is not None:  # a greedy reference may dead-end
            assert plan.objective is not None
            assert plan.objective >= reference.objective - 1e-6


@FAST
@given(cohorts(), st.integers(0, 2**16))
def test_locks_are_kept(problem, seed):
    first = solve(problem)
    if first.status == "infeasible":
        return
    # Lock a random part of a feasible plan and shake the weights: the locked cells must stay.
    rng = random.Random(seed)
    locks = frozenset((t, p, j) for (t, p), j in first.assignments.items() if rng.random() < 0.4)
    weights = dataclasses.replace(problem.weights, host=rng.uniform(0, 10), fairness=rng.uniform(0, 2))
    locked = dataclasses.replace(problem, locks=locks, weights=weights)
    plan = solve(locked)
    assert plan.status != "infeasible"
    assert all(plan.assignments[(t, p)] == j for t, p, j in locks)
    assert evaluate(locked, plan)["violations"] == []


@FAST
@given(cohorts(buddies=True, forbidden=False))
def test_buddies_rotate_together_as_much_as_the_exact_model_allows(problem):
    # With every other weight off, the objective is the number of buddy periods together.
    weights = dataclasses.replace(problem.weights, talent=0.0, host=0.0, skill=0.0, fairness=0.0, buddy=1.0)
    problem = dataclasses.replace(problem, weights=weights)
    plan, exact = solve(problem), oracle.exact(problem)
    if plan.status == "optimal":
        cp = Compiled(problem)
        together = score(cp, {(cp.t_index[t], p): cp.j_index[j] for (t, p), j in plan.assignments.items()})
        assert together["buddy_periods_together"] == round(exact.objective)


@settings(max_examples=10, deadline=None)
@given(cohorts())
def test_the_same_input_gives_the_same_plan(problem):
    assert solve(problem).assignments == solve(problem).assignments
