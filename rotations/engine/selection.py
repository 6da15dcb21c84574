"""Stage 1: choose each talent's P projects at P distinct hosts, ignoring which period each falls in.

Without buddies this is a min-cost flow (talent -> talent x host [cap 1] -> project [cap: its seats summed
over the periods]), so the LP relaxation has integral vertices and its optimum is the stage's optimum.
Its value is an upper bound on the full model's (without the fairness term), because every full plan
projects onto a stage-1 selection of the same value.

Only the ranked projects enter at first; unranked ones (there are thousands per talent in a large cohort)
are added by column generation: an LP with the current columns gives duals, every missing (talent, project)
pair is priced with numpy, the profitable ones join and the LP is solved again (one model for every
round, going on from its last basis: selection_lp.py). When nothing prices out, the
LP bound holds for all columns. Artificial "unplaced" columns with a huge cost keep every LP feasible so
there are always duals; if one is still used at the end, the threshold is infeasible.
"""

import time
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import maximum_flow

from .compiled import Compiled
from .formulation import unplaced_cost
from .lp import INF, Builder
from .pricing import deficits, lagrangian, partner_lists
from .selection_lp import SelectionLP

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
    support: list[tuple[int, int]] = field(default_factory=list)  # columns the last LP used, and the chosen


def _build(cp: Compiled, col_t, col_j, util, *, lp: bool):
    """The stage's model on these columns, built from scratch: its integer program, or (`lp`) its LP, which the
    engine now keeps warm in selection_lp.py and which the tests hold that one to."""
    n = len(col_t)
    col_t, col_j = np.asarray(col_t, dtype=np.int64), np.asarray(col_j, dtype=np.int64)
    big = unplaced_cost(cp)  # the same in every LP, so LPs on different columns compare
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


