"""Exact by construction, honest statuses: the engine against the exact MILP and plain counting."""

import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings

from rotations.engine import Problem, Project, Talent, evaluate, solve
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from rotations.engine.reference import shapes
from rotations.engine.reference.oracle import exact
from rotations.engine.reference.synthetic import cohort
from rotations.engine.selection import select
from rotations.engine.solver import _decomposed
from tests.matching.strategies import cohorts, shaped_cohorts

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _dominant(n_talents: int) -> Problem:
    """One host with 14 projects that talent t0 ranks exclusively, five small hosts with one project each."""
    big = tuple(Project(f"big{k}", "big", (n_talents,) * 3) for k in range(14))
    small = tuple(Project(f"s{h}", f"h{h}", (n_talents,) * 3) for h in range(5))
    others = tuple(Talent(f"t{i}", ("s0", "s1", "big0", "s2")) for i in range(1, n_talents))
    talents = (Talent("t0", tuple(p.id for p in big)), *others)
    return Problem(talents=talents, projects=big + small, periods=3)


def test_a_talent_who_ranks_only_the_dominant_host_is_placed_and_proven_optimal():
    problem = _dominant(20)
    plan = solve(problem)
    assert plan.status == "optimal"
    assert evaluate(problem, plan)["violations"] == []
    oracle = exact(problem, time_limit=60)
    assert abs(plan.objective - oracle.objective) <= 1e-6 * max(1.0, abs(oracle.objective))


def test_the_dominant_host_shape_at_1000_talents_is_proven_optimal_without_the_polish():
    problem = shapes.build("dominant", 1000, time_limit=60)
    plan = solve(problem)
    assert plan.status == "optimal"
    assert "polished" not in plan.stats  # the decomposition proved it alone
    assert evaluate(problem, plan)["violations"] == []


@FAST
@given(cohorts())
def test_optimal_claims_match_the_exact_milp_and_infeasible_ones_are_real(problem):
    plan = solve(problem)
    oracle = exact(problem, time_limit=60)
    assert (plan.status == "infeasible") == (oracle.status == "infeasible")
    if plan.status == "optimal":
        assert abs(plan.objective - oracle.objective) <= 1e-6 * max(1.0, abs(oracle.objective))
    if plan.status == "feasible":  # an honest gap: the bound is above the true optimum
        assert plan.bound >= oracle.objective - 1e-6 * max(1.0, abs(oracle.objective))


@FAST
@given(cohorts())
def test_bound_and_gap_are_finite_and_agree_with_the_words(problem):
    plan = solve(problem)
    if not plan.assignments:
        assert plan.status in {"infeasible", "no_plan_in_time"}
        return
    assert plan.bound is not None and plan.bound != float("inf") and plan.bound != float("-inf")
    assert plan.gap is not None and plan.gap >= 0
    if plan.status == "optimal":
        assert plan.gap == 0.0
        assert plan.explanation[0] == "Proven optimal."
    else:
        assert abs(plan.gap - (plan.bound - plan.objective) / max(1.0, abs(plan.objective))) < 1e-9
        assert f"{100 * plan.gap:.3f} %" in plan.explanation[0]


def _allowed(problem: Problem, tid: str) -> list[Project]:
    nofit = {p.id for p in problem.projects if tid in p.not_a_fit}
    banned = {o for t, o in problem.forbidden if t == tid}
    return [p for p in problem.projects if p.id not in nofit | banned and p.host not in banned]


def _placeable_together(problem: Problem, talent_ids: list[str]) -> bool:
    """Brute force: can these talents alone each get one project per period at P different hosts?"""
    P = problem.periods
    seats = {p.id: list(p.seats[:P]) + [0] * (P - len(p.seats[:P])) for p in problem.projects}
    locks = {(t, k): j for t, k, j in problem.locks}
    options = []
    for tid in talent_ids:
        mine = _allowed(problem, tid)
        rows = []
        for combo in itertools.product(mine, repeat=P):
            if len({p.host for p in combo}) < P:
                continue
            if any(locks.get((tid, k), combo[k].id) != combo[k].id for k in range(P)):
                continue
            rows.append([p.id for p in combo])
        options.append(rows)

    def place(i):
        if i == len(options):
            return True
        for row in options[i]:
            if all(seats[j][k] > 0 for k, j in enumerate(row)):
                for k, j in enumerate(row):
                    seats[j][k] -= 1
                ok = place(i + 1)
                for k, j in enumerate(row):
                    seats[j][k] += 1
                if ok:
                    return True
        return False

    return place(0)


