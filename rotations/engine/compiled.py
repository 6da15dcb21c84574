"""The problem turned into integer indices and numpy arrays, scored once for every solver and metric.

Everything that decides what a placement is worth lives here, so the engine, the baselines and
`evaluate` can never disagree about the objective.
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from .model import Problem


@dataclass
class Column:
    """A (talent, project) pair in index form, with its score and talent rank."""

    t: int
    j: int
    utility: float
    rank: int


class Compiled:
    def __init__(self, problem: Problem):
        self.problem = problem
        w = problem.weights
        self.P = problem.periods
        self.talent_ids = [t.id for t in problem.talents]
        self.project_ids = [p.id for p in problem.projects]
        self.t_index = {tid: i for i, tid in enumerate(self.talent_ids)}
        self.j_index = {pid: i for i, pid in enumerate(self.project_ids)}
        self.T, self.J = len(self.talent_ids), len(self.project_ids)
        self.host_ids = sorted({p.host for p in problem.projects})
        h_index = {h: i for i, h in enumerate(self.host_ids)}
        self.host_of = np.array([h_index[p.host] for p in problem.projects], dtype=np.int64)
        self.H = len(self.host_ids)
        # Seats beyond the declared periods are ignored and missing ones are zero, so a short tuple is no crash.
        self.seats = np.zeros((self.J, self.P), dtype=np.int64)
        for j, p in enumerate(problem.projects):
            for k, s in enumerate(p.seats[: self.P]):
                self.seats[j, k] = max(0, int(s))
        # listed[t][j]: the rank of project j on talent t's own list, duplicates and unknown ids dropped (what
        # the metrics and explanations report). rank[t]: the same down to the cohort's minimum m, which is all
        # the objective reads; every other project has rank n_t + 1, n_t = min(list length, m). So everything
        # a talent's placement is worth comes from their own list (junk in one list moves nobody else's
        # scores, no cohort-wide constant such as the longest list enters any score), and a list cut to the
        # minimum compiles to exactly the same numbers as the whole list: cutting cannot pay.
        self.listed = [{} for _ in range(self.T)]
        for t, talent in enumerate(problem.talents):
            for pid in talent.ranking:
                j = self.j_index.get(pid)
                if j is not None and j not in self.listed[t]:
                    self.listed[t][j] = len(self.listed[t]) + 1
        counted = min(problem.ranked_minimum, self.J) if problem.ranked_minimum > 0 else self.J
        self.rank = [{j: r for j, r in listed.items() if r <= counted} for listed in self.listed]
        self.unranked_rank = np.array([len(r) + 1 for r in self.rank], dtype=np.int64)
        # The largest rank any placement can have: a bound for the fairness threshold, never a score.
        self.M = int(self.unranked_rank.max(initial=1))
        self.host_points = [{} for _ in range(self.T)]  # host score of t on project j, 0 when unranked
        for j, p in enumerate(problem.projects):
            ranked = [self.t_index[tid] for tid in dict.fromkeys(p.host_ranking) if tid in self.t_index]
            for q, t in enumerate(ranked, start=1):
                self.host_points[t][j] = w.host * (len(ranked) - q + 1) / len(ranked)

        self.banned = self._banned()
        self.banned_by_t: dict[int, list[int]] = {}
        for t, j in sorted(self.banned):
            self.banned_by_t.setdefault(t, []).append(j)
        self.locks = sorted(
            (self.t_index[t], int(k), self.j_index[j])
            for t, k, j in problem.locks
            if t in self.t_index and j in self.j_index and 0 <= int(k) < self.P
        )
        pairs = set()
        for t, talent in enumerate(problem.talents):
            b = self.t_index.get(talent.buddy) if talent.buddy else None
            if b is not None and b != t:
                pairs.add((min(t, b), max(t, b)))
        self.buddy_pairs = sorted(pairs)
        self.buddy_talents = {t for pair in self.buddy_pairs for t in pair}

    def _banned(self) -> set[tuple[int, int]]:
        """Forbidden pairs (by project or by host) and "not a fit" marks: never used, by any solver."""
        by_host: dict[str, list[int]] = {}
        for j, p in enumerate(self.problem.projects):
            by_host.setdefault(p.host, []).append(j)
        banned = set()
        for tid, other in self.problem.forbidden:
            t = self.t_index.get(tid)
            if t is None:
                continue
            if other in self.j_index:
                banned.add((t, self.j_index[other]))
            for j in by_host.get(other, ()):
                banned.add((t, j))
        for j, p in enumerate(self.problem.projects):
            for tid in p.not_a_fit:
                if tid in self.t_index:
                    banned.add((self.t_index[tid], j))
        return banned

    @cached_property
    def skill_matrices(self):
        vocab = sorted({s for x in (*self.problem.talents, *self.problem.projects) for s in x.skills})
        s_index = {s: i for i, s in enumerate(vocab)}

        def incidence(items):
            rows = [i for i, x in enumerate(items) for _ in x.skills]
            cols = [s_index[s] for x in items for s in x.skills]
            return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), max(1, len(vocab))))

        st = incidence(self.problem.talents)
        sj = incidence(self.problem.projects)
        per_project = np.maximum(1, np.asarray(sj.sum(axis=1)).ravel())
        # Scaled so a full match with a project's skills is worth `weights.skill`.
        sj_scaled = sparse.diags(self.problem.weights.skill / per_project) @ sj
        return st, sj_scaled.T.tocsc()

    def allowed(self, t: int, j: int) -> bool:
        return (t, j) not in self.banned

    def talent_rank(self, t: int, j: int) -> int:
        """The rank the objective reads: on talent t's own list down to the cohort's minimum; any other
        project is one below their last counted choice."""
        return self.rank[t].get(j, int(self.unranked_rank[t]))

    def listed_rank(self, t: int, j: int) -> int:
        """The rank of project j on talent t's whole list, for the metrics (unranked: one below its end)."""
        return self.listed[t].get(j, len(self.listed[t]) + 1)

    # Why ranking fewer projects does not pay. A talent's placement is worth `talent * (n_t + 1 - rank)`:
    # one point per step of their own rank, the same step for every talent, 0 for an unranked project.
    # Scoring on the talent's own list alone was not enough: a list cut short squeezes the steps below the
    # cut, and although that never exaggerates a single trade-off, it lowers the cut talent's worst rank, so
    # the fairness term (the cohort's worst rank) could move a whole plan so that the cut talent came out
    # better (tests/matching/test_truncation.py found such a cohort: rank sum 6 instead of 7). So the
    # objective reads each list only down to the cohort's minimum m, which the portal requires of every list
    # (rotations/services/preferences.py): a list cut to m, or to anything longer, compiles to the same
    # numbers as the whole list, and gives the same plan. The price: below a talent's m-th choice the
    # planner does not tell their choices apart (the metrics still report the whole list). Leaving a project
    # out of the MIDDLE of a list is different: it moves that project below the kept ones, a reordering,
    # which an optimising planner cannot be proof against (README states the largest gain measured).

    def talent_points(self, t: int, j: int) -> float:
        """The talent's own part of a placement's worth (see Weights)."""
        return self.problem.weights.talent * float(self.unranked_rank[t] - self.talent_rank(t, j))

    def utility(self, t: int, j: int) -> float:
        """What one placement of talent t on project j adds to the objective (period independent)."""
        project_skills = self.problem.projects[j].skills
        shared = len(self.problem.talents[t].skills & project_skills)
        skill = self.problem.weights.skill * shared / max(1, len(project_skills))
        return self.talent_points(t, j) + self.host_points[t].get(j, 0.0) + skill

    def utility_block(self, t0: int, t1: int, threshold: int | None = None) -> np.ndarray:
        """Dense utilities of talents t0..t1-1 on every project, -inf where banned; used for pricing.

        With a threshold, also -inf where the talent's rank is above it (unranked projects count as
        `unranked_rank[t]`, so they stay open to a talent whose own list is short enough).
        """
        st, sjt = self.skill_matrices
        block = (st[t0:t1] @ sjt).toarray() if st.nnz else np.zeros((t1 - t0, self.J))
        wt = self.problem.weights.talent
        for t in range(t0, t1):
            row = block[t - t0]
            for j, r in self.rank[t].items():
                row[j] += wt * (self.unranked_rank[t] - r)
            for j, pts in self.host_points[t].items():
                row[j] += pts
        for t in range(t0, t1):
            block[t - t0, self.banned_by_t.get(t, [])] = -np.inf
            if threshold is not None and self.unranked_rank[t] > threshold:
                mask = np.ones(self.J, dtype=bool)
                mask[[j for j, r in self.rank[t].items() if r <= threshold]] = False
                block[t - t0, mask] = -np.inf
        return block

    def unranked_open(self, t: int, threshold: int) -> bool:
        """Do talent t's unranked projects qualify under a worst-rank threshold?"""
        return int(self.unranked_rank[t]) <= threshold

    def fairness_scale(self) -> float:
        """Penalty per step of the worst rank (see Weights)."""
        return self.problem.weights.fairness * self.T
