"""Ranking fewer projects must not pay: a talent who cuts their true list is never placed better by it.

The portal takes a list only if it reaches the cohort's minimum (six projects at three hosts, lowered to
what the cohort has); the engine reads every list down to that minimum (`Problem.ranked_minimum`, see
rotations/engine/compiled.py). So the cuts tried here are the ones a talent could make in the portal: to the
minimum or anything longer. Both plans come from the exact model (the oracle), so what is compared is the
objective's choice, not a solver's luck. "Better" is judged on the talent's TRUE list: the sum of the true
ranks of their placements.
"""

import dataclasses
import random

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent, Weights, solve
from rotations.engine.compiled import Compiled
from rotations.engine.metrics import score
from rotations.engine.reference.oracle import exact


@st.composite
def cohorts_with_long_lists(draw):
    """Small random cohorts whose talents rank most of the projects, so a list has room to be cut."""
    periods = draw(st.integers(2, 3))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    n_talents = rng.randint(2, 6)
    projects = []
    for h in range(rng.randint(periods + 1, periods + 3)):  # at least six projects: room below the minimum
        for k in range(rng.randint(2, 3)):
            seats = [rng.choice([0, 1, 1, 2, 2, 3]) for _ in range(periods)]
            projects.append({"id": f"p{h}{k}", "host": f"h{h}", "seats": seats, "skills": rng.sample("abcde", 2)})
    for p in range(periods):  # enough seats in every period, as a real call would have
        while sum(x["seats"][p] for x in projects) < n_talents + rng.randint(0, 2):
            rng.choice(projects)["seats"][p] += 1
    ids = [x["id"] for x in projects]
    names = [f"t{i}" for i in range(n_talents)]
    talents = tuple(
        Talent(
            t,
            tuple(rng.sample(ids, rng.randint(min(len(ids), MINIMUM + 1), len(ids)))),
            frozenset(rng.sample("abcde", rng.randint(0, 3))),
            rng.choice(names) if rng.random() < 0.3 else None,
        )
        for t in names
    )
    return Problem(
        talents=talents,
        projects=tuple(
            Project(x["id"], x["host"], tuple(x["seats"]), frozenset(x["skills"]), tuple(rng.sample(names, n_talents)))
            for x in projects
        ),
        periods=periods,
        weights=Weights(),
        ranked_minimum=MINIMUM,
    )


MINIMUM, MINIMUM_HOSTS = 6, 3  # the portal's defaults (MATCHING_MIN_RANKED_PROJECTS / _HOSTS)


def shortest_allowed(problem: Problem, ranking: tuple[str, ...]) -> int:
    """The shortest prefix the portal would take: the minimum number of projects, lowered to the cohort's,
    at the minimum number of hosts, lowered likewise (rotations/services/preferences.ranking_minimum)."""
    host = {p.id: p.host for p in problem.projects}
    projects = min(MINIMUM, len(problem.projects))
    hosts = min(MINIMUM_HOSTS, len(set(host.values())))
    for k in range(projects, len(ranking) + 1):
        if len({host[j] for j in ranking[:k]}) >= hosts:
            return k
    return len(ranking)


def true_rank_sum(assignments, talent: Talent) -> int:
    rank = {j: r for r, j in enumerate(talent.ranking, start=1)}
    return sum(rank.get(j, len(talent.ranking) + 1) for (t, _), j in assignments.items() if t == talent.id)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cohorts_with_long_lists(), st.data())
def test_cutting_a_list_to_the_minimum_never_places_the_talent_better(problem, data):
    truth = exact(problem, time_limit=30)
    if truth.status != "optimal":
        return
    index = data.draw(st.integers(0, len(problem.talents) - 1), label="talent")
    talent = problem.talents[index]
    lowest = shortest_allowed(problem, talent.ranking)
    assume(lowest < len(talent.ranking))  # a list at the minimum already cannot be cut in the portal
    keep = data.draw(st.integers(lowest, len(talent.ranking) - 1), label="kept")
    cut = dataclasses.replace(talent, ranking=talent.ranking[:keep])
    lied = dataclasses.replace(problem, talents=(*problem.talents[:index], cut, *problem.talents[index + 1 :]))
    outcome = exact(lied, time_limit=30)
    assert outcome.status == "optimal"  # a cut list takes no option away
    honest, cutting = true_rank_sum(truth.assignments, talent), true_rank_sum(outcome.assignments, talent)
    if cutting < honest:
        # Only a tie the solver broke the other way, never a plan the true lists score lower.
        cp = Compiled(problem)
        plan = {(cp.t_index[t], p): cp.j_index[j] for (t, p), j in outcome.assignments.items()}
        assert abs(score(cp, plan)["objective"] - truth.objective) <= 1e-6 * max(1.0, abs(truth.objective)), (
            f"{talent.id} cut {talent.ranking} to {cut.ranking} and got true rank sum {cutting} instead of {honest}"
        )


def test_a_list_cut_to_the_minimum_compiles_to_the_same_numbers_and_plan():
    projects = tuple(Project(f"p{h}{k}", f"h{h}", (1, 1, 1)) for h in range(4) for k in range(3))
    ids = [p.id for p in projects]
    whole = Talent("t0", tuple(ids))  # twelve choices
    others = tuple(Talent(f"t{i}", tuple(ids[i:] + ids[:i])) for i in range(1, 4))
    problem = Problem(talents=(whole, *others), projects=projects, periods=3)
    cut = dataclasses.replace(problem, talents=(Talent("t0", tuple(ids[:6])), *others))
    a, b = Compiled(problem), Compiled(cut)
    assert a.rank == b.rank
    assert list(a.unranked_rank) == list(b.unranked_rank)
    assert (a.utility_block(0, a.T) == b.utility_block(0, b.T)).all()
    assert solve(problem).assignments == solve(cut).assignments
    # The metrics still read the whole list: the talent's 9th choice is reported as 9, not as unranked.
    assert a.listed_rank(0, a.j_index["p22"]) == 9
    assert b.listed_rank(0, b.j_index["p22"]) == 7
