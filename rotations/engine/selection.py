"""Stage 1: choose each talent's P projects at P distinct hosts, ignoring which period each falls in.

Without buddies this is a min-cost flow (talent -> talent x host [cap 1] -> project [cap: its seats summed
over the periods]), so the LP relaxation has integral vertices and its optimum is the stage's optimum.
Its value is an upper bound on the full model's (without the fairness term), because every full plan
projects onto a stage-1 selection of the same value.

Only the ranked projects enter at first; unranked ones (there are thousands per talent in a large cohort)
are added by column generation: an LP with the current columns gives duals, every missing (talent, project)
pair is priced with numpy, the profitable ones join and the LP is solved again. When nothing prices out, the
LP bound holds for all columns. Artificial "unplaced" columns with a huge cost keep every LP feasible so
there are always duals; if one is still used at the end, the threshold is infeasible.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import maximum_flow

from .compiled import Compiled
from .lp import INF, Builder
from .pricing import lagrangian

TOL = 1e-7
PER_TALENT_PER_ROUND = 12


@dataclass
class Selection:
    status: str  # "ok" | "infeasible" | "timeout"
    chosen: dict[int, list[int]] = field(default_factory=dict)
    value: float | None = None
    bound: float | None = None  # valid for every column, not only the generated ones
    columns: list[tuple[int, int]] = field(default_factory=list)
    rounds: int = 0


def _build(cp: Compiled, col_t, col_j, util, *, lp: bool):
    n = len(col_t)
    col_t, col_j = np.asarray(col_t, dtype=np.int64), np.asarray(col_j, dtype=np.int64)
    big = 1000.0 * (1.0 + float(np.max(np.abs(util), initial=1.0)) + cp.problem.weights.buddy)
    m = Builder()
    lb = np.zeros(n)
    index = {(int(t), int(j)): i for i, (t, j) in enumerate(zip(col_t, col_j, strict=True))}
    for t, _, j in cp.locks:
        lb[index[(t, j)]] = 1.0
    m.add_vars(util, lb=lb, ub=1.0, integer=not lp)
    # Buddy columns: b <= y_a and b <= y_b, worth `buddy` once they share the project (stage 2 aligns the period).
    cols_of: dict[int, list[int]] = {}
    for t, j in zip(col_t.tolist(), col_j.tolist(), strict=True):
        cols_of.setdefault(t, []).append(j)
    b_pairs = [(index[(a, j)], index[(b, j)]) for a, b in cp.buddy_pairs for j in cols_of.get(a, []) if (b, j) in index]
    nb = len(b_pairs)
    b0 = m.add_vars(np.full(nb, cp.problem.weights.buddy), lb=0.0, ub=1.0, integer=False)
    a0 = m.add_vars(np.full(cp.T, -big), lb=0.0, ub=cp.P if lp else 0.0, integer=False)

    r_talent = m.add_rows(cp.T, cp.P, cp.P)
    m.add_entries(r_talent + col_t, np.arange(n))
    m.add_entries(r_talent + np.arange(cp.T), a0 + np.arange(cp.T))
    r_cap = m.add_rows(cp.J, -INF, cp.seats.sum(axis=1))
    m.add_entries(r_cap + col_j, np.arange(n))
    keys = col_t * cp.H + cp.host_of[col_j]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    shared = counts[inverse] >= 2  # a host with one column needs no row: y <= 1 already says it
    group_ids, group_of = np.unique(inverse[shared], return_inverse=True)
    r_host = m.add_rows(len(group_ids), -INF, 1.0)
    m.add_entries(r_host + group_of, np.nonzero(shared)[0])
    if nb:
        r_b = m.add_rows(2 * nb, -INF, 0.0)
        arr = np.asarray(b_pairs, dtype=np.int64)
        m.add_entries(r_b + np.arange(2 * nb), np.concatenate([b0 + np.arange(nb)] * 2))
        m.add_entries(r_b + np.arange(2 * nb), np.concatenate([arr[:, 0], arr[:, 1]]), -1.0)
    meta = {"n": n, "a0": a0, "r_talent": r_talent, "r_cap": r_cap, "b_pairs": b_pairs, "nb": nb}
    meta["r_b"] = r_b if nb else 0
    return m, meta


def select(cp: Compiled, threshold: int, deadline: float) -> Selection:
    """The best stage-1 selection using only projects the talent ranked at `threshold` or better."""
    col_t, col_j, util = [], [], []
    have: list[set[int]] = [set() for _ in range(cp.T)]

    def add(t, j, u):
        if j not in have[t]:
            have[t].add(j)
            col_t.append(t)
            col_j.append(j)
            util.append(cp.utility(t, j) if u is None else u)

    for t, j in [(t, j) for t, _, j in cp.locks] + _ranked_columns(cp, threshold):
        add(t, j, None)
    pricing = threshold >= cp.M  # below M only ranked projects qualify, and all of them are in already
    rounds = 0
    bound = np.inf
    while True:
        rounds += 1
        m, meta = _build(cp, col_t, col_j, np.asarray(util), lp=True)
        res = m.solve_lp(deadline - time.monotonic())
        if res.status != "optimal":
            return Selection("timeout" if res.status == "none" else "infeasible", rounds=rounds)
        if not pricing:
            bound, converged = res.objective, True
            break
        lagrange, new = _price(cp, res.duals, meta, col_t=col_t, col_j=col_j, have=have)
        bound = min(bound, lagrange)
        converged = bound - res.objective <= 1e-9 * max(1.0, abs(bound)) or not new
        if converged or time.monotonic() > deadline:
            break
        for t, j, u in new:
            add(t, j, u)
    x = res.x
    if x[meta["a0"] : meta["a0"] + cp.T].sum() > 1e-6:
        return Selection("infeasible" if converged else "timeout", rounds=rounds)
    y = x[: meta["n"]]
    value = res.objective
    if np.any(np.abs(y - np.round(y)) > 1e-6):
        # Buddies (or locks) broke the flow structure: solve the integer program on the same columns.
        m, meta = _build(cp, col_t, col_j, np.asarray(util), lp=False)
        res = m.solve_milp(deadline - time.monotonic())
        if res.x is None:
            return Selection("timeout" if res.status == "none" else "infeasible", bound=bound, rounds=rounds)
        y, value = res.x[: meta["n"]], res.objective
    chosen: dict[int, list[int]] = {}
    for i in np.nonzero(y > 0.5)[0]:
        chosen.setdefault(col_t[i], []).append(col_j[i])
    columns = list(zip(col_t, col_j, strict=True))
    return Selection("ok", chosen, value, bound, columns, rounds)


def _ranked_columns(cp: Compiled, threshold: int) -> list[tuple[int, int]]:
    return [
        (t, j)
        for t in range(cp.T)
        for j, r in sorted(cp.rank[t].items(), key=lambda item: item[1])
        if r <= threshold and cp.allowed(t, j)
    ]


def _price(cp: Compiled, duals, meta, *, col_t, col_j, have):
    """The Lagrangian bound at the LP's seat prices, with buddy rows' duals as credit, and new columns."""
    y_cap = duals[meta["r_cap"] : meta["r_cap"] + cp.J]
    credit, slack = {}, 0.0
    for k, (ia, ib) in enumerate(meta["b_pairs"]):
        alpha, beta = duals[meta["r_b"] + k], duals[meta["r_b"] + meta["nb"] + k]
        credit[(col_t[ia], col_j[ia])] = credit.get((col_t[ia], col_j[ia]), 0.0) + alpha
        credit[(col_t[ib], col_j[ib])] = credit.get((col_t[ib], col_j[ib]), 0.0) + beta
        slack += max(0.0, cp.problem.weights.buddy - alpha - beta)  # b's own term in the Lagrangian
    lagrange, new = lagrangian(cp, y_cap, credit, have)
    return lagrange + slack, new


def aggregate_feasible(cp: Compiled, threshold: int) -> bool:
    """Can every talent get P distinct hosts among projects ranked <= threshold (seats summed)? A max flow.

    A relaxation of the real question, so a "no" proves the threshold infeasible and a "yes" proves nothing.
    """
    pairs = sorted(
        {(t, cp.host_of[j], j) for t in range(cp.T) for j, r in cp.rank[t].items() if r <= threshold}
        | {(t, cp.host_of[j], j) for t, _, j in cp.locks}
    )
    pairs = [(t, h, j) for t, h, j in pairs if cp.allowed(t, j)]
    th = {(t, h): i for i, (t, h) in enumerate(dict.fromkeys((t, h) for t, h, _ in pairs))}
    source, first_t = 0, 1
    first_th = first_t + cp.T
    first_j = first_th + len(th)
    sink = first_j + cp.J
    rows, cols, caps = [], [], []
    for t in range(cp.T):
        rows.append(source), cols.append(first_t + t), caps.append(cp.P)
    for (t, _), i in th.items():
        rows.append(first_t + t), cols.append(first_th + i), caps.append(1)
    for t, h, j in pairs:
        rows.append(first_th + th[(t, h)]), cols.append(first_j + j), caps.append(1)
    for j, s in enumerate(cp.seats.sum(axis=1)):
        rows.append(first_j + j), cols.append(sink), caps.append(int(s))
    graph = sparse.csr_matrix(
        (np.asarray(caps, dtype=np.int32), (rows, cols)), shape=(sink + 1, sink + 1), dtype=np.int32
    )
    return maximum_flow(graph, source, sink).flow_value >= cp.T * cp.P
