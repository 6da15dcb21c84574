"""The clock decides whether to go on, never what a step computes: an integer program it stops is set aside.

Timings themselves are the benchmark's (`make bench-matching BENCH_ARGS="--again"` prints the seconds and
whether a second run gave the same plan); these tests pin the rules that make that so.
"""

from rotations.engine import evaluate, solve
from rotations.engine.compiled import Compiled
from rotations.engine.formulation import solve_full
from rotations.engine.model import OPTIMAL
from rotations.engine.reference import shapes
from rotations.engine.solver import _finish


def _full_model(cp: Compiled, *, time_limit: float, **options):
    cols = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)]
    col_t, col_j = [t for t, _ in cols], [j for _, j in cols]
    util = [cp.utility(t, j) for t, j in cols]
    rank = [cp.talent_rank(t, j) for t, j in cols]
    return solve_full(cp, col_t, col_j, util, rank, fairness=True, time_limit=time_limit, **options)


def test_an_integer_program_the_clock_stops_gives_the_engine_no_plan_and_no_bound():
    cp = Compiled(shapes.build("ties", 300))  # 36,000 variables: HiGHS cannot finish in a hundredth of a second
    spare: list = []
    solved = _full_model(cp, time_limit=0.01, spare=spare)
    assert solved.result.status == "none"
    assert solved.assignments == {}
    assert solved.result.bound is None  # where the clock stopped the bound is not the same on every run
    assert len(spare) <= 1  # what HiGHS had by then, if anything, is set aside for the last resort only


def test_the_reference_keeps_what_the_clock_stopped():
    cp = Compiled(shapes.build("ties", 300))
    solved = _full_model(cp, time_limit=0.01, keep_cut=True)
    assert solved.result.status != "optimal"
    assert solved.result.status in {"feasible", "none"}


def test_a_plan_the_clock_cut_short_is_returned_only_when_nothing_finished_and_says_so():
    problem = shapes.build("dominant", 12)
    found = solve(problem)
    cp = Compiled(problem)
    as_indices = {(cp.t_index[t], p): cp.j_index[j] for (t, p), j in found.assignments.items()}
    stats: dict = {}
    plan = _finish(cp, None, found.bound, [as_indices], started=0.0, deadline=0.0, method="decomposed", stats=stats)
    assert plan.status == OPTIMAL  # the set-aside plan is the optimum here, and the bound proves it
    assert plan.assignments == found.assignments
    assert stats["cut_short"] is True
    assert any("another run with the same limit may return a different one" in line for line in plan.explanation)
    assert evaluate(problem, plan)["violations"] == []


def test_a_finished_plan_wins_over_a_set_aside_one():
    problem = shapes.build("dominant", 12)
    found = solve(problem)
    cp = Compiled(problem)
    finished = {(cp.t_index[t], p): cp.j_index[j] for (t, p), j in found.assignments.items()}
    other = dict(finished)
    stats: dict = {}
    plan = _finish(cp, finished, found.bound, [other], started=0.0, deadline=0.0, method="decomposed", stats=stats)
    assert "cut_short" not in stats
    assert not any("another run" in line for line in plan.explanation)
