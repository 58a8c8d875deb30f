"""MobilityTable behaviour: construction, odds ratios, bootstrap, zeros, results objects."""

import json

import numpy as np
import pytest

from upward.measure import MobilityTable, unidiff
from upward.measure.datasets import glass, hauser, hauser_labels, yaish

from .reference import published as ref


def test_bundled_tables_are_the_reference_tables():
    np.testing.assert_array_equal(glass(), ref.GLASS)
    np.testing.assert_array_equal(hauser(), ref.HAUSER)
    assert hauser_labels() == ["UpNM", "LoNM", "UpM", "LoM", "Farm"]
    assert yaish().shape == (5, 7, 7)


def test_from_pairs_with_string_categories_in_given_order():
    origin = ["high", "low", "low", "mid", "high"]
    destination = ["mid", "low", "high", "mid", "high"]
    t = MobilityTable.from_pairs(origin, destination, categories=["high", "mid", "low"])
    assert t.labels == ("high", "mid", "low")
    np.testing.assert_array_equal(t.counts, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    rates = t.absolute_rates()
    assert rates.upward == pytest.approx(1 / 5)  # low -> high
    assert rates.downward == pytest.approx(1 / 5)  # high -> mid


def test_local_and_all_odds_ratios():
    t = MobilityTable(ref.GLASS)
    local = t.odds_ratios()
    n = np.asarray(ref.GLASS, dtype=float)
    assert local.shape == (4, 4)
    assert local[1, 2] == pytest.approx(n[1, 2] * n[2, 3] / (n[1, 3] * n[2, 2]))
    every = t.odds_ratios("all")
    assert every.shape == (5, 5, 5, 5)
    assert every[0, 4, 1, 3] == pytest.approx(n[0, 1] * n[4, 3] / (n[0, 3] * n[4, 1]))


def test_multinomial_bootstrap_of_rates_and_indices():
    t = MobilityTable(ref.GLASS)
    rates = t.absolute_rates(bootstrap=200, seed=1)
    low, high = rates.conf_int()["immobile"]
    assert low < rates.immobile < high
    assert high - low < 0.05
    assert rates.conf_int() == t.absolute_rates(bootstrap=200, seed=1).conf_int()
    indices = t.indices(bootstrap=100, seed=2)
    low, high = indices.conf_int()["shorrocks"]
    assert low < indices.shorrocks < high


def test_structural_zeros_are_excluded_from_fits():
    counts = np.array(ref.GLASS, dtype=float)
    counts[0, 4] = counts[4, 0] = 0
    mask = np.zeros((5, 5), dtype=bool)
    mask[0, 4] = mask[4, 0] = True
    plain = MobilityTable(counts).fit("independence")
    excluded = MobilityTable(counts, structural_zeros=mask).fit("independence")
    assert excluded.df == plain.df - 2
    assert excluded.fitted[0, 4] == 0
    assert excluded.fitted.sum() == pytest.approx(counts.sum())


def test_quasi_independence_equals_independence_with_diagonal_as_structural_zeros():
    counts = np.array(ref.GLASS, dtype=float)
    off = counts.copy()
    np.fill_diagonal(off, 0)
    qi = MobilityTable(counts).fit("quasi_independence")
    blanked = MobilityTable(off, structural_zeros=np.eye(5, dtype=bool)).fit("independence")
    assert qi.g2 == pytest.approx(blanked.g2, abs=1e-8)
    assert qi.df == blanked.df


def test_sampling_zeros_are_fine():
    counts = np.array(ref.GLASS, dtype=float)
    counts[0, 4] = 0
    fit = MobilityTable(counts).fit("rc1")
    assert fit.converged and np.isfinite(fit.g2)


def test_fit_result_outputs_and_standard_errors():
    fit = MobilityTable(ref.GLASS, labels=list("ABCDE")).fit("uniform_association")
    assert fit.se["gamma"] > 0
    assert "gamma" in fit.summary() and "G2 = 79.4407" in fit.summary()
    d = fit.to_dict()
    json.dumps(d)
    assert d["g2"] == fit.g2 and d["params"]["gamma"] == fit.params["gamma"]
    assert fit.to_frame().loc["gamma", "estimate"] == fit.params["gamma"]
    assert "<table>" in fit._repr_html_()


def test_rc1_scores_are_normalised():
    fit = MobilityTable(ref.GLASS).fit("rc1")
    mu = np.array([fit.params[f"mu[{i}]"] for i in range(1, 6)])
    nu = np.array([fit.params[f"nu[{i}]"] for i in range(1, 6)])
    for scores in (mu, nu):
        assert scores.sum() == pytest.approx(0, abs=1e-9)
        assert (scores**2).sum() == pytest.approx(1)
    assert mu[0] > mu[-1] and fit.params["phi"] > 0


def test_fit_all_on_a_rectangular_table_skips_square_only_models():
    comparison = MobilityTable(np.array(ref.GLASS)[:, :4] + 1).fit_all()
    assert [f.model for f in comparison.fits] == [
        "independence",
        "uniform_association",
        "row_effects",
        "rc1",
    ]
    assert comparison.best.model in {f.model for f in comparison.fits}
    assert "model" in comparison.to_frame().index.name


def test_unidiff_identical_layers_have_zero_effects():
    layers = np.stack([np.asarray(ref.GLASS, dtype=float)] * 3)
    result = unidiff(layers, layer_labels=["a", "b", "c"])
    np.testing.assert_allclose(result.layer_effects, 0, atol=1e-6)
    assert result.g2 == pytest.approx(result.constant_g2, abs=1e-6)
    assert "layer_effect" in result.summary()
