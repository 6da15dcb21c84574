"""`python -m rotations.engine.reference.bench` (`make bench-matching`): the engine on the audit's shapes.

For every shape of `shapes.py` at 100, 1,000 and 5,000 talents, and for the issue's 2,000-talent hard
cohort, one row per method: the engine at the cohort's own time limit, and the plain MILP (every allowed
(talent, project, period) variable in one HiGHS model, no decomposition) with its own limit. Each run is a
fresh subprocess, so its peak memory is its own: `resource.getrusage(RUSAGE_SELF).ru_maxrss` of that
process at the end (the Python interpreter, numpy and scipy included), and what the solve added to the peak
after the cohort was built. Times are real elapsed seconds of the solve (for the plain MILP, its model
building included), never the limit; a plain MILP that hits its limit says "limit". Every plan is checked
by `oracle.check`, which shares no code with the engine.

Then one row measures strategy: on sampled small cohorts, each sampled talent swaps two adjacent projects in
their list, the engine solves again, and the talent's true outcome (the rank sum of their placements on
their true list, unranked = list length + 1) is compared; the row prints the largest gain found.

`--again` runs the engine twice on every cohort and says whether the second run gave the same plan.

Quick subset: `make bench-matching BENCH_ARGS="--sizes 100 --shapes dominant ties --no-hard"`; the plain
MILP at 1,000 talents too: `BENCH_ARGS="--plain-max 1000"`.
"""

import argparse
import dataclasses
import hashlib
import json
import random
import resource
import subprocess  # runs our own module in a fresh interpreter  # nosec B404
import sys
import time

from .. import solve
from ..model import Problem
from . import baselines, oracle
from .shapes import SHAPES, build, hard_cohort

SIZES = (100, 1000, 5000)
ENGINE_LIMIT = 20.0  # the cohorts' own time limit: the default of `Problem` and of `shapes.build`


def _problem(shape: str, size: int, seed: int) -> Problem:
    return hard_cohort(seed) if shape == "hard" else build(shape, size, seed)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_one(shape: str, size: int, method: str, seed: int, limit: float, *, engine_limit: float = ENGINE_LIMIT) -> dict:
    """One method on one cohort, in this process; the parent runs it in a fresh one (see `main`)."""
    problem = dataclasses.replace(_problem(shape, size, seed), time_limit=engine_limit)
    built = _peak_mb()
    started = time.monotonic()
    if method == "engine":
        plan = solve(problem)
        status = plan.status
    else:
        plan = baselines.plain_milp(problem, limit)
        limited = plan.status == "feasible" or "no plan within" in " ".join(plan.explanation)
        status = ("limit, plan" if plan.assignments else "limit, no plan") if limited else plan.status
    seconds = time.monotonic() - started
    broken = oracle.check(problem, plan.assignments) if plan.assignments else []
    return {
        "status": status,
        "objective": plan.objective,
        "gap": plan.gap,
        "bound": plan.bound,
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "solve_mb": _peak_mb() - built,
        "broken": len(broken),
        "note": (plan.explanation or [""])[0] if not plan.assignments else "",
        "plan": hashlib.sha256(repr(sorted(plan.assignments.items())).encode()).hexdigest()[:12],
    }


def _in_subprocess(shape, size, method, *, seed, limit, engine_limit, timeout) -> dict:
    args = [
        sys.executable,
        "-m",
        "rotations.engine.reference.bench",
        "--one",
        shape,
        str(size),
        method,
        "--seed",
        str(seed),
    ]
    args += ["--plain-limit", str(limit), "--engine-limit", str(engine_limit)]
    started = time.monotonic()
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)  # our own module  # noqa: S603  # nosec B603
    except subprocess.TimeoutExpired:
        return {"status": f"stopped at {time.monotonic() - started:.0f} s", "seconds": None}
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        return {"status": f"crashed: {(done.stderr.strip().splitlines() or ['?'])[-1][:80]}", "seconds": None}
    return json.loads(lines[-1])


def _fmt(value, pattern, empty="—"):
    return empty if value is None else format(value, pattern)


HEADER = (
    f"{'shape':<12} {'talents':>7}  {'method':<10} {'status':<15} {'objective':>12} {'gap %':>8} "
    f"{'time s':>7} {'peak MB':>8} {'+solve MB':>9}  notes"
)


def _print_row(shape, size, method, row, *, again=None):
    gap = None if row.get("gap") is None else 100 * row["gap"]
    notes = []
    if again is not None:
        same = again.get("plan") == row.get("plan") and again.get("status") == row.get("status")
        took = f"{again['seconds']:.2f} s" if again.get("seconds") is not None else again["status"]  # stopped, crashed
        notes.append(f"run again: {'same plan' if same else 'DIFFERENT PLAN'} ({took})")
    if row.get("broken"):
        notes.append(f"BREAKS {row['broken']} RULE(S)")
    if row.get("note"):
        notes.append(row["note"][:90])
    print(
        f"{shape:<12} {size:>7}  {method:<10} {row['status']:<15} {_fmt(row.get('objective'), '12.1f'):>12} "
        f"{_fmt(gap, '8.3f'):>8} {_fmt(row.get('seconds'), '7.2f'):>7} {_fmt(row.get('peak_mb'), '8.0f'):>8} "
        f"{_fmt(row.get('solve_mb'), '9.0f'):>9}  {'; '.join(notes)}".rstrip(),
        flush=True,
    )


