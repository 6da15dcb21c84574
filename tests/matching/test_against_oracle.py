"""The engine judged by the exact oracle on small cohorts of every hard shape (issue 14).

The oracle (`rotations/engine/reference/oracle.py`) is one plain MILP of the same objective, no
decomposition; its checker reads only the `Problem`. Example counts are small so this folder stays under a
minute; `MATCHING_EXAMPLES=500 make pytest ARGS=tests/matching/test_against_oracle.py` runs a long search,
and `make bench-matching` shows the same shapes at 100 to 5,000 talents.
"""

import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import solve
from rotations.engine.reference import oracle
from rotations.engine.reference.shapes import SHAPES
from tests.matching.strategies import cohorts, shaped_cohorts, squeezed_cohorts

EXAMPLES = int(os.environ.get("MATCHING_EXAMPLES", "5"))  # per shape
ORACLE = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TOLERANCE = 1e-6
ANSWERS = {"optimal", "feasible"}


def _relative(value):
    return TOLERANCE * max(1.0, abs(value))


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_a_feasible_cohort_of_any_shape_is_never_called_infeasible(shape, data):
    problem = data.draw(shaped_cohorts(shapes=(shape,)))
    plan = solve(problem)
    assert plan.status in ANSWERS, plan.explanation  # every shape is feasible by construction


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_the_engine_agrees_with_the_oracle_on_feasibility(shape, data):
    problem = data.draw(squeezed_cohorts(shapes=(shape,)))
    plan, exact = solve(problem), oracle.exact(problem)
    assert exact.status in {"optimal", "infeasible"}  # small enough for the oracle to finish
    if exact.status == "optimal":
        assert plan.status in ANSWERS, plan.explanation
    else:
        assert plan.status == "infeasible"


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_an_optimal_plan_is_worth_the_exact_optimum(shape, data):
    problem = data.draw(shaped_cohorts(shapes=(shape,)))
    plan, exact = solve(problem), oracle.exact(problem)
    if plan.status == "optimal":
        assert plan.objective == pytest.approx(exact.objective, abs=_relative(exact.objective))
        assert plan.gap == 0.0


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_a_feasible_plan_has_a_finite_gap_and_its_bounds_hold_the_optimum(shape, data):
    problem = data.draw(shaped_cohorts(shapes=(shape,)))
    plan, exact = solve(problem), oracle.exact(problem)
    if plan.status == "feasible":
        assert plan.gap is not None and plan.gap >= 0 and plan.gap < float("inf")
        assert plan.bound is not None and plan.bound < float("inf")
        assert plan.objective - _relative(exact.objective) <= exact.objective <= plan.bound + _relative(plan.bound)


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_every_plan_passes_the_independent_rule_checker(shape, data):
    problem = data.draw(squeezed_cohorts(shapes=(shape,)))
    plan = solve(problem)
    if plan.status in ANSWERS:
        assert oracle.check(problem, plan.assignments) == []
        assert plan.objective is not None


@settings(ORACLE, max_examples=4 * EXAMPLES)
@given(cohorts())
def test_every_plan_of_a_free_form_cohort_passes_the_checker_and_matches_the_oracle(problem):
    plan, exact = solve(problem), oracle.exact(problem)
    assert (plan.status == "infeasible") == (exact.status == "infeasible"), plan.explanation
    if plan.status in ANSWERS:
        assert oracle.check(problem, plan.assignments) == []
        assert plan.objective <= exact.objective + _relative(exact.objective)


@pytest.mark.parametrize("shape", SHAPES)
@ORACLE
@given(data=st.data())
def test_an_infeasible_answer_names_the_talents_periods_locks_or_hosts_that_collide(shape, data):
    problem = data.draw(squeezed_cohorts(shapes=(shape,)))
    plan = solve(problem)
    if plan.status != "infeasible":
        return
    assert oracle.exact(problem).status == "infeasible"
    assert plan.explanation
    names = {t.id for t in problem.talents} | {p.id for p in problem.projects} | {p.host for p in problem.projects}
    words = set(re.findall(r"[\w-]+", " ".join(plan.explanation)))
    named = words & names or re.search(r"\bperiod \d", " ".join(plan.explanation), re.IGNORECASE)
    assert named, f"a generic explanation: {plan.explanation}"
