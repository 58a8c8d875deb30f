"""assign_optimal against brute force, assign_stable has no blocking pair, and all three
modes keep the capacities and the hard constraints."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from upward.matching import (
    Scores,
    assign_greedy,
    assign_optimal,
    assign_stable,
    score_matrix,
    slot_weights,
)

from .instances import brute_force_best, check_valid, random_scores, score_instances, signups

MODES = [assign_optimal, assign_stable, assign_greedy]


@settings(max_examples=400, deadline=None)
@given(score_instances())
def test_optimal_matches_brute_force_on_total_then_matched(instance):
    scores, caps = instance
    result = assign_optimal(scores, caps)
    check_valid(result, scores, caps)
    assert (result.total, result.matched) == brute_force_best(scores, caps)


@settings(max_examples=200, deadline=None)
@given(score_instances(max_mentees=6, max_mentors=4, max_points=3))
def test_no_mode_beats_the_optimum(instance):
    scores, caps = instance
    best = assign_optimal(scores, caps).total
    for mode in (assign_stable, assign_greedy):
        assert mode(scores, caps).total <= best


def test_a_feasible_pair_worth_nothing_is_still_matched():
    """The +1 per slot weight: among equal totals, more mentees matched wins."""
    scores = Scores(np.array([[5, 0], [0, 0]], dtype=np.int32),
                    np.array([[True, False], [True, True]]))
    result = assign_optimal(scores, [1, 1])
    assert result.pairs == ((0, 0), (1, 1)) and result.total == 5 and result.matched == 2


def prefers(points_row, a, b):
    """Mentee (or mentor) ranking: higher points first, then the lower index."""
    return (points_row[a], -a) > (points_row[b], -b)


def assert_stable(result, scores, caps, mentor_ranks):
    mentor_of = result.mentor_of()
    held = {j: [i for i, k in result.pairs if k == j] for j in range(scores.shape[1])}
    for i in range(scores.shape[0]):
        for j in np.flatnonzero(scores.feasible[i]):
            j = int(j)
            if mentor_of.get(i) == j:
                continue
            mentee_wants = i not in mentor_of or prefers(scores.points[i], j, mentor_of[i])
            if not mentee_wants:
                continue
            mentor_wants = len(held[j]) < caps[j] or any(
                prefers(mentor_ranks[:, j], i, other) for other in held[j])
            assert not mentor_wants, f"blocking pair: mentee {i}, mentor {j}"


@settings(max_examples=400, deadline=None)
@given(score_instances(max_mentees=7, max_mentors=4, max_points=4), st.data())
def test_stable_matching_has_no_blocking_pair(instance, data):
    scores, caps = instance
    n, m = scores.shape
    asymmetric = data.draw(st.booleans())
    ranks = (np.array(data.draw(st.lists(st.integers(0, 4), min_size=n * m, max_size=n * m)),
                      dtype=float).reshape(n, m) if asymmetric else None)
    result = assign_stable(scores, caps, mentor_scores=ranks)
    check_valid(result, scores, caps)
    assert_stable(result, scores, caps, scores.points if ranks is None else ranks)


def test_stable_matching_has_no_blocking_pair_on_a_medium_asymmetric_instance():
    rng = np.random.default_rng(8)
    scores, caps = random_scores(rng, 300, 90)
    ranks = rng.integers(0, 50, scores.shape)
    result = assign_stable(scores, caps, mentor_scores=ranks)
    check_valid(result, scores, caps)
    assert_stable(result, scores, caps, ranks)


@settings(max_examples=100, deadline=None)
@given(signups())
def test_no_mode_pairs_what_the_rules_forbid(instance):
    mentees, mentors, rules = instance
    scores = score_matrix(mentees, mentors, rules=rules)
    caps = np.array([m.capacity for m in mentors], dtype=int)
    for mode in MODES:
        result = mode(scores, caps)
        check_valid(result, scores, caps)
        for i, j in result.pairs:
            assert mentees[i].person != mentors[j].person


@pytest.mark.parametrize("seed", range(4))
def test_optimal_equals_plain_solver_and_never_loses_to_greedy_on_medium_instances(seed):
    rng = np.random.default_rng(seed)
    scores, caps = random_scores(rng, 400, 150, forbidden=0.3)
    result = assign_optimal(scores, caps)
    check_valid(result, scores, caps)
    weights, _ = slot_weights(scores, caps)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    plain = weights[rows, cols]
    n_plus_1 = scores.shape[0] + 1
    assert result.total == int(plain.sum() // n_plus_1)
    assert result.matched == int((plain > 0).sum())
    assert result.total >= assign_greedy(scores, caps).total


def test_stable_with_identical_mentor_scores_and_greedy_agree():
    """With one score both sides rank by, the stable matching is unique: the greedy one."""
    rng = np.random.default_rng(1)
    scores, caps = random_scores(rng, 200, 60)
    assert assign_stable(scores, caps).pairs == assign_greedy(scores, caps).pairs


def test_a_mentee_with_no_allowed_mentor_stays_unmatched_in_every_mode():
    scores = Scores(np.array([[3, 1], [0, 0]], dtype=np.int32),
                    np.array([[True, True], [False, False]]))
    for mode in MODES:
        result = mode(scores, [2, 2])
        assert result.pairs == ((0, 0),) and result.unmatched == (1,)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("capacities", "message"), [
    ([1], "one entry per mentor"),
    ([1, 0], "at least 1"),
    ([1.5, 1], "whole number"),
])
def test_bad_capacities_are_refused(mode, capacities, message):
    scores = Scores(np.zeros((2, 2), dtype=np.int32), np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match=message):
        mode(scores, capacities)


def test_bad_scores_are_refused():
    with pytest.raises(ValueError, match="same shape"):
        Scores(np.zeros((2, 2), dtype=np.int32), np.ones((2, 3), dtype=bool))
    with pytest.raises(ValueError, match="boolean"):
        Scores(np.zeros((2, 2), dtype=np.int32), np.ones((2, 2)))
    with pytest.raises(ValueError, match="not be negative"):
        Scores(-np.ones((1, 1), dtype=np.int32), np.ones((1, 1), dtype=bool))
    with pytest.raises(ValueError, match="must be a Scores"):
        assign_optimal(np.zeros((2, 2)), [1, 1])
    scores = Scores(np.zeros((2, 2), dtype=np.int32), np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match="too large for an exact optimal assignment"):
        assign_optimal(Scores(np.full((3, 2), 2**50, dtype=np.int64),
                              np.ones((3, 2), dtype=bool)), [1, 1])
    with pytest.raises(ValueError, match="mentor_scores must have the shape"):
        assign_stable(scores, [1, 1], mentor_scores=np.zeros((3, 2)))