def swap_gains(samples: int, seed: int) -> dict:
    """Largest gain in true rank sum any sampled talent gets from swapping two adjacent ranks of their list."""
    rng = random.Random(seed)  # sampling cohorts, not secrets  # noqa: S311  # nosec B311
    best, gains, tried = 0, 0, 0
    for i in range(samples):
        problem = build(SHAPES[i % len(SHAPES)], rng.randint(6, 12), rng.randrange(2**16), time_limit=10.0)
        truth = solve(problem)
        if not truth.assignments:
            continue
        talent = rng.choice([t for t in problem.talents if len(t.ranking) >= 2])
        k = rng.randrange(len(talent.ranking) - 1)
        lied = list(talent.ranking)
        lied[k], lied[k + 1] = lied[k + 1], lied[k]
        talents = tuple(dataclasses.replace(t, ranking=tuple(lied)) if t is talent else t for t in problem.talents)
        after = solve(dataclasses.replace(problem, talents=talents))
        if not after.assignments:
            continue
        tried += 1
        gain = _rank_sum(problem, truth, talent) - _rank_sum(problem, after, talent)
        gains += gain > 0
        best = max(best, gain)
    return {"tried": tried, "gained": gains, "largest": best}


def _rank_sum(problem, plan, talent) -> int:
    true_rank = {j: r for r, j in enumerate(dict.fromkeys(talent.ranking), start=1)}
    unranked = len(true_rank) + 1
    return sum(true_rank.get(plan.assignments[(talent.id, k)], unranked) for k in range(problem.periods))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=SHAPES)
    parser.add_argument("--plain-limit", type=float, default=20.0, help="seconds for the plain MILP")
    parser.add_argument(
        "--engine-limit", type=float, default=ENGINE_LIMIT, help="the cohorts' time limit, for the engine"
    )
    # At 1,000 talents the plain MILP alone takes a minute or more per shape (building included), so the default
    # run gives it the 100-talent cohorts; `--plain-max 1000` adds the 1,000s (about ten minutes more).
    parser.add_argument("--plain-max", type=int, default=100, help="largest cohort given to the plain MILP")
    parser.add_argument("--no-hard", action="store_true", help="leave out the 2,000-talent hard cohort")
    parser.add_argument("--swaps", type=int, default=60, help="sampled swaps for the strategy row (0: none)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--again", action="store_true", help="run the engine twice per cohort: same plan?")
    parser.add_argument("--one", nargs=3, metavar=("SHAPE", "SIZE", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        shape, size, method = args.one
        print(
            json.dumps(run_one(shape, int(size), method, args.seed, args.plain_limit, engine_limit=args.engine_limit))
        )
        return

    print(
        f"Matching benchmark, seed {args.seed}; the engine at the cohorts' limit ({args.engine_limit:g} s), the plain"
    )
    print(f"MILP at {args.plain_limit:g} s up to {args.plain_max} talents. Each run in a fresh process: peak MB is")
    print("its ru_maxrss (interpreter, numpy, scipy and the cohort included), +solve MB what the solve added.")
    print("Time is real elapsed seconds; a run past 3x its limit + 60 s is stopped. On a shared machine timings vary.")
    print()
    print(HEADER)
    print("-" * len(HEADER))
    cases = [(shape, size) for size in args.sizes for shape in args.shapes]
    if not args.no_hard:
        cases.append(("hard", 2000))
    for shape, size in cases:
        methods = ["engine"] + (["plain MILP"] if size <= args.plain_max else [])
        for method in methods:
            # A run that overruns its limit threefold is stopped and shown as such, so the benchmark ends.
            limit = args.engine_limit if method == "engine" else args.plain_limit
            options = {"seed": args.seed, "limit": args.plain_limit, "engine_limit": args.engine_limit}
            options["timeout"] = 3 * limit + 60
            row = _in_subprocess(shape, size, method, **options)
            again = _in_subprocess(shape, size, method, **options) if args.again and method == "engine" else None
            _print_row(shape, size, method, row, again=again)
        if size > args.plain_max:
            print(f"{shape:<12} {size:>7}  {'plain MILP':<10} skipped above {args.plain_max} talents (--plain-max)")
    if args.swaps:
        started = time.monotonic()
        found = swap_gains(args.swaps, args.seed)
        print()
        print(
            f"Swapping two adjacent ranks: {found['tried']} sampled talents on cohorts of 6-12 talents, "
            f"{found['gained']} gained; largest gain {found['largest']} rank step(s) of the talent's true "
            f"rank sum ({time.monotonic() - started:.0f} s)."
        )


if __name__ == "__main__":
    main()