def select(cp: Compiled, threshold: int, deadline: float) -> Selection:  # noqa: PLR0912, PLR0915 one loop, read whole
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
    # Ranks are per talent (unranked = one below the talent's own list), so a talent's unranked projects
    # qualify once the threshold reaches that rank; until it does for someone, all columns are in already.
    pricing = any(cp.unranked_open(t, threshold) for t in range(cp.T))
    partners = partner_lists(cp)
    lp = SelectionLP(cp)  # one LP for every round: each adds its new columns and goes on from the last basis
    rounds = 0
    bound = np.inf
    last = None  # (Lagrangian value, seat prices, buddy credit) of the last pricing, for the enumeration
    round_seconds = 0.0  # the last round's time: another is started only if it can end before the deadline
    history: list[float] = []  # the LP's value, round by round
    while True:
        rounds += 1
        round_started = time.monotonic()
        lp.add(col_t[len(lp.at) :], col_j[len(lp.at) :], util[len(lp.at) :])
        res = lp.solve(deadline - time.monotonic())
        if res.status != "optimal":
            return Selection("timeout" if res.status == "none" else "infeasible", rounds=rounds)
        if not pricing:
            bound, converged = res.objective, True
            break
        lagrange, new, y_cap, credit = _price(cp, res, col_t=col_t, col_j=col_j, have=have, threshold=threshold)
        last = (lagrange, y_cap, credit)
        bound = min(bound, lagrange)
        # Converged when no column has a positive reduced cost: the pricing adds the missing projects of
        # every talent whose best pick over all columns beats its best over the present ones, so "nothing
        # new" means no talent can gain from any column outside the LP, and the bound holds for all.
        converged = not new or bound - res.objective <= 1e-9 * max(1.0, abs(bound))
        round_seconds = time.monotonic() - round_started
        history.append(res.objective)
        if converged or deadline - time.monotonic() < round_seconds or _tailing(cp, history, res.unplaced):
            break
        for t, j, u in new:
            add(t, j, u)
            # A buddy's column earns its credit only beside the partner's column on the same project, so
            # both join: otherwise the credit priced in would vanish in the LP and generation would crawl.
            # Only where the partner may go under this threshold: a column above it would let the LP and
            # the integer program pick a placement the threshold forbids (a worse worst rank than R).
            for b in partners.get(t, ()):
                if cp.allowed(b, j) and cp.talent_rank(b, j) <= threshold:
                    add(b, j, None)
    if res.unplaced > 1e-6:
        return Selection("infeasible" if converged else "timeout", rounds=rounds)
    y = res.y
    value = res.objective
    used = {(col_t[i], col_j[i]) for i in np.nonzero(y > 1e-6)[0]}
    if np.any(np.abs(y - np.round(y)) > 1e-6):
        # Buddies (or locks) broke the flow structure: solve the integer program on the same columns.
        # First the integer program on the columns the LP uses (small, nearly integral: a selection in a
        # second or so), then on all of them with the time left; the better one is kept.
        early = _support_selection(cp, col_t, col_j, util, y, deadline)
        # The columns as the last pricing saw them: a buddy's credit depends on which columns the LP had, so the
        # deficits that `_enumerate` compares with that pricing's bound must be taken over the same ones, not
        # over what `_enumerate_from` adds below.
        priced = [set(js) for js in have]
        if early is not None and early[2] and last is not None:
            # Price-and-branch from the support's plan first: the integer program on only the columns
            # whose reduced cost is within the gap is exact and far smaller than the one on every column.
            proven = _enumerate_from(cp, last, early, col_t, col_j, util, add, deadline, threshold=threshold)
            if proven is not None:
                y, value, proven_value = proven
                return _selection(cp, col_t, col_j, y, value, min(bound, proven_value), rounds, used)
        if early is not None and early[2] and value - early[1] <= SKIP_GAIN * max(1.0, abs(value)):
            # The LP on the generated columns caps what their integer program could add to the support's
            # plan; when that is this little, its time goes to the periods and the lower thresholds.
            return _selection(cp, col_t, col_j, early[0], early[1], bound, rounds, used)
        m, meta = _build(cp, col_t, col_j, np.asarray(util), lp=False)
        # With a selection in hand, half the time left: the periods still have to be fitted after this.
        res = m.solve_milp((deadline - time.monotonic()) / (1 if early is None else 2))
        if early is not None and (res.x is None or res.objective < early[1]):
            res = None
            y, value = early[0], early[1]
        elif res.x is None:
            # Integer infeasibility on the generated columns alone proves nothing about the others.
            status = "infeasible" if res.status == "infeasible" and not pricing else "timeout"
            return Selection(status, bound=bound, rounds=rounds)
        else:
            y, value = res.x[: meta["n"]], res.objective
        if res is not None and res.status == "optimal":
            if last is not None and last[0] - value > 1e-9 * max(1.0, abs(value)):
                y, value, bound = _enumerate(
                    cp, last, value, col_t, col_j, util, priced, add, deadline, y, bound, threshold=threshold
                )
            else:
                bound = min(bound, value)  # every column that could do better is already in
    return _selection(cp, col_t, col_j, y, value, bound, rounds, used)


def _selection(cp: Compiled, col_t, col_j, y, value, bound, rounds, used) -> Selection:  # noqa: PLR0917
    chosen: dict[int, list[int]] = {}
    for i in np.nonzero(y > 0.5)[0]:
        chosen.setdefault(col_t[i], []).append(col_j[i])
    columns = list(zip(col_t, col_j, strict=True))
    support = sorted(used | {(t, j) for t, js in chosen.items() for j in js})
    return Selection("ok", chosen, value, bound, columns, rounds, support)


# Relative: the most the integer program on every generated column could add to the support's plan for it to
# be skipped. At 1e-3 the audit's buddies cohort at 1,000 talents sat just above it (the LP 0.102 % over the
# support's plan) and spent 7 of its 20 s on that integer program, whose selection the periods then refused.
SKIP_GAIN = 2e-3

