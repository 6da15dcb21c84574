"""Scoring and metrics of a plan, the same for the engine, the references and the run page."""

from .compiled import Compiled
from .model import Plan, Problem


def _indexed(cp: Compiled, assignments: dict[tuple[str, int], str]) -> dict[tuple[int, int], int]:
    return {
        (cp.t_index[t], p): cp.j_index[j]
        for (t, p), j in assignments.items()
        if t in cp.t_index and j in cp.j_index and 0 <= p < cp.P
    }


def score(cp: Compiled, plan: dict[tuple[int, int], int]) -> dict:
    """The objective and its parts for a plan in index form (talent, period) -> project."""
    w = cp.problem.weights
    talent = host = skill = 0.0
    for (t, _), j in plan.items():
        talent += cp.talent_points(t, j)
        host += cp.host_points[t].get(j, 0.0)
        skill += cp.utility(t, j) - cp.talent_points(t, j) - cp.host_points[t].get(j, 0.0)
    together = sum(
        1 for a, b in cp.buddy_pairs for p in range(cp.P) if (a, p) in plan and plan[(a, p)] == plan.get((b, p))
    )
    worst = max((cp.talent_rank(t, j) for (t, _), j in plan.items()), default=0)
    fairness = cp.fairness_scale() * worst
    return {
        "talent": talent,
        "host": host,
        "skill": skill,
        "buddy": w.buddy * together,
        "buddy_periods_together": together,
        "worst_rank": worst,
        "fairness_penalty": fairness,
        "objective": talent + host + skill + w.buddy * together - fairness,
    }


def objective(cp: Compiled, plan: dict[tuple[int, int], int]) -> float:
    return score(cp, plan)["objective"]


def violations(cp: Compiled, plan: dict[tuple[int, int], int]) -> list[str]:
    """Every hard rule the plan breaks, in words (empty for a valid complete plan)."""
    out = []
    for t in range(cp.T):
        got = [plan.get((t, p)) for p in range(cp.P)]
        if None in got:
            out.append(f"{cp.talent_ids[t]} has no project in period {got.index(None) + 1}")
        hosts = [cp.host_of[j] for j in got if j is not None]
        if len(set(hosts)) < len(hosts):
            out.append(f"{cp.talent_ids[t]} visits a host twice")
    used: dict[tuple[int, int], int] = {}
    for (t, p), j in plan.items():
        used[(j, p)] = used.get((j, p), 0) + 1
        if not cp.allowed(t, j):
            out.append(f"{cp.talent_ids[t]} is placed on forbidden project {cp.project_ids[j]}")
    out += [
        f"{cp.project_ids[j]} has {n} talents for {cp.seats[j, p]} seats in period {p + 1}"
        for (j, p), n in sorted(used.items())
        if n > cp.seats[j, p]
    ]
    out += [
        f"lock {cp.talent_ids[t]} / period {p + 1} / {cp.project_ids[j]} not kept"
        for t, p, j in cp.locks
        if plan.get((t, p)) != j
    ]
    return out


def _host_rank(cp: Compiled, j: int, t: int) -> int:
    ranking = cp.problem.projects[j].host_ranking
    return ranking.index(cp.talent_ids[t]) if cp.talent_ids[t] in ranking else len(ranking)


def blocking_pairs(cp: Compiled, plan: dict[tuple[int, int], int], p: int) -> list[tuple[int, int]]:
    """(talent, project) pairs of period p that would both rather be together than keep the plan.

    The talent ranks the project above its current one, may go there (allowed, host not used in another
    period, its own period not locked), and the project has a free seat or would drop an unlocked occupant
    its host ranks below the talent.
    """
    occupants: dict[int, list[int]] = {}
    for (t, q), j in plan.items():
        if q == p:
            occupants.setdefault(j, []).append(t)
    locked = {(t, q) for t, q, _ in cp.locks}
    pairs = []
    for t in range(cp.T):
        current = plan.get((t, p))
        if current is None or (t, p) in locked:
            continue
        other_hosts = {cp.host_of[plan[(t, q)]] for q in range(cp.P) if q != p and (t, q) in plan}
        for j, r in cp.listed[t].items():
            if r >= cp.listed_rank(t, current) or cp.seats[j, p] == 0 or not cp.allowed(t, j):
                continue
            if cp.host_of[j] in other_hosts:
                continue
            sitting = occupants.get(j, [])
            if len(sitting) < cp.seats[j, p] or any(
                (s, p) not in locked and _host_rank(cp, j, t) < _host_rank(cp, j, s) for s in sitting
            ):
                pairs.append((t, j))
    return pairs


def evaluate(problem: Problem, plan: Plan) -> dict:
    """Metrics per period and overall, the hard-rule check and the objective recomputed from scratch."""
    cp = Compiled(problem)
    placed = _indexed(cp, plan.assignments)
    periods = []
    for p in range(cp.P):
        ranks = [cp.listed_rank(t, j) for (t, q), j in placed.items() if q == p]
        left: dict[str, int] = dict.fromkeys(cp.host_ids, 0)
        for j in range(cp.J):
            left[cp.host_ids[cp.host_of[j]]] += int(cp.seats[j, p])
        for (_, q), j in placed.items():
            if q == p:
                left[cp.host_ids[cp.host_of[j]]] -= 1
        periods.append(
            {
                "period": p + 1,
                "placed": len(ranks),
                "first_choice_share": _share(ranks, 1),
                "top3_share": _share(ranks, 3),
                "mean_rank": sum(ranks) / len(ranks) if ranks else None,
                "worst_rank": max(ranks, default=None),
                "unranked": sum(j not in cp.listed[t] for (t, q), j in placed.items() if q == p),
                "seats_left": left,
                "blocking_pairs": len(blocking_pairs(cp, placed, p)),
            }
        )
    ranks = [cp.listed_rank(t, j) for (t, _), j in placed.items()]  # on the whole lists, as the talents wrote them
    broken = violations(cp, placed)
    parts = score(cp, placed)
    return {
        "objective": parts["objective"] if not broken else None,
        "score": parts,
        "violations": broken,
        "periods": periods,
        "first_choice_share": _share(ranks, 1),
        "top3_share": _share(ranks, 3),
        "mean_rank": sum(ranks) / len(ranks) if ranks else None,
        "worst_rank": max(ranks, default=None),
        "unranked_rank": max((len(listed) + 1 for listed in cp.listed), default=1),  # the largest, on whole lists
        "blocking_pairs": sum(p["blocking_pairs"] for p in periods),
        "buddy_pairs": len(cp.buddy_pairs),
        "buddy_periods_together": parts["buddy_periods_together"],
    }


def _share(ranks: list[int], top: int) -> float | None:
    return sum(r <= top for r in ranks) / len(ranks) if ranks else None
