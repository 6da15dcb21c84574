"""The full period-indexed model over a given set of (talent, project) columns.

x[t, j, p] = 1 when talent t is on project j in period p. Rows: one project per talent and period; seats
per project and period; at most one placement per talent and host over all periods (so P distinct hosts,
and never the same project twice); locks as fixed variables; forbidden pairs never get a column.
Buddies: beta[a, b, j, p] <= x[a, j, p], x[b, j, p], worth `weights.buddy`. Fairness: z >= the rank of
every placement (one row per talent and period, since exactly one placement is 1), penalised by
`fairness * talents` per step.

The same builder serves three callers: stage 2 of the engine (columns = the chosen projects, so only the
periods are decided), the engine's fallback (all generated columns) and the plain MILP reference (every
allowed column of the cohort, handed straight to HiGHS). Its LP (`relax`) is no longer the engine's: the
period fitting keeps one LP alive across its rounds (period_lp.py); this one, built from scratch through
scipy, is the reference that one is tested against.
"""

from dataclasses import dataclass

import numpy as np

from .compiled import Compiled
from .lp import INF, Builder, Result


@dataclass
class Solved:
    result: Result
    assignments: dict[tuple[int, int], int]  # (talent index, period) -> project index
    seat_duals: np.ndarray | None = None  # LP only: J x P
    support: np.ndarray | None = None  # LP only: indices of the given columns the LP uses in some period


def solve_full(
    cp: Compiled, col_t, col_j, util, rank, *, fairness: bool, time_limit: float, gap=1e-9, relax=False, keep_cut=False,
    spare: list | None = None,
) -> Solved:  # fmt: skip
    """The period-indexed model on these columns. `relax`: its LP instead, with "unplaced" artificials at a
    large cost so it is always feasible, and `seat_duals` (J x P, the price of a seat in a period) set.
    `spare`: a plan the clock cut short is appended there instead of returned (the engine's last resort)."""
    col_t, col_j = np.asarray(col_t, dtype=np.int64), np.asarray(col_j, dtype=np.int64)
    util, rank = np.asarray(util, dtype=float), np.asarray(rank, dtype=float)
    P = cp.P
    lock_of = {(t, p): j for t, p, j in cp.locks}
    locked = {(t, j) for t, _, j in cp.locks}
    # Expand columns over periods with seats; a locked period admits only its locked project.
    parts = []
    for p in range(P):
        keep = cp.seats[col_j, p] > 0
        if lock_of:
            pairs = zip(col_t.tolist(), col_j.tolist(), strict=True)
            keep &= np.array([_open(lock_of, locked, t, j, p) for t, j in pairs], dtype=bool)
        idx = np.nonzero(keep)[0]
        parts.append(np.column_stack([idx, np.full(len(idx), p)]))
    var = np.concatenate(parts) if parts else np.zeros((0, 2), dtype=np.int64)
    vc, vp = var[:, 0], var[:, 1]
    vt, vj = col_t[vc], col_j[vc]
    n = len(vc)

    m = Builder()
    lb = np.zeros(n)
    cells = zip(vt.tolist(), vj.tolist(), vp.tolist(), strict=True)
    lb[[i for i, (t, j, p) in enumerate(cells) if lock_of.get((t, p)) == j]] = 1.0
    m.add_vars(util[vc], lb=lb, ub=1.0, integer=not relax)
    r = m.add_rows(cp.T * P, 1.0, 1.0)
    m.add_entries(r + vt * P + vp, np.arange(n))
    if relax:
        a0 = m.add_vars(np.full(cp.T * P, -unplaced_cost(cp)), lb=0.0, ub=1.0, integer=False)
        m.add_entries(r + np.arange(cp.T * P), a0 + np.arange(cp.T * P))
    r_seat = r = m.add_rows(cp.J * P, -INF, cp.seats.reshape(-1))
    m.add_entries(r + vj * P + vp, np.arange(n))
    keys = vt * cp.H + cp.host_of[vj]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    shared = counts[inverse] >= 2
    groups, group_of = np.unique(inverse[shared], return_inverse=True)
    r = m.add_rows(len(groups), -INF, 1.0)
    m.add_entries(r + group_of, np.nonzero(shared)[0])

    _add_buddies(m, cp, vt, vj, vp)
    if fairness:
        z = m.add_vars([-cp.fairness_scale()], lb=0.0, ub=float(cp.M), integer=False)
        r = m.add_rows(cp.T * P, -INF, 0.0)
        m.add_entries(r + vt * P + vp, np.arange(n), rank[vc])
        m.add_entries(r + np.arange(cp.T * P), np.full(cp.T * P, z), -1.0)

    if relax:
        result = m.solve_lp(time_limit, method="highs-ipm")
        duals = None if result.duals is None else result.duals[r_seat : r_seat + cp.J * P].reshape(cp.J, P)
        support = None if result.x is None else np.unique(vc[result.x[:n] > 1e-6])
        return Solved(result, {}, duals, support)
    result = m.solve_milp(time_limit, gap=gap, keep_cut=keep_cut)
    if result.cut_x is not None and spare is not None:
        spare.append(_assignments(result.cut_x, n, vt, vj, vp))
    return Solved(result, {} if result.x is None else _assignments(result.x, n, vt, vj, vp))


def unplaced_cost(cp: Compiled) -> float:
    """What the LP's "unplaced" artificial costs: more than anything a placement is worth (talent points
    reach talent * (M - 1)), and the same for every set of columns, so LPs on different columns compare."""
    w = cp.problem.weights
    return 1000.0 * (1.0 + abs(w.talent) * cp.M + abs(w.host) + abs(w.skill) + abs(w.buddy))


def _assignments(x, n, vt, vj, vp) -> dict[tuple[int, int], int]:
    return {(int(vt[i]), int(vp[i])): int(vj[i]) for i in np.nonzero(x[:n] > 0.5)[0]}


def _open(lock_of, locked, t, j, p) -> bool:
    """May talent t sit on project j in period p, given the locks?"""
    if (t, p) in lock_of:
        return lock_of[(t, p)] == j
    return (t, j) not in locked  # a locked project is taken in its own period, never again


def _add_buddies(m: Builder, cp: Compiled, vt, vj, vp):
    """beta <= x[a, j, p] and beta <= x[b, j, p] for every cell both buddies could share."""
    index = {(t, j, p): i for i, (t, j, p) in enumerate(zip(vt.tolist(), vj.tolist(), vp.tolist(), strict=True))}
    by_talent: dict[int, list[tuple[int, int]]] = {}
    for t, j, p in index:
        by_talent.setdefault(t, []).append((j, p))
    beta = [
        (index[(a, j, p)], index[(b, j, p)])
        for a, b in cp.buddy_pairs
        for j, p in by_talent.get(a, [])
        if (b, j, p) in index
    ]
    if beta:
        nb = len(beta)
        b0 = m.add_vars(np.full(nb, cp.problem.weights.buddy), lb=0.0, ub=1.0, integer=False)
        r = m.add_rows(2 * nb, -INF, 0.0)
        arr = np.asarray(beta, dtype=np.int64)
        m.add_entries(r + np.arange(2 * nb), np.concatenate([b0 + np.arange(nb)] * 2))
        m.add_entries(r + np.arange(2 * nb), np.concatenate([arr[:, 0], arr[:, 1]]), -1.0)
