"""income_mobility against an independent hand-rolled pipeline (scipy rankdata + least squares)."""

import warnings

import numpy as np
import pytest
from scipy import stats

from upward.measure import EstimateWarning, income_mobility
from upward.measure.ranks import midranks, sort_column


def _pairs(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    parent = rng.lognormal(10, 1, n)
    child = np.exp(0.4 * np.log(parent) + rng.normal(6, 0.7, n))
    parent[:25] = 0.0
    child[40:60] = 0.0
    return parent, child


def _weighted_midranks_brute_force(x, w):
    total = w.sum()
    return np.array([100 * (w[x < v].sum() + 0.5 * w[x == v].sum()) / total for v in x])


def test_midranks_match_scipy_rankdata_with_ties():
    x = np.random.default_rng(3).integers(0, 40, 500).astype(float)
    column = sort_column(x)
    ranks = np.empty_like(x)
    ranks[column.order] = midranks(column.ties)
    np.testing.assert_allclose(ranks, 100 * (stats.rankdata(x) - 0.5) / x.size, atol=1e-12)


@pytest.mark.parametrize(
    "x",
    [
        np.random.default_rng(1).lognormal(size=400),
        np.random.default_rng(2).integers(0, 9, 400).astype(float),
        # Values equal in their top bits but different: the packed sort must re-check them.
        1.0 + np.random.default_rng(4).integers(0, 50, 400) * 2.0**-50,
        np.array([0.0, -0.0, 3.0, 3.0, 1e-300]),
    ],
)
def test_weighted_midranks_match_definition(x):
    w = np.random.default_rng(5).random(x.size)
    column = sort_column(x)
    assert np.all(np.diff(x[column.order]) >= 0)
    ranks = np.empty_like(x)
    ranks[column.order] = midranks(column.ties, w[column.order])
    np.testing.assert_allclose(ranks, _weighted_midranks_brute_force(x, w), atol=1e-10)


def test_rank_slope_ige_and_transition_match_hand_rolled_pipeline():
    parent, child = _pairs()
    n = parent.size
    result = income_mobility(parent, child)
    rank_p = 100 * (stats.rankdata(parent) - 0.5) / n
    rank_c = 100 * (stats.rankdata(child) - 0.5) / n
    slope, intercept = np.polyfit(rank_p, rank_c, 1)
    assert result.rank_slope == pytest.approx(slope, abs=1e-10)
    assert result.absolute_upward == pytest.approx(intercept + 25 * slope, abs=1e-8)
    keep = (parent > 0) & (child > 0)
    assert result.n_ige == keep.sum()
    assert result.ige == pytest.approx(
        np.polyfit(np.log(parent[keep]), np.log(child[keep]), 1)[0], abs=1e-10
    )
    qp = np.minimum((rank_p * 5 // 100).astype(int), 4)
    qc = np.minimum((rank_c * 5 // 100).astype(int), 4)
    counts = np.zeros((5, 5))
    np.add.at(counts, (qp, qc), 1)
    np.testing.assert_allclose(result.transition, counts / counts.sum(1, keepdims=True))
    assert result.bottom_to_top == result.transition[0, 4]
    assert result.indices.shorrocks == pytest.approx((5 - np.trace(result.transition)) / 4)


def test_zero_income_policies():
    parent, child = _pairs()
    recoded = income_mobility(parent, child, zero_income="recode", recode_value=100.0)
    p = np.where(parent > 0, parent, 100.0)
    c = np.where(child > 0, child, 100.0)
    assert recoded.n_ige == parent.size
    assert recoded.ige == pytest.approx(np.polyfit(np.log(p), np.log(c), 1)[0], abs=1e-10)
    poisson = income_mobility(parent, child, zero_income="poisson")
    import statsmodels.api as sm

    keep = parent > 0
    glm = sm.GLM(child[keep], sm.add_constant(np.log(parent[keep])), family=sm.families.Poisson())
    assert poisson.ige == pytest.approx(glm.fit().params[1], abs=1e-8)
    assert poisson.n_ige == keep.sum()


def test_weighted_ige_matches_weighted_least_squares():
    parent, child = _pairs()
    w = np.random.default_rng(9).random(parent.size)
    result = income_mobility(parent, child, weights=w)
    keep = (parent > 0) & (child > 0)
    slope = np.polyfit(np.log(parent[keep]), np.log(child[keep]), 1, w=np.sqrt(w[keep]))[0]
    assert result.ige == pytest.approx(slope, abs=1e-10)


def test_bootstrap_is_reproducible_and_covers_the_estimate():
    parent, child = _pairs(1500)
    first = income_mobility(parent, child, bootstrap=60, seed=42)
    second = income_mobility(parent, child, bootstrap=60, seed=42)
    other = income_mobility(parent, child, bootstrap=60, seed=43)
    assert first.conf_int() == second.conf_int()
    assert first.conf_int() != other.conf_int()
    intervals = first.conf_int(alpha=0.1)
    for name in ("ige", "rank_slope", "absolute_upward", "shorrocks"):
        low, high = intervals[name]
        value = getattr(first, name) if hasattr(first, name) else getattr(first.indices, name)
        assert low < value < high, name


def test_bootstrap_progress_is_reported():
    parent, child = _pairs(500)
    seen = []
    income_mobility(parent, child, bootstrap=5, seed=1, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_conf_int_without_bootstrap_says_how_to_get_it():
    parent, child = _pairs(200)
    with pytest.raises(ValueError, match="bootstrap=200"):
        income_mobility(parent, child).conf_int()


def test_accepts_lists_pandas_and_polars():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    parent, child = _pairs(300)
    expected = income_mobility(parent, child)
    for p, c in [
        (parent.tolist(), child.tolist()),
        (pd.Series(parent), pd.Series(child)),
        (pl.Series(parent), pl.Series(child)),
    ]:
        assert income_mobility(p, c).rank_slope == pytest.approx(expected.rank_slope, abs=1e-14)


def test_result_outputs():
    parent, child = _pairs(300)
    result = income_mobility(parent, child, bootstrap=20, seed=0)
    d = result.to_dict()
    assert set(d) >= {"n", "ige", "rank_slope", "absolute_upward", "bottom_to_top", "transition"}
    assert d["indices"]["shorrocks"] == result.indices.shorrocks
    assert "rank_slope" in result.summary()
    frame = result.to_frame()
    assert frame.loc["ige", "value"] == result.ige
    assert "<table>" in result._repr_html_()
    with pytest.raises(AttributeError):
        result.ige = 1.0
    with pytest.raises(ValueError):
        result.transition[0, 0] = 1.0


# ----------------------------------------------------------------------------- HC1 standard errors
#
# Independent reference: statsmodels, on ranks from scipy's rankdata (weighted
# mid-ranks by their definition). Tolerance 1e-9 relative: both are the same
# closed-form sandwich estimator, summed in a different order.


def _weighted_ranks(x, w):
    if w is None:
        return 100 * (stats.rankdata(x) - 0.5) / x.size
    return _weighted_midranks_brute_force(x, w)


@pytest.mark.parametrize("weighted", [False, True], ids=["unweighted", "weighted"])
@pytest.mark.parametrize("ties", [False, True], ids=["distinct", "ties"])
def test_hc1_standard_errors_match_statsmodels(weighted, ties):
    sm = pytest.importorskip("statsmodels.api")
    rng = np.random.default_rng(21)
    n = 800
    parent = rng.lognormal(10, 0.8, n)
    # Heteroskedastic: the robust and the classical standard errors differ.
    child = np.exp(0.4 * np.log(parent) + rng.normal(6, 0.4 + 0.5 * (parent > 25_000), n))
    if ties:
        parent, child = np.round(parent, -3), np.round(child, -3)  # many ties, some zeros
    w = rng.uniform(0.5, 2.0, n) if weighted else None
    result = income_mobility(parent, child, weights=w)
    ones = np.ones(n) if w is None else w
    ranks = sm.WLS(
        _weighted_ranks(child, w), sm.add_constant(_weighted_ranks(parent, w)), weights=ones
    ).fit(cov_type="HC1")
    assert result.rank_slope == pytest.approx(ranks.params[1], rel=1e-9)
    assert result.se["rank_slope"] == pytest.approx(ranks.bse[1], rel=1e-9)
    keep = (parent > 0) & (child > 0)
    ige = sm.WLS(
        np.log(child[keep]), sm.add_constant(np.log(parent[keep])), weights=ones[keep]
    ).fit(cov_type="HC1")
    assert result.ige == pytest.approx(ige.params[1], rel=1e-9)
    assert result.se["ige"] == pytest.approx(ige.bse[1], rel=1e-9)
    # Wald intervals, as statsmodels' (normal, since use_t is False for HC1).
    intervals = result.conf_int(alpha=0.1, method="hc1")
    assert set(intervals) == {"ige", "rank_slope"}
    np.testing.assert_allclose(intervals["rank_slope"], ranks.conf_int(alpha=0.1)[1], rtol=1e-9)
    np.testing.assert_allclose(intervals["ige"], ige.conf_int(alpha=0.1)[1], rtol=1e-9)


def test_hc1_standard_errors_of_the_other_zero_income_policies():
    sm = pytest.importorskip("statsmodels.api")
    parent, child = _pairs()
    w = np.random.default_rng(4).uniform(0.5, 2.0, parent.size)
    recoded = income_mobility(parent, child, weights=w, zero_income="recode", recode_value=50.0)
    p, c = np.where(parent > 0, parent, 50.0), np.where(child > 0, child, 50.0)
    ols = sm.WLS(np.log(c), sm.add_constant(np.log(p)), weights=w).fit(cov_type="HC1")
    assert recoded.se["ige"] == pytest.approx(ols.bse[1], rel=1e-9)
    # Poisson pseudo-ML: statsmodels' GLM sandwich (it adds no small-sample factor).
    poisson = income_mobility(parent, child, weights=w, zero_income="poisson")
    keep = parent > 0
    glm = sm.GLM(
        child[keep], sm.add_constant(np.log(parent[keep])), family=sm.families.Poisson(),
        var_weights=w[keep],
    ).fit(cov_type="HC1")
    assert poisson.ige == pytest.approx(glm.params[1], rel=1e-8)
    assert poisson.se["ige"] == pytest.approx(glm.bse[1], rel=1e-6)


def test_standard_errors_are_in_the_outputs():
    parent, child = _pairs(500)
    result = income_mobility(parent, child)
    assert result.to_dict()["se"] == dict(result.se)
    assert result.to_frame().loc["rank_slope", "se"] == result.se["rank_slope"]
    assert result.se["ige"] > 0 and result.se["rank_slope"] > 0


def test_conf_int_method_is_checked():
    parent, child = _pairs(200)
    with pytest.raises(ValueError, match="method must be one of 'bootstrap', 'hc1'"):
        income_mobility(parent, child).conf_int(method="wald")
    with pytest.raises(ValueError, match='conf_int\\(method="hc1"\\)'):
        income_mobility(parent, child).conf_int()


# ----------------------------------------------------------------------------- degenerate data


def test_all_zero_child_incomes_are_refused_with_a_clear_error():
    parent = np.random.default_rng(1).lognormal(10, 1, 100)
    for policy in ("drop", "recode", "poisson"):
        with pytest.raises(ValueError, match="child incomes are all zero"):
            income_mobility(parent, np.zeros(100), zero_income=policy)


def test_equal_parent_incomes_are_refused_with_a_clear_error():
    child = np.random.default_rng(1).lognormal(10, 1, 100)
    with pytest.raises(ValueError, match=r"parent incomes are all equal \(5000\)"):
        income_mobility(np.full(100, 5000.0), child)


def test_too_few_parent_incomes_for_the_quantiles_keep_the_ige_and_rank_slope():
    rng = np.random.default_rng(8)
    parent = rng.choice([10_000.0, 20_000.0, 40_000.0], 600, p=[0.5, 0.3, 0.2])  # 3 values
    child = np.exp(0.5 * np.log(parent) + rng.normal(5, 0.5, 600))
    with pytest.warns(EstimateWarning, match="for 5 quantiles: Q1, Q3 hold no parent"):
        result = income_mobility(parent, child, quantiles=5)
    assert result.ige == pytest.approx(np.polyfit(np.log(parent), np.log(child), 1)[0], rel=1e-9)
    rank_p = 100 * (stats.rankdata(parent) - 0.5) / parent.size
    rank_c = 100 * (stats.rankdata(child) - 0.5) / child.size
    assert result.rank_slope == pytest.approx(np.polyfit(rank_p, rank_c, 1)[0], rel=1e-9)
    assert np.isfinite(result.se["ige"]) and np.isfinite(result.se["rank_slope"])
    # Mid-ranks 25, 65 and 90 put the parents in Q2, Q4 and Q5: Q1 and Q3 are empty.
    empty = [np.isnan(row).all() for row in result.transition]
    assert empty == [True, False, True, False, False]
    assert np.isnan(result.bottom_to_top)
    assert np.isnan(result.indices.shorrocks)
    # Quantiles the data can fill give the full result, without a warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(income_mobility(parent, child, quantiles=2).indices.shorrocks)
