"""The engine: `solve(problem)` returns the best plan it can prove, never raises on bad data.

Method (see DESIGN notes in __init__):
1. Obvious infeasibility (seats short in a period, a talent with too few reachable hosts, clashing locks)
   is reported before any solver runs.
2. Fairness is handled by thresholds on the worst rank R: with R fixed, the objective is separable and the
   selection stage is a flow. The plan at R = "anything" comes first; then only thresholds that could still
   beat it (bound minus the fairness penalty) are tried, from the lowest one a max-flow allows.
3. For a threshold, stage 1 (selection.py) picks every talent's P projects at distinct hosts with a proven
   bound; stage 2 (formulation.py on the chosen columns) puts them into periods under the per-period seats,
   aligning buddies. If the periods cannot be fitted, the full period-indexed model on the generated
   columns decides instead, so per-period seats never make the decomposition wrong, only slower.
4. The gap compares the best plan with the largest bound over all thresholds; 0 means proven optimal.
"""

import time

import numpy as np

from .checks import diagnose, explain_unsolvable
from .compiled import Compiled
from .formulation import solve_full
from .metrics import score
from .model import FEASIBLE, INFEASIBLE, OPTIMAL, Plan, Problem
from .selection import aggregate_feasible, select

GAP_TOL = 1e-6  # relative; below this the LP tolerances, not the plan, make the difference
FULL_MODEL_LIMIT = 150_000  # variables; small cohorts get the exact full model when buddies leave a gap


def solve(problem: Problem, *, method: str = "auto") -> Plan:
    """method: "auto" (decomposition, exact full model as a polish for small cohorts) or "full"."""
    started = time.monotonic()
    deadline = started + max(0.1, problem.time_limit)
    cp = Compiled(problem)
    reasons = diagnose(cp)
    if reasons:
        return Plan(INFEASIBLE, {}, None, None, reasons, time.monotonic() - started, method=method)
    if method == "full":
        plan, upper = _full(cp, deadline)
        return _finish(cp, plan, upper, started=started, method="full", stats={})
    plan, upper, stats = _decomposed(cp, deadline)
    polish = cp.T * cp.J * cp.P <= FULL_MODEL_LIMIT and time.monotonic() < deadline
    if polish and (plan is None or upper - score(cp, plan)["objective"] > GAP_TOL * max(1.0, abs(upper))):
        full_plan, full_upper = _full(cp, deadline)
        if full_plan is not None and (plan is None or score(cp, full_plan)["objective"] > score(cp, plan)["objective"]):
            plan = full_plan
        upper = min(upper, full_upper)
        stats["polished"] = True
    return _finish(cp, plan, upper, started=started, method="decomposed", stats=stats)


def _full(cp: Compiled, deadline: float):
    cols = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)]
    solved = _solve_columns(cp, cols, fairness=True, deadline=deadline)
    bound = solved.result.bound
    if solved.result.status == "infeasible":
        bound = -np.inf
    return (solved.assignments or None), (np.inf if bound is None else bound)


def _solve_columns(cp: Compiled, cols, *, fairness: bool, deadline: float, periods_only: bool = False):
    col_t = [t for t, _ in cols]
    col_j = [j for _, j in cols]
    # When only the periods are open every column is used once whatever happens, so its worth is a
    # constant; leaving it out lets HiGHS stop at the first feasible point when there are no buddies.
    util = [0.0 if periods_only else cp.utility(t, j) for t, j in cols]
    rank = [cp.talent_rank(t, j) for t, j in cols]
    return solve_full(cp, col_t, col_j, util, rank, fairness=fairness, time_limit=deadline - time.monotonic())


def _threshold(cp: Compiled, R: int, deadline: float, stats: dict):
    """Best plan with every talent rank <= R, and an upper bound on its value without the fairness term."""
    sel = select(cp, R, deadline)
    stats.setdefault("thresholds", []).append(R)
    stats["rounds"] = stats.get("rounds", 0) + sel.rounds
    stats["columns"] = max(stats.get("columns", 0), len(sel.columns))
    if sel.status == "infeasible":
        return None, -np.inf
    if sel.status != "ok":
        return None, np.inf if sel.bound is None else sel.bound
    chosen = [(t, j) for t in sorted(sel.chosen) for j in sorted(sel.chosen[t])]
    stage2 = _solve_columns(cp, chosen, fairness=False, deadline=deadline, periods_only=True)
    if stage2.assignments:
        return stage2.assignments, sel.bound
    stats["fallbacks"] = stats.get("fallbacks", 0) + 1
    columns = [(t, j) for t, j in sel.columns if cp.talent_rank(t, j) <= R]
    full = _solve_columns(cp, columns, fairness=True, deadline=deadline)
    return (full.assignments or None), sel.bound


def _decomposed(cp: Compiled, deadline: float):
    stats: dict = {}
    c = cp.fairness_scale()
    plan, top = _threshold(cp, cp.M, deadline, stats)
    if top == -np.inf:
        return None, -np.inf, stats
    best = score(cp, plan)["objective"] if plan else -np.inf
    worst = score(cp, plan)["worst_rank"] if plan else cp.M
    upper = top - c * worst if plan else top
    floor = max([cp.talent_rank(t, j) for t, _, j in cp.locks] + [1])
    # Lowest threshold a max flow does not rule out (a necessary condition, checked by bisection).
    lo, hi = floor, worst
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if aggregate_feasible(cp, mid) else (mid + 1, hi)
    for R in range(lo, worst):
        if top - c * R <= best + GAP_TOL * max(1.0, abs(best)):
            break  # even the unconstrained bound cannot pay for this worst rank; higher R pays more
        if time.monotonic() > deadline:
            upper = max(upper, top - c * R)
            break
        candidate, bound = _threshold(cp, R, deadline, stats)
        upper = max(upper, bound - c * R)
        if candidate is not None and score(cp, candidate)["objective"] > best:
            plan, best = candidate, score(cp, candidate)["objective"]
    return plan, max(upper, best), stats


def _finish(cp: Compiled, plan, upper, *, started, method, stats) -> Plan:
    seconds = time.monotonic() - started
    if plan is None:
        reasons = (
            explain_unsolvable(cp)
            if upper == -np.inf
            else [f"No plan was found within the time limit of {cp.problem.time_limit:g} s; allow more time."]
        )
        return Plan(INFEASIBLE, {}, None, None, reasons, seconds, method=method, stats=stats)
    parts = score(cp, plan)
    value = parts["objective"]
    gap = None if not np.isfinite(upper) else max(0.0, (upper - value) / max(1.0, abs(value)))
    status = OPTIMAL if gap is not None and gap <= GAP_TOL else FEASIBLE
    if status == OPTIMAL:
        gap = 0.0
    assignments = {(cp.talent_ids[t], p): cp.project_ids[j] for (t, p), j in sorted(plan.items())}
    lines = [
        "Proven optimal." if status == OPTIMAL else f"Best plan found; optimality gap {100 * (gap or 0):.3f} %.",
        f"Worst talent rank in the plan: {parts['worst_rank']} (unranked counts as {cp.M}).",
    ]
    if cp.buddy_pairs:
        lines.append(
            f"Buddies share a project in {parts['buddy_periods_together']} period(s) "
            f"across {len(cp.buddy_pairs)} buddy pair(s)."
        )
    return Plan(status, assignments, value, gap, lines, seconds, bound=float(upper), method=method, stats=stats)
