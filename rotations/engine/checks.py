"""Reasons a problem cannot have a plan, found before any solver runs, in sentences a manager can act on."""

import time

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import breadth_first_order, maximum_flow

from .compiled import Compiled


def diagnose(cp: Compiled) -> list[str]:
    if cp.P < 1:
        return ["A cohort needs at least one period."]
    return _unknown_locks(cp) + _lock_reasons(cp) + _seat_reasons(cp)


def _unknown_locks(cp: Compiled) -> list[str]:
    reasons = []
    for tid, p, jid in sorted(cp.problem.locks):
        if tid not in cp.t_index:
            reasons.append(f"A locked placement names unknown talent {tid}.")
        elif jid not in cp.j_index:
            reasons.append(f"A locked placement of {tid} names unknown project {jid}.")
        elif not 0 <= p < cp.P:
            reasons.append(f"A locked placement of {tid} is in period {p + 1}, outside periods 1 to {cp.P}.")
    return reasons


def _lock_reasons(cp: Compiled) -> list[str]:
    reasons = []
    by_talent_period: dict[tuple[int, int], set[int]] = {}
    for t, p, j in cp.locks:
        by_talent_period.setdefault((t, p), set()).add(j)
        if not cp.allowed(t, j):
            reasons.append(
                f"The locked placement of {cp.talent_ids[t]} on {cp.project_ids[j]} is a forbidden pair or not a fit."
            )
    for (t, p), js in sorted(by_talent_period.items()):
        if len(js) > 1:
            reasons.append(f"Talent {cp.talent_ids[t]} has {len(js)} locked placements in period {p + 1}.")
    hosts_locked: dict[tuple[int, int], int] = {}
    for t, _, j in {(t, p, j) for t, p, j in cp.locks}:
        key = (t, int(cp.host_of[j]))
        hosts_locked[key] = hosts_locked.get(key, 0) + 1
    for (t, h), n in sorted(hosts_locked.items()):
        if n > 1:
            reasons.append(f"Talent {cp.talent_ids[t]} is locked {n} times at host {cp.host_ids[h]}.")
    per_seat: dict[tuple[int, int], int] = {}
    for _, p, j in cp.locks:
        per_seat[(j, p)] = per_seat.get((j, p), 0) + 1
    for (j, p), n in sorted(per_seat.items()):
        if n > cp.seats[j, p]:
            reasons.append(
                f"Project {cp.project_ids[j]} has {n} locked talents in period {p + 1} "
                f"but {_seats(cp.seats[j, p])}: {n - cp.seats[j, p]} too many."
            )
    return reasons


def _seats(count) -> str:
    """A count of seats in words a manager reads on the run page: "1 seat", "2 seats"."""
    return f"{count} seat" if count == 1 else f"{count} seats"


def _seat_reasons(cp: Compiled) -> list[str]:
    reasons = []
    for p in range(cp.P):
        seats = int(cp.seats[:, p].sum())
        if seats < cp.T:
            shortfall = _seats(cp.T - seats)
            reasons.append(f"Period {p + 1} has {_seats(seats)} for {cp.T} talents: a shortfall of {shortfall}.")
    seated = cp.seats.sum(axis=1) > 0
    per_host = np.bincount(cp.host_of[seated], minlength=cp.H)
    open_hosts = int((per_host > 0).sum())
    open_in = (cp.seats > 0).sum(axis=0)
    for t in range(cp.T):
        # Only bans take options away (everything else is open to everyone), so look at those alone.
        banned = np.asarray([j for j in cp.banned_by_t.get(t, []) if seated[j]], dtype=np.int64)
        lost = np.bincount(cp.host_of[banned], minlength=cp.H) if len(banned) else np.zeros(cp.H, int)
        hosts = open_hosts - int(((lost == per_host) & (per_host > 0)).sum())
        name = cp.talent_ids[t]
        if hosts < cp.P:
            reasons.append(
                f"Talent {name} can reach only {hosts} host(s) (the rest are forbidden, not a fit or "
                f"without seats) but needs {cp.P} different hosts."
            )
            continue
        for p in range(cp.P):
            if open_in[p] - int((cp.seats[banned, p] > 0).sum() if len(banned) else 0) == 0:
                reasons.append(f"Talent {name} has no reachable project with a seat in period {p + 1}.")
    return reasons


