"""The block-by-block passes behind income_mobility, run with tiny blocks.

Blocks of a few rows make every block boundary, tie group spanning blocks and
carry between blocks happen on small data. Each bootstrap replicate must give
exactly the statistics of the point estimate with the replicate's counts as
weights (times the survey weights).
"""

import numpy as np
import pytest

from upward.measure import _passes, income_mobility, ranks
from upward.measure import income as income_module


@pytest.fixture
def tiny_blocks(monkeypatch):
    monkeypatch.setattr(_passes, "CHUNK", 16)
    monkeypatch.setattr(_passes, "HALF_CHUNK", 16)
    monkeypatch.setattr(income_module, "CHUNK", 16)  # work split in halves from 64 rows
    monkeypatch.setattr(ranks, "_CHUNK", 16)


def _pairs(n, ties, zeros, seed=0):
    rng = np.random.default_rng(seed)
    parent = rng.lognormal(10, 1, n)
    child = np.exp(0.4 * np.log(parent) + rng.normal(6, 0.7, n))
    if ties:
        parent = np.round(parent / 5000) * 5000
        child = np.round(child / 5000) * 5000
    if zeros:
        parent[: n // 20] = 0.0
        child[n // 10 : n // 10 + n // 15] = 0.0
    return parent, child


def _reference(parent, child, w, k=5):
    """Weighted mid-ranks, least squares and the transition table, written out directly."""

    def ranks_of(x):
        order = np.argsort(x, kind="stable")
        xs, ws = x[order], w[order]
        _, start, counts = np.unique(xs, return_index=True, return_counts=True)
        cum = np.concatenate([[0.0], np.cumsum(ws)])
        group = (cum[start] + cum[start + counts]) / 2
        out = np.empty_like(x)
        out[order] = np.repeat(group, counts) * 100 / cum[-1]
        return out

    rp, rc = ranks_of(parent), ranks_of(child)
    slope, intercept = np.polyfit(rp, rc, 1, w=np.sqrt(w))
    cuts = 100.0 * np.arange(1, k) / k
    qp, qc = np.searchsorted(cuts, rp, side="right"), np.searchsorted(cuts, rc, side="right")
    counts = np.zeros((k, k))
    np.add.at(counts, (qp, qc), w)
    keep = (parent > 0) & (child > 0) & (w > 0)
    ige = np.polyfit(np.log(parent[keep]), np.log(child[keep]), 1, w=np.sqrt(w[keep]))[0]
    return {
        "rank_slope": slope,
        "rank_intercept": intercept,
        "ige": ige,
        "transition": counts / counts.sum(1, keepdims=True),
    }


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
def test_point_estimate_in_tiny_blocks_matches_reference(tiny_blocks, ties, weighted):
    parent, child = _pairs(997, ties, zeros=True)
    w = np.random.default_rng(1).random(parent.size) if weighted else np.ones(parent.size)
    result = income_mobility(parent, child, weights=w if weighted else None)
    expected = _reference(parent, child, w)
    assert result.rank_slope == pytest.approx(expected["rank_slope"], abs=1e-10)
    assert result.rank_intercept == pytest.approx(expected["rank_intercept"], abs=1e-8)
    assert result.ige == pytest.approx(expected["ige"], abs=1e-10)
    np.testing.assert_allclose(result.transition, expected["transition"], atol=1e-12)


@pytest.mark.parametrize("n", [997, 1000, 1024])
@pytest.mark.parametrize("k", [2, 4, 5, 10])
def test_point_estimate_without_ties_matches_reference(tiny_blocks, n, k):
    parent, child = _pairs(n, ties=False, zeros=False, seed=n + k)
    result = income_mobility(parent, child, quantiles=k)
    expected = _reference(parent, child, np.ones(n), k)
    assert result.rank_slope == pytest.approx(expected["rank_slope"], abs=1e-10)
    assert result.rank_intercept == pytest.approx(expected["rank_intercept"], abs=1e-8)
    assert result.ige == pytest.approx(expected["ige"], abs=1e-10)
    np.testing.assert_allclose(result.transition, expected["transition"], atol=1e-12)


def test_integer_thresholds_give_the_classes_of_floating_point_ranks():
    for n in (10, 20, 25, 997, 1000):
        h = (100.0 / n) / 2
        for k in (2, 3, 4, 5, 10, 20):
            classes = _passes.Classes(h, k, integer=True)
            numerators = np.arange(0, 2 * n + 1)
            cuts = 100.0 * np.arange(1, k) / k
            expected = np.searchsorted(cuts, numerators * h, side="right")
            got = classes.of(numerators, np.empty(numerators.size, dtype=np.uint8))
            np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("ties", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("policy", ["drop", "recode", "poisson"])
def test_replicate_equals_point_estimate_with_its_counts_as_weights(
    tiny_blocks, monkeypatch, ties, weighted, policy
):
    parent, child = _pairs(601, ties, zeros=True, seed=2)
    n = parent.size
    survey = np.random.default_rng(3).random(n) + 0.5 if weighted else None
    counts = np.random.default_rng(4).poisson(1.0, n).astype(np.uint8)
    drawn = 0

    def frame_counts(rng, size, out):
        # The replicate draws its counts block by block along the parent's sort order.
        nonlocal drawn
        out[...] = counts[drawn : drawn + size]
        drawn += size
        return out

    monkeypatch.setattr(_passes.replicate_weights, "poisson_counts", frame_counts)
    result = income_mobility(
        parent, child, weights=survey, zero_income=policy, bootstrap=1, seed=0, recode_value=50.0
    )
    # counts were drawn in the parent's sort order: give row i its count.
    parent_order = ranks.sort_column(parent).order
    row_counts = np.empty(n)
    row_counts[parent_order] = counts
    weights = row_counts if survey is None else row_counts * survey
    expected = income_mobility(
        parent, child, weights=weights, zero_income=policy, recode_value=50.0
    )
    draws = result._draws
    for name in ("rank_slope", "rank_intercept", "absolute_upward", "bottom_to_top", "ige"):
        assert draws[name][0] == pytest.approx(getattr(expected, name), rel=1e-9, abs=1e-9), name
    for name in ("shorrocks", "eigenvalue", "bartholomew"):
        assert draws[name][0] == pytest.approx(getattr(expected.indices, name), abs=1e-9), name
    assert drawn == n


def test_bootstrap_does_not_depend_on_block_size(monkeypatch):
    parent, child = _pairs(3000, ties=True, zeros=False, seed=5)
    first = income_mobility(parent, child, bootstrap=8, seed=9)
    monkeypatch.setattr(_passes, "CHUNK", 64)
    monkeypatch.setattr(ranks, "_CHUNK", 64)
    second = income_mobility(parent, child, bootstrap=8, seed=9)
    for name, draws in first._draws.items():
        np.testing.assert_allclose(second._draws[name], draws, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize(
    "x",
    [
        np.random.default_rng(7).lognormal(10, 1, 700),
        np.random.default_rng(8).integers(0, 30, 700).astype(float),
        # A narrow range far from zero: the packing lifts the value bits a lot.
        1e6 + np.random.default_rng(9).integers(0, 90, 700) * 2.0**-30,
        np.full(300, 7.5),
        np.array([0.0, -0.0, 3.0, 3.0, 1e-300, 5e-324, 1e300, -0.0]),
    ],
)
@pytest.mark.parametrize("labelled", [False, True])
def test_sort_column_orders_exactly_and_finds_ties(tiny_blocks, x, labelled):
    n = x.size
    labels = rows = None
    if labelled:
        labels = np.random.default_rng(10).permutation(n)
        rows = np.empty(n, dtype=np.int64)
        rows[labels] = np.arange(n)
    column = ranks.sort_column(x, labels=labels, rows=rows)
    in_order = column.order if rows is None else rows[column.order]
    assert sorted(in_order.tolist()) == list(range(n))
    values = x[in_order] + 0.0
    assert np.all(np.diff(values) >= 0)
    # Exactly the pairs of equal neighbours are inside one tied group.
    same_as_next = values[1:] == values[:-1]
    in_group = np.zeros(n - 1, dtype=bool)
    if column.ties.starts is not None:
        for start, end in zip(column.ties.starts, column.ties.ends, strict=True):
            assert end - start >= 2
            in_group[start : end - 1] = True
    np.testing.assert_array_equal(in_group, same_as_next)


def test_bootstrap_draws_do_not_depend_on_the_number_of_threads(monkeypatch):
    parent, child = _pairs(4000, ties=True, zeros=True, seed=11)
    monkeypatch.setattr(income_module, "_WORKERS", 1)
    one = income_mobility(parent, child, bootstrap=6, seed=3)
    monkeypatch.setattr(income_module, "_WORKERS", 2)
    two = income_mobility(parent, child, bootstrap=6, seed=3)
    for name, draws in one._draws.items():
        np.testing.assert_array_equal(two._draws[name], draws)