def _confirm(problem: Problem, cert: dict) -> None:
    """Re-check a certificate by counting over the Problem, without the engine."""
    P, talents = problem.periods, cert.get("talents", [])
    assert talents, "an infeasible plan names its talents"
    projects = {p.id: p for p in problem.projects}
    if cert["rule"] == "hosts":
        inside = set(cert["projects"])
        seats = sum(sum(projects[j].seats[:P]) for j in inside)
        reach = sum(
            len({p.host for p in _allowed(problem, t) if p.id not in inside and sum(p.seats[:P]) > 0}) for t in talents
        )
        assert P * len(talents) > reach + seats
    elif cert["rule"] == "period":
        k, inside = cert["period"], set(cert["projects"])
        for t in talents:
            assert {p.id for p in _allowed(problem, t) if len(p.seats) > k and p.seats[k] > 0} - inside <= {
                j for (s, q, j) in problem.locks if s == t and q != k
            } | {
                p.id
                for p in problem.projects
                if any(s == t and q != k and projects[j].host == p.host for s, q, j in problem.locks)
            } | {p.id for p in problem.projects if any(s == t and q == k for s, q, _ in problem.locks)}
        assert len(talents) > sum(projects[j].seats[k] for j in inside)
    else:
        assert cert["rule"] == "together"
        assert not _placeable_together(problem, talents)


@FAST
@given(cohorts(max_talents=5))
def test_every_infeasible_plan_has_a_certificate_that_counting_confirms(problem):
    plan = solve(problem)
    if plan.status != "infeasible":
        return
    cert = plan.stats["certificate"]
    if cert["rule"] == "checks":  # the checks before solving, each naming what it is about
        ids = {t.id for t in problem.talents} | {p.id for p in problem.projects} | {"Period"}
        assert all(any(i in line for i in ids) for line in plan.explanation)
        return
    _confirm(problem, cert)
    assert all(t in " ".join(plan.explanation) for t in cert["talents"])


def test_a_hidden_infeasibility_names_the_talents_and_the_period():
    projects = (Project("p0", "h0", (2, 0)), Project("p1", "h0", (0, 1)), Project("p2", "h1", (0, 1)))
    problem = Problem(talents=(Talent("t0", ("p0",)), Talent("t1", ("p1",))), projects=projects, periods=2)
    plan = solve(problem)
    assert plan.status == "infeasible"
    _confirm(problem, plan.stats["certificate"])
    assert "t0" in plan.explanation[0] and "t1" in plan.explanation[0]


def test_a_tiny_time_limit_on_a_large_cohort_is_no_plan_in_time_not_infeasible():
    problem = cohort(3000, seed=5, time_limit=0.2)
    plan = solve(problem)
    assert plan.status == "no_plan_in_time"
    assert plan.assignments == {}
    assert "allow more time" in plan.explanation[0]


def test_the_same_input_and_limit_give_the_same_plan_on_a_hard_shape():
    problem = shapes.build("dominant", 100, time_limit=30)
    first, second = solve(problem), solve(problem)
    assert first.assignments == second.assignments
    assert first.status == second.status and first.objective == second.objective


def test_a_buddy_threshold_selection_never_picks_a_rank_above_its_threshold():
    # A buddy's partner column joins the LP beside it only where the threshold lets the partner go: a plan
    # made at threshold R must not have a worst rank above R (it once had R + 1, and a loose bound).

    for seed in range(3):
        cp = Compiled(shapes.build("buddies", 40, seed))
        for threshold in range(cp.M, 0, -1):
            sel = select(cp, threshold, time.monotonic() + 30)
            if sel.status != "ok":
                break
            assert all(cp.talent_rank(t, j) <= threshold for t, j in sel.columns)
            assert sel.value <= sel.bound + 1e-6 * max(1.0, abs(sel.bound))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=shaped_cohorts(shapes=("buddies",), min_talents=4, max_talents=9))
def test_the_buddy_decomposition_alone_holds_the_exact_optimum_and_is_right_when_it_proves(problem):
    # Without the full-model polish, which would hide a wrong proof on cohorts this small.

    cp = Compiled(problem)
    plan, upper, _ = _decomposed(cp, time.monotonic() + 30, [])
    truth = exact(problem, time_limit=60)
    assert truth.status == "optimal"  # feasible by construction
    tolerance = 1e-6 * max(1.0, abs(truth.objective))
    assert upper >= truth.objective - tolerance
    if plan is not None and upper - score(cp, plan)["objective"] <= tolerance:
        assert score(cp, plan)["objective"] == pytest.approx(truth.objective, abs=tolerance)
