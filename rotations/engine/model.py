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

    A placement is worth `talent * (M - rank)`, where M is one more than the longest ranking in the cohort,
    so a first choice of a ten-long list is worth 10 points and an unranked project 0;
    plus `host * (L - q + 1) / L` when the host ranked the talent q-th of L for that project (0 unranked);
    plus `skill * |shared skills| / |project skills|`.
    `buddy` is added for every period two buddies spend on the same project.
    `fairness` protects the worst-off talent: the plan loses `fairness * talents * worst rank`, where worst
    rank is the worst talent rank of any placement (unranked counts as M). With the default 0.5 every talent
    would give up half a rank step of their own to bring the cohort's worst placement one step up.
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


@dataclass
class Plan:
    status: str  # "optimal" | "feasible" | "infeasible"
    assignments: dict[tuple[str, int], str]  # (talent id, period index) -> project id
    objective: float | None
    gap: float | None  # relative optimality gap (0.0 when proven optimal)
    explanation: list[str]
    seconds: float
    bound: float | None = None  # proven upper bound on the objective, when known
    method: str = ""  # which path produced the plan, for the run page and the benchmark
    stats: dict = field(default_factory=dict)  # solver counters (columns, rounds, thresholds tried)


OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
