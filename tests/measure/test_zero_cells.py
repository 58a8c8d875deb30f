"""Sampling zeros, boundary solutions and non-convergence, against stored R results.

Reference numbers ([COMP]) were computed with R 4.2 and gnm 1.1-2 on the tables
of issue 10 (``tests/measure/test_gnm_crosscheck.py`` recomputes them live when
R is installed):

- G² and df: ``gnm(formula, family = poisson)``; its G² less the ``2 mu`` that
  the cells it fits near zero (below 1e-4 of the largest count) still add, as
  gnm stops with them at about 1e-6 instead of 0.
- Bishop-Fienberg-Holland adjusted df: the cells gnm does not fit at zero minus
  ``Matrix::rankMatrix`` of ``model.matrix(fit)`` over those cells.
- RC(1) and RC(1) + diagonal: gnm's best deviance over 20 random starts.

Tolerances: G² of linear models 1e-6 (unique optimum); parameters 1e-4 (gnm
stops with the diverging parameter at -15, which moves the others by ~1e-6);
multiplicative G² must not exceed gnm's best by more than 1e-4.
"""

import math
import warnings

import numpy as np
import pytest

from upward.measure import BoundaryWarning, ConvergenceWarning, MobilityTable, unidiff

ZERO_CORNER = [[0, 10, 5, 2], [6, 20, 9, 4], [6, 12, 25, 9], [3, 7, 11, 30]]
EMPTY_ROW = [[20, 10, 5, 2], [0, 0, 0, 0], [6, 12, 25, 9], [3, 7, 11, 30]]
SPARSE_6 = [
    [2, 3, 0, 1, 2, 0],
    [1, 2, 2, 1, 2, 0],
    [1, 0, 1, 2, 3, 3],
    [2, 1, 0, 0, 0, 1],
    [1, 0, 1, 1, 1, 0],
    [1, 0, 0, 0, 1, 7],
]

# [COMP] (table, model) -> (G², df, BFH adjusted df)
R_FITS = {
    ("ZERO_CORNER", "quasi_independence"): (5.22875510, 5, 5),
    ("ZERO_CORNER", "symmetry"): (2.76209082, 6, 6),
    ("EMPTY_ROW", "quasi_symmetry"): (0.00036038, 3, 1),
    ("EMPTY_ROW", "independence"): (61.88487854, 9, 6),
}
TABLES = {"ZERO_CORNER": ZERO_CORNER, "EMPTY_ROW": EMPTY_ROW, "SPARSE_6": SPARSE_6}
# [COMP] gnm's coefficients of quasi-independence on ZERO_CORNER (diag1 runs to -inf).
R_QI_COEFFICIENTS = {
    "intercept": 1.16404058, "row[2]": 0.34882638, "row[3]": 0.70183701,
    "row[4]": 0.22192088, "col[2]": 0.75259551, "col[3]": 0.75576801,
    "col[4]": 0.05451392, "diag[2]": 0.73026980, "diag[3]": 0.59723023,
    "diag[4]": 1.96072200,
}
# [COMP] gnm, best of 20 random starts.
R_SPARSE_6 = {"rc1": 14.77721, "rc1_diagonal": 7.36858}


@pytest.mark.parametrize(("table", "model"), sorted(R_FITS))
def test_df_with_sampling_zeros_is_r_s_and_the_adjusted_df_is_bfh(table, model):
    g2, df, adjusted = R_FITS[table, model]
    with pytest.warns(BoundaryWarning, match=f"adjusted df is {adjusted}"):
        fit = MobilityTable(TABLES[table]).fit(model)
    assert fit.df == df
    assert fit.df_adjusted == adjusted
    assert fit.g2 == pytest.approx(g2, abs=1e-6)
    assert fit.converged and fit.boundary and fit.status == "boundary"


