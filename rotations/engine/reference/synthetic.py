"""Synthetic cohorts for the benchmark and the tests, from a fixed seed.

About two projects per host, 25 % more seats than talents in every period (some projects change their
seats between periods, a few close for one), talents ranking ten projects drawn with a popularity skew,
hosts ranking every talent who ranked their project (by skill fit plus taste).
"""

import numpy as np

from ..model import Problem, Project, Talent, Weights

SKILLS = tuple(
    f"skill-{name}"
    for name in [
        "nlp",
        "vision",
        "speech",
        "rl",
        "mlops",
        "data-eng",
        "stats",
        "causal",
        "forecasting",
        "optimisation",
        "graphs",
        "llm",
        "privacy",
        "fairness",
        "medical-imaging",
        "genomics",
        "robotics",
        "edge-ai",
        "recsys",
        "search",
    ]
)


def cohort(
    n_talents: int,
    *,
    seed: int = 2024,
    periods: int = 3,
    ranked: int = 10,
    slack: float = 1.25,
    skew: float = 1.0,
    weights: Weights | None = None,
    time_limit: float = 20.0,
) -> Problem:
    rng = np.random.default_rng(seed)
    seats_per_period = int(np.ceil(slack * n_talents))
    n_projects = max(2 * periods, round(seats_per_period / 2.5))
    n_hosts = max(periods + 1, n_projects // 2)
    base = rng.integers(1, 5, size=n_projects)  # 1..4 seats, mean 2.5
    seats = np.repeat(base[:, None], periods, axis=1)
    varying = rng.random(n_projects) < 0.2
    seats[varying] += rng.integers(-1, 2, size=(int(varying.sum()), periods))
    seats = np.maximum(seats, 0)
    for p in range(periods):  # hit the target total per period exactly
        while seats[:, p].sum() < seats_per_period:
            seats[rng.integers(n_projects), p] += 1
        while seats[:, p].sum() > seats_per_period:
            j = rng.integers(n_projects)
            if seats[j, p] > 0:
                seats[j, p] -= 1

    hosts = np.concatenate([np.arange(n_hosts), rng.integers(0, n_hosts, size=max(0, n_projects - n_hosts))])
    rng.shuffle(hosts)
    project_skills = [frozenset(rng.choice(SKILLS, size=rng.integers(2, 5), replace=False)) for _ in range(n_projects)]
    talent_skills = [frozenset(rng.choice(SKILLS, size=rng.integers(3, 6), replace=False)) for _ in range(n_talents)]

    # Popularity skew: a Zipf-like weight per project; each talent draws ten without replacement
    # (Gumbel top-k), which leaves the favourites oversubscribed as in a real call.
    popularity = 1.0 / np.arange(1, n_projects + 1) ** (0.6 * skew)
    popularity = popularity[rng.permutation(n_projects)]
    k = min(ranked, n_projects)
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(n_talents, n_projects))
    top = np.argsort(-keys, axis=1, kind="stable")[:, :k]

    applicants: list[list[int]] = [[] for _ in range(n_projects)]
    for t in range(n_talents):
        for j in top[t]:
            applicants[j].append(t)
    host_rankings = []
    for j in range(n_projects):
        taste = {t: len(talent_skills[t] & project_skills[j]) + rng.random() * 2 for t in applicants[j]}
        host_rankings.append(tuple(f"t{t}" for t in sorted(applicants[j], key=lambda t: (-taste[t], t))))

    projects = tuple(
        Project(
            id=f"p{j}",
            host=f"h{hosts[j]}",
            seats=tuple(int(s) for s in seats[j]),
            skills=project_skills[j],
            host_ranking=host_rankings[j],
        )
        for j in range(n_projects)
    )
    talents = tuple(
        Talent(id=f"t{t}", ranking=tuple(f"p{j}" for j in top[t]), skills=talent_skills[t]) for t in range(n_talents)
    )
    weights = weights or Weights()
    return Problem(talents=talents, projects=projects, periods=periods, weights=weights, time_limit=time_limit)
