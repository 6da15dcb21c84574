"""Random small cohorts for the property tests: mostly feasible, sometimes not, always well formed.

`cohorts` draws free-form cohorts; `shaped_cohorts` the audit's hard shapes (a dominant host, many locks,
concentrated bans, buddies with no spare seat, ties, a single valid plan, short lists, few hosts, short
seats), feasible by construction; `squeezed_cohorts` takes seats and hosts away from those, so some are
infeasible and some only just feasible.
"""

import dataclasses
import random

from hypothesis import strategies as st

from rotations.engine import Problem, Project, Talent, Weights
from rotations.engine.reference.shapes import SHAPES, build


@st.composite
def cohorts(draw, *, buddies=True, forbidden=True, max_talents=7):
    periods = draw(st.integers(2, 3))
    n_talents = draw(st.integers(1, max_talents))
    n_hosts = draw(st.integers(periods, periods + 3))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    skills = [f"s{i}" for i in range(5)]
    projects = []
    for h in range(n_hosts):
        for k in range(rng.randint(1, 2)):
            projects.append(
                {
                    "id": f"p{h}{k}",
                    "host": f"h{h}",
                    "seats": [rng.choice([0, 1, 1, 2, 2, 3]) for _ in range(periods)],
                    "skills": frozenset(rng.sample(skills, rng.randint(0, 3))),
                }
            )
    for p in range(periods):  # enough seats in every period, as a real call would have
        while sum(x["seats"][p] for x in projects) < n_talents + rng.randint(0, 2):
            rng.choice(projects)["seats"][p] += 1
    ids = [x["id"] for x in projects]
    talents = [f"t{i}" for i in range(n_talents)]
    rankings = {t: tuple(rng.sample(ids, rng.randint(1, min(len(ids), 6)))) for t in talents}
    applicants = {j: [t for t in talents if j in rankings[t]] for j in ids}
    not_a_fit = {j: frozenset(t for t in applicants[j] if forbidden and rng.random() < 0.1) for j in ids}
    buddy = {t: (rng.choice(talents) if buddies and rng.random() < 0.4 else None) for t in talents}
    banned = set()
    if forbidden:
        for t in talents:
            if rng.random() < 0.3:
                banned.add((t, rng.choice(ids + [f"h{h}" for h in range(n_hosts)])))
    problem = Problem(
        talents=tuple(
            Talent(t, rankings[t], frozenset(rng.sample(skills, rng.randint(0, 3))), buddy[t]) for t in talents
        ),
        projects=tuple(
            Project(
                x["id"],
                x["host"],
                tuple(x["seats"]),
                x["skills"],
                tuple(rng.sample(applicants[x["id"]], len(applicants[x["id"]]))),
                not_a_fit[x["id"]],
            )
            for x in projects
        ),
        periods=periods,
        forbidden=frozenset(banned),
        weights=Weights(),
        time_limit=10.0,
    )
    return problem


@st.composite
def shaped_cohorts(draw, *, shapes=SHAPES, min_talents=2, max_talents=8):
    """A small cohort of one of the audit's shapes (see rotations/engine/reference/shapes.py), feasible."""
    shape = draw(st.sampled_from(shapes))
    n = draw(st.integers(min_talents, max_talents))
    return build(shape, n, draw(st.integers(0, 2**16)), time_limit=10.0)


@st.composite
def squeezed_cohorts(draw, *, shapes=SHAPES, max_talents=8):
    """A shaped cohort with seats taken away and a host banned: feasible or not, the oracle decides."""
    problem = draw(shaped_cohorts(shapes=shapes, max_talents=max_talents))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    period = rng.randrange(problem.periods)
    busiest = sorted(problem.projects, key=lambda p: (-p.seats[period], p.id))[: rng.randint(1, 3)]
    cut = {p.id for p in busiest}
    projects = tuple(
        dataclasses.replace(p, seats=tuple(0 if (k == period and p.id in cut) else s for k, s in enumerate(p.seats)))
        for p in problem.projects
    )
    talent = rng.choice(problem.talents).id
    host = rng.choice(sorted({p.host for p in problem.projects}))
    locks = frozenset(lock for lock in problem.locks if rng.random() < 0.8)
    return dataclasses.replace(problem, projects=projects, locks=locks, forbidden=problem.forbidden | {(talent, host)})
