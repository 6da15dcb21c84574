"""Fitting the periods exactly when stage 2 cannot: column generation on the period-indexed model.

Stage 1 sums the seats over the periods, so its choice sometimes cannot be put into periods. Then the
period-indexed model x[t, j, p] decides, on a growing set of (talent, project) columns. Dualise its seat
rows with the LP's seat prices pi[j, p]; what is left splits by talent: give each period a project, at P
different hosts, maximising utility - pi. That is an assignment of P periods to hosts, and an optimal one
gives every period one of its P best hosts (if period p's host were not among them, one of those P hosts
would be free, and no worse), so trying the P^P combinations of those is exact. Hence

    L(pi) = sum_{j,p} seats[j, p] * pi[j, p] + sum_t best_t(pi)  >=  the threshold's optimum, all columns,

a bound that counts the periods (stage 1's does not). A talent whose best schedule uses a missing column
gets that schedule's columns; when none does, the restricted LP is the LP over all columns. Buddies' cells
are credited with the LP's duals of their shared-cell rows, and a cell the LP lacks with the part of the
bonus it could still earn (`PeriodLP.buddy_credit`), so with buddies too the bound closes on the LP once
no column prices out.

Order, so that a plan comes before the bound work: the LP on the given columns, at once the integer
program on the few columns that LP uses (nearly integral: a plan close to the LP's value in a second or
two), then the generation rounds, then the integer program on all columns only while a gap is left. A
round or model is started only when the last LP's time is still left. The LP is one model for all rounds
(period_lp.py): a round adds its columns and the simplex goes on from the last basis, so only the first LP
costs a solve from scratch.
"""

import itertools
import time

import numpy as np

from .compiled import Compiled
from .formulation import Solved, solve_full
from .lp import Result
from .metrics import score
from .period_lp import PeriodLP
from .pricing import partner_lists

NEG = -1e18
MIN_START = 0.1  # seconds; HiGHS needs about this much to build and start a model of a few thousand columns


def _values(cp: Compiled, pi: np.ndarray, threshold: int, t0: int, t1: int, *, credit: tuple) -> list[np.ndarray]:
    """Per period, utility - pi + buddy credit for talents t0..t1-1 (NEG where closed: banned, seatless,
    against a lock). `credit`: arrays (talent, project, period, credit) of the cells whose buddy credit is not
    half the bonus per partner (`PeriodLP.buddy_credit`); a buddy's other cells get that half."""
    u = cp.utility_block(t0, t1, threshold)
    partners = partner_lists(cp)
    half = np.zeros(t1 - t0)
    for t in range(t0, t1):
        half[t - t0] = cp.problem.weights.buddy / 2 * len(partners.get(t, ()))
    lock_in = {(t, p): j for t, p, j in cp.locks if t0 <= t < t1}
    out = []
    for p in range(cp.P):
        v = np.where(np.isfinite(u) & (cp.seats[:, p] > 0)[None, :], u - pi[None, :, p] + half[:, None], NEG)
        ct, cj, cq, cv = credit
        at = (cq == p) & (ct >= t0) & (ct < t1)
        rows, cols = ct[at] - t0, cj[at]
        open_ = v[rows, cols] > NEG / 2
        v[rows[open_], cols[open_]] += cv[at][open_] - half[rows[open_]]
        for (t, q), j in lock_in.items():
            row = v[t - t0]
            if q == p:
                keep = row[j]
                row[:] = NEG
                row[j] = keep
            else:
                row[cp.host_of == cp.host_of[j]] = NEG  # the lock's host is used in its own period
        out.append(v)
    return out


