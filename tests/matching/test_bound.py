"""lp_upper_bound: never below the optimum, and equal to the LP value (HiGHS) when
started from the optimal assignment's prices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from upward.matching import (
    Scores,
    assign_greedy,
    assign_optimal,
    assign_stable,
    dual_value,
    lp_upper_bound,
    slackness_prices,
)

from .instances import random_scores, score_instances


def lp_optimum(scores: Scores, caps) -> float:
    """The b-matching LP solved independently by HiGHS: max s·x, each mentee ≤ 1,
    mentor j ≤ caps[j], 0 ≤ x ≤ 1 on allowed pairs."""
    n, m = scores.shape
    rows, cols = np.nonzero(scores.feasible)
    k = rows.size
    if k == 0:
        return 0.0
    constraints = csr_matrix(
        (np.ones(2 * k), (np.r_[rows, n + cols], np.r_[np.arange(k), np.arange(k)])),
        shape=(n + m, k))
    result = linprog(-scores.points[rows, cols].astype(float), A_ub=constraints,
                     b_ub=np.r_[np.ones(n), caps], bounds=(0, 1), method="highs")
    assert result.status == 0
    return -result.fun


@settings(max_examples=300, deadline=None)
@given(score_instances(max_mentees=6, max_mentors=4))
def test_the_bound_is_never_below_the_optimum(instance):
    scores, caps = instance
    optimum = assign_optimal(scores, caps).total
    assert lp_upper_bound(scores, caps, iterations=50) >= optimum - 1e-9
    assert lp_upper_bound(scores, caps, iterations=50, warm_start=False) >= optimum - 1e-9
    for mode in (assign_optimal, assign_stable, assign_greedy):
        warm = lp_upper_bound(scores, caps, iterations=20, assignment=mode(scores, caps))
        assert warm >= optimum - 1e-9


@pytest.mark.parametrize("seed", range(6))
def test_the_bound_is_the_lp_value_on_medium_instances(seed):
    rng = np.random.default_rng(100 + seed)
    scores, caps = random_scores(rng, int(rng.integers(150, 400)), int(rng.integers(40, 150)))
    lp = lp_optimum(scores, caps)
    optimal = assign_optimal(scores, caps)
    assert optimal.total == pytest.approx(lp, abs=1e-6)  # the LP is integral
    assert lp - 1e-6 <= lp_upper_bound(scores, caps) <= lp * 1.001
    assert lp - 1e-6 <= lp_upper_bound(scores, caps, assignment=optimal) <= lp * 1.001
    cold = lp_upper_bound(scores, caps, warm_start=False)  # from zero prices: valid, looser
    assert cold >= lp - 1e-6


def test_optimal_prices_meet_complementary_slackness():
    rng = np.random.default_rng(5)
    scores, caps = random_scores(rng, 120, 40)
    optimal = assign_optimal(scores, caps)
    prices = slackness_prices(scores, optimal)
    assert (prices >= 0).all()
    load = np.bincount([j for _, j in optimal.pairs], minlength=40)
    assert (prices[load < caps] == 0).all()  # a mentor with a free place costs nothing
    value, _ = dual_value(scores, caps, prices)
    assert value == pytest.approx(optimal.total)


def test_any_prices_give_a_valid_bound():
    rng = np.random.default_rng(6)
    scores, caps = random_scores(rng, 80, 30)
    optimum = assign_optimal(scores, caps).total
    for _ in range(20):
        value, _ = dual_value(scores, caps, rng.uniform(0, 80, 30))
        assert value >= optimum


def test_bad_input_is_refused():
    scores = Scores(np.ones((2, 2), dtype=np.int32), np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match="iterations"):
        lp_upper_bound(scores, [1, 1], iterations=0)
    with pytest.raises(ValueError, match="prices"):
        dual_value(scores, [1, 1], [-1.0, 0.0])
