"""Reasons a problem cannot have a plan, found before any solver runs, in sentences a manager can act on."""

import numpy as np

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
                f"but {cp.seats[j, p]} seats: {n - cp.seats[j, p]} too many."
            )
    return reasons


def _seat_reasons(cp: Compiled) -> list[str]:
    reasons = []
    for p in range(cp.P):
        seats = int(cp.seats[:, p].sum())
        if seats < cp.T:
            reasons.append(f"Period {p + 1} has {seats} seats for {cp.T} talents: a shortfall of {cp.T - seats} seats.")
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


def explain_unsolvable(cp: Compiled) -> list[str]:
    """When no obvious reason exists but no plan does either: say which rules collide."""
    return [
        "No plan meets every rule at once: the seats per period, the rule of "
        f"{cp.P} different hosts per talent, the locked placements and the forbidden pairs leave some talent "
        "without a place. Add seats, remove a lock or lift a forbidden pair, then run again."
    ]