TAIL_ROUNDS, TAIL_GAIN = 4, 1e-4  # with buddies: stop when the LP gained less than this over these rounds


def _tailing(cp: Compiled, history: list[float], unplaced: float) -> bool:
    """With buddies the bound credits missing columns with the bonus they could still earn, so generation can go
    on for many rounds that move the LP by almost nothing; then it stops (the bound stays the Lagrangian one,
    valid but not closed). Decided by the rounds' values alone, not the clock, so it is the same on every run."""
    if not cp.buddy_pairs or len(history) <= TAIL_ROUNDS or unplaced > 1e-6:
        return False
    return history[-1] - history[-1 - TAIL_ROUNDS] <= TAIL_GAIN * max(1.0, abs(history[-1]))


def _support_selection(cp: Compiled, col_t, col_j, util, y, deadline: float):  # noqa: PLR0917 select's state
    """The integer program on the columns the LP solution uses: (y over all columns, value) or None."""
    keep = np.nonzero(y > 1e-6)[0]
    if len(keep) == len(y):
        return None
    u = np.asarray(util)[keep]
    m, meta = _build(cp, [col_t[i] for i in keep], [col_j[i] for i in keep], u, lp=False)
    res = m.solve_milp(deadline - time.monotonic())
    if res.x is None:
        return None
    full = np.zeros(len(y))
    full[keep] = res.x[: meta["n"]]
    return full, res.objective, res.status == "optimal"


ENUMERATE_LIMIT = 200_000  # columns; beyond this the gap is reported rather than closed


