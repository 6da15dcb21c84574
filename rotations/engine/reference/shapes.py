"""Cohorts of the shapes the outside audit found hard, feasible by construction, seeded and deterministic.

`build(shape, n_talents, seed)` gives the same `Problem` for the same arguments, at 5 talents (the property
tests draw those through `tests/matching/strategies.py`) or at 5,000 (the benchmark). Every shape starts
from a witness plan — each talent on P projects at P different hosts, one per period — and gets its seats
from that plan plus some slack, so a valid plan always exists; locks are cells of the witness, forbidden
pairs never touch it. The shapes:

- `dominant`: one host with 13 or more projects that a third of the talents rank almost exclusively;
- `locks`: 20 % of the witness's placements locked;
- `bans`: forbidden pairs concentrated on the most popular projects and hosts;
- `buddies`: most talents in buddy pairs, seats equal to talents in every period;
- `ties`: every talent ranks the same projects in the same order, no skills, hosts rank nobody;
- `single`: exactly one valid plan (each talent is allowed only its witness projects, each project has
  seats in one period only);
- `short_lists`: one to three ranked projects per talent;
- `few_hosts`: exactly P hosts, so every talent visits every host;
- `short_seats`: seats equal to talents in every period.

`hard_cohort()` is the issue's 2,000-talent cohort: 60 hosts, tight seats, skewed popularity, 20 % of the
placements locked and 5 % of the ranked pairs forbidden.
"""

import numpy as np

from ..model import Problem, Project, Talent, Weights

SHAPES = ("dominant", "locks", "bans", "buddies", "ties", "single", "short_lists", "few_hosts", "short_seats")
SKILLS = tuple(f"s{i}" for i in range(12))


def build(shape: str, n_talents: int, seed: int = 2024, *, periods: int = 3, time_limit: float = 20.0) -> Problem:
    return build_with_witness(shape, n_talents, seed, periods=periods, time_limit=time_limit)[0]


def build_with_witness(shape: str, n_talents: int, seed: int = 2024, *, periods: int = 3, time_limit: float = 20.0):
    """The cohort and the valid plan it was built around ((talent id, period) -> project id)."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}")
    rng = np.random.default_rng([seed, SHAPES.index(shape), n_talents])
    options = {
        "dominant": {"dominant": True},
        "locks": {"lock_share": 0.2},
        "bans": {"ban_share": 0.3},
        "buddies": {"buddy_share": 0.8, "slack": 0.0},
        "ties": {"ties": True},
        "single": {"single": True, "n_hosts": max(periods + 1, min(12, n_talents // 2))},
        "short_lists": {"ranked": (1, 3)},
        "few_hosts": {"n_hosts": periods},
        "short_seats": {"slack": 0.0},
    }[shape]
    return _cohort(rng, n_talents, periods=periods, time_limit=time_limit, **options)


def hard_cohort(seed: int = 2024, *, time_limit: float = 20.0) -> Problem:
    """The issue's 2,000 talents: 60 hosts, tight seats, skewed popularity, 20 % locked, 5 % forbidden."""
    rng = np.random.default_rng([seed, 99])
    problem, _ = _cohort(
        rng,
        2000,
        n_hosts=60,
        slack=0.02,
        skew=1.5,
        lock_share=0.2,
        ban_share=0.05,
        ban_ranked=True,
        time_limit=time_limit,
    )
    return problem