def certificate(cp: Compiled, *, exact=None, deadline: float = float("inf")) -> tuple[list[str], dict]:
    """Why no plan exists, naming the talents and the periods, hosts or projects that collide.

    Called once a solver has proven that no plan exists. Tries, in order: a counting argument over all
    periods (a minimum cut of the host-by-host flow: talents who need more placements than the hosts and
    seats they can reach hold), one period at a time (Hall's condition: talents who need a seat in a period
    where the projects open to them have fewer), and, when `exact(talent indices) -> bool` (does a plan exist
    for these talents alone?) is given, a deletion filter leaving a minimal set of talents that cannot all
    be placed. Each result can be re-checked by counting over the Problem: the second value states it as
    ids ({"rule": "hosts", "talents", "projects"} | {"rule": "period", "period" (0-based), "talents",
    "projects"} | {"rule": "together", "talents"}; {} when nothing was isolated).
    """
    found = _cut_over_periods(cp) or _cut_in_a_period(cp)
    if found:
        return found
    if exact is not None:
        keep = list(range(cp.T))
        for t in range(cp.T):
            if time.monotonic() > deadline:
                break
            trial = [s for s in keep if s != t]
            if exact(trial) is False:  # None (no answer in time) keeps the talent: the set stays a certificate
                keep = trial
        names = ", ".join(cp.talent_ids[t] for t in keep)
        locks = sorted(
            f"{cp.talent_ids[t]} on {cp.project_ids[j]} in period {p + 1}" for t, p, j in cp.locks if t in keep
        )
        in_time = time.monotonic() <= deadline
        minimal = "without any one of them a plan exists" if in_time else "the set may not be minimal"
        return [
            f"Talents {names} cannot all be placed together: the seats per period, the rule of {cp.P} different "
            f"hosts per talent{', the locked placements (' + '; '.join(locks) + ')' if locks else ''} and the "
            f"forbidden pairs leave no plan for them ({minimal}). Add seats, remove a lock or lift a forbidden "
            "pair for one of them, then run again."
        ], {"rule": "together", "talents": [cp.talent_ids[t] for t in keep]}
    return [
        "No plan meets every rule at once: the seats per period, the rule of "
        f"{cp.P} different hosts per talent, the locked placements and the forbidden pairs leave some talent "
        "without a place. Add seats, remove a lock or lift a forbidden pair, then run again."
    ], {}


