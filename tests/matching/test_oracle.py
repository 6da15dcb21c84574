"""The judge itself: the exact MILP and the rule checker against brute force, and the shapes' builders."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from rotations.engine.reference import oracle
from rotations.engine.reference.shapes import SHAPES, build, build_with_witness, hard_cohort


@st.composite
def tiny_cohorts(draw):
    """Up to three talents, two periods, up to four projects: small enough to list every plan."""
    n_hosts = draw(st.integers(2, 4))
    projects = []
    for j in range(draw(st.integers(2, 4))):
        host = f"h{j % n_hosts}"
        seats = tuple(draw(st.integers(0, 2)) for _ in range(2))
        ranking = tuple(draw(st.permutations([f"t{i}" for i in range(3)]))[: draw(st.integers(0, 3))])
        projects.append(Project(f"p{j}", host, seats, host_ranking=ranking))
    ids = [p.id for p in projects]
    talents = []
    for i in range(draw(st.integers(1, 3))):
        ranking = tuple(draw(st.permutations(ids))[: draw(st.integers(0, len(ids)))])
        buddy = draw(st.sampled_from([None, "t0", "t1", "t2"]))
        talents.append(Talent(f"t{i}", ranking, buddy=buddy))
    forbidden = frozenset(draw(st.sets(st.tuples(st.sampled_from([t.id for t in talents]), st.sampled_from(ids)))))
    return Problem(tuple(talents), tuple(projects), periods=2, forbidden=forbidden)


def _every_plan(problem: Problem):
    P = problem.periods
    ids = [p.id for p in problem.projects]
    per_talent = [list(itertools.product(ids, repeat=P)) for _ in problem.talents]
    for choice in itertools.product(*per_talent):
        yield {(t.id, k): js[k] for t, js in zip(problem.talents, choice, strict=True) for k in range(P)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_cohorts())
def test_the_oracle_finds_the_best_valid_plan_that_brute_force_finds(problem):
    cp = Compiled(problem)
    best = None
    for plan in _every_plan(problem):
        if not oracle.check(problem, plan):
            value = score(cp, {(cp.t_index[t], k): cp.j_index[j] for (t, k), j in plan.items()})["objective"]
            best = value if best is None else max(best, value)
    found = oracle.exact(problem, time_limit=30)
    if best is None:
        assert found.status == "infeasible"
        return
    assert found.status == "optimal"
    assert oracle.check(problem, found.assignments) == []
    assert found.objective == pytest.approx(best, abs=1e-6)


def test_the_checker_names_every_broken_rule():
    projects = (Project("p0", "h0", (1, 1)), Project("p1", "h0", (1, 1)), Project("p2", "h1", (1, 0)))
    talents = (Talent("t0", ("p0",)), Talent("t1", ("p2",)))
    problem = Problem(
        talents,
        projects,
        periods=2,
        locks=frozenset({("t1", 0, "p2")}),
        forbidden=frozenset({("t0", "h1")}),
    )
    plan = {("t0", 0): "p2", ("t0", 1): "p1", ("t1", 0): "p0", ("t1", 1): "p1"}
    broken = oracle.check(problem, plan)
    assert "t0 is on p2: forbidden (by project or host) or not a fit" in broken
    assert "t1 visits a host more than once: ['h0', 'h0']" in broken
    assert "p1 holds 2 talents in period 2 for 1 seats" in broken
    assert "lock t1 / period 1 / p2 not kept" in broken
    assert oracle.check(problem, {("t0", 0): "p0"}) == [
        "t0 has no project in period 2",
        "t1 has no project in period 1",
        "t1 has no project in period 2",
        "lock t1 / period 1 / p2 not kept",
    ]


def test_the_oracle_reports_a_reached_limit_as_limit_not_as_infeasible():
    problem = build("buddies", 60, seed=1)
    found = oracle.exact(problem, time_limit=0.05)
    assert found.status in {"limit", "feasible", "optimal"}
    assert found.status != "infeasible"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("size", [5, 100])
def test_every_shape_is_feasible_by_construction_and_deterministic(shape, size):
    problem, witness = build_with_witness(shape, size, seed=11)
    assert oracle.check(problem, witness) == []
    assert build(shape, size, seed=11) == problem
    assert build(shape, size, seed=12) != problem


def test_the_dominant_host_has_thirteen_projects_that_its_fans_rank():
    problem = build("dominant", 40, seed=3)
    big = [p.id for p in problem.projects if p.host == "h0"]
    assert len(big) >= 13
    fans = [t for t in problem.talents if sum(j in big for j in t.ranking) >= 13]
    assert len(fans) >= 5


def test_a_single_plan_cohort_has_exactly_one_valid_plan():
    problem, witness = build_with_witness("single", 3, seed=5)
    allowed = {
        t.id: [j for j in (p.id for p in problem.projects) if (t.id, j) not in problem.forbidden]
        for t in problem.talents
    }
    valid = []
    for choice in itertools.product(*(itertools.permutations(allowed[t.id], 3) for t in problem.talents)):
        plan = {(t.id, k): js[k] for t, js in zip(problem.talents, choice, strict=True) for k in range(3)}
        if not oracle.check(problem, plan):
            valid.append(plan)
    assert valid == [witness]


def test_the_hard_cohort_is_the_issues_and_feasible_by_construction():
    problem = hard_cohort()
    assert len(problem.talents) == 2000
    assert len({p.host for p in problem.projects}) == 60
    assert len(problem.locks) == round(0.2 * 2000 * 3)
    assert problem.forbidden
    for k in range(3):
        assert len(problem.talents) <= sum(p.seats[k] for p in problem.projects) <= 1.03 * len(problem.talents)
