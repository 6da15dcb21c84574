"""The period-indexed LP of periods.py kept alive across column generation rounds (HiGHS through highspy).

The same LP as `formulation.solve_full(..., relax=True)`: x[t, j, p] for every given column in every period
with seats (a locked period admits only its lock), one project per talent and period (with an "unplaced"
artificial at a large cost, so it is always feasible and always has duals), seats per project and period,
at most one placement per talent and host, and buddies' shared cells. Only it is built once and then grows:
`add` appends the new columns' variables and any host or buddy rows they need, and `solve` goes on from
the last basis (warm_lp.py: on 1,000 talents about 3 s per round from scratch, a few hundredths warm).
The first solve is the interior point method with crossover, several times faster than the simplex from
scratch on the LPs of short lists and short seats.
"""

import numpy as np

from .compiled import Compiled
from .formulation import Solved, unplaced_cost
from .lp import Result
from .pricing import partner_lists
from .warm_lp import FREE, WARM_PIVOTS_MIN, WARM_PIVOTS_PER_ROW, WarmLP, i32


class PeriodLP(WarmLP):
    def __init__(self, cp: Compiled, *, pivots: tuple[int, float] = (WARM_PIVOTS_MIN, WARM_PIVOTS_PER_ROW)):
        """`pivots`: a warm re-solve's pivot budget, (at least, per row); see `WarmLP.run`."""
        super().__init__(pivots=pivots)
        self.cp = cp
        P, T = cp.P, cp.T
        self.have: list[set[int]] = [set() for _ in range(T)]
        self.columns: list[tuple[int, int]] = []  # in the order they joined
        self.lock_j = np.full((T, P), -1, dtype=np.int64)
        for t, p, j in cp.locks:
            self.lock_j[t, p] = j
        self.partners = partner_lists(cp)
        # The variables: x[t, j, p] with the column they belong to; betas are kept apart (never in a plan).
        self.x_col = np.zeros(0, dtype=np.int64)  # per x variable, its index in self.columns
        self.x_at = np.zeros(0, dtype=np.int64)  # per x variable, its HiGHS column (betas come in between)
        self.buddy_talents = np.array(sorted(cp.buddy_talents), dtype=np.int64)
        self.x_index: dict[tuple[int, int, int], int] = {}  # (t, j, p) -> HiGHS column, buddies' only
        self.host_row: dict[int, int] = {}  # talent * H + host -> its row
        self.shared: dict[tuple[int, int, int, int], int] = {}  # (a, b, j, p) with a beta -> its row for a (b: +1)

        big = unplaced_cost(cp)
        # Rows 0 .. T*P-1: one project per talent and period; then J*P seat rows.
        self.empty_rows(np.ones(T * P), np.ones(T * P))
        self.r_seat = self.empty_rows(np.full(cp.J * P, FREE), cp.seats.reshape(-1).astype(float))
        # The artificials: column k is "talent k // P unplaced in period k % P".
        n = T * P
        self.h.addCols(n, np.full(n, -big), np.zeros(n), np.ones(n), n, i32(range(n)), i32(range(n)), np.ones(n))
        self.n_cols = n

    def add(self, columns) -> None:
        """Add (talent, project) columns not yet in the LP, in the given order (numpy: 75,000 at 5,000 talents)."""
        cp, P = self.cp, self.cp.P
        fresh = []
        for t, j in columns:
            if j not in self.have[t]:
                self.have[t].add(j)
                fresh.append((t, j))
        if not fresh:
            return
        first = len(self.columns)
        self.columns += fresh
        ft = np.fromiter((t for t, _ in fresh), dtype=np.int64, count=len(fresh))
        fj = np.fromiter((j for _, j in fresh), dtype=np.int64, count=len(fresh))
        # Cells column by column, period by period; a locked period admits only its lock, and a locked
        # project is taken in its own period, never again.
        lock_j = self.lock_j[ft]  # columns x P: the project locked in that period, -1 for none
        own_lock = lock_j == fj[:, None]
        open_ = (cp.seats[fj] > 0) & np.where(lock_j >= 0, own_lock, ~own_lock.any(axis=1)[:, None])
        c, vp = np.nonzero(open_)
        vt, vj = ft[c], fj[c]
        util = np.fromiter((cp.utility(t, j) for t, j in fresh), dtype=float, count=len(fresh))
        hosts = vt * cp.H + cp.host_of[vj]
        new_hosts = [int(key) for key in np.unique(hosts) if int(key) not in self.host_row]
        if new_hosts:
            first_row = self.empty_rows(np.full(len(new_hosts), FREE), np.ones(len(new_hosts)))
            for k, key in enumerate(new_hosts):
                self.host_row[key] = first_row + k
        n = len(c)
        at = self.n_cols + np.arange(n)
        host_rows = np.fromiter((self.host_row[int(key)] for key in hosts), dtype=np.int64, count=n)
        index = np.column_stack([vt * P + vp, self.r_seat + vj * P + vp, host_rows]).reshape(-1)
        lower = own_lock[c, vp].astype(float)
        self.h.addCols(n, util[c], lower, np.ones(n), 3 * n, i32(np.arange(0, 3 * n, 3)), i32(index), np.ones(3 * n))
        self.n_cols += n
        self.x_col = np.concatenate([self.x_col, first + c])
        self.x_at = np.concatenate([self.x_at, at])
        keep = np.isin(vt, self.buddy_talents)
        cells = list(zip(vt[keep].tolist(), vj[keep].tolist(), vp[keep].tolist(), at[keep].tolist(), strict=True))
        for t, j, p, i in cells:
            self.x_index[(t, j, p)] = i
        self._add_buddies(cells)

    def _add_buddies(self, cells) -> None:
        """beta <= x[a, j, p] and beta <= x[b, j, p], worth `buddy`, for every cell both buddies now have."""
        pairs = []
        for t, j, p, _ in cells:
            for b in self.partners.get(t, ()):
                key = (min(t, b), max(t, b), j, p)
                if (b, j, p) in self.x_index and key not in self.shared:
                    self.shared[key] = self.n_rows + 2 * len(pairs)
                    pairs.append((self.x_index[(key[0], j, p)], self.x_index[(key[1], j, p)]))
        if pairs:
            self.add_shared(pairs, self.cp.problem.weights.buddy)

    def buddy_credit(self, duals: np.ndarray) -> tuple[dict[tuple[int, int, int], float], float]:
        """The buddy rows' multipliers for the period fitting's Lagrangian bound (periods.py), from the LP's duals.

        Dualising beta <= x[a, j, p] (multiplier alpha) and beta <= x[b, j, p] (beta') credits alpha to a's
        cell and beta' to b's, and leaves max(0, buddy - alpha - beta') for beta itself: a valid bound for any
        multipliers >= 0. The LP's own duals where the beta is in the LP; where only a's cell is, 0 to a (as in
        the LP) and the whole bonus to b's missing cell, so the cell joins if the bonus can pay for it; where
        neither is, half the bonus each. So no cell is credited more than the pair can earn, and once no column
        prices out the bound is the LP's value over every column, not the LP's plus every bonus twice over.
        Returns ({(t, j, p): credit where it differs from half the bonus per partner}, the betas' own term).
        """
        half = self.cp.problem.weights.buddy / 2
        credit: dict[tuple[int, int, int], float] = {}

        def set_partner(t: int, j: int, p: int, value: float) -> None:
            # One partner's share of the cell's credit becomes `value` instead of half the bonus.
            base = half * len(self.partners[t])
            credit[(t, j, p)] = credit.get((t, j, p), base) - half + value

        slack = 0.0
        for t, j, p in self.x_index:
            for b in self.partners.get(t, ()):
                row = self.shared.get((min(t, b), max(t, b), j, p))
                if row is None:  # the partner's cell is missing: 0 here, the whole bonus there
                    set_partner(t, j, p, 0.0)
                    set_partner(b, j, p, 2 * half)
                else:
                    mine = max(0.0, float(duals[row + (0 if t < b else 1)]))
                    set_partner(t, j, p, mine)
                    if t < b:
                        theirs = max(0.0, float(duals[row + 1]))
                        slack += max(0.0, 2 * half - mine - theirs)
        return credit, slack

    def solve(self, time_limit: float) -> Solved:
        """The LP on the columns added so far, with `seat_duals` (J x P) and `support` (indices into `columns`)."""
        if not self.run(time_limit):
            return Solved(Result("none", None, None, None), {})
        return self._answer()

    def _answer(self) -> Solved:
        h = self.h
        solution = h.getSolution()
        x = np.asarray(solution.col_value)
        duals = np.asarray(solution.row_dual)
        objective = float(h.getInfo().objective_function_value)
        cp = self.cp
        # Seat rows are "<= seats" in a maximisation: their prices are never negative (clipping the noise).
        seat_duals = np.maximum(duals[self.r_seat : self.r_seat + cp.J * cp.P], 0.0).reshape(cp.J, cp.P)
        used = np.unique(self.x_col[x[self.x_at] > 1e-6])
        return Solved(Result("optimal", x, objective, objective, duals), {}, seat_duals, used)
