"""The judge of the engine: an exact plain MILP of the same objective, and a checker of every hard rule.

`exact(problem)` states the whole cohort as one period-indexed MILP and hands it to HiGHS
(`scipy.optimize.milp`) with no decomposition, pricing, thresholds or polish:

    x[t, j, p] in {0, 1}  talent t on project j in period p, for every allowed pair with a seat in p
    sum_j x[t, j, p] = 1                      one project per talent and period
    sum_t x[t, j, p] <= seats[j][p]           seats per project and period
    sum_{j at host h, p} x[t, j, p] <= 1      P different hosts (so never the same project twice)
    x[t, j, p] = 1 for every lock             locks
    b[a, b, j, p] <= x[a, j, p], x[b, j, p]   buddies together, worth `weights.buddy`
    z >= sum_j rank(t, j) x[t, j, p]          z is the worst rank, costing `fairness_scale()` per step

    maximise  sum utility(t, j) x  +  buddy * sum b  -  fairness_scale * z

What a placement is worth (utility, talent rank, the fairness scale) is read from `Compiled`, because that
is the engine's definition of the objective and the oracle must judge the same one; everything else (which
pairs are allowed, seats, hosts, locks, buddy pairs) is read from the `Problem` here, not from the
engine's indices or checks. `check(problem, assignments)` is the independent rule checker: it reads only
the `Problem`.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from ..compiled import Compiled
from ..model import Problem

OPTIMAL, FEASIBLE, INFEASIBLE, LIMIT = "optimal", "feasible", "infeasible", "limit"


@dataclass
class Exact:
    status: str  # "optimal" | "feasible" (limit reached with a plan) | "infeasible" | "limit" (no plan)
    objective: float | None
    bound: float | None  # proven upper bound (maximisation); equals objective when optimal
    assignments: dict[tuple[str, int], str] = field(default_factory=dict)
    seconds: float = 0.0  # real elapsed time, building included
    variables: int = 0


def _seats(problem: Problem) -> dict[str, list[int]]:
    P = problem.periods
    return {p.id: [max(0, int(s)) for s in p.seats[:P]] + [0] * max(0, P - len(p.seats)) for p in problem.projects}


def _allowed(problem: Problem) -> dict[str, set[str]]:
    """Per talent, the projects it may be placed on: not forbidden by project or host, not "not a fit"."""
    banned = {t.id: set() for t in problem.talents}
    host_of = {p.id: p.host for p in problem.projects}
    for tid, other in problem.forbidden:
        if tid in banned:
            banned[tid].update(j for j, h in host_of.items() if other in {j, h})
    for p in problem.projects:
        for tid in p.not_a_fit:
            if tid in banned:
                banned[tid].add(p.id)
    return {t.id: {p.id for p in problem.projects if p.id not in banned[t.id]} for t in problem.talents}


def _buddy_pairs(problem: Problem) -> list[tuple[str, str]]:
    ids = {t.id for t in problem.talents}
    return sorted({tuple(sorted((t.id, t.buddy))) for t in problem.talents if t.buddy in ids and t.buddy != t.id})


def exact(problem: Problem, time_limit: float = 60.0, gap: float = 1e-9) -> Exact:
    """The true optimum (or "limit" / "infeasible"), with HiGHS's real status and the real elapsed time."""
    started = time.monotonic()
    cells = _cells(problem)
    if cells is None:
        return Exact(INFEASIBLE, None, None, seconds=time.monotonic() - started)
    cp = Compiled(problem)  # only for what a placement is worth: utility, rank, fairness scale
    cost, lower, matrix, rlb, rub = _model(problem, cp, cells)
    n, nv = len(cells), len(cost)
    res = milp(
        -cost,
        integrality=np.concatenate([np.ones(n), np.zeros(nv - n)]),
        bounds=Bounds(lower, np.concatenate([np.ones(nv - 1), [float(cp.M)]])),
        constraints=[LinearConstraint(matrix, rlb, rub)],
        options={"time_limit": max(0.05, time_limit - (time.monotonic() - started)), "mip_rel_gap": gap},
    )
    seconds = time.monotonic() - started
    dual = getattr(res, "mip_dual_bound", None)
    bound = -float(dual) if dual is not None and np.isfinite(dual) else None
    if res.status == 2:
        return Exact(INFEASIBLE, None, None, seconds=seconds, variables=nv)
    if res.x is None:
        return Exact(LIMIT, None, bound, seconds=seconds, variables=nv)
    chosen = np.nonzero(np.round(res.x[:n]) > 0.5)[0]
    assignments = {(cells[i][0], cells[i][2]): cells[i][1] for i in chosen}
    value = -float(res.fun)
    status = OPTIMAL if res.status == 0 else FEASIBLE
    return Exact(status, value, value if status == OPTIMAL else bound, assignments, seconds, nv)


