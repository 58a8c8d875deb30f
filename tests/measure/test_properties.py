"""Invariants checked on generated inputs (hypothesis, modest example counts)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from upward.measure import MobilityTable, altham, income_mobility, mobility_indices
from upward.measure.ranks import midranks, sort_column

FAST = settings(max_examples=40, deadline=None)

incomes = hnp.arrays(
    np.float64,
    st.integers(5, 60),
    elements=st.floats(0, 1e6, allow_nan=False, allow_infinity=False),
)
tables = hnp.arrays(np.float64, (4, 4), elements=st.integers(1, 200).map(float))


@st.composite
def transition_matrices(draw):
    k = draw(st.integers(2, 6))
    raw = draw(hnp.arrays(np.float64, (k, k), elements=st.floats(0.01, 1.0)))
    return raw / raw.sum(axis=1, keepdims=True)


@FAST
@given(st.permutations(list(range(30))))
def test_ranks_of_a_permutation_are_evenly_spaced(values):
    x = np.array(values, dtype=float)
    column = sort_column(x)
    ranks = np.empty_like(x)
    ranks[column.order] = midranks(column.ties)
    np.testing.assert_allclose(ranks, 100 * (x + 0.5) / x.size)


@FAST
@given(incomes)
def test_weighted_mean_rank_is_50(x):
    w = np.linspace(0.5, 2.0, x.size)
    column = sort_column(x)
    ranks = midranks(column.ties, w[column.order])
    assert np.average(ranks, weights=w[column.order]) == pytest.approx(50.0)


@FAST
@given(st.integers(2, 8))
def test_identity_matrix_gives_zero_mobility(k):
    m = mobility_indices(np.eye(k))
    for name in ("shorrocks", "determinant", "determinant_rooted", "eigenvalue", "bartholomew"):
        assert getattr(m, name) == pytest.approx(0.0, abs=1e-12), name
    assert np.all(m.prais == 0)


@FAST
@given(transition_matrices())
def test_indices_within_bounds(P):
    m = mobility_indices(P)
    k = P.shape[0]
    assert -1e-12 <= m.shorrocks <= k / (k - 1) + 1e-12
    for name in ("determinant", "determinant_rooted", "eigenvalue", "bartholomew"):
        assert -1e-12 <= getattr(m, name) <= 1 + 1e-12, name
    assert np.all((m.prais >= 0) & (m.prais <= 1))
    assert m.steady_state.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(m.steady_state @ P, m.steady_state, atol=1e-9)


@FAST
@given(tables, st.floats(0.1, 50))
def test_table_results_invariant_to_scaling(counts, factor):
    t, scaled = MobilityTable(counts), MobilityTable(counts * factor)
    np.testing.assert_allclose(t.outflow(), scaled.outflow())
    rates, scaled_rates = t.absolute_rates(), scaled.absolute_rates()
    for name in ("immobile", "upward", "downward", "structural", "circulation"):
        assert getattr(rates, name) == pytest.approx(getattr(scaled_rates, name)), name
    assert altham(counts) == pytest.approx(altham(counts * factor))
    a = t.fit("uniform_association").params["gamma"]
    assert scaled.fit("uniform_association").params["gamma"] == pytest.approx(a, abs=1e-7)


@FAST
@given(tables)
def test_outflow_rows_and_inflow_columns_sum_to_one(counts):
    t = MobilityTable(counts)
    np.testing.assert_allclose(t.outflow().sum(axis=1), 1.0)
    np.testing.assert_allclose(t.inflow().sum(axis=0), 1.0)


@FAST
@given(tables)
def test_altham_matches_brute_force_definition(counts):
    rng = np.random.default_rng(0)
    other = counts + rng.integers(1, 20, counts.shape)
    log_p, log_q = np.log(counts), np.log(other)
    total = 0.0
    rows, cols = counts.shape
    for i in range(rows):
        for i2 in range(rows):
            for j in range(cols):
                for j2 in range(cols):
                    lp = log_p[i, j] + log_p[i2, j2] - log_p[i, j2] - log_p[i2, j]
                    lq = log_q[i, j] + log_q[i2, j2] - log_q[i, j2] - log_q[i2, j]
                    total += (lp - lq) ** 2
    assert altham(counts, other) == pytest.approx(np.sqrt(total))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 4))
def test_weight_of_two_equals_duplicating_rows(seed, k):
    rng = np.random.default_rng(seed)
    parent = np.round(rng.lognormal(3, 1, 40), 1)
    child = np.round(rng.lognormal(3, 1, 40), 1)
    weights = np.ones(40)
    weights[:10] = 2.0
    weighted = income_mobility(parent, child, weights=weights, quantiles=k)
    duplicated = income_mobility(
        np.concatenate([parent, parent[:10]]), np.concatenate([child, child[:10]]), quantiles=k
    )
    for name in ("ige", "rank_slope", "absolute_upward", "bottom_to_top"):
        assert getattr(weighted, name) == pytest.approx(getattr(duplicated, name), abs=1e-9)
    np.testing.assert_allclose(weighted.transition, duplicated.transition, atol=1e-12)

    table_w = MobilityTable.from_pairs(parent > 20, child > 20, weights=weights)
    table_d = MobilityTable.from_pairs(
        np.concatenate([parent, parent[:10]]) > 20, np.concatenate([child, child[:10]]) > 20
    )
    np.testing.assert_array_equal(table_w.counts, table_d.counts)
