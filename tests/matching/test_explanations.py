"""Infeasible input explained, `why` and `evaluate` on hand-made cohorts, and the engine free of Django."""

import subprocess
import sys

from rotations.engine import Plan, Problem, Project, Talent, evaluate, solve, why
from rotations.engine.reference.baselines import sequential_stable, serial_dictatorship
from rotations.engine.reference.synthetic import cohort


def _cohort(seats=(1, 1), **kwargs):
    """Three talents, four hosts with one project each, two periods."""
    projects = tuple(Project(f"p{i}", f"h{i}", seats, host_ranking=("t0", "t1", "t2")) for i in range(4))
    talents = tuple(Talent(f"t{i}", ("p0", "p1", "p2", "p3")) for i in range(3))
    return Problem(talents=talents, projects=projects, periods=2, **kwargs)


def test_too_few_seats_in_a_period_names_the_period_and_the_shortfall():
    plan = solve(_cohort(seats=(1, 0)))
    assert plan.status == "infeasible"
    assert plan.assignments == {}
    assert "Period 2 has 0 seats for 3 talents: a shortfall of 3 seats." in plan.explanation


def test_a_talent_with_nothing_reachable_is_named():
    forbidden = frozenset({("t1", "h0"), ("t1", "h1"), ("t1", "p2")})
    plan = solve(_cohort(forbidden=forbidden))
    assert plan.status == "infeasible"
    assert any("Talent t1 can reach only 1 host(s)" in line for line in plan.explanation)


def test_clashing_locks_are_explained_not_raised():
    locks = frozenset({("t0", 0, "p0"), ("t0", 0, "p1"), ("t1", 0, "p0")})
    plan = solve(_cohort(locks=locks))
    assert plan.status == "infeasible"
    text = " ".join(plan.explanation)
    assert "t0 has 2 locked placements in period 1" in text
    assert "Project p0 has 2 locked talents in period 1 but 1 seat: 1 too many" in text


def test_a_hidden_infeasibility_gets_a_general_explanation():
    # Seats add up in each period and every talent reaches two hosts, yet period 1 is all at h0, and
    # in period 2 only p2 (one seat) is at another host.
    projects = (Project("p0", "h0", (2, 0)), Project("p1", "h0", (0, 1)), Project("p2", "h1", (0, 1)))
    talents = (Talent("t0", ("p0",)), Talent("t1", ("p1",)))
    plan = solve(Problem(talents=talents, projects=projects, periods=2))
    assert plan.status == "infeasible"
    assert plan.explanation


def test_not_a_fit_is_never_used():
    problem = _cohort()
    projects = (Project("p0", "h0", (1, 1), not_a_fit=frozenset({"t0"})), *problem.projects[1:])
    plan = solve(Problem(talents=problem.talents, projects=projects, periods=2))
    assert "p0" not in {j for (t, _), j in plan.assignments.items() if t == "t0"}
    assert {"project": "p0", "rank": 1, "reason": "not a fit", "period": None} in why(
        Problem(talents=problem.talents, projects=projects, periods=2), plan, "t0"
    )


def test_why_names_who_took_the_seats_and_the_host_already_used():
    problem = _cohort()
    plan = Plan(
        "feasible",
        {("t0", 0): "p0", ("t0", 1): "p1", ("t1", 0): "p1", ("t1", 1): "p0", ("t2", 0): "p2", ("t2", 1): "p3"},
        None,
        None,
        [],
        0.0,
    )
    reasons = why(problem, plan, "t2")
    assert reasons == [
        {"project": "p0", "rank": 1, "reason": "seats filled by t0 in period 1", "period": 1},
        {"project": "p1", "rank": 2, "reason": "seats filled by t1 in period 1", "period": 1},
    ]
    assert why(problem, plan, "t0") == []  # got their first two choices


def test_why_reports_forbidden_and_locked_options():
    problem = _cohort(forbidden=frozenset({("t2", "p0")}), locks=frozenset({("t2", 0, "p2"), ("t2", 1, "p3")}))
    plan = solve(problem)
    reasons = {r["project"]: r["reason"] for r in why(problem, plan, "t2")}
    assert reasons == {"p0": "forbidden", "p1": "locked placement"}


def test_evaluate_counts_ranks_seats_left_and_blocking_pairs():
    problem = _cohort(seats=(1, 2))
    plan = Plan(
        "feasible",
        {("t0", 0): "p0", ("t0", 1): "p1", ("t1", 0): "p1", ("t1", 1): "p0", ("t2", 0): "p2", ("t2", 1): "p3"},
        None,
        None,
        [],
        0.0,
    )
    metrics = evaluate(problem, plan)
    first = metrics["periods"][0]
    assert first["first_choice_share"] == 1 / 3
    assert first["top3_share"] == 1.0
    assert first["worst_rank"] == 3
    assert first["seats_left"] == {"h0": 0, "h1": 0, "h2": 0, "h3": 1}
    second = metrics["periods"][1]
    assert second["seats_left"] == {"h0": 1, "h1": 1, "h2": 2, "h3": 1}
    # In period 2 p0 still has a seat and t2 ranks it above p3, host h0 unused by t2: a blocking pair.
    assert second["blocking_pairs"] == 2  # t2 would take p0 or p1 (both free, both better than p3)
    assert metrics["violations"] == []
    assert metrics["objective"] is not None


def test_evaluate_reports_broken_rules():
    plan = Plan("feasible", {("t0", 0): "p0", ("t0", 1): "p0", ("t1", 0): "p0"}, None, None, [], 0.0)
    broken = evaluate(_cohort(), plan)["violations"]
    assert "t0 visits a host twice" in broken
    assert "p0 has 2 talents for 1 seats in period 1" in broken
    assert "t2 has no project in period 1" in broken


def test_engine_is_optimal_and_beats_the_references_on_a_synthetic_cohort():
    problem = cohort(100, seed=7)
    plan = solve(problem)
    assert plan.status == "optimal"
    assert plan.gap == 0.0
    assert evaluate(problem, plan)["violations"] == []
    for reference in (serial_dictatorship(problem), sequential_stable(problem)):
        assert reference.objective is None or plan.objective >= reference.objective


def test_deferred_acceptance_leaves_no_blocking_pair_in_any_period():
    problem = cohort(60, seed=3)
    plan = sequential_stable(problem)
    if plan.objective is not None:
        assert all(p["blocking_pairs"] == 0 for p in evaluate(problem, plan)["periods"])


def test_the_engine_imports_no_django():
    code = "import sys, rotations.engine, rotations.engine.reference.bench; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
