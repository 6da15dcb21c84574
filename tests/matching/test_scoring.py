"""What a placement is worth to its talent comes from that talent's own list and nobody else's."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from tests.matching.strategies import cohorts

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def small_problem(*rankings):
    projects = tuple(Project(f"p{j}", f"h{j}", (1, 1, 1)) for j in range(5))
    talents = tuple(Talent(f"t{i}", tuple(ranking)) for i, ranking in enumerate(rankings))
    return Problem(talents, projects, periods=3)


def every_utility(cp: Compiled, t: int) -> list[float]:
    return [cp.utility(t, j) for j in range(cp.J)]


def test_an_unranked_project_ranks_one_below_the_talents_own_last_choice():
    cp = Compiled(small_problem(["p0", "p1", "p2"], ["p3", "p4", "p0", "p1", "p2"]))
    assert [cp.talent_rank(0, j) for j in range(5)] == [1, 2, 3, 4, 4]
    assert [cp.talent_rank(1, j) for j in range(5)] == [3, 4, 5, 1, 2]
    # One point per step of the talent's own rank, 0 for unranked, whatever the longest list in the cohort.
    assert every_utility(cp, 0) == [3.0, 2.0, 1.0, 0.0, 0.0]
    assert every_utility(cp, 1) == [3.0, 2.0, 1.0, 5.0, 4.0]


def test_duplicate_and_unknown_ids_count_as_if_they_were_not_there():
    clean = Compiled(small_problem(["p0", "p1", "p2"]))
    messy = Compiled(small_problem(["p0", "nope", "p0", "p1", "p1", "gone", "p2", "p0"]))
    assert every_utility(messy, 0) == every_utility(clean, 0)
    assert [messy.talent_rank(0, j) for j in range(5)] == [clean.talent_rank(0, j) for j in range(5)]


def test_fairness_counts_an_unranked_placement_one_below_the_talents_own_list():
    problem = small_problem(["p0", "p1", "p2"], ["p0", "p1", "p2", "p3", "p4"])
    cp = Compiled(problem)
    plan = {(0, 0): 3, (0, 1): 0, (0, 2): 1, (1, 0): 2, (1, 1): 3, (1, 2): 4}
    parts = score(cp, plan)
    assert parts["worst_rank"] == 5  # the second talent's fifth choice, not the first talent's unranked p3 (4)
    assert parts["fairness_penalty"] == pytest.approx(problem.weights.fairness * 2 * 5)


@FAST
@given(cohorts(), st.data())
def test_junk_in_one_list_changes_nobody_elses_scores(problem, data):
    index = data.draw(st.integers(0, len(problem.talents) - 1), label="talent")
    talent = problem.talents[index]
    # Unknown ids anywhere, and repeats of projects already on the list after their first mention.
    ranking = list(talent.ranking)
    for unknown in data.draw(st.lists(st.sampled_from(["unknown", "withdrawn-project"]), max_size=4)):
        ranking.insert(data.draw(st.integers(0, len(ranking))), unknown)
    ranking += data.draw(st.lists(st.sampled_from(talent.ranking), max_size=4)) if talent.ranking else []
    padded = dataclasses.replace(talent, ranking=tuple(ranking))
    messy = dataclasses.replace(problem, talents=(*problem.talents[:index], padded, *problem.talents[index + 1 :]))
    before, after = Compiled(problem), Compiled(messy)
    for t in range(before.T):
        assert every_utility(after, t) == every_utility(before, t)
        assert [after.talent_rank(t, j) for j in range(after.J)] == [before.talent_rank(t, j) for j in range(before.J)]


@FAST
@given(cohorts(), st.data())
def test_a_longer_list_of_one_talent_changes_nobody_elses_scores(problem, data):
    index = data.draw(st.integers(0, len(problem.talents) - 1), label="talent")
    talent = problem.talents[index]
    rest = [p.id for p in problem.projects if p.id not in talent.ranking]
    longer = dataclasses.replace(talent, ranking=talent.ranking + tuple(data.draw(st.permutations(rest))))
    changed = dataclasses.replace(problem, talents=(*problem.talents[:index], longer, *problem.talents[index + 1 :]))
    before, after = Compiled(problem), Compiled(changed)
    for t in range(before.T):
        if t != index:
            assert every_utility(after, t) == every_utility(before, t)


@given(st.permutations(range(8)), st.integers(1, 7))
def test_a_cut_list_never_claims_a_larger_step_between_two_projects_than_the_true_list(order, keep):
    ids = [f"p{j}" for j in order]
    true_cp = Compiled(small_problem_with(ids))
    cut_cp = Compiled(small_problem_with(ids[:keep]))
    for a in range(8):
        for b in range(8):
            true_step = true_cp.utility(0, a) - true_cp.utility(0, b)
            cut_step = cut_cp.utility(0, a) - cut_cp.utility(0, b)
            if true_step >= 0:  # a truly at least as good as b: the cut list never widens the gap
                assert 0 <= cut_step <= true_step


def small_problem_with(ranking):
    projects = tuple(Project(f"p{j}", f"h{j}", (1, 1, 1)) for j in range(8))
    return Problem((Talent("t0", tuple(ranking)),), projects, periods=3)
