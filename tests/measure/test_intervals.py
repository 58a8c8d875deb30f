"""cov_params() and conf_int() of the log-linear and Unidiff results, against R.

[COMP] Glass uniform association + diagonal: R 4.2 ``glm(Freq ~ orig + dest +
diag + I(u * v), family = poisson)``: ``vcov`` and ``confint.default`` (Wald
intervals). [PUB] Yaish Unidiff standard errors: gnm's help page (see
reference/published.py). Tolerances: 1e-6 relative for the [COMP] numbers
(printed to 10 digits; both fits converge far beyond that), half a unit of the
last printed digit (5e-5) for the [PUB] ones.
"""

import math

import numpy as np
import pytest
from scipy import stats

from upward.measure import MobilityTable, unidiff

from .reference import published as ref

GAMMA_CONF_INT_95 = (0.2847736180, 0.3728329833)
COV_DIAG1_GAMMA = [[0.057017465197, -0.0016028429964], [-0.0016028429964, 0.0005046554047]]


def test_fit_conf_int_and_cov_params_match_r():
    fit = MobilityTable(ref.GLASS).fit("uniform_association_diagonal")
    np.testing.assert_allclose(fit.conf_int()["gamma"], GAMMA_CONF_INT_95, rtol=1e-6)
    names = list(fit.params)
    cov = fit.cov_params()
    assert cov.shape == (len(names), len(names))
    index = [names.index("diag[1]"), names.index("gamma")]
    np.testing.assert_allclose(cov[np.ix_(index, index)], COV_DIAG1_GAMMA, rtol=1e-6)
    np.testing.assert_allclose(np.sqrt(np.diag(cov)), list(fit.se.values()), rtol=1e-12)
    np.testing.assert_allclose(cov, cov.T)
    low, high = fit.conf_int(alpha=0.1)["gamma"]
    z = stats.norm.ppf(0.95)
    assert (low, high) == pytest.approx(
        (fit.params["gamma"] - z * fit.se["gamma"], fit.params["gamma"] + z * fit.se["gamma"])
    )
    with pytest.raises(ValueError, match="alpha must be"):
        fit.conf_int(alpha=1.5)


def test_normalised_scores_have_a_singular_covariance():
    # mu sums to 0 and has unit length: its covariance has rank I - 2.
    fit = MobilityTable(ref.GLASS).fit("rc1")
    names = list(fit.params)
    rows = [names.index(f"mu[{i}]") for i in range(1, 6)]
    block = fit.cov_params()[np.ix_(rows, rows)]
    assert np.linalg.matrix_rank(block, tol=1e-10) == 3
    np.testing.assert_allclose(block.sum(axis=0), 0, atol=1e-12)


def test_unidiff_conf_int_and_cov_params():
    table = np.zeros((5, 7, 7))
    data = np.loadtxt(
        __file__.replace("test_intervals.py", "reference/yaish.csv"), delimiter=",",
        skiprows=1, dtype=int,
    )
    table[data[:, 0] - 1, data[:, 1] - 1, data[:, 2] - 1] = data[:, 3]
    result = unidiff(table[:, :, :6], layer_labels=["a", "b", "c", "d", "e"])
    cov = result.cov_params()
    assert cov.shape == (5, 5)
    assert (cov[0] == 0).all() and (cov[:, 0] == 0).all()
    np.testing.assert_allclose(np.sqrt(np.diag(cov))[1:], ref.YAISH_LAYER_SE, atol=5e-5)
    intervals = result.conf_int()
    assert intervals["a"] == (0.0, 0.0)
    z = stats.norm.ppf(0.975)
    for label, effect, se in zip("bcde", ref.YAISH_LAYER_EFFECTS[1:], ref.YAISH_LAYER_SE,
                                 strict=True):
        np.testing.assert_allclose(intervals[label], (effect - z * se, effect + z * se),
                                   atol=5e-5 * z + 1e-4)
    assert math.isfinite(cov[4, 4])
