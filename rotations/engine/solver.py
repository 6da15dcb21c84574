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
   Every bound is valid for all columns (a Lagrangian bound from the pricing, see pricing.py), and finite
   whenever a plan exists, so the gap is finite too.
5. Statuses: "infeasible" only when proven (a check before solving, a converged stage 1 or the exact model)
   and always with a certificate naming the talents and what they collide on (checks.certificate);
   "no_plan_in_time" when the time ran out or a fallback failed before any plan.

Time: a twentieth of the limit is kept back (RESERVE) for what runs after the deadline, every HiGHS call
gets the time left, a generation round or a model is started only when the last one of its kind would
still end in time, and the polish and the certificate share the same limit. The clock only decides
whether to go on, never what a step computes: an integer program the clock stops is set aside, not built
on (lp.solve_milp), so the plan and the bound come from finished steps only and the same input and limit
give the same plan, unless a step ends within a hair of the deadline. HiGHS has no deterministic work
limit, so a step cannot be stopped at the same point on every run. Only when no finished step gave a
plan is a set-aside plan returned (the best one, "feasible", with its gap), and its explanation says that
another run may differ: a plan is worth more to the manager than "no plan in time".
"""

import time

import numpy as np

from . import periods
from .checks import certificate, diagnose
from .compiled import Compiled
from .formulation import solve_full
from .metrics import score
from .model import FEASIBLE, INFEASIBLE, NO_PLAN_IN_TIME, OPTIMAL, Plan, Problem
from .pricing import lagrangian
from .selection import aggregate_feasible, select

GAP_TOL = 1e-6  # relative; below this the LP tolerances, not the plan, make the difference
RESERVE = 0.05  # of the time limit, for what runs after the deadline (see `solve`)
FULL_MODEL_LIMIT = 150_000  # variables; small cohorts get the exact full model when buddies leave a gap


def solve(problem: Problem, *, method: str = "auto") -> Plan:
    """method: "auto" (decomposition, exact full model as a polish for small cohorts) or "full"."""
    started = time.monotonic()
    # The steps stop at the deadline, but the one running then finishes building, and the plan is scored and
    # explained after it: a twentieth of the limit is kept back for that, so the limit holds within 10 %.
    deadline = started + max(0.1, problem.time_limit) * (1 - RESERVE)
    cp = Compiled(problem)
    reasons = diagnose(cp)
    if reasons:  # each names the talent, period, project, host or lock it is about
        stats = {"certificate": {"rule": "checks"}}
        return Plan(INFEASIBLE, {}, None, None, reasons, time.monotonic() - started, method=method, stats=stats)
    spare: list = []  # plans of integer programs the clock cut short: only if nothing finished gives one
    if method == "full":
        plan, upper = _full(cp, deadline, spare)
        return _finish(cp, plan, upper, spare, started=started, deadline=deadline, method="full", stats={})
    plan, upper, stats = _decomposed(cp, deadline, spare)
    small = cp.T * cp.J * cp.P <= FULL_MODEL_LIMIT
    unproven = plan is None or upper - score(cp, plan)["objective"] > GAP_TOL * max(1.0, abs(upper))
    if small and unproven and upper > -np.inf and deadline - time.monotonic() >= periods.MIN_START:
        full_plan, full_upper = _full(cp, deadline, spare)
        if full_plan is not None and (plan is None or score(cp, full_plan)["objective"] > score(cp, plan)["objective"]):
            plan = full_plan
        upper = min(upper, full_upper)
        stats["polished"] = True
    return _finish(cp, plan, upper, spare, started=started, deadline=deadline, method="decomposed", stats=stats)


def _full(cp: Compiled, deadline: float, spare: list):
    """The exact model over every allowed column: (plan or None, bound; -inf when proven infeasible)."""
    cols = [(t, j) for t in range(cp.T) for j in range(cp.J) if cp.allowed(t, j)]
    solved = _solve_columns(cp, cols, fairness=True, deadline=deadline, spare=spare)
    bound = solved.result.bound
    if solved.result.status == "infeasible":
        bound = -np.inf
    return (solved.assignments or None), (np.inf if bound is None else bound)


def _solve_columns(cp: Compiled, cols, *, fairness: bool, deadline: float, periods_only: bool = False, spare=None):
    col_t = [t for t, _ in cols]
    col_j = [j for _, j in cols]
    # When only the periods are open every column is used once whatever happens, so its worth is a
    # constant; leaving it out lets HiGHS stop at the first feasible point when there are no buddies.
    util = [0.0 if periods_only else cp.utility(t, j) for t, j in cols]
    rank = [cp.talent_rank(t, j) for t, j in cols]
    limit = deadline - time.monotonic()
    return solve_full(cp, col_t, col_j, util, rank, fairness=fairness, time_limit=limit, spare=spare)


def _threshold(cp: Compiled, R: int, deadline: float, stats: dict, spare: list, *, lowest: int):
    """Best plan with every talent rank <= R, and an upper bound on its value without the fairness term.
    `lowest`: no plan has a worst rank below it (a max flow says so)."""
    sel = select(cp, R, deadline)
    stats.setdefault("thresholds", []).append(R)
    stats["rounds"] = stats.get("rounds", 0) + sel.rounds
    stats["columns"] = max(stats.get("columns", 0), len(sel.columns))
    if sel.status == "infeasible":
        return None, -np.inf
    if sel.status != "ok":
        return None, np.inf if sel.bound is None else sel.bound
    chosen = [(t, j) for t in sorted(sel.chosen) for j in sorted(sel.chosen[t])]
    stage2 = _solve_columns(cp, chosen, fairness=False, deadline=deadline, periods_only=True, spare=spare)
    if stage2.assignments:
        return stage2.assignments, sel.bound
    stats["fallbacks"] = stats.get("fallbacks", 0) + 1
    # With buddies it starts from the columns stage 1's LP used (its own pricing brings in any other it
    # needs): their period LP carries a variable per shared cell and is slow on every generated column.
    start = sel.support if cp.buddy_pairs else sel.columns
    columns = [(t, j) for t, j in start if cp.talent_rank(t, j) <= R]
    # The periods decide: column generation on the period-indexed model, with its own (tighter) bound.
    plan, bound = periods.fit(cp, columns, R, deadline, spare, fairness=lowest < R)
    return plan, min(sel.bound, bound)


def _decomposed(cp: Compiled, deadline: float, spare: list):
    stats: dict = {}
    c = cp.fairness_scale()
    floor = max([cp.talent_rank(t, j) for t, _, j in cp.locks] + [1])
    # Lowest threshold a max flow does not rule out (a necessary condition, checked by bisection). First, as
    # it takes a few max flows (0.2 s at 5,000 talents): the bound is top - c * lo whenever a threshold above
    # lo is left untried, so a clock that ran out in the first threshold must not also leave lo at the floor.
    lo, hi = floor, cp.M
    while lo < hi and time.monotonic() < deadline:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if aggregate_feasible(cp, mid) else (mid + 1, hi)
    plan, top = _threshold(cp, cp.M, deadline, stats, spare, lowest=lo)
    if top == -np.inf:
        return None, -np.inf, stats
    best = score(cp, plan)["objective"] if plan else -np.inf
    worst = score(cp, plan)["worst_rank"] if plan else cp.M
    upper = top - c * (worst if plan else lo)
    for R in range(lo, worst):
        if top - c * R <= best + GAP_TOL * max(1.0, abs(best)):
            break  # even the unconstrained bound cannot pay for this worst rank; higher R pays more
        if time.monotonic() > deadline:
            upper = max(upper, top - c * R)
            break
        candidate, bound = _threshold(cp, R, deadline, stats, spare, lowest=lo)
        upper = max(upper, bound - c * R)
        if candidate is not None and score(cp, candidate)["objective"] > best:
            plan, best = candidate, score(cp, candidate)["objective"]
    return plan, max(upper, best), stats


def _trivial_bound(cp: Compiled) -> float:
    """A bound needing no solver: every talent's best P hosts, every buddy bonus, the best worst rank."""
    value, _ = lagrangian(cp, np.zeros(cp.J), {}, [set() for _ in range(cp.T)])
    floor = max([cp.talent_rank(t, j) for t, _, j in cp.locks] + [1])
    return value - cp.fairness_scale() * floor  # with no column in an LP, each buddy is credited half the bonus


