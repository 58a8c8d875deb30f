"""Three ways to turn scores into pairs: optimal, stable and greedy.

All three respect the hard constraints (only ``feasible`` pairs) and the mentors'
capacities, and leave a mentee unmatched rather than break either.
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import linear_sum_assignment

from upward.matching.scoring import Scores

Mode = Literal["optimal", "stable", "greedy"]

#: Mentors a mentee checks one by one before one vectorised scan of the rest.
_STABLE_SCAN = 16


@dataclass(frozen=True)
class Assignment:
    """Pairs chosen by one of the ``assign_*`` functions.

    Attributes
    ----------
    pairs : tuple of (int, int)
        (mentee index, mentor index) into the score matrix, sorted by mentee.
    total : int
        Sum of the pairs' points.
    matched : int
        Number of mentees matched.
    unmatched : tuple of int
        Mentee indices left without a mentor.
    seconds : float
        Time the assignment took (scoring not included).
    mode : {"optimal", "stable", "greedy"}
    """

    pairs: tuple[tuple[int, int], ...]
    total: int
    matched: int
    unmatched: tuple[int, ...]
    seconds: float
    mode: Mode

    def mentor_of(self) -> dict[int, int]:
        """Mentee index → mentor index."""
        return dict(self.pairs)

    def summary(self) -> str:
        """One line: mode, total, matched, unmatched, time."""
        return (f"{self.mode}: total {self.total:,}, {self.matched:,} matched, "
                f"{len(self.unmatched):,} unmatched, {self.seconds:.2f} s")


def _capacities(scores: Scores, capacities) -> np.ndarray:
    if not isinstance(scores, Scores):
        raise ValueError(f"scores must be a Scores (from score_matrix), got "
                         f"{type(scores).__name__}")
    caps = np.asarray(capacities)
    n_mentors = scores.shape[1]
    if caps.shape != (n_mentors,):
        raise ValueError(f"capacities must have one entry per mentor ({n_mentors}), "
                         f"got shape {caps.shape}")
    if caps.size and (not np.issubdtype(caps.dtype, np.integer) or caps.min() < 1):
        raise ValueError("every mentor's capacity must be a whole number of at least 1")
    return caps.astype(np.int64)


def _result(scores: Scores, pairs: list[tuple[int, int]], started: float, mode: Mode
            ) -> Assignment:
    pairs.sort()
    matched = {i for i, _ in pairs}
    total = int(sum(int(scores.points[i, j]) for i, j in pairs))
    return Assignment(pairs=tuple(pairs), total=total, matched=len(pairs),
                      unmatched=tuple(i for i in range(scores.shape[0]) if i not in matched),
                      seconds=time.perf_counter() - started, mode=mode)


def slot_weights(scores: Scores, capacities) -> tuple[np.ndarray, np.ndarray]:
    """The capacity-expanded matrix :func:`assign_optimal` hands to the solver.

    Returns
    -------
    weights : ndarray of float64, shape (n_mentees, sum(capacities))
        ``points * (n_mentees + 1) + 1`` on feasible pairs, 0 elsewhere; one column per
        place a mentor offers.
    slot_mentor : ndarray of int
        The mentor index of each column.
    """
    caps = _capacities(scores, capacities)
    slot_mentor = np.repeat(np.arange(scores.shape[1]), caps)
    weights = scores.points[:, slot_mentor].astype(np.float64)
    weights *= scores.shape[0] + 1
    weights += 1.0
    weights[~scores.feasible[:, slot_mentor]] = 0.0
    return weights, slot_mentor


def assign_optimal(scores: Scores, capacities) -> Assignment:
    """Maximise the total points, then the number of mentees matched.

    Parameters
    ----------
    scores : Scores
    capacities : array-like of int, shape (n_mentors,)
        Mentees each mentor takes at most (each ≥ 1).

    Returns
    -------
    Assignment

    Notes
    -----
    Each mentor j becomes ``capacities[j]`` identical slots and
    :func:`scipy.optimize.linear_sum_assignment` (Crouse's shortest augmenting path)
    maximises the total slot weight, with weight :math:`s_{ij} M + 1` on a feasible
    pair, 0 on an infeasible one and :math:`M = n_{mentees} + 1`. The solver must fill
    every row (or column) of the rectangle, so it may pick 0-weight cells; those are
    dropped afterwards. This is exact:

    * dropping the 0-weight cells of the solver's answer leaves a feasible matching of
      the same weight, and any feasible matching can be padded with 0-weight cells
      into a full assignment of the same weight, so the solver's optimum weight equals
      the best weight of a feasible matching;
    * a feasible matching with total points :math:`S` and :math:`k` pairs weighs
      :math:`SM + k` with :math:`0 \\le k \\le n_{mentees} < M`, so a larger :math:`S`
      always weighs more, and among equal :math:`S` more pairs weigh more (a feasible
      pair with 0 points still weighs 1).

    ``tests/matching/test_assignment.py`` checks it against brute force.
    """
    started = time.perf_counter()
    caps = _capacities(scores, capacities)
    # Only mentees and mentors with an allowed pair take part (a smaller problem).
    rows = np.flatnonzero(scores.feasible.any(axis=1))
    cols = np.flatnonzero(scores.feasible.any(axis=0))
    if rows.size == 0:
        return _result(scores, [], started, "optimal")
    sub = scores if (rows.size, cols.size) == scores.shape else Scores(
        scores.points[np.ix_(rows, cols)], scores.feasible[np.ix_(rows, cols)])
    # Slot weights are summed in float64 by the solver: keep every total exact.
    if (float(sub.points.max()) * (rows.size + 1) + 1) * rows.size >= 2.0**53:
        raise ValueError("scores too large for an exact optimal assignment; scale the "
                         "weights down")
    # More places than people who could use them buys nothing.
    sub_caps = np.minimum(caps[cols], sub.feasible.sum(axis=0))
    weights, slot_mentor = slot_weights(sub, sub_caps)
    weights_rows, weights_cols = linear_sum_assignment(weights, maximize=True)
    keep = weights[weights_rows, weights_cols] > 0
    pairs = [(int(rows[i]), int(cols[slot_mentor[s]]))
             for i, s in zip(weights_rows[keep], weights_cols[keep], strict=True)]
    return _result(scores, pairs, started, "optimal")


def assign_stable(scores: Scores, capacities, mentor_scores=None) -> Assignment:
    """Mentee-proposing deferred acceptance with capacities (hospital–resident).

    Parameters
    ----------
    scores : Scores
        Mentees rank mentors by ``points`` (descending; ties: lower mentor index first).
        Only feasible pairs are acceptable to either side.
    capacities : array-like of int, shape (n_mentors,)
    mentor_scores : array-like, shape (n_mentees, n_mentors), optional
        How mentors rank mentees (descending; ties: lower mentee index first). Default:
        ``scores.points``.

    Returns
    -------
    Assignment
        The mentee-optimal stable matching: no mentee and mentor would both rather be
        together (the mentor having a free place or holding someone they rank lower).

    Notes
    -----
    Gale & Shapley's algorithm, with one shortcut: a mentee skips, in one vectorised
    step, every mentor who would reject them now. A full mentor only ever gets pickier,
    so each skipped proposal would have been rejected anyway; the outcome is the same.
    The work grows with the number of times a mentor trades a held mentee for a better
    one: at 5,000 × 2,000 it takes under a second when mentors rank like mentees (or at
    random), about 10 s when they rank exactly the other way round.

    References
    ----------
    Gale, D. & Shapley, L. S. (1962). College admissions and the stability of
    marriage. *American Mathematical Monthly* 69(1), 9–15.
    """
    started = time.perf_counter()
    caps = _capacities(scores, capacities)
    n, m = scores.shape
    if mentor_scores is None:
        ranks = scores.points.astype(np.float64)
    else:
        ranks = np.asarray(mentor_scores, dtype=np.float64)
        if ranks.shape != scores.shape:
            raise ValueError(f"mentor_scores must have the shape of the scores {scores.shape}, "
                             f"got {ranks.shape}")
        if not np.isfinite(ranks).all():
            raise ValueError("mentor_scores must be finite numbers")
    # A mentor accepts mentee i iff (rank, -i) beats their threshold: the worst mentee
    # held when full, (-inf, ...) while they have a free place.
    threshold_rank = np.full(m, -np.inf)
    threshold_mentee = np.full(m, n, dtype=np.int64)
    # The same thresholds as Python lists: most proposals are settled within the first
    # few mentors, where a Python loop beats numpy's per-call overhead.
    rank_at, mentee_at = threshold_rank.tolist(), threshold_mentee.tolist()
    caps_list = caps.tolist()
    held: list[list[tuple[float, int]]] = [[] for _ in range(m)]
    orders: list[tuple[np.ndarray, np.ndarray] | None] = [None] * n
    position = [0] * n
    queue = deque(range(n))
    while queue:
        i = queue.popleft()
        prepared = orders[i]
        if prepared is None:
            allowed = np.flatnonzero(scores.feasible[i])
            order = allowed[np.argsort(-scores.points[i, allowed], kind="stable")]
            prepared = orders[i] = (order, ranks[i, order])
        order, order_ranks = prepared
        start = position[i]
        end = min(order.size, start + _STABLE_SCAN)
        window = zip(range(start, end), order[start:end].tolist(),
                     order_ranks[start:end].tolist(), strict=True)
        k, j, rank_i = next(((k, j, r) for k, j, r in window
                             if r > rank_at[j] or (r == rank_at[j] and i < mentee_at[j])),
                            (-1, -1, 0.0))
        if k < 0 and end < order.size:
            rest = order[end:]
            rank = order_ranks[end:]
            accepts = (rank > threshold_rank[rest]) | (
                (rank == threshold_rank[rest]) & (i < threshold_mentee[rest]))
            first = int(np.argmax(accepts))
            if accepts[first]:
                k, j, rank_i = end + first, int(rest[first]), float(rank[first])
        if k < 0:
            position[i] = order.size
            continue
        position[i] = k + 1
        heapq.heappush(held[j], (rank_i, -i))
        if len(held[j]) > caps_list[j]:
            _, displaced = heapq.heappop(held[j])
            queue.append(-displaced)
        if len(held[j]) == caps_list[j]:
            rank_at[j], mentee_at[j] = held[j][0][0], -held[j][0][1]
            threshold_rank[j], threshold_mentee[j] = rank_at[j], mentee_at[j]
    pairs = [(-minus_i, j) for j in range(m) for _, minus_i in held[j]]
    return _result(scores, pairs, started, "stable")


#: Cells the greedy baseline filters at once before its Python loop.
_GREEDY_CHUNK = 1 << 16


def assign_greedy(scores: Scores, capacities) -> Assignment:
    """The baseline: take the highest-scoring allowed pair first, while places remain.

    Ties are taken in (mentee index, mentor index) order.
    """
    started = time.perf_counter()
    caps = _capacities(scores, capacities)
    rows, cols = np.nonzero(scores.feasible)
    order = np.argsort(-scores.points[rows, cols], kind="stable")
    free = np.ones(scores.shape[0], dtype=bool)
    left = caps.copy()
    pairs: list[tuple[int, int]] = []
    for start in range(0, order.size, _GREEDY_CHUNK):
        cells = order[start:start + _GREEDY_CHUNK]
        r, c = rows[cells], cols[cells]
        alive = free[r] & (left[c] > 0)
        for i, j in zip(r[alive].tolist(), c[alive].tolist(), strict=True):
            if free[i] and left[j] > 0:
                free[i] = False
                left[j] -= 1
                pairs.append((i, j))
        if not free.any() or not (left > 0).any():
            break
    return _result(scores, pairs, started, "greedy")