def _cohort(  # noqa: PLR0912, PLR0915 one generator with a switch per shape reads better than nine copies
    rng,
    n: int,
    *,
    periods: int = 3,
    n_hosts: int | None = None,
    slack: float = 0.25,
    skew: float = 1.0,
    ranked: tuple[int, int] = (6, 10),
    dominant: bool = False,
    lock_share: float = 0.0,
    ban_share: float = 0.0,
    ban_ranked: bool = False,
    buddy_share: float = 0.0,
    ties: bool = False,
    single: bool = False,
    time_limit: float = 20.0,
) -> Problem:
    P = periods
    # Projects and hosts: about one project per two talents, two or three projects per host.
    n_projects = max(2 * P + 2, n // 2)
    if n_hosts is None:
        n_hosts = max(P + 1, n_projects // 2)
    host = np.concatenate([np.arange(n_hosts), rng.integers(0, n_hosts, size=max(0, n_projects - n_hosts))])
    if dominant:  # host 0 gets 13 projects or a tenth of them, whichever is more
        big = max(13, n_projects // 10)
        host = np.concatenate([np.zeros(big, dtype=np.int64), np.arange(1, n_hosts)])
        host = np.concatenate([host, rng.integers(1, n_hosts, size=max(0, n_projects - len(host)))])
        n_projects = len(host)
    J = n_projects
    popularity = 1.0 / np.arange(1, J + 1) ** (0.6 * skew)
    popularity = popularity[rng.permutation(J)]
    if dominant:
        popularity[host == 0] *= 5.0

    # The witness plan: P different hosts per talent, one project per period.
    witness = np.zeros((n, P), dtype=np.int64)
    by_host = [np.nonzero(host == h)[0] for h in range(n_hosts)]
    host_pop = np.array([popularity[js].sum() for js in by_host])
    for t in range(n):
        hs = rng.choice(n_hosts, size=P, replace=False, p=host_pop / host_pop.sum())
        for k, h in enumerate(hs):
            js = by_host[h]
            witness[t, k] = js[rng.choice(len(js), p=popularity[js] / popularity[js].sum())]
        rng.shuffle(witness[t])
    if single:  # one project per host and period, so the witness is the only plan left (bans below)
        witness = np.array([[_single_id(h, k, P) for k, h in enumerate(host[witness[t]])] for t in range(n)])
        host, J = np.repeat(np.arange(n_hosts), P), n_hosts * P
        popularity = np.ones(J)
    seats = np.zeros((J, P), dtype=np.int64)
    for t in range(n):
        for k in range(P):
            seats[witness[t, k], k] += 1
    extra = round(slack * n)
    for k in range(P):
        if single:
            break
        seats[:, k] += np.bincount(rng.choice(J, size=extra, p=popularity / popularity.sum()), minlength=J)
    if dominant:  # every project of the big host open in every period, so it really is big
        seats[host == 0] = np.maximum(seats[host == 0], 1)

    # Rankings: a popularity-skewed draw (Gumbel top-k); the dominant host's fans rank mostly its projects.
    lo, hi = ranked
    keys = np.log(popularity)[None, :] + rng.gumbel(size=(n, J))
    if dominant:
        fans = rng.random(n) < 1 / 3
        keys[np.ix_(fans, host == 0)] += 10.0
    if ties:
        keys = np.broadcast_to(keys[0], (n, J))
    order = np.argsort(-keys, axis=1, kind="stable")
    lengths = rng.integers(lo, hi + 1, size=n) if not ties else np.full(n, min(hi, J))
    if dominant:  # the fans rank every project of the big host and one or two elsewhere (the stall)
        lengths[fans] = int((host == 0).sum()) + rng.integers(1, 3, size=int(fans.sum()))
    rankings = [order[t, : min(J, lengths[t])] for t in range(n)]

    talent_skills = [
        frozenset() if ties else frozenset(str(s) for s in rng.choice(SKILLS, size=3, replace=False)) for _ in range(n)
    ]
    project_skills = [
        frozenset() if ties else frozenset(str(s) for s in rng.choice(SKILLS, size=2, replace=False)) for _ in range(J)
    ]
    applicants: list[list[int]] = [[] for _ in range(J)]
    for t in range(n):
        for j in rankings[t]:
            applicants[j].append(t)
    host_rankings = [
        () if ties else tuple(f"t{t}" for t in sorted(applicants[j], key=lambda t, j=j: (-rng.random(), t)))
        for j in range(J)
    ]

    locks = set()
    if lock_share:
        cells = [(t, k) for t in range(n) for k in range(P)]
        for i in rng.choice(len(cells), size=round(lock_share * len(cells)), replace=False):
            t, k = cells[i]
            locks.add((f"t{t}", k, f"p{witness[t, k]}"))
    forbidden = set()
    if single:
        forbidden = {(f"t{t}", f"p{j}") for t in range(n) for j in range(J) if j not in set(witness[t])}
    if ban_share:
        hosts_of_t = [set(host[witness[t]]) for t in range(n)]
        popular = np.argsort(-popularity, kind="stable")[: max(1, J // 10)]
        for t in np.nonzero(rng.random(n) < ban_share)[0] if not ban_ranked else range(n):
            if ban_ranked:  # each ranked pair outside the witness, with probability ban_share
                forbidden |= {
                    (f"t{t}", f"p{j}") for j in rankings[t] if j not in witness[t] and rng.random() < ban_share
                }
                continue
            j = int(popular[rng.integers(len(popular))])
            if host[j] not in hosts_of_t[t]:
                forbidden.add((f"t{t}", f"h{host[j]}"))  # the whole popular host
            elif j not in witness[t]:
                forbidden.add((f"t{t}", f"p{j}"))
    buddy = [None] * n
    if buddy_share:
        paired = rng.permutation(n)[: int(buddy_share * n) // 2 * 2]
        for a, b in paired.reshape(-1, 2):
            buddy[a], buddy[b] = f"t{b}", f"t{a}"

    projects = tuple(
        Project(
            id=f"p{j}",
            host=f"h{host[j]}",
            seats=tuple(int(s) for s in seats[j]),
            skills=project_skills[j],
            host_ranking=host_rankings[j],
        )
        for j in range(J)
    )
    talents = tuple(
        Talent(id=f"t{t}", ranking=tuple(f"p{j}" for j in rankings[t]), skills=talent_skills[t], buddy=buddy[t])
        for t in range(n)
    )
    problem = Problem(
        talents=talents,
        projects=projects,
        periods=P,
        locks=frozenset(locks),
        forbidden=frozenset(forbidden),
        weights=Weights(),
        time_limit=time_limit,
    )
    return problem, {(f"t{t}", k): f"p{witness[t, k]}" for t in range(n) for k in range(P)}


def _skills(rng, size: int) -> frozenset[str]:
    return frozenset(str(s) for s in rng.choice(SKILLS, size=size, replace=False))


def _single_id(h: int, k: int, P: int) -> int:
    return int(h) * P + k
