"""Invariants of the judging statistics, by hypothesis."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from upward.judging import Criteria, Scores, results

N_CRITERIA = 3
# A wide scale so a judge's scores can be shifted or stretched and stay on it.
WIDE = Criteria.from_lists([1, 2, 3], [(0, 1000)] * N_CRITERIA)


@st.composite
def panels(draw, min_judges=3, max_judges=6):
    """A complete design (every judge scores every entry on every criterion), scores 0–100."""
    n_judges = draw(st.integers(min_judges, max_judges))
    n_entries = draw(st.integers(5, 12))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    e, j, c = (
        a.ravel()
        for a in np.meshgrid(
            np.arange(n_entries), np.arange(n_judges), np.arange(N_CRITERIA), indexing="ij"
        )
    )
    score = rng.integers(0, 101, size=e.size).astype(float)
    return e, j, c, score, n_entries, n_judges


def _scores(e, j, c, s, n_entries, n_judges):
    return Scores.from_arrays(e, j, c, s, n_entries, n_judges, N_CRITERIA)


def _all_normalised(out):
    return all(judge.normalised for judge in out.judges)


@settings(max_examples=60, deadline=None)
@given(panels(), st.floats(0, 500), st.floats(0.2, 5), st.data())
def test_shifting_or_stretching_one_judge_leaves_z_scores_and_ranks_alone(
    panel, shift, factor, data
):
    e, j, c, s, n_entries, n_judges = panel
    before = results(_scores(e, j, c, s, n_entries, n_judges), WIDE)
    if not _all_normalised(before):
        return  # a judge with SD 0: raw is used, and raw is not invariant (by design)
    judge = data.draw(st.integers(0, n_judges - 1))
    moved = s.copy()
    moved[j == judge] = moved[j == judge] * factor + shift
    after = results(_scores(e, j, c, moved, n_entries, n_judges), WIDE)
    assert np.allclose(after.z_mean, before.z_mean, atol=1e-9)
    # The normalised mean reads on the panel's (raw) mean and SD, which the change moves: it
    # is the same increasing affine function of the z-score mean for every entry.
    m, sd = after.panels[0].mean, after.panels[0].sd
    assert np.allclose(after.normalised_mean, m + sd * after.z_mean, atol=1e-7)
    # So the order of the normalised means is the order of the (unchanged) z-score means.


@settings(max_examples=60, deadline=None)
@given(panels(), st.data())
def test_recused_scores_never_affect_results(panel, data):
    e, j, c, s, n_entries, n_judges = panel
    recusals = data.draw(
        st.sets(st.tuples(st.integers(0, n_judges - 1), st.integers(0, n_entries - 1)), max_size=6)
    )
    recused = np.array(
        [(int(a), int(b)) in recusals for a, b in zip(j, e, strict=True)], dtype=bool
    )
    garbage = s.copy()
    garbage[recused] = data.draw(st.floats(0, 1000))
    with_garbage = results(
        _scores(e, j, c, garbage, n_entries, n_judges), WIDE, recusals=recusals, lead_judge=[0]
    )
    keep = ~recused
    dropped = results(
        _scores(e[keep], j[keep], c[keep], s[keep], n_entries, n_judges), WIDE, lead_judge=[0]
    )
    for name in (
        "raw_mean",
        "normalised_mean",
        "raw_sd",
        "normalised_sd",
        "rank",
        "tied",
        "n_judges",
    ):
        assert np.array_equal(
            getattr(with_garbage, name),
            getattr(dropped, name),
            equal_nan=name not in ("rank", "tied", "n_judges"),
        ), name
    assert with_garbage.judges == dropped.judges and with_garbage.calibration == dropped.calibration
    assert with_garbage.reliability == dropped.reliability


@settings(max_examples=60, deadline=None)
@given(panels(), st.floats(0.01, 100))
def test_scaling_all_weights_changes_nothing(panel, factor):
    e, j, c, s, n_entries, n_judges = panel
    scores = _scores(e, j, c, s, n_entries, n_judges)
    scaled = Criteria.from_arrays(WIDE.weights * factor, WIDE.minimum, WIDE.maximum)
    a, b = results(scores, WIDE), results(scores, scaled)
    assert np.allclose(a.raw_mean, b.raw_mean, rtol=1e-12) and np.allclose(
        a.normalised_mean, b.normalised_mean
    )
    # Ranks may differ only where the displayed value sits on a rounding edge; none here.
    near_edge = np.abs(a.normalised_mean * 100 - np.round(a.normalised_mean * 100) - 0.5) < 1e-6
    if not near_edge.any():
        assert np.array_equal(a.rank, b.rank)


@settings(max_examples=60, deadline=None)
@given(panels(), st.randoms(use_true_random=False))
def test_relabelling_judges_changes_nothing_about_entries(panel, rnd):
    e, j, c, s, n_entries, n_judges = panel
    labels = list(range(n_judges))
    rnd.shuffle(labels)
    relabel = np.array(labels)
    a = results(_scores(e, j, c, s, n_entries, n_judges), WIDE)
    b = results(_scores(e, relabel[j], c, s, n_entries, n_judges), WIDE)
    for name in ("raw_mean", "normalised_mean", "normalised_sd", "z_mean"):
        assert np.allclose(
            getattr(a, name), getattr(b, name), rtol=1e-12, atol=1e-9, equal_nan=True
        ), name
    assert np.allclose(a.raw, b.raw[relabel], equal_nan=True)
    ra, rb = a.reliability[0], b.reliability[0]
    assert np.isclose(ra.alpha, rb.alpha) and (
        ra.icc_single is None or np.isclose(ra.icc_single, rb.icc_single)
    )
