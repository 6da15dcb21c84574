"""A small model builder over scipy's HiGHS interfaces (`milp` for integers, `linprog` for duals).

Models are stated as maximisation with rows `lb <= a.x <= ub`, built from COO triplets so large models
are assembled with numpy rather than a Python loop per coefficient.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

INF = np.inf
MILP_SHARE = 0.8  # of the time an integer program is given, what HiGHS is told (see Builder.solve_milp)


@dataclass
class Result:
    status: str  # "optimal" | "feasible" (stopped by the clock, kept) | "infeasible" | "none" (no answer)
    x: np.ndarray | None
    objective: float | None
    bound: float | None  # proven upper bound (maximisation)
    duals: np.ndarray | None = None  # per row, d(objective)/d(rhs); LP only
    cut_x: np.ndarray | None = None  # "none" only: what HiGHS had when the clock stopped it (see solve_milp)


class Builder:
    def __init__(self):
        self._cost, self._lb, self._ub, self._int = [], [], [], []
        self._rows, self._cols, self._vals = [], [], []
        self._rlb, self._rub = [], []
        self.n_vars = 0
        self.n_rows = 0

    def add_vars(self, cost, lb=0.0, ub=1.0, integer=True) -> int:
        cost = np.asarray(cost, dtype=float)
        n = len(cost)
        self._cost.append(cost)
        self._lb.append(np.broadcast_to(np.asarray(lb, dtype=float), (n,)))
        self._ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (n,)))
        self._int.append(np.full(n, 1 if integer else 0))
        start, self.n_vars = self.n_vars, self.n_vars + n
        return start

    def add_rows(self, n, lb, ub) -> int:
        self._rlb.append(np.broadcast_to(np.asarray(lb, dtype=float), (n,)))
        self._rub.append(np.broadcast_to(np.asarray(ub, dtype=float), (n,)))
        start, self.n_rows = self.n_rows, self.n_rows + n
        return start

    def add_entries(self, rows, cols, vals=1.0):
        rows = np.asarray(rows, dtype=np.int64)
        self._rows.append(rows)
        self._cols.append(np.asarray(cols, dtype=np.int64))
        self._vals.append(np.broadcast_to(np.asarray(vals, dtype=float), rows.shape))

    def _arrays(self):
        def cat(parts, dtype=float):
            return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

        matrix = sparse.csr_matrix(
            (cat(self._vals), (cat(self._rows, np.int64), cat(self._cols, np.int64))),
            shape=(self.n_rows, self.n_vars),
        )
        return cat(self._cost), cat(self._lb), cat(self._ub), cat(self._int), matrix, cat(self._rlb), cat(self._rub)

    def solve_milp(self, time_limit: float, gap: float = 1e-9, *, keep_cut: bool = False) -> Result:
        """The integer program. Stopped by the clock, its answer is set aside ("none", no bound, the point
        in `cut_x`) unless `keep_cut`: where HiGHS stops depends on the machine's load, so the engine builds
        on finished answers only, and the same input and limit give the same plan (see solver.py, "Time")."""
        cost, lb, ub, integ, matrix, rlb, rub = self._arrays()
        constraints = [LinearConstraint(matrix, rlb, rub)] if self.n_rows else []
        # At the root of a large integer program HiGHS looks at its clock seldom (seen: 2.4 s past a 10.4 s
        # limit on a loaded machine), so the engine's own calls are told to stop at MILP_SHARE of their time.
        limit = time_limit if keep_cut else time_limit * MILP_SHARE
        res = milp(
            -cost,
            integrality=integ,
            bounds=Bounds(lb, ub),
            constraints=constraints,
            options={"time_limit": max(0.05, limit), "mip_rel_gap": gap, "presolve": True},
        )
        if res.status == 2:
            return Result("infeasible", None, None, None)
        if res.x is None:
            return Result("none", None, None, _bound(res) if keep_cut else None)
        x = np.where(integ == 1, np.round(res.x), res.x)
        if res.status != 0 and not keep_cut:
            return Result("none", None, None, None, cut_x=x)
        status = "optimal" if res.status == 0 else "feasible"
        return Result(status, x, float(cost @ x), _bound(res))

    def solve_lp(self, time_limit: float, method: str = "highs-ds") -> Result:
        """The LP relaxation with row duals, at a vertex: the dual simplex, or `highs-ipm` (interior point,
        then crossover to a vertex), which is several times faster on the period-indexed LPs of short lists."""
        cost, lb, ub, _, matrix, rlb, rub = self._arrays()
        eq = rlb == rub
        le = ~eq & np.isfinite(rub)
        ge = ~eq & np.isfinite(rlb)
        a_ub = sparse.vstack([matrix[le], -matrix[ge]]).tocsr()
        b_ub = np.concatenate([rub[le], -rlb[ge]])
        res = linprog(
            -cost,
            A_ub=a_ub if a_ub.shape[0] else None,
            b_ub=b_ub if a_ub.shape[0] else None,
            A_eq=matrix[eq] if eq.any() else None,
            b_eq=rlb[eq] if eq.any() else None,
            bounds=np.column_stack([lb, ub]),
            method=method,
            options={"time_limit": max(0.05, time_limit), "presolve": True},
        )
        if res.status == 2:
            return Result("infeasible", None, None, None)
        if res.status != 0:
            return Result("none", None, None, None)
        duals = np.zeros(self.n_rows)
        # linprog minimises -cost, so its marginals have the opposite sign of the maximisation duals.
        duals[eq] = -res.eqlin.marginals
        n_le = int(le.sum())
        duals[le] = -res.ineqlin.marginals[:n_le]
        duals[ge] = res.ineqlin.marginals[n_le:]
        return Result("optimal", res.x, float(cost @ res.x), float(cost @ res.x), duals)


def _bound(res) -> float | None:
    bound = getattr(res, "mip_dual_bound", None)
    return None if bound is None or not np.isfinite(bound) else -float(bound)
