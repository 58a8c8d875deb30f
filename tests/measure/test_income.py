"""income_mobility against an independent hand-rolled pipeline (scipy rankdata + least squares)."""

import numpy as np
import pytest
from scipy import stats

from upward.measure import income_mobility
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