def test_a_diverging_parameter_is_nan_and_its_cell_is_fitted_at_zero():
    with pytest.warns(BoundaryWarning, match=r"not estimable, reported as NaN: diag\[1\]"):
        fit = MobilityTable(ZERO_CORNER).fit("quasi_independence")
    expected = np.zeros((4, 4), dtype=bool)
    expected[0, 0] = True
    np.testing.assert_array_equal(fit.zero_fitted, expected)
    assert fit.fitted[0, 0] == 0.0
    assert fit.not_estimable == ("diag[1]",)
    assert math.isnan(fit.params["diag[1]"]) and math.isnan(fit.se["diag[1]"])
    for name, value in R_QI_COEFFICIENTS.items():
        assert fit.params[name] == pytest.approx(value, abs=1e-4), name
    # The other cells of the diagonal are fitted exactly, as the model says.
    np.testing.assert_allclose(np.diag(fit.fitted)[1:], np.diag(ZERO_CORNER)[1:], rtol=1e-8)


def test_without_zeros_nothing_is_flagged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = MobilityTable(np.array(ZERO_CORNER) + 1).fit("quasi_independence")
    assert fit.df == fit.df_adjusted == 5
    assert not fit.boundary and fit.status == "converged" and fit.not_estimable == ()


@pytest.mark.parametrize("model", sorted(R_SPARSE_6))
def test_rc_fits_of_a_sparse_table_reach_gnm_s_optimum(model):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", BoundaryWarning)
        warnings.simplefilter("ignore", ConvergenceWarning)
        fit = MobilityTable(SPARSE_6).fit(model)
    assert fit.g2 <= R_SPARSE_6[model] + 1e-4
    assert fit.df == {"rc1": 16, "rc1_diagonal": 10}[model]
    assert fit.boundary  # zero cells fitted at or towards 0 as parameters diverge


def test_a_fit_that_does_not_converge_warns_and_the_comparison_says_so():
    table = MobilityTable(SPARSE_6)
    with (
        pytest.warns(ConvergenceWarning, match="rc1_diagonal: the fit did not converge"),
        pytest.warns(BoundaryWarning, match="rc1: 3 zero cell"),
    ):
        comparison = table.fit_all(["rc1", "rc1_diagonal"])
    fit = comparison["rc1_diagonal"]
    assert not fit.converged and fit.status == "not converged (boundary)"
    summary = comparison.summary()
    line = next(row for row in summary.splitlines() if row.startswith("rc1_diagonal"))
    assert line.endswith("not converged (boundary)")
    assert "WARNING: the fit did not converge" in fit.summary()
    frame = comparison.to_frame()
    assert frame.loc["rc1_diagonal", "status"] == "not converged (boundary)"
    assert comparison.to_dict()["models"][1]["status"] == "not converged (boundary)"



def test_unidiff_with_an_origin_class_empty_in_every_layer():
    # Reference: the same model on the table without that class (whose fits are
    # checked against gnm in test_gnm_crosscheck.py). gnm itself gives up on the
    # table with the empty class ("no model could be estimated").
    rng = np.random.default_rng(5)
    scores = np.linspace(1, -1, 4)
    pattern = np.outer(scores, scores) + rng.normal(0, 0.2, (4, 4))
    layers = np.stack(
        [rng.poisson(60 * np.exp(np.exp(phi) * pattern)) for phi in (0.0, -0.4, -1.0)]
    ).astype(float)
    layers[:, 3, :] = 0
    with pytest.warns(BoundaryWarning, match="12 zero cell"):
        result = unidiff(layers)
    without = unidiff(layers[:, :3, :])
    assert result.df == 3 * 3 * 3 - 3 * 3 - 2  # K(I-1)(J-1) - (I-1)(J-1) - (K-1), as gnm counts
    assert result.df_adjusted == without.df == 3 * 2 * 3 - 2 * 3 - 2
    assert result.g2 == pytest.approx(without.g2, abs=1e-8)
    np.testing.assert_allclose(result.layer_effects, without.layer_effects, atol=1e-6)
    np.testing.assert_allclose(result.se, without.se, atol=1e-6)
    assert result.zero_fitted[:, 3, :].all() and result.zero_fitted.sum() == 12
    assert np.isnan(result.association[3]).all()
    np.testing.assert_allclose(result.association[:3], without.association, atol=1e-6)
