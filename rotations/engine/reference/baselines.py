"""Reference methods the engine is measured against, scored with the engine's own objective.

- serial dictatorship per period: talents in a fixed order take their best open project, period by period;
- sequential stable matching: talent-proposing deferred acceptance, one period after the other, each
  talent proposing only to hosts not used in earlier periods (or held by its locks);
- the plain MILP: the full period-indexed model over every allowed (talent, project) pair, straight to HiGHS.

The greedy references can dead-end (a talent whose remaining hosts are full): the plan is then returned
incomplete with status "infeasible" and the unplaced talents named.
"""

import heapq
import time

import numpy as np

from ..checks import diagnose
from ..compiled import Compiled
from ..formulation import solve_full
from ..metrics import score
from ..model import FEASIBLE, INFEASIBLE, OPTIMAL, Plan, Problem


def _preferences(cp: Compiled, t: int):
    """The talent's projects best first: their whole list, then unranked ones by what they would add (lazily)."""
    ranked = sorted(cp.listed[t], key=lambda j: cp.listed[t][j])
    yield from (j for j in ranked if cp.allowed(t, j))
    row = cp.utility_block(t, t + 1)[0]
    row[ranked] = -np.inf
    for j in np.argsort(-row, kind="stable"):
        if np.isfinite(row[j]):
            yield int(j)


def _setup(cp: Compiled):
    plan = {(t, p): j for t, p, j in cp.locks}
    left = cp.seats.copy()
    for _, p, j in cp.locks:
        left[j, p] -= 1
    hosts = [{int(cp.host_of[j]) for (s, _), j in plan.items() if s == t} for t in range(cp.T)]
    return plan, left, hosts


def _finish(cp: Compiled, plan, started, method, *, gap=None, bound=None, status=FEASIBLE) -> Plan:
    assignments = {(cp.talent_ids[t], p): cp.project_ids[j] for (t, p), j in sorted(plan.items())}
    missing = sorted({cp.talent_ids[t] for t in range(cp.T) for p in range(cp.P) if (t, p) not in plan})
    seconds = time.monotonic() - started
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        note = [f"{len(missing)} talent(s) left without a full schedule: {shown}."]
        return Plan(INFEASIBLE, assignments, None, None, note, seconds, method=method)
    value = score(cp, plan)["objective"]
    return Plan(status, assignments, value, gap, [], seconds, bound=bound, method=method)


def serial_dictatorship(problem: Problem) -> Plan:
    started = time.monotonic()
    cp = Compiled(problem)
    plan, left, hosts = _setup(cp)
    for p in range(cp.P):
        for t in range(cp.T):  # the order of the problem's talents: fixed, so the result is too
            if (t, p) in plan:
                continue
            for j in _preferences(cp, t):
                if left[j, p] > 0 and cp.host_of[j] not in hosts[t]:
                    plan[(t, p)] = j
                    left[j, p] -= 1
                    hosts[t].add(int(cp.host_of[j]))
                    break
    return _finish(cp, plan, started, "serial dictatorship")


def _host_key(cp: Compiled, j: int, t: int):
    """How project j's host orders talent t: its ranking, then skill fit, then a fixed order."""
    ranking = cp.problem.projects[j].host_ranking
    tid = cp.talent_ids[t]
    position = ranking.index(tid) if tid in ranking else len(ranking)
    return (position, -cp.utility(t, j), t)


def sequential_stable(problem: Problem) -> Plan:
    started = time.monotonic()
    cp = Compiled(problem)
    plan, left, hosts = _setup(cp)
    for p in range(cp.P):
        lists = {t: _preferences(cp, t) for t in range(cp.T) if (t, p) not in plan}
        held: dict[int, list] = {}  # project -> heap of (-key, talent): the worst held on top
        free = sorted(lists)
        while free:
            t = free.pop()
            for j in lists[t]:
                if cp.seats[j, p] == 0 or cp.host_of[j] in hosts[t]:
                    continue
                key = _host_key(cp, j, t)
                heap = held.setdefault(j, [])
                if len(heap) < left[j, p]:
                    heapq.heappush(heap, (_neg(key), t))
                    break
                if heap and _neg(heap[0][0]) > key:
                    _, bumped = heapq.heapreplace(heap, (_neg(key), t))
                    free.append(bumped)
                    break
            # A talent whose list runs out stays unplaced in this period.
        for j, heap in held.items():
            for _, t in heap:
                plan[(t, p)] = j
                hosts[t].add(int(cp.host_of[j]))
    return _finish(cp, plan, started, "sequential stable")


def _neg(key):
    return tuple(-k for k in key)


def plain_milp(problem: Problem, time_limit: float | None = None) -> Plan:
    """Every allowed (talent, project, period) variable in one MILP, no decomposition, no pricing."""
    started = time.monotonic()
    cp = Compiled(problem)
    reasons = diagnose(cp)
    if reasons:
        return Plan(INFEASIBLE, {}, None, None, reasons, time.monotonic() - started, method="plain MILP")
    col_t, col_j, util, rank = [], [], [], []
    for t0 in range(0, cp.T, 500):
        block = cp.utility_block(t0, min(cp.T, t0 + 500))
        ts, js = np.nonzero(np.isfinite(block))
        col_t.append(ts + t0)
        col_j.append(js)
        util.append(block[ts, js])
        rank.append([cp.talent_rank(int(t) + t0, int(j)) for t, j in zip(ts, js, strict=True)])
    limit = problem.time_limit if time_limit is None else time_limit
    solved = solve_full(
        cp,
        np.concatenate(col_t),
        np.concatenate(col_j),
        np.concatenate(util),
        np.concatenate(rank),
        fairness=True,
        time_limit=limit - (time.monotonic() - started),
        keep_cut=True,  # the reference reports what HiGHS had when its limit stopped it
    )
    res = solved.result
    if not solved.assignments:
        why = "infeasible" if res.status == "infeasible" else f"no plan within {limit:g} s"
        return Plan(
            INFEASIBLE, {}, None, None, [f"Plain MILP: {why}."], time.monotonic() - started, method="plain MILP"
        )
    value = score(cp, solved.assignments)["objective"]
    gap = None if res.bound is None else max(0.0, (res.bound - value) / max(1.0, abs(value)))
    status = OPTIMAL if res.status == "optimal" else FEASIBLE
    return _finish(cp, solved.assignments, started, "plain MILP", gap=gap, bound=res.bound, status=status)
