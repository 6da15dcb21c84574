"""An LP kept alive across column generation rounds (HiGHS through highspy): from scratch once, then warm.

Each round appends its new columns (and any rows they need) and solves again from the last basis. New
variables enter at zero and new rows with their slack basic, so the last solution stays primal feasible
and a round costs the pivots its new columns bring, not a solve from scratch. The warm solves use the
primal simplex (the dual simplex, dual infeasible after new columns, took thousands of pivots for one
column). When a round's columns move much (a thousand talents leaving "unplaced" at once, with buddies),
the warm simplex can need more pivots than a solve from scratch needs time, so it gets a budget of pivots
and is otherwise given up for a solve from scratch. Both are deterministic: the same columns in the same
order give the same vertex and the same duals, and a pivot budget, unlike a clock, ends at the same point.
"""

import time

import highspy
import numpy as np

FREE = -highspy.kHighsInf
# A warm re-solve gets this many simplex pivots per row (at least WARM_PIVOTS_MIN) before it is given up for
# a solve from scratch. At 1,000 talents (10,000-20,000 rows) the period fitting's warm rounds needed 2-700
# pivots, a pivot took about 0.4 ms, and the interior point 1-3 s; with buddies one round needed over 12,000.
WARM_PIVOTS_PER_ROW = 0.1
WARM_PIVOTS_MIN = 1000


class WarmLP:
    """The HiGHS model and its solves; subclasses add the columns and rows and read the answer."""

    # The solve from scratch: "ipm" (interior point, then crossover to a vertex, whose basis the later rounds
    # start from) or "simplex" (the dual simplex).
    cold_solver = "ipm"

    def __init__(self, *, pivots: tuple[int, float] = (WARM_PIVOTS_MIN, WARM_PIVOTS_PER_ROW)):
        """`pivots`: a warm re-solve's pivot budget, (at least, per row); see `run`."""
        self.pivots = pivots
        self.first = True
        self.n_rows = 0
        self.n_cols = 0
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.changeObjectiveSense(highspy.ObjSense.kMaximize)

    def run(self, time_limit: float) -> bool:
        """Solve the LP as it stands now; True when it is optimal."""
        h = self.h
        end = time.monotonic() + time_limit  # for both runs below, if the warm one is given up
        if not self.first:
            # Warm: the primal simplex from the last basis, for as many pivots as a cold solve is worth.
            h.setOptionValue("simplex_iteration_limit", max(self.pivots[0], int(self.pivots[1] * self.n_rows)))
            self._run(end)
            if h.getModelStatus() != highspy.HighsModelStatus.kIterationLimit:
                return h.getModelStatus() == highspy.HighsModelStatus.kOptimal
            h.clearSolver()
        h.setOptionValue("simplex_iteration_limit", highspy.kHighsIInf)
        h.setOptionValue("solver", self.cold_solver)
        if self.cold_solver == "simplex":
            h.setOptionValue("simplex_strategy", 1)  # the dual simplex: the last basis is not primal feasible
        h.setOptionValue("presolve", "choose")
        self._run(end)
        self.first = False
        h.setOptionValue("solver", "simplex")
        h.setOptionValue("presolve", "off")  # presolve would drop the basis
        h.setOptionValue("simplex_strategy", 4)  # primal: new columns leave the basis primal feasible
        return h.getModelStatus() == highspy.HighsModelStatus.kOptimal

    def _run(self, end: float) -> None:
        # HiGHS's time limit counts the run time of all runs of this object so far, not of this one.
        self.h.setOptionValue("time_limit", self.h.getRunTime() + max(0.05, end - time.monotonic()))
        self.h.run()

    def add_shared(self, pairs: list[tuple[int, int]], worth: float) -> int:
        """For each pair of HiGHS columns (two buddies' on one project, or one cell), a variable b worth `worth`
        with rows b - x_a <= 0 and b - x_b <= 0. Returns the first new row: pair k's rows are that + 2k (a's)
        and the next (b's)."""
        m = len(pairs)
        b0 = self.n_cols
        self.h.addCols(m, np.full(m, worth), np.zeros(m), np.ones(m), 0, i32([0] * m), i32([]), f64([]))
        self.n_cols += m
        index, value = [], []
        for k, (xa, xb) in enumerate(pairs):
            index += [b0 + k, xa, b0 + k, xb]
            value += [1.0, -1.0, 1.0, -1.0]
        rows = i32(range(0, 4 * m, 2))
        self.h.addRows(2 * m, np.full(2 * m, FREE), np.zeros(2 * m), 4 * m, rows, i32(index), f64(value))
        first, self.n_rows = self.n_rows, self.n_rows + 2 * m
        return first

    def empty_rows(self, lower, upper) -> int:
        """Append rows with no entries yet; returns the first one's index."""
        n = len(lower)
        self.h.addRows(n, lower, upper, 0, np.zeros(n, dtype=np.int32), i32([]), f64([]))
        first, self.n_rows = self.n_rows, self.n_rows + n
        return first


def i32(values) -> np.ndarray:
    return np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=np.int32)


def f64(values) -> np.ndarray:
    return np.asarray(values, dtype=float)