def _exact_for(cp: Compiled, deadline: float):
    """For the deletion filter: does a plan exist for these talents alone? (None: no answer in time)."""
    problem = cp.problem

    def exact(talents: list[int]):
        ids = {cp.talent_ids[t] for t in talents}
        sub = Compiled(
            Problem(
                talents=tuple(x for x in problem.talents if x.id in ids),
                projects=problem.projects,
                periods=problem.periods,
                locks=frozenset(lock for lock in problem.locks if lock[0] in ids),
                forbidden=frozenset(pair for pair in problem.forbidden if pair[0] in ids),
                weights=problem.weights,
            )
        )
        if diagnose(sub):
            return False
        cols = [(t, j) for t in range(sub.T) for j in range(sub.J) if sub.allowed(t, j)]
        solved = _solve_columns(sub, cols, fairness=False, deadline=deadline, periods_only=True)
        if solved.result.status == "infeasible":
            return False
        return True if solved.assignments else None

    return exact


def _finish(cp: Compiled, plan, upper, spare, *, started, deadline, method, stats) -> Plan:
    cut_short = plan is None and upper > -np.inf and bool(spare)
    if cut_short:
        # Nothing finished in time, but an integer program the clock stopped had a plan: better than none,
        # though where the clock stopped it depends on the machine's load, so the explanation says so.
        plan = max(spare, key=lambda found: score(cp, found)["objective"])
        stats["cut_short"] = True
    if plan is None:
        if upper == -np.inf:
            small = cp.T * cp.J * cp.P <= FULL_MODEL_LIMIT
            reasons, stats["certificate"] = certificate(
                cp, exact=_exact_for(cp, deadline) if small else None, deadline=deadline
            )
            return Plan(INFEASIBLE, {}, None, None, reasons, time.monotonic() - started, method=method, stats=stats)
        seconds = time.monotonic() - started
        reasons = [
            f"No plan was found within the time limit of {cp.problem.time_limit:g} s (stopped after {seconds:.1f} s). "
            "This does not mean that none exists: allow more time and run again."
        ]
        return Plan(NO_PLAN_IN_TIME, {}, None, None, reasons, seconds, method=method, stats=stats)
    parts = score(cp, plan)
    value = parts["objective"]
    if not np.isfinite(upper):
        upper = _trivial_bound(cp)
    upper = max(upper, value)  # the plan itself is a lower bound; numerical noise must not make gaps negative
    gap = (upper - value) / max(1.0, abs(value))
    status = OPTIMAL if gap <= GAP_TOL else FEASIBLE
    if status == OPTIMAL:
        gap = 0.0
    assignments = {(cp.talent_ids[t], p): cp.project_ids[j] for (t, p), j in sorted(plan.items())}
    lines = [
        "Proven optimal."
        if status == OPTIMAL
        else f"Best plan found; score {value:.2f}, proven bound {upper:.2f}: optimality gap {100 * gap:.3f} %.",
        f"Worst talent rank in the plan: {parts['worst_rank']} (on each talent's own list, read down to the "
        "cohort's minimum list; any other project counts as one below their last counted choice).",
    ]
    if cut_short:
        lines.append(
            f"The time limit of {cp.problem.time_limit:g} s stopped the solver before it finished: this plan is "
            "what it had then, and another run with the same limit may return a different one. Allow more time "
            "for a plan that does not depend on how busy the machine is."
        )
    if cp.buddy_pairs:
        lines.append(
            f"Buddies share a project in {parts['buddy_periods_together']} period(s) "
            f"across {len(cp.buddy_pairs)} buddy pair(s)."
        )
    seconds = time.monotonic() - started
    return Plan(status, assignments, value, gap, lines, seconds, bound=float(upper), method=method, stats=stats)
