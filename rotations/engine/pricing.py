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


def partner_lists(cp: Compiled) -> dict[int, list[int]]:
    """Each buddy talent's partners."""
    partners: dict[int, list[int]] = {}
    for a, b in cp.buddy_pairs:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    return partners


def credit_missing(row: np.ndarray, t: int, have: list[set[int]], partners: list[int], wb: float) -> None:
    """Credit buddy t's columns missing from the LP with the bonus they could still earn, in place.

    Dualising b <= y_t (multiplier alpha) and b <= y_partner (beta) leaves max(0, wb - alpha - beta) for b:
    any multipliers >= 0 give a valid bound. Where the partner's column is in the LP and t's is not, the
    LP has no b, so the partner's column is credited 0 (as in the LP) and t's missing one the whole bonus;
    where neither is, half each. Crediting every missing column the whole bonus was valid too, but it
    counted a pair's bonus twice, so the bound never closed on the LP with buddies.
    """
    missing = row > NEG / 2
    missing[list(have[t])] = False
    for b in partners:
        extra = np.full(len(row), wb / 2)
        extra[list(have[b])] = wb
        row[missing] += extra[missing]


def _best_per_talent(values: np.ndarray, order: np.ndarray, starts: np.ndarray, P: int) -> np.ndarray:
    """Sum of the P largest per-host maxima, row by row (-inf where fewer than P hosts are reachable)."""
    host_max = np.maximum.reduceat(values[:, order], starts, axis=1)
    if host_max.shape[1] < P:
        return np.full(values.shape[0], -np.inf)
    top = -np.partition(-host_max, P - 1, axis=1)[:, :P]
    total = top.sum(axis=1)
    return np.where(top.min(axis=1) <= NEG / 2, -np.inf, total)


def lagrangian(cp: Compiled, y_cap: np.ndarray, credit: dict, have: list[set[int]], *, threshold: int | None = None):
    """Return (bound, new columns as (t, j, utility)).

    `credit[(t, j)]` is the dual of the buddy row b <= y_tj for buddy columns in the LP; a buddy talent's
    missing columns get the part of the bonus they could still earn (`credit_missing`).
    """
    order = np.argsort(cp.host_of, kind="stable")
    starts = np.concatenate([[0], np.nonzero(np.diff(cp.host_of[order]))[0] + 1])
    locked: dict[int, list[int]] = {}
    for t, _, j in cp.locks:
        locked.setdefault(t, []).append(j)
    wb = cp.problem.weights.buddy
    partners = partner_lists(cp)
    bound = float(cp.seats.sum(axis=1) @ y_cap)
    new: list[tuple[int, int, float]] = []
    block = max(1, 2_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        t1 = min(cp.T, t0 + block)
        u = cp.utility_block(t0, t1, threshold)  # columns ranked above the threshold are closed (-inf)
        value = np.where(np.isfinite(u), u - y_cap[None, :], NEG)
        present = np.full(value.shape, NEG)
        for t in range(t0, t1):
            cols = list(have[t])
            present[t - t0, cols] = value[t - t0, cols] + [credit.get((t, j), 0.0) for j in cols]
            if t in partners:
                credit_missing(value[t - t0], t, have, partners[t], wb)
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
            # The talent's best pick uses a missing column (else the restricted pick would be as good):
            # add the best project of every one of its P best hosts that is missing, so the pick joins the
            # LP whole, however many of the talent's favourites sit at one host.
            t = t0 + int(i)
            for j in _best_pick(value[i], cp.host_of, cp.P, shift=t * cp.P):
                if j not in have[t] and np.isfinite(u[i, j]):
                    new.append((t, int(j), float(u[i, j])))
    return bound, new


def _best_pick(row: np.ndarray, host_of: np.ndarray, P: int, shift: int) -> list[int]:
    """The projects of the best pick: the best project of each of the P best hosts.

    Ties (many free projects worth the same, as when every talent ranks alike) are broken by a rotation
    that starts talent t at project t * P, so talents who tie bring different columns in; always breaking
    towards the lowest index would have them all ask for the same few seats, round after round.
    """
    rotated = (np.arange(len(row)) - shift) % len(row)
    picked: list[int] = []
    hosts: set[int] = set()
    for j in np.lexsort((rotated, -row)):
        if row[j] <= NEG / 2:
            break
        if int(host_of[j]) not in hosts:
            hosts.add(int(host_of[j]))
            picked.append(int(j))
            if len(picked) == P:
                break
    return sorted(picked)


def deficits(  # noqa: PLR0917 the pricing's own arguments plus the block of talents
    cp: Compiled, y_cap: np.ndarray, credit: dict, have: list[set[int]], t0: int, t1: int, *, threshold=None
):
    """Per talent, how much the best pick must lose to include each project (the Lagrangian reduced cost).

    For any plan x, value(x) <= L(y) - sum_t deficit of t's pick, and a pick's deficit is at least the
    largest deficit of its projects. So once a plan of value LB is known, a project whose deficit exceeds
    L - LB cannot be in any better plan: the restricted integer program over the others is exact.
    Returns a (t1 - t0) x J array (+inf where banned).
    """
    order = np.argsort(cp.host_of, kind="stable")
    starts = np.concatenate([[0], np.nonzero(np.diff(cp.host_of[order]))[0] + 1])
    wb = cp.problem.weights.buddy
    partners = partner_lists(cp)
    locked: dict[int, list[int]] = {}
    for t, _, j in cp.locks:
        locked.setdefault(t, []).append(j)
    u = cp.utility_block(t0, t1, threshold)
    value = np.where(np.isfinite(u), u - y_cap[None, :], NEG)
    for t in range(t0, t1):
        cols = list(have[t])
        if t in partners:
            credit_missing(value[t - t0], t, have, partners[t], wb)
        value[t - t0, cols] += [credit.get((t, j), 0.0) for j in cols]
        for j in locked.get(t, ()):
            value[t - t0, j] += 1e9
    host_max = np.maximum.reduceat(value[:, order], starts, axis=1)  # rows x H (hosts in sorted order)
    H = host_max.shape[1]
    if H < cp.P:
        return np.full(value.shape, np.inf)
    top = -np.sort(-host_max, axis=1)[:, : cp.P]
    full = top.sum(axis=1)
    pth = top[:, cp.P - 1]
    hm = host_max[:, cp.host_of]  # the best value at each project's host (host_of indexes sorted host ids)
    in_top = hm >= pth[:, None]
    with_j = np.where(in_top, full[:, None] - hm + value, full[:, None] - pth[:, None] + value)
    out = full[:, None] - with_j
    return np.where(np.isfinite(u) & (value > NEG / 2), np.maximum(out, 0.0), np.inf)