def _enumerate(  # noqa: PLR0917 the state of `select` it continues
    cp: Compiled, last, value, col_t, col_j, util, have, add, deadline, y, bound, *, threshold=None
):
    """Price-and-branch: add every column whose reduced cost is within the gap, re-solve the integer program.

    Only those columns can be in a plan better than the incumbent (see `pricing.deficits`), so the
    re-solved optimum is the stage's optimum over all columns, and the bound drops to it.
    """
    lagrange, y_cap, credit = last
    room = lagrange - value + 1e-9 * max(1.0, abs(value))
    added = []
    block = max(1, 2_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        t1 = min(cp.T, t0 + block)
        d = deficits(cp, y_cap, credit, have, t0, t1, threshold=threshold)
        for i, j in zip(*np.nonzero(d <= room), strict=True):
            if int(j) not in have[t0 + int(i)]:
                added.append((t0 + int(i), int(j)))
        if len(added) > ENUMERATE_LIMIT or time.monotonic() > deadline:
            return y, value, bound
    for t, j in added:
        add(t, j, None)
    m, meta = _build(cp, col_t, col_j, np.asarray(util), lp=False)
    res = m.solve_milp(deadline - time.monotonic())
    if res.x is None or res.objective < value - 1e-9 * max(1.0, abs(value)):
        return y, value, bound  # the old incumbent's columns are all still there; keep it
    y_new = res.x[: meta["n"]]
    new_bound = min(bound, res.objective) if res.status == "optimal" else min(bound, max(res.bound, res.objective))
    return y_new, res.objective, new_bound


def _enumerate_from(  # noqa: PLR0917 the state of `select` it continues
    cp: Compiled, last, early, col_t, col_j, util, add, deadline, *, threshold
):
    """Price-and-branch on the support's plan: (y over all columns, value, proven bound) or None.

    Any selection better than the incumbent uses only columns whose deficit at the last pricing's prices
    is within L - incumbent (see `pricing.deficits`; valid at any prices, converged or not), so the
    integer program on those columns alone is the stage's optimum over all columns once solved to
    optimality. Columns outside the LP that qualify join it too. None when there are too many or the
    integer program does not finish: then the caller goes on as before.
    """
    lagrange, y_cap, credit = last
    y0, value0 = early[0], early[1]
    room = lagrange - value0 + 1e-9 * max(1.0, abs(value0))
    if room <= 2e-9 * max(1.0, abs(value0)):
        return y0, value0, value0  # the bound already meets the incumbent
    have = [set() for _ in range(cp.T)]
    for t, j in zip(col_t, col_j, strict=True):
        have[t].add(j)
    wanted: list[tuple[int, int]] = []
    block = max(1, 2_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        t1 = min(cp.T, t0 + block)
        d = deficits(cp, y_cap, credit, have, t0, t1, threshold=threshold)
        wanted.extend((t0 + int(i), int(j)) for i, j in zip(*np.nonzero(d <= room), strict=True))
        if len(wanted) > min(ENUMERATE_LIMIT, len(col_t)) or time.monotonic() > deadline:
            return None  # no smaller than the integer program on the generated columns: that one instead
    for t, j in wanted:
        add(t, j, None)
    index = {(t, j): i for i, (t, j) in enumerate(zip(col_t, col_j, strict=True))}
    keep = sorted({index[tj] for tj in wanted} | set(np.nonzero(y0 > 0.5)[0].tolist()))
    m, meta = _build(cp, [col_t[i] for i in keep], [col_j[i] for i in keep], np.asarray(util)[keep], lp=False)
    res = m.solve_milp((deadline - time.monotonic()) / 2)
    if res.x is None or res.status != "optimal" or res.objective < value0 - 1e-9 * max(1.0, abs(value0)):
        return None
    full = np.zeros(len(col_t))
    full[keep] = res.x[: meta["n"]]
    return full, res.objective, res.objective


def _ranked_columns(cp: Compiled, threshold: int) -> list[tuple[int, int]]:
    return [
        (t, j)
        for t in range(cp.T)
        for j, r in sorted(cp.rank[t].items(), key=lambda item: item[1])
        if r <= threshold and cp.allowed(t, j)
    ]


def _price(cp: Compiled, res, *, col_t, col_j, have, threshold):
    """The Lagrangian bound at the LP's seat prices, with buddy rows' duals as credit, and new columns."""
    credit, slack = {}, 0.0
    for (ia, ib), (alpha, beta) in res.buddies:
        credit[(col_t[ia], col_j[ia])] = credit.get((col_t[ia], col_j[ia]), 0.0) + alpha
        credit[(col_t[ib], col_j[ib])] = credit.get((col_t[ib], col_j[ib]), 0.0) + beta
        slack += max(0.0, cp.problem.weights.buddy - alpha - beta)  # b's own term in the Lagrangian
    lagrange, new = lagrangian(cp, res.y_cap, credit, have, threshold=threshold)
    return lagrange + slack, new, res.y_cap, credit


def aggregate_feasible(cp: Compiled, threshold: int) -> bool:
    """Can every talent get P distinct hosts among projects ranked <= threshold (seats summed)? A max flow.

    A relaxation of the real question, so a "no" proves the threshold infeasible and a "yes" proves nothing.
    Talents whose unranked projects qualify are left out (they would bring every project in): still a relaxation.
    """
    talents = [t for t in range(cp.T) if not cp.unranked_open(t, threshold)]
    kept = set(talents)
    pairs = sorted(
        {(t, cp.host_of[j], j) for t in talents for j, r in cp.rank[t].items() if r <= threshold}
        | {(t, cp.host_of[j], j) for t, _, j in cp.locks if t in kept}
    )
    pairs = [(t, h, j) for t, h, j in pairs if cp.allowed(t, j)]
    th = {(t, h): i for i, (t, h) in enumerate(dict.fromkeys((t, h) for t, h, _ in pairs))}
    source, first_t = 0, 1
    first_th = first_t + cp.T
    first_j = first_th + len(th)
    sink = first_j + cp.J
    rows, cols, caps = [], [], []
    for t in talents:
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
    return maximum_flow(graph, source, sink).flow_value >= len(talents) * cp.P
