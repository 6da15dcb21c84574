"""The matching engine: a rotation plan for a cohort from both sides' preferences. No Django here.

Every accepted talent gets one project per period at P different hosts; seats, locks and forbidden
pairs are hard rules; "not a fit" from a host is a hard rule too (treated as forbidden). The objective
and its weights are described on `Weights`; how it is solved, in `solver.py`.

    plan = solve(problem)            # Plan: status, assignments, objective, gap, explanation
    evaluate(problem, plan)          # metrics per period, blocking pairs, objective recomputed
    why(problem, plan, talent_id)    # what took each option the talent ranked higher

What it is measured against (reference methods, synthetic cohorts, the benchmark) is in `reference/`,
apart from the production path.
"""

from .explain import why
from .metrics import evaluate
from .model import Plan, Problem, Project, Talent, Weights
from .solver import solve

__all__ = ["Plan", "Problem", "Project", "Talent", "Weights", "evaluate", "solve", "why"]
