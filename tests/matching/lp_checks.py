"""Checks shared by the tests of the LPs kept alive across rounds (period_lp.py, selection_lp.py)."""

import random

import numpy as np
from scipy import sparse

from rotations.engine.compiled import Compiled


def dual_bound(model, y: np.ndarray) -> float:
    """The bound the LP's row duals y prove, checked here rather than trusted: for any x within the rows and
    bounds, c.x = y.Ax + d.x with d = c - A'y, and each term is at most its value at the bound on the side
    of its sign. This equals the LP's optimum exactly when y is an optimal dual solution."""
    lp = model.h.getLp()
    a = sparse.csc_matrix(
        (np.asarray(lp.a_matrix_.value_), np.asarray(lp.a_matrix_.index_), np.asarray(lp.a_matrix_.start_)),
        shape=(lp.num_row_, lp.num_col_),
    )
    d = np.asarray(lp.col_cost_) - a.T @ y

    def at_bound(v, lower, upper):
        v = np.where(np.abs(v) <= 1e-9, 0.0, v)  # noise against an infinite bound is not a dual ray
        return float(np.sum(v * np.where(v > 0, upper, 0.0) + v * np.where(v < 0, lower, 0.0)))

    return at_bound(y, lp.row_lower_, lp.row_upper_) + at_bound(d, lp.col_lower_, lp.col_upper_)


def batches(cp: Compiled, seed: int) -> list[list[tuple[int, int]]]:
    """The ranked and locked columns first, as the engine starts; then the other allowed ones in three batches."""
    ranked = {(t, j) for t in range(cp.T) for j in cp.rank[t] if cp.allowed(t, j)}
    first = sorted(ranked | {(t, j) for t, _, j in cp.locks})
    rest = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j) and (t, j) not in set(first)]
    random.Random(seed).shuffle(rest)
    return [first] + [rest[k::3] for k in range(3)]