def _cells(problem: Problem) -> list[tuple[str, str, int]] | None:
    """Every (talent, project, period) a plan may use, or None when some rule already rules out every plan."""
    P = problem.periods
    talents = [t.id for t in problem.talents]
    lock_of = {(t, k): j for t, k, j in problem.locks}
    if P < 1 or len(set(talents)) != len(talents) or not _locks_known(problem) or len(lock_of) < len(problem.locks):
        return None  # no period, a duplicated talent, a lock naming nothing, or two locks on one cell
    seats, allowed = _seats(problem), _allowed(problem)
    cells = []
    for t in talents:
        for j in sorted(allowed[t]):
            cells += [(t, j, k) for k in range(P) if seats[j][k] > 0 and lock_of.get((t, k), j) == j]
    present = set(cells)
    if any((t, j, k) not in present for (t, k), j in lock_of.items()):
        return None  # a lock on a forbidden pair or a period without seats
    if {(t, k) for t, _, k in cells} != {(t, k) for t in talents for k in range(P)}:
        return None  # a talent with nowhere to go in some period
    return cells


def _model(problem: Problem, cp: Compiled, cells):
    """The rows of the module docstring over `cells`, as (cost, lower bounds, matrix, row lb, row ub)."""
    n = len(cells)
    index = {c: i for i, c in enumerate(cells)}
    host_of = {p.id: p.host for p in problem.projects}
    seats, allowed = _seats(problem), _allowed(problem)
    cost = [cp.utility(cp.t_index[t], cp.j_index[j]) for t, j, _ in cells]
    rank = np.array([cp.talent_rank(cp.t_index[t], cp.j_index[j]) for t, j, _ in cells], dtype=float)
    lower = np.zeros(n)
    for t, k, j in problem.locks:
        lower[index[(t, j, k)]] = 1.0
    rows, cols, vals, rlb, rub = [], [], [], [], []

    def row(members, lo, hi, coef=None):
        rows.extend([len(rlb)] * len(members))
        cols.extend(members)
        vals.extend([1.0] * len(members) if coef is None else coef)
        rlb.append(lo)
        rub.append(hi)

    by_tk, by_jk, by_th = {}, {}, {}
    for i, (t, j, k) in enumerate(cells):
        by_tk.setdefault((t, k), []).append(i)
        by_jk.setdefault((j, k), []).append(i)
        by_th.setdefault((t, host_of[j]), []).append(i)
    for members in by_tk.values():
        row(members, 1.0, 1.0)
    for (j, k), members in by_jk.items():
        if len(members) > seats[j][k]:
            row(members, -np.inf, seats[j][k])
    for members in by_th.values():
        if len(members) > 1:
            row(members, -np.inf, 1.0)
    # Buddies: one b per cell both could share; b - x <= 0 for each of the two.
    for a, b in _buddy_pairs(problem):
        for j in sorted(allowed[a] & allowed[b]):
            for k in range(problem.periods):
                if (a, j, k) in index and (b, j, k) in index:
                    v = len(cost)
                    cost.append(problem.weights.buddy)
                    row([v, index[(a, j, k)]], -np.inf, 0.0, [1.0, -1.0])
                    row([v, index[(b, j, k)]], -np.inf, 0.0, [1.0, -1.0])
    z = len(cost)
    cost.append(-cp.fairness_scale())
    for members in by_tk.values():
        row([*members, z], -np.inf, 0.0, [*rank[members], -1.0])
    lower = np.concatenate([lower, np.zeros(len(cost) - n)])
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(rlb), len(cost)))
    return np.asarray(cost), lower, matrix, rlb, rub


def _locks_known(problem: Problem) -> bool:
    talents = {t.id for t in problem.talents}
    projects = {p.id for p in problem.projects}
    return all(t in talents and j in projects and 0 <= k < problem.periods for t, k, j in problem.locks)


def check(problem: Problem, assignments: dict[tuple[str, int], str]) -> list[str]:
    """Every hard rule the plan breaks, from the `Problem` alone (empty for a valid complete plan)."""
    P = problem.periods
    seats = _seats(problem)
    host_of = {p.id: p.host for p in problem.projects}
    allowed = _allowed(problem)
    talents = {t.id for t in problem.talents}
    out = []
    for (t, k), j in sorted(assignments.items()):
        if t not in talents or not 0 <= k < P or j not in host_of:
            out.append(f"unknown cell {t} / period {k + 1} / {j}")
        elif j not in allowed[t]:
            out.append(f"{t} is on {j}: forbidden (by project or host) or not a fit")
    for t in sorted(talents):
        placed = [assignments.get((t, k)) for k in range(P)]
        out += [f"{t} has no project in period {k + 1}" for k in range(P) if placed[k] is None]
        hosts = [host_of.get(j) for j in placed if j is not None]
        if len(set(hosts)) < len(hosts):
            out.append(f"{t} visits a host more than once: {hosts}")
    used: dict[tuple[str, int], int] = {}
    for (_, k), j in assignments.items():
        used[(j, k)] = used.get((j, k), 0) + 1
    out += [
        f"{j} holds {n} talents in period {k + 1} for {seats[j][k]} seats"
        for (j, k), n in sorted(used.items())
        if j in seats and 0 <= k < P and n > seats[j][k]
    ]
    out += [
        f"lock {t} / period {k + 1} / {j} not kept" for t, k, j in sorted(problem.locks) if assignments.get((t, k)) != j
    ]
    return out
