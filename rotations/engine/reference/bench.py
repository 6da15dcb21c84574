"""`python -m rotations.engine.reference.bench`: the engine against its three references on synthetic cohorts.

Every method is scored by `evaluate` with the same objective and weights. The plain MILP gets a time
limit (it is the same model without decomposition, pricing or thresholds) and is skipped where the
model alone would not fit in memory; the table says so.
"""

import argparse
import time

from .. import evaluate, solve
from ..model import INFEASIBLE
from . import baselines
from .synthetic import cohort

SIZES = (20, 100, 300, 1000, 5000)
PLAIN_SKIP_ABOVE = 1000  # 5,000 talents x 2,500 projects x 3 periods = 37.5 M binaries


def _row(name, problem, run):
    started = time.monotonic()
    plan = run(problem)
    seconds = time.monotonic() - started
    metrics = evaluate(problem, plan)
    return {
        "method": name,
        "seconds": seconds,
        # A reference that ran out of time has no plan; that is not the same as an infeasible cohort.
        "status": "no plan in time" if "no plan within" in " ".join(plan.explanation) else plan.status,
        "objective": metrics["objective"],
        "gap": plan.gap,
        "top3": metrics["top3_share"],
        "worst": metrics["worst_rank"],
        "blocking": metrics["blocking_pairs"],
        "note": (plan.explanation or [""])[0] if plan.status == INFEASIBLE else "",
    }


def _fmt(value, pattern, empty="—"):
    return empty if value is None else format(value, pattern)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--plain-limit", type=float, default=60.0, help="seconds for the plain MILP")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    header = f"{'talents':>7}  {'method':<20} {'time s':>8} {'objective':>12} {'gap %':>7} {'top-3':>6} "
    header += f"{'worst':>5} {'blocking':>8}  status"
    print("Synthetic cohorts: ~2 projects per host, 25 % spare seats per period, 10 ranked projects with a")
    print(f"popularity skew, hosts rank their applicants; seed {args.seed}; 3 periods; default weights.")
    print(
        f"Plain MILP limited to {args.plain_limit:g} s; skipped above {PLAIN_SKIP_ABOVE} talents (too large to build)."
    )
    print()
    print(header)
    print("-" * len(header))
    verdicts = []
    for n in args.sizes:
        problem = cohort(n, seed=args.seed)
        rows = [
            _row("engine", problem, solve),
            _row("serial dictatorship", problem, baselines.serial_dictatorship),
            _row("sequential stable", problem, baselines.sequential_stable),
        ]
        if n <= PLAIN_SKIP_ABOVE:
            rows.append(_row("plain MILP", problem, lambda p: baselines.plain_milp(p, args.plain_limit)))
        for row in rows:
            print(
                f"{n:>7}  {row['method']:<20} {row['seconds']:>8.2f} {_fmt(row['objective'], '12.1f'):>12} "
                f"{_fmt(None if row['gap'] is None else 100 * row['gap'], '7.3f'):>7} "
                f"{_fmt(row['top3'], '6.3f'):>6} {_fmt(row['worst'], 'd'):>5} {row['blocking']:>8}  "
                f"{row['status']} {row['note']}".rstrip()
            )
        if n > PLAIN_SKIP_ABOVE:
            size = n * len(problem.projects) * problem.periods / 1e6
            print(f"{n:>7}  {'plain MILP':<20} {'—':>8}  skipped: the model alone has {size:.1f} M binaries")
        verdicts.append(_verdict(n, rows))
        print()
    print("\n".join(verdicts))


def _verdict(n, rows):
    engine, *others = rows
    beaten = [r["method"] for r in others if r["objective"] is not None and r["objective"] > engine["objective"] + 1e-6]
    line = f"{n:>5} talents: engine {engine['status']} in {engine['seconds']:.2f} s"
    plain = next((r for r in others if r["method"] == "plain MILP"), None)
    if plain:
        bound = "≥ " if plain["status"] != "optimal" else ""
        line += f", {bound}{plain['seconds'] / max(engine['seconds'], 1e-9):.0f}x faster than the plain MILP"
        line += f" ({plain['status']})"
    line += "; never below a reference" if not beaten else f"; BELOW {', '.join(beaten)}"
    return line


if __name__ == "__main__":
    main()
