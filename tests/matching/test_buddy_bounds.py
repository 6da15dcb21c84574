"""The buddy bonus in the bounds: counted once per pair, and closing on the LP once no column prices out.

A bound that credits each buddy's missing column with the whole bonus is valid but counts a pair's bonus
twice; on the audit's buddies shape at 1,000 talents it left a 33 % gap that no number of rounds could close.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent, Weights, periods
from rotations.engine.compiled import Compiled
from rotations.engine.period_lp import PeriodLP
from rotations.engine.pricing import lagrangian
from rotations.engine.reference import shapes

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _two_buddies() -> Problem:
    """Two buddies who rank the same three projects at three hosts, two seats on each in every period."""
    projects = tuple(Project(id=f"p{h}", host=f"h{h}", seats=(2, 2, 2)) for h in range(3))
    ranking = ("p0", "p1", "p2")
    talents = (Talent("a", ranking, buddy="b"), Talent("b", ranking, buddy="a"))
    return Problem(talents, projects, weights=Weights(host=0.0, skill=0.0, fairness=0.0), ranked_minimum=0)


def test_with_nothing_in_the_lp_a_pair_is_credited_its_bonus_once_per_period_not_twice():
    cp = Compiled(_two_buddies())
    # Each talent's three placements are worth 3 + 2 + 1 points; together on each project: 3 periods x 2.
    best = 2 * 6 + 3 * cp.problem.weights.buddy
    empty = [set() for _ in range(cp.T)]
    stage_one, _ = lagrangian(cp, np.zeros(cp.J), {}, empty)
    fitting, _ = periods.bound_and_columns(cp, np.zeros((cp.J, cp.P)), cp.M, empty)
    assert stage_one == best
    assert fitting == best


@FAST
@given(n_talents=st.integers(4, 12), seed=st.integers(0, 2**16))
def test_with_every_column_in_the_period_lp_the_bound_is_the_lps_value(n_talents, seed):
    cp = Compiled(shapes.build("buddies", n_talents, seed))
    model = PeriodLP(cp)
    model.add([(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)])
    lp = model.solve(30)
    assert lp.result.status == "optimal"
    bound, new = periods.bound_and_columns(cp, lp.seat_duals, cp.M, model.have, model.buddy_credit(lp.result.duals))
    assert new == []
    assert abs(bound - lp.result.objective) <= 1e-6 * max(1.0, abs(lp.result.objective))


@FAST
@given(n_talents=st.integers(4, 12), seed=st.integers(0, 2**16), share=st.floats(0.0, 1.0))
def test_with_part_of_the_columns_the_period_bound_is_never_below_the_lp_over_all_of_them(n_talents, seed, share):
    cp = Compiled(shapes.build("buddies", n_talents, seed))
    every = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)]
    whole = PeriodLP(cp)
    whole.add(every)
    truth = whole.solve(30).result.objective
    rng = np.random.default_rng(seed)
    part = PeriodLP(cp)
    part.add([(t, j) for t, j in every if rng.random() < share or (t, j) in {(t, j) for t, _, j in cp.locks}])
    lp = part.solve(30)
    bound, _ = periods.bound_and_columns(cp, lp.seat_duals, cp.M, part.have, part.buddy_credit(lp.result.duals))
    assert bound >= truth - 1e-6 * max(1.0, abs(truth))
