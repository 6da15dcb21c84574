"""The engine's input and output: plain frozen dataclasses, no Django.

The Django side builds a `Problem` from its rows and stores the `Plan` it gets back; nothing here knows
about models, so the engine can be tested and benchmarked alone.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Talent:
    id: str
    ranking: tuple[str, ...]  # project ids, best first
    skills: frozenset[str] = frozenset()
    buddy: str | None = None  # another talent id


@dataclass(frozen=True)
class Project:
    id: str
    host: str
    seats: tuple[int, ...]  # one entry per period (index 0 = period 1)
    skills: frozenset[str] = frozenset()
    host_ranking: tuple[str, ...] = ()  # talent ids, best first
    not_a_fit: frozenset[str] = frozenset()  # talent ids; treated as forbidden (a hard rule)


@dataclass(frozen=True)
class Weights:
    """How much each part of the objective counts. One point is one step of a talent's own rank.

    Ranks are counted on each talent's own list, duplicates and unknown project ids dropped, down to the
    cohort's minimum m (`Problem.ranked_minimum`): of a list of n, the k-th project has rank k for k <= m, and
    every other project, unranked or below the m-th choice, rank min(n, m) + 1 (one below the talent's last
    counted choice).
    A placement is worth `talent * (n + 1 - rank)`, so a first choice of a ten-long list is worth 10 points
    and an unranked project 0; every talent gets P placements, so only the steps count, and a step is worth
    the same to everyone. Nothing in one talent's score depends on another talent's list.
    Plus `host * (L - q + 1) / L` when the host ranked the talent q-th of L for that project (0 unranked);
    plus `skill * |shared skills| / |project skills|`.
    `buddy` is added for every period two buddies spend on the same project.
    `fairness` protects the worst-off talent: the plan loses `fairness * talents * worst rank`, where worst
    rank is the worst rank of any placement on its talent's own list (so an unranked placement counts as
    n + 1 for that talent). With the default 0.5 every talent would give up half a rank step of their own
    to bring the cohort's worst placement one step up.
    """

    talent: float = 1.0
    host: float = 3.0
    skill: float = 2.0
    buddy: float = 2.0
    fairness: float = 0.5


@dataclass(frozen=True)
class Problem:
    talents: tuple[Talent, ...]
    projects: tuple[Project, ...]
    periods: int = 3
    locks: frozenset[tuple[str, int, str]] = frozenset()  # (talent id, period index 0-based, project id)
    forbidden: frozenset[tuple[str, str]] = frozenset()  # (talent id, project id or host id)
    weights: Weights = Weights()
    time_limit: float = 20.0
    # The cohort's minimum list (the portal's MATCHING_MIN_RANKED_PROJECTS, lowered to the projects it has):
    # a talent's choices below it count like unranked ones, so a list cut to the minimum is worth exactly
    # what the whole list is, and cutting never pays (see Compiled). 0: every choice on a list counts.
    ranked_minimum: int = 6


@dataclass
class Plan:
    status: str  # "optimal" | "feasible" (finite gap) | "infeasible" (with a reason) | "no_plan_in_time"
    assignments: dict[tuple[str, int], str]  # (talent id, period index) -> project id
    objective: float | None
    gap: float | None  # relative optimality gap (0.0 when proven optimal), finite whenever there is a plan
    explanation: list[str]
    seconds: float
    bound: float | None = None  # proven upper bound on the objective, when known
    method: str = ""  # which path produced the plan, for the run page and the benchmark
    stats: dict = field(default_factory=dict)  # solver counters (columns, rounds, thresholds tried)


OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"  # proven: no plan exists, and the explanation names what collides
NO_PLAN_IN_TIME = "no_plan_in_time"  # the time ran out (or a fallback failed) before any plan; says nothing else
