"""Stage 1's LP (selection.py) kept alive across its column generation rounds (HiGHS through highspy).

The same LP as `selection._build(..., lp=True)`: y[t, j] for every column; P placements per talent, with an
"unplaced" artificial of up to P at a large cost, so it is always feasible and always has duals; seats
summed over the periods per project; at most one project per talent and host; locked columns fixed at 1;
and for buddies b <= y[a, j] and b <= y[b, j], worth the bonus, for every project both have a column on.
Built once, it grows: `add` appends columns in the order stage 1 keeps them, with any host or buddy rows
they need, and `solve` goes on from the last basis (warm_lp.py). It differs from the LP built from scratch
only in giving every (talent, host) its row from the first column on, which y <= 1 makes redundant until
a second column joins; the optimum is the same.

The first solve is the dual simplex: stage 1's first LP (the ranked columns) is a flow problem that the
simplex solves faster than the interior point with its crossover.
"""

from dataclasses import dataclass

import highspy
import numpy as np

from .compiled import Compiled
from .formulation import unplaced_cost
from .pricing import partner_lists
from .warm_lp import FREE, WarmLP, f64, i32


@dataclass
class Answer:
    status: str  # "optimal" | "infeasible" (clashing locks) | "none" (the time ran out)
    objective: float | None = None
    y: np.ndarray | None = None  # per column, in the order they were added
    unplaced: float = 0.0  # placements the artificials still stand in for
    y_cap: np.ndarray | None = None  # J: the price of a project's seats (>= 0)
    buddies: list | None = None  # per shared project: ((column of a, column of b), (dual of a's row, of b's))


class SelectionLP(WarmLP):
    cold_solver = "simplex"

    def __init__(self, cp: Compiled):
        super().__init__()
        self.cp = cp
        T = cp.T
        self.r_talent = self.empty_rows(np.full(T, float(cp.P)), np.full(T, float(cp.P)))
        self.r_cap = self.empty_rows(np.full(cp.J, FREE), cp.seats.sum(axis=1).astype(float))
        rows = i32(self.r_talent + np.arange(T))
        self.h.addCols(
            T, np.full(T, -unplaced_cost(cp)), np.zeros(T), np.full(T, float(cp.P)), T, i32(range(T)), rows, np.ones(T)
        )
        self.n_cols = T
        self.at: list[int] = []  # per column, its HiGHS column
        self.index: dict[tuple[int, int], int] = {}  # (talent, project) -> its position among the columns
        self.host_row: dict[int, int] = {}  # talent * H + host -> its row
        self.locked = {(t, j) for t, _, j in cp.locks}
        self.partners = partner_lists(cp)
        self.b_pairs: list[tuple[int, int]] = []  # per beta: the positions of a's and b's columns
        self.b_rows: list[int] = []  # per beta: its row for a (b's is the next)

    def add(self, col_t, col_j, util) -> None:
        """Append these columns (none already in), in this order."""
        cp = self.cp
        fresh = []
        for t, j, u in zip(col_t, col_j, util, strict=True):
            self.index[(t, j)] = len(self.at) + len(fresh)
            fresh.append((t, j, float(u)))
        if not fresh:
            return
        keys = [t * cp.H + int(cp.host_of[j]) for t, j, _ in fresh]
        new_hosts = list(dict.fromkeys(key for key in keys if key not in self.host_row))
        if new_hosts:
            first = self.empty_rows(np.full(len(new_hosts), FREE), np.ones(len(new_hosts)))
            self.host_row.update({key: first + k for k, key in enumerate(new_hosts)})
        n = len(fresh)
        index = np.column_stack(
            [
                [self.r_talent + t for t, _, _ in fresh],
                [self.r_cap + j for _, j, _ in fresh],
                [self.host_row[key] for key in keys],
            ]
        ).reshape(-1)
        lower = f64([1.0 if (t, j) in self.locked else 0.0 for t, j, _ in fresh])
        cost = f64([u for _, _, u in fresh])
        self.h.addCols(n, cost, lower, np.ones(n), 3 * n, i32(np.arange(0, 3 * n, 3)), i32(index), np.ones(3 * n))
        self.at += list(range(self.n_cols, self.n_cols + n))
        self.n_cols += n
        self._add_buddies(fresh)

    def _add_buddies(self, fresh) -> None:
        pairs = []
        for t, j, _ in fresh:
            for b in self.partners.get(t, ()):
                if (b, j) in self.index:  # both in: a new shared project (twice if both just joined)
                    a, c = min(t, b), max(t, b)
                    pairs.append((self.index[(a, j)], self.index[(c, j)]))
        pairs = list(dict.fromkeys(pairs))
        if not pairs:
            return
        first = self.add_shared([(self.at[ia], self.at[ib]) for ia, ib in pairs], self.cp.problem.weights.buddy)
        self.b_pairs += pairs
        self.b_rows += [first + 2 * k for k in range(len(pairs))]

    def solve(self, time_limit: float) -> Answer:
        if not self.run(time_limit):
            # With every variable bounded the LP cannot be unbounded: either status means clashing locks.
            status = self.h.getModelStatus()
            infeasible = status in {
                highspy.HighsModelStatus.kInfeasible,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            }
            return Answer("infeasible" if infeasible else "none")
        solution = self.h.getSolution()
        x = np.asarray(solution.col_value)
        # The seat rows and the buddies' "b - y <= 0" are "<=" rows in a maximisation: their multipliers are
        # never negative (clipping the noise). The talent rows' duals, of either sign, are not read.
        duals = np.maximum(np.asarray(solution.row_dual), 0.0)
        buddies = [(pair, (duals[row], duals[row + 1])) for pair, row in zip(self.b_pairs, self.b_rows, strict=True)]
        return Answer(
            "optimal",
            float(self.h.getInfo().objective_function_value),
            x[self.at],
            float(x[: self.cp.T].sum()),
            duals[self.r_cap : self.r_cap + self.cp.J],
            buddies,
        )
