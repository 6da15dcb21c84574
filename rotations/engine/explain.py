""" "Why this placement": for every option a talent ranked above what they got, what took it."""

from .compiled import Compiled
from .model import Plan, Problem

TRADE_OFF = "the plan scores higher without it (host ranking, skill fit or fairness)"


def why(problem: Problem, plan: Plan, talent_id: str) -> list[dict]:
    """One dict per project ranked better than the talent's worst placement and not given to them.

    Keys: project, rank, reason, period (1-based or None). The reason is the first that applies of:
    "forbidden", "not a fit", "locked placement" (the talent's periods where it has seats are all locked),
    "host already used in period k", "seats filled by <talent ids> in period k", "no seats in any period",
    or a trade-off note when a seat was free and the host unused (the objective preferred another plan).
    """
    cp = Compiled(problem)
    t = cp.t_index.get(talent_id)
    if t is None:
        return []
    got = {p: cp.j_index[j] for (tid, p), j in plan.assignments.items() if tid == talent_id and j in cp.j_index}
    if not got:
        return []
    worst = max(cp.listed_rank(t, j) for j in got.values())
    holders: dict[tuple[int, int], list[str]] = {}
    for (tid, p), jid in sorted(plan.assignments.items()):
        if jid in cp.j_index:
            holders.setdefault((cp.j_index[jid], p), []).append(tid)
    locked = {p for s, p, _ in cp.locks if s == t}
    out = []
    for j, r in sorted(cp.listed[t].items(), key=lambda item: item[1]):
        if r >= worst or j in got.values():
            continue
        reason, period = _reason(cp, t, j, got=got, holders=holders, locked=locked)
        out.append({"project": cp.project_ids[j], "rank": r, "reason": reason, "period": period})
    return out


def _reason(cp: Compiled, t: int, j: int, *, got, holders, locked) -> tuple[str, int | None]:  # noqa: PLR0911 a return per reason
    project = cp.problem.projects[j]
    if cp.talent_ids[t] in project.not_a_fit:
        return "not a fit", None
    if not cp.allowed(t, j):
        return "forbidden", None
    seated = [p for p in range(cp.P) if cp.seats[j, p] > 0]
    if not seated:
        return "no seats in any period", None
    if all(p in locked for p in seated):
        return "locked placement", None
    for p, other in sorted(got.items()):
        if cp.host_of[other] == cp.host_of[j]:
            return f"host already used in period {p + 1}", p + 1
    # The periods where j would have been an improvement and was open to the talent.
    better = [p for p in seated if p not in locked and cp.listed_rank(t, got[p]) > cp.listed_rank(t, j)]
    for p in better or seated:
        taken = holders.get((j, p), [])
        if len(taken) >= cp.seats[j, p]:
            return f"seats filled by {', '.join(taken)} in period {p + 1}", p + 1
    return TRADE_OFF, None