def _allowed_pairs(cp: Compiled) -> tuple[np.ndarray, np.ndarray]:
    """Every allowed (talent, project) pair with a seat in some period, as index arrays."""
    ts, js = [], []
    seated = cp.seats.sum(axis=1) > 0
    block = max(1, 2_000_000 // max(1, cp.J))
    for t0 in range(0, cp.T, block):
        ok = np.isfinite(cp.utility_block(t0, min(cp.T, t0 + block))) & seated[None, :]
        t, j = np.nonzero(ok)
        ts.append(t + t0)
        js.append(j)
    return np.concatenate(ts), np.concatenate(js)


def _reachable(graph, source: int) -> np.ndarray:
    """Nodes reachable from the source in the residual graph of a maximum flow (the source side of a min cut)."""
    flow = maximum_flow(graph, source, graph.shape[0] - 1)
    residual = (graph - flow.flow).tocsr()
    residual.data = (residual.data > 0).astype(np.int8)
    residual.eliminate_zeros()
    order = breadth_first_order(residual, source, directed=True, return_predecessors=False)
    side = np.zeros(graph.shape[0], dtype=bool)
    side[order] = True
    return flow.flow_value, side


def _network(n, rows, cols, caps):
    return sparse.csr_matrix(
        (np.asarray(caps, dtype=np.int32), (np.asarray(rows), np.asarray(cols))), shape=(n, n), dtype=np.int32
    )


def _cut_over_periods(cp: Compiled) -> tuple[list[str], dict] | None:
    """Talents S and projects X with P|S| > seats of X over all periods + hosts each talent reaches outside X."""
    ts, js = _allowed_pairs(cp)
    th_keys, th_of = np.unique(ts * cp.H + cp.host_of[js], return_inverse=True)
    first_th = 1 + cp.T
    first_j = first_th + len(th_keys)
    sink = first_j + cp.J
    rows = np.concatenate([np.zeros(cp.T, int), 1 + th_keys // cp.H, first_th + th_of, first_j + np.arange(cp.J)])
    cols = np.concatenate([1 + np.arange(cp.T), first_th + np.arange(len(th_keys)), first_j + js, np.full(cp.J, sink)])
    caps = np.concatenate([np.full(cp.T, cp.P), np.ones(len(th_keys)), np.ones(len(js)), cp.seats.sum(axis=1)])
    value, side = _reachable(_network(sink + 1, rows, cols, caps), 0)
    if value >= cp.T * cp.P:
        return None
    S = [t for t in range(cp.T) if side[1 + t]]
    X = sorted(j for j in range(cp.J) if side[first_j + j])
    hosts_outside = {t: len({int(cp.host_of[j]) for j in js[ts == t] if j not in X}) for t in S}
    S = [t for t in S if hosts_outside[t] < cp.P]  # a talent with P hosts outside X adds nothing to the cut
    seats = int(cp.seats[X].sum()) if X else 0
    need, have = cp.P * len(S), sum(hosts_outside[t] for t in S)
    if not S or need <= have + seats:
        return None
    names = ", ".join(cp.talent_ids[t] for t in S)
    if X:
        where = (
            f"projects {', '.join(cp.project_ids[j] for j in X)} have {seats} seats over all periods, and "
            f"apart from them these talents reach {have} host place(s) (one per host each)"
        )
    else:
        where = f"they can reach {have} host place(s) in all (one per host each; the rest are forbidden or seatless)"
    return [
        f"Talents {names} need {need} placements at {cp.P} different hosts each, but {where}: "
        f"at most {have + seats}. Add seats, lift a forbidden pair or open another host to them, then run again."
    ], {"rule": "hosts", "talents": [cp.talent_ids[t] for t in S], "projects": [cp.project_ids[j] for j in X]}


def _open_in_period(cp: Compiled, ts, js, p: int) -> np.ndarray:
    """Which allowed pairs are open in period p, given seats and the locks (a lock fixes its period and uses
    its host, so the talent's other periods cannot go there)."""
    ok = cp.seats[js, p] > 0
    lock_in = {(t, q): j for t, q, j in cp.locks}
    if lock_in:
        locked_hosts = {}
        for t, q, j in cp.locks:
            if q != p:
                locked_hosts.setdefault(t, set()).add(int(cp.host_of[j]))
        for i, (t, j) in enumerate(zip(ts.tolist(), js.tolist(), strict=True)):
            if (t, p) in lock_in:
                ok[i] &= lock_in[(t, p)] == j
            elif int(cp.host_of[j]) in locked_hosts.get(t, ()):
                ok[i] = False
    return ok


def _cut_in_a_period(cp: Compiled) -> tuple[list[str], dict] | None:
    """Hall's condition per period: talents S whose open projects have fewer seats in that period than |S|."""
    ts, js = _allowed_pairs(cp)
    first_j, sink = 1 + cp.T, 1 + cp.T + cp.J
    for p in range(cp.P):
        ok = _open_in_period(cp, ts, js, p)
        rows = np.concatenate([np.zeros(cp.T, int), 1 + ts[ok], first_j + np.arange(cp.J)])
        cols = np.concatenate([1 + np.arange(cp.T), first_j + js[ok], np.full(cp.J, sink)])
        caps = np.concatenate([np.ones(cp.T), np.full(int(ok.sum()), cp.T + 1), cp.seats[:, p]])
        value, side = _reachable(_network(sink + 1, rows, cols, caps), 0)
        if value >= cp.T:
            continue
        S = [t for t in range(cp.T) if side[1 + t]]
        X = sorted({int(j) for t, j, o in zip(ts, js, ok, strict=True) if o and side[1 + t]})
        seats = int(cp.seats[X, p].sum()) if X else 0
        if len(S) <= seats:
            continue
        names = ", ".join(cp.talent_ids[t] for t in S)
        open_to = f"projects {', '.join(cp.project_ids[j] for j in X)}" if X else "no project"
        return [
            f"In period {p + 1}, talents {names} can only use {open_to} (the rest are forbidden, not a fit, "
            f"without seats, locked or at a host their locks use), which have {_seats(seats)} for {len(S)} "
            "talents. Add seats in that period, lift a forbidden pair or move a lock, then run again."
        ], {
            "rule": "period",
            "period": p,
            "talents": [cp.talent_ids[t] for t in S],
            "projects": [cp.project_ids[j] for j in X],
        }
    return None
