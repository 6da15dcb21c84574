"""Lagrangian pricing for stage 1: a bound valid for every column, and the columns that would raise it.

Dualise the seat rows with the LP's prices `y_cap` (and the buddy rows with theirs). What is left splits
by talent: pick P projects at distinct hosts maximising `utility - y_cap` (+ buddy credit), which is
"best project per host, then the P best hosts" — cheap with numpy over every project at once. So

    L(y_cap) = sum_j seats_j * y_cap_j + sum_t best_t(y_cap)  >=  stage-1 optimum over ALL columns.

Because the per-talent problem is integral, L equals the restricted LP's optimum when taken over the
columns already present; when it is also reached over all columns, nothing outside can improve the LP
and the bound is proven. Otherwise the talents whose best pick uses a missing column get those columns.
Working with y_cap alone, rather than reduced costs with the talent duals, makes the test immune to the
heavy dual degeneracy of these assignment LPs (ties among unranked projects with free seats).
"""

import numpy as np

from .compiled import Compiled

NEG = -1e18


def _best_per_talent(values: np.ndarray, order: np.ndarray, starts: np.ndarray, P: int) -> np.ndarray:
    """Sum of the P largest per-host maxima, row by row (-inf where fewer than P hosts are reachable)."""
    host_max = np.maximum.reduceat(values[:, order], starts, axis=1)
    if host_max.shape[1] < P:
        return np.full(values.shape[0], -np.inf)
    top = -np.partition(-host_max, P - 1, axis=1)[:, :P]
    total = top.sum(axis=1)
    return np.where(top.min(axis=1) <= NEG / 2, -np.inf, total)


def lagrangian(cp: Compiled, y_cap: np.ndarray, credit: dict, have: list[set[int]]):
    """Return (bound, new columns as (t, j, utility)).

    `credit[(t, j)]` is the dual of the buddy row b <= y_tj for buddy columns in the LP; a buddy talent's
    missing columns get the full buddy weight as credit (an optimistic split of the pair's bonus).
    """
    order = np.argsort(cp.host_of, kind="stable")
    starts = np.concatenate([[0], np.nonzero(np.diff(cp.host_of[order]))[0] + 1])
    locked: dict[int, list[int]] = {}
    for t, _, j in cp.locks:
        locked.setdefault(t, []).append(j)
    wb = cp.problem.weights.buddy
    pairs_of = {t: sum(t in pair for pair in cp.buddy_pairs) for t in cp.buddy_talents}
    bound = float(cp.seats.sum(axis=1) @ y_cap)
    new: list[tuple[int, int, float]] = []
    block = max(1, 2_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        t1 = min(cp.T, t0 + block)
        u = cp.utility_block(t0, t1)
        value = np.where(np.isfinite(u), u - y_cap[None, :], NEG)
        present = np.full(value.shape, NEG)
        for t in range(t0, t1):
            cols = list(have[t])
            present[t - t0, cols] = value[t - t0, cols] + [credit.get((t, j), 0.0) for j in cols]
            if t in pairs_of:
                missing = value[t - t0] > NEG / 2
                missing[cols] = False
                value[t - t0, missing] += wb * pairs_of[t]
            value[t - t0, cols] = present[t - t0, cols]
        # Locked projects are forced: a large bonus puts them in the pick, taken off again below.
        lock_bonus = np.zeros(t1 - t0)
        for t in range(t0, t1):
            for j in locked.get(t, ()):
                value[t - t0, j] += 1e9
                present[t - t0, j] += 1e9
                lock_bonus[t - t0] += 1e9
        full = _best_per_talent(value, order, starts, cp.P) - lock_bonus
        restricted = _best_per_talent(present, order, starts, cp.P) - lock_bonus
        bound += float(full.sum())
        for i in np.nonzero(full > restricted + 1e-9 * np.maximum(1.0, np.abs(full)))[0]:
            t = t0 + int(i)
            row = value[i]
            # Best project per host; the P best hosts' missing projects, plus runners-up, join the LP.
            cand = np.argsort(-row, kind="stable")[: 4 * cp.P]
            for j in cand:
                if j not in have[t] and row[j] > NEG / 2 and np.isfinite(u[i, j]):
                    new.append((t, int(j), float(u[i, j])))
    return bound, new
