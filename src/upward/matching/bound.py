"""A certified upper bound on the best total score, from the LP dual.

Any mentor prices :math:`\\lambda \\ge 0` give a bound (weak duality), so the
bound never depends on the search finding the best prices: the search only makes it
tighter. The bipartite b-matching LP is integral, so the LP optimum *is* the best
assignment's total, and the bound's gap to an assignment measures how far that
assignment can be from optimal.
"""

from __future__ import annotations

import numpy as np

from upward.matching.assignment import Assignment, _capacities, assign_greedy, assign_optimal
from upward.matching.scoring import Scores


def dual_value(scores: Scores, capacities, prices) -> tuple[float, np.ndarray]:
    """The dual objective at mentor ``prices`` and a subgradient of it.

    Returns
    -------
    value : float
        :math:`\\sum_i \\max(0, \\max_{j \\text{ feasible}} (s_{ij} - \\lambda_j))
        + \\sum_j c_j \\lambda_j`, an upper bound on the best total when λ ≥ 0.
    subgradient : ndarray, shape (n_mentors,)
        :math:`c_j` minus the number of mentees whose best surplus is positive at j.
    """
    caps = _capacities(scores, capacities).astype(np.float64)
    prices = np.asarray(prices, dtype=np.float64)
    if prices.shape != caps.shape or (prices.size and prices.min() < 0):
        raise ValueError("prices must be one non-negative number per mentor")
    n, m = scores.shape
    if n == 0 or m == 0:
        return float(caps @ prices), caps.copy()
    surplus = np.where(scores.feasible, scores.points - prices, -np.inf)
    best_mentor = surplus.argmax(axis=1)
    best = surplus[np.arange(n), best_mentor]
    taken = best > 0
    value = float(best[taken].sum() + caps @ prices)
    demand = np.bincount(best_mentor[taken], minlength=m)
    return value, caps - demand


def slackness_prices(scores: Scores, assignment: Assignment, iterations: int = 500
                     ) -> np.ndarray:
    """The smallest mentor prices under which no mentee envies another's place.

    Starting from what unmatched mentees would pay, each mentor's price is raised until
    every matched mentee's surplus at their own mentor is at least their surplus
    anywhere else (a longest-path fixpoint over the mentor graph, at most
    ``iterations`` rounds). When ``assignment`` is optimal these are LP-optimal duals
    (complementary slackness) and :func:`dual_value` at them equals its total, which
    certifies the optimality; for any assignment they are valid prices (≥ 0).
    """
    n, m = scores.shape
    points = scores.points.astype(np.float64)
    mentor_of = np.full(n, -1)
    for i, j in assignment.pairs:
        mentor_of[i] = j
    if mentor_of.size and mentor_of.max() >= m:
        raise ValueError("assignment does not fit the score matrix")
    unmatched = mentor_of < 0
    floor = np.zeros(m)
    if unmatched.any():
        floor = np.maximum(0.0, np.where(scores.feasible[unmatched], points[unmatched],
                                         0.0).max(axis=0))
    matched = np.flatnonzero(~unmatched)
    if matched.size == 0:
        return floor
    own = points[matched, mentor_of[matched]]
    envy = np.where(scores.feasible[matched], points[matched] - own[:, None], -np.inf)
    order = np.argsort(mentor_of[matched], kind="stable")
    groups, starts = np.unique(mentor_of[matched][order], return_index=True)
    # envy_between[k, j]: the most a mentee held by k would gain by moving to j at equal prices.
    envy_between = np.full((groups.size, m), -np.inf)
    envy_between[:] = np.maximum.reduceat(envy[order], starts, axis=0)
    prices = floor.copy()
    for _ in range(iterations):
        raised = np.maximum(floor, (prices[groups][:, None] + envy_between).max(axis=0))
        if np.array_equal(raised, prices):
            break
        prices = raised
    return prices