def bound_and_columns(cp: Compiled, pi: np.ndarray, threshold: int, have: list[set[int]], buddies=({}, 0.0)):
    """L(pi) and the missing columns of every talent's best schedule (empty when none is missing).
    `buddies`: the buddy rows' credit per cell and the betas' own term (`PeriodLP.buddy_credit`)."""
    cells, slack = buddies
    keys = list(cells)
    credit = tuple(np.array([key[k] for key in keys], dtype=np.int64) for k in range(3))
    credit += (np.array([cells[key] for key in keys], dtype=float),)
    order = np.argsort(cp.host_of, kind="stable")
    starts = np.concatenate([[0], np.nonzero(np.diff(cp.host_of[order]))[0] + 1])
    P, H = cp.P, cp.H
    bound = float((cp.seats * pi).sum()) + slack
    new: list[tuple[int, int]] = []
    block = max(1, 1_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        t1 = min(cp.T, t0 + block)
        values = _values(cp, pi, threshold, t0, t1, credit=credit)
        host_max = [np.maximum.reduceat(v[:, order], starts, axis=1) for v in values]  # rows x H each
        if H < P:
            return -np.inf, []
        top = [np.argsort(-hm, axis=1, kind="stable")[:, :P] for hm in host_max]
        rows = np.arange(t1 - t0)
        best = np.full(t1 - t0, -np.inf)
        choice = np.zeros((t1 - t0, P), dtype=np.int64)
        for combo in itertools.product(range(P), repeat=P):
            hosts = np.column_stack([top[p][:, combo[p]] for p in range(P)])
            distinct = np.all(np.sort(hosts, axis=1)[:, 1:] != np.sort(hosts, axis=1)[:, :-1], axis=1)
            parts = np.column_stack([host_max[p][rows, hosts[:, p]] for p in range(P)])
            total = np.where(distinct & np.all(parts > NEG / 2, axis=1), parts.sum(axis=1), -np.inf)
            better = total > best
            best[better], choice[better] = total[better], hosts[better]
        if np.any(best == -np.inf):
            return -np.inf, []  # some talent has no schedule at all under this threshold
        bound += float(best.sum())
        for i in range(t1 - t0):
            t = t0 + i
            for p in range(P):
                at = np.nonzero(cp.host_of == choice[i, p])[0]
                j = int(at[np.argmax(values[p][i, at])])
                if j not in have[t]:
                    new.append((t, j))
    return bound, new


def fit(
    cp: Compiled, columns: list[tuple[int, int]], threshold: int, deadline: float, spare: list | None = None, *,
    fairness: bool = True,
):  # fmt: skip
    """(plan or None, bound on the threshold's value without fairness, over all columns; inf if none proven).
    `spare` collects plans of integer programs the clock cut short (see solver.py). `fairness`: whether the
    integer programs carry the fairness row. Without it they are much faster (the row ties every talent to
    one variable), and it changes nothing when no plan can have a worst rank below the threshold: then
    every plan here has that worst rank, and the fairness term is the same for all of them."""
    have: list[set[int]] = [set() for _ in range(cp.T)]
    for t, j in columns:
        have[t].add(j)
    for t, _, j in cp.locks:
        have[t].add(j)
    bound = np.inf
    best: dict = {"plan": None, "value": -np.inf}

    def solve(cols):
        """The integer program on these columns (with the fairness row, if asked, so the plan also lifts its
        worst rank)."""
        util = [cp.utility(t, j) for t, j in cols]
        rank = [cp.talent_rank(t, j) for t, j in cols]
        col_t, col_j = [t for t, _ in cols], [j for _, j in cols]
        remaining = deadline - time.monotonic()
        if remaining < MIN_START:  # building the model alone would overrun the limit
            return Solved(Result("none", None, None, None), {})
        return solve_full(cp, col_t, col_j, util, rank, fairness=fairness, time_limit=remaining, spare=spare)

    def keep(assignments) -> None:
        if assignments:
            value = score(cp, assignments)["objective"]
            if value > best["value"]:
                best["plan"], best["value"] = assignments, value

    # A plan first, then the bound: the integer program on the columns the LP uses (a few per talent, the
    # LP nearly integral) is small and gives a plan close to the LP's value in a second or two; only then
    # does column generation go on for the bound, and the integer program on all columns gets what is left.
    tried: set[frozenset] = set()
    lp = None
    lp_seconds = MIN_START  # a round is started only with at least this much time left (the last warm round's)
    # One LP for every round: each adds its new columns and starts from the last basis (period_lp.py).
    model = PeriodLP(cp)
    cold_seconds = 0.0  # the first LP's time, from scratch: the integer program below takes at least that
    model.add([(t, j) for t in range(cp.T) for j in sorted(have[t])])
    while deadline - time.monotonic() >= lp_seconds:
        started = time.monotonic()
        lp = model.solve(deadline - started)
        seconds = max(MIN_START, time.monotonic() - started)
        # The next round is warm: its own time, not the first round's from scratch, says whether it fits
        # (a warm round given up for a solve from scratch is stopped by the clock like any other).
        lp_seconds = seconds if cold_seconds else MIN_START
        cold_seconds = cold_seconds or seconds
        if lp.result.status != "optimal":
            break
        if best["plan"] is None:
            _support_plan(cp, model.columns, lp.support, tried=tried, solve=solve, keep=keep)
        value, new = bound_and_columns(cp, lp.seat_duals, threshold, have, model.buddy_credit(lp.result.duals))
        bound = min(bound, value)
        if not new or bound - lp.result.objective <= 1e-9 * max(1.0, abs(bound)):
            break
        for t, j in new:
            have[t].add(j)
        model.add(new)
    if bound == -np.inf:
        return None, -np.inf

    def gap_left() -> bool:
        return bound - (best["value"] + cp.fairness_scale() * threshold) > 1e-6 * max(1.0, abs(bound))

    if lp is not None and lp.support is not None and gap_left() and deadline - time.monotonic() >= MIN_START:
        _support_plan(cp, model.columns, lp.support, tried=tried, solve=solve, keep=keep)  # if it changed
    # The integer program takes at least as long as its LP from scratch (its root is that LP, on all columns),
    # so it starts only if that much time is left. Started with less, it found no plan to set aside before the
    # clock stopped it, and HiGHS, which looks at its clock seldom at the root, ended it late: 17.9 s for the
    # 5 s left (ties at 5,000 talents without the fairness row, 41 s for a 30 s limit).
    room = deadline - time.monotonic() >= max(MIN_START, cold_seconds)
    if gap_left() and room:
        keep(solve([(t, j) for t in range(cp.T) for j in sorted(have[t])]).assignments)
    return best["plan"], bound


def _support_plan(cp: Compiled, cols, support, *, tried: set, solve, keep) -> None:
    """The integer program on the columns the LP solution uses (each support tried once)."""
    if support is None:
        return
    chosen = [cols[i] for i in support.tolist()]
    key = frozenset(chosen)
    if key in tried:
        return
    tried.add(key)
    keep(solve(chosen).assignments)