def lp_upper_bound(scores: Scores, capacities, iterations: int = 500,
                   assignment: Assignment | None = None, warm_start: bool = True) -> float:
    """Upper bound on the best total score (certified: it holds whatever the search does).

    Parameters
    ----------
    scores : Scores
    capacities : array-like of int, shape (n_mentors,)
    iterations : int
        Steps of projected subgradient descent on the mentor prices (and the most
        rounds of :func:`slackness_prices`).
    assignment : Assignment, optional
        Start from the prices that make this assignment envy-free
        (:func:`slackness_prices`); from the optimal assignment they are exact, and the
        bound then equals its total — a certificate that it is optimal. Default: the
        optimal assignment (:func:`assign_optimal`), when ``warm_start``.
    warm_start : bool
        False: ignore assignments and descend from zero prices, with the greedy total as
        the step target (an independent, looser bound).

    Returns
    -------
    float
        :math:`\\min_k g(\\lambda^{(k)}) \\ge` LP optimum = best assignment total, where

        .. math:: g(\\lambda) = \\sum_i \\max\\bigl(0, \\max_{j:\\,(i,j)\\text{ feasible}}
                  (s_{ij} - \\lambda_j)\\bigr) + \\sum_j c_j \\lambda_j

    Notes
    -----
    :math:`g` is the Lagrangian dual of the b-matching LP (the mentors' capacities
    relaxed with prices λ ≥ 0): for any λ ≥ 0 and any feasible (fractional) matching
    :math:`x`, :math:`\\sum s_{ij} x_{ij} \\le \\sum_{ij} (s_{ij} - \\lambda_j) x_{ij}
    + \\sum_j c_j \\lambda_j \\le g(\\lambda)` (weak duality). The bound is :math:`g`
    evaluated exactly at every price vector tried, so it is valid whatever the search —
    including prices read off an assignment: they make the bound sharp, never wrong.
    The search is projected subgradient descent with Polyak's step
    :math:`\\theta (g - L) / \\lVert d \\rVert^2` towards the best known total :math:`L`,
    halving θ after 10 steps without progress (Held, Wolfe & Crowder). From zero prices
    alone it converges slowly (within a few per cent on the tests' instances); the
    start from :func:`slackness_prices` is what makes it sharp.

    References
    ----------
    Polyak, B. T. (1969). Minimization of unsmooth functionals. *USSR Computational
    Mathematics and Mathematical Physics* 9(3), 14–29.
    Held, M., Wolfe, P. & Crowder, H. P. (1974). Validation of subgradient optimization.
    *Mathematical Programming* 6, 62–88.
    """
    caps = _capacities(scores, capacities)
    if iterations < 1:
        raise ValueError(f"iterations must be at least 1, got {iterations}")
    n, m = scores.shape
    if n == 0 or m == 0 or not scores.feasible.any():
        return 0.0
    if warm_start and assignment is None:
        assignment = assign_optimal(scores, caps)
    if not warm_start or assignment is None:
        prices = np.zeros(m)
        lower = float(assign_greedy(scores, caps).total)
    else:
        prices = slackness_prices(scores, assignment, iterations)
        lower = float(assignment.total)
    best, subgradient = dual_value(scores, caps, prices)
    best_prices, value = prices, best
    theta, stale = 1.0, 0
    for _ in range(iterations):
        norm = float(subgradient @ subgradient)
        if norm == 0 or best - lower <= 1e-9 * max(1.0, abs(best)):
            break  # zero subgradient: optimal prices; or the bound meets a known total
        step = theta * (value - lower + 1e-9 * max(1.0, abs(value))) / norm
        prices = np.maximum(0.0, prices - step * subgradient)
        value, subgradient = dual_value(scores, caps, prices)
        if value < best - 1e-12 * max(1.0, abs(best)):
            best, best_prices, stale = value, prices, 0
        else:
            stale += 1
            if stale >= 10:
                theta, stale = theta / 2, 0
                prices = best_prices
                value, subgradient = dual_value(scores, caps, prices)
    return best
