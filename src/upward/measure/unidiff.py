"""Uniform difference (log-multiplicative layer effect) model for several mobility tables.

References
----------
Erikson, R. & Goldthorpe, J. H. (1992). *The Constant Flux*, ch. 3.
Xie, Y. (1992). The log-multiplicative layer effect model for comparing mobility
tables. *American Sociological Review* 57(3), 380-395.
Turner, H. & Firth, D. gnm: Generalized Nonlinear Models in R (``?yaish``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from upward.measure import _facial, _poisson
from upward.measure._validate import counts_array, labels_for
from upward.measure.exceptions import BoundaryWarning, ConvergenceWarning
from upward.measure.results import Result, check_alpha, frozen_array, text_table, wald_intervals

_START_SEED = 20240601
_BOUNDARY_MU = 1e-6  # a zero cell fitted below this share of the largest count is at 0


@dataclass(frozen=True)
class UnidiffResult(Result):
    """Fit of the Unidiff model.

    Attributes
    ----------
    g2, x2 : float
        Likelihood-ratio and Pearson statistics.
    df : int
        Residual degrees of freedom as R's gnm counts them: cells minus the
        rank of the model, ``K(I-1)(J-1) - (I-1)(J-1) - (K-1)`` for a full
        table. Cells fitted exactly at zero are counted (see ``df_adjusted``).
    df_adjusted : int
        Bishop-Fienberg-Holland adjusted df: cells with a positive fitted value
        minus the parameters they identify (equals ``df`` unless ``boundary``).
    bic, dissimilarity : float
    layer_effects : ndarray, shape (K,)
        ``phi_k`` with ``phi_1 = 0``; association in layer k is ``exp(phi_k)``
        times that of layer 1.
    se : ndarray, shape (K,)
        Standard errors of ``layer_effects`` (0 for the first).
    association : ndarray, shape (I, J)
        ``psi_ij`` double-centred (the common pattern, scaled to layer 1); NaN
        for a pair of classes none of whose cells is fitted (see ``zero_fitted``),
        the others centred over the fitted ones.
    constant_g2, constant_df : float, int
        G² and df of the constant-association model (``phi_k = 0``), for the
        test of a uniform difference.
    fitted : ndarray, shape (K, I, J)
    layer_labels : tuple of str
    n : float
    converged : bool
        False when the iterations stopped before converging (a
        :class:`~upward.measure.ConvergenceWarning` was raised).
    iterations : int
    boundary : bool
        True when sampling zeros make parameters diverge so that the cells in
        ``zero_fitted`` are fitted at zero (a :class:`~upward.measure.BoundaryWarning`
        was raised), for instance an origin class with no one in some layer.
    zero_fitted : ndarray of bool, shape (K, I, J)
    """

    g2: float
    x2: float
    df: int
    bic: float
    dissimilarity: float
    layer_effects: np.ndarray
    se: np.ndarray
    association: np.ndarray
    constant_g2: float
    constant_df: int
    fitted: np.ndarray
    layer_labels: tuple[str, ...]
    n: float
    converged: bool
    iterations: int
    df_adjusted: int
    boundary: bool
    zero_fitted: np.ndarray
    _cov: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False, compare=False)
    _title = "Unidiff (uniform difference) model"

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows: list[list[Any]] = [
            [label, self.layer_effects[k], self.se[k], math.exp(self.layer_effects[k])]
            for k, label in enumerate(self.layer_labels)
        ]
        return ["layer", "layer_effect", "se", "relative_association"], rows

    def cov_params(self) -> np.ndarray:
        """Covariance matrix of ``layer_effects`` (K x K; the first row and column are 0)."""
        return self._cov.copy()

    def conf_int(self, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
        """Wald intervals ``phi_k ± z(1 - alpha/2) se_k`` by layer label ((0, 0) for layer 1)."""
        values = dict(zip(self.layer_labels, map(float, self.layer_effects), strict=True))
        errors = dict(zip(self.layer_labels, map(float, self.se), strict=True))
        return wald_intervals(values, errors, check_alpha(alpha))

    def summary(self) -> str:
        columns, rows = self._rows()
        head = (
            f"{self._title}   N = {self.n:,.0f}\n"
            f"G2 = {self.g2:.4f}   X2 = {self.x2:.4f}   df = {self.df}   BIC = {self.bic:.4f}"
        )
        if self.df_adjusted != self.df:
            head += f"   df (BFH adjusted) = {self.df_adjusted}"
        head += f"\nconstant association: G2 = {self.constant_g2:.4f}, df = {self.constant_df}"
        if not self.converged:
            head += f"\nWARNING: the fit did not converge ({self.iterations} iterations)"
        if self.boundary:
            head += (
                f"\nNOTE: {int(self.zero_fitted.sum())} zero cell(s) are fitted at 0 as "
                "parameters diverge"
            )
        return head + "\n\n" + text_table(columns, rows)


class _Unidiff:
    def __init__(self, shape: tuple[int, int, int], cells: np.ndarray):
        self.K, self.I, self.J = shape
        k, i, j = np.indices(shape)
        self.k, self.i, self.j = k.ravel()[cells], i.ravel()[cells], j.ravel()[cells]
        self.linear = _margins(shape)[cells]
        self.p = self.linear.shape[1]
        self.cell_psi = self.i * self.J + self.j
        self.n_cells = self.k.size

    def split(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        beta = theta[: self.p]
        phi = np.concatenate([[0.0], theta[self.p : self.p + self.K - 1]])
        psi = theta[self.p + self.K - 1 :]
        return beta, phi, psi

    def eta(self, theta: np.ndarray) -> np.ndarray:
        beta, phi, psi = self.split(theta)
        return self.linear @ beta + np.exp(phi)[self.k] * psi[self.cell_psi]

    def jacobian(self, theta: np.ndarray) -> np.ndarray:
        _, phi, psi = self.split(theta)
        scale = np.exp(phi)[self.k]
        rows = np.arange(self.n_cells)
        dphi = np.zeros((self.n_cells, self.K))
        dphi[rows, self.k] = scale * psi[self.cell_psi]
        dpsi = np.zeros((self.n_cells, self.I * self.J))
        dpsi[rows, self.cell_psi] = scale
        return np.hstack([self.linear, dphi[:, 1:], dpsi])

    def curvature(self, theta: np.ndarray, w: np.ndarray) -> np.ndarray:
        """``sum_i w_i`` times the second derivatives of ``eta_i`` (see ``_poisson.fit``)."""
        _, phi, psi = self.split(theta)
        out = np.zeros((theta.size, theta.size))
        later = self.k > 0  # phi_1 = 0 is not a parameter
        scaled = (w * np.exp(phi)[self.k])[later]
        phi_index = self.p + self.k[later] - 1
        psi_index = self.p + self.K - 1 + self.cell_psi[later]
        np.add.at(out, (phi_index, phi_index), scaled * psi[self.cell_psi[later]])
        np.add.at(out, (phi_index, psi_index), scaled)
        np.add.at(out, (psi_index, phi_index), scaled)
        return out

    def starts(self, y: np.ndarray) -> list[np.ndarray]:
        """Constant association, and layer strengths from the double-centred log tables."""
        log_y = np.log(y + 0.5)
        full = np.zeros((self.K, self.I, self.J))
        full[self.k, self.i, self.j] = log_y

        def centred(table: np.ndarray) -> np.ndarray:
            return table - table.mean(0) - table.mean(1)[:, None] + table.mean()

        pooled = centred(full.mean(axis=0))
        strengths = np.array([np.linalg.norm(centred(layer)) for layer in full])
        strengths = np.where(strengths > 0, strengths, 1.0)
        phis = [np.zeros(self.K - 1), np.log(strengths[1:] / strengths[0])]
        starts = []
        for phi in phis:
            psi = pooled.ravel() * (strengths[0] / max(np.linalg.norm(pooled), 1e-12))
            inter = np.exp(np.concatenate([[0.0], phi]))[self.k] * psi[self.cell_psi]
            beta = np.linalg.lstsq(self.linear, log_y - inter, rcond=None)[0]
            starts.append(np.concatenate([beta, phi, psi]))
        return starts


def _margins(shape: tuple[int, int, int]) -> np.ndarray:
    """Origin-by-layer and destination-by-layer indicators, aliased columns dropped."""
    layers, rows, cols = shape
    k, i, j = (index.ravel() for index in np.indices(shape))
    columns = []
    for layer in range(layers):
        for row in range(rows):
            columns.append((k == layer) & (i == row))
        for col in range(1, cols):
            columns.append((k == layer) & (j == col))
    linear = np.column_stack(columns).astype(float)
    return linear[:, _poisson.independent_columns(linear)]


def _zero_fitted(table: np.ndarray) -> np.ndarray:
    """Cells the Unidiff model fits exactly at zero (see :mod:`upward.measure._facial`).

    Two kinds of direction send cells to zero: those of the margins (an origin
    or destination class with no one in a layer), found by the linear
    programme, and ``psi_ij -> -inf`` when pair ``(i, j)`` is empty in every
    layer that is still fitted. Removing cells of one kind can free directions
    of the other, so both are repeated until nothing changes.
    """
    y = table.ravel()
    margins = _margins(table.shape)
    zero = np.zeros(y.size, dtype=bool)
    pair = (np.indices(table.shape)[1] * table.shape[2] + np.indices(table.shape)[2]).ravel()
    while True:
        kept = ~zero
        found = np.zeros(y.size, dtype=bool)
        found[kept] = _facial.zero_fitted_cells(margins[kept], y[kept])
        left = kept & ~found
        observed = np.bincount(pair[left], weights=y[left], minlength=pair.max() + 1)
        found |= kept & (observed[pair] == 0)
        if not (found & kept).any():
            return zero
        zero |= found


def unidiff(counts: Any, layer_labels: Sequence[Any] | None = None) -> UnidiffResult:
    """Fit the Unidiff model to K origin-by-destination tables.

    Parameters
    ----------
    counts : array_like, shape (K, I, J)
        Layers first (e.g. cohorts, countries, education levels), then origin
        rows and destination columns.
    layer_labels : sequence, optional
        Names of the K layers (default ``"1".."K"``).

    Returns
    -------
    UnidiffResult

    Notes
    -----
    .. math::

        \\log \\mu_{ijk} = \\lambda^{OK}_{ik} + \\lambda^{DK}_{jk}
                          + \\exp(\\phi_k)\\,\\psi_{ij},\\qquad \\phi_1 = 0,

    with ``df = K(I-1)(J-1) - (I-1)(J-1) - (K-1)``. Fitted by Poisson maximum
    likelihood with damped Fisher scoring from two starts (constant association,
    and layer strengths from the double-centred log tables), the better kept. Standard
    errors of ``phi_k`` are from the inverse expected information, as in gnm.

    Zero cells contribute nothing to G². An origin or destination class with
    no one in a layer (or an origin-destination pair empty in every layer)
    makes parameters diverge: those cells are fitted exactly at zero and left
    out of the fit, ``df`` still counts them (as gnm does), ``df_adjusted``
    does not, and a :class:`~upward.measure.BoundaryWarning` says so.

    References
    ----------
    Erikson & Goldthorpe (1992); Xie (1992); gnm's ``Mult(Exp(layer), origin:destination)``;
    Bishop, Fienberg & Holland (1975), sec. 5.4 (adjusted df).
    """
    table = counts_array(counts, "counts", ndim=3)
    layers, rows, cols = table.shape
    if layers < 2:
        raise ValueError(f"counts must have at least two layers for unidiff, got {layers}")
    labels = labels_for(layer_labels, layers, "layer_labels")
    for layer in range(layers):
        if not table[layer].sum() > 0:
            raise ValueError(f"counts layer {labels[layer]!r} has no observations")
    y_all = table.ravel()
    zero = _zero_fitted(table)
    kept = ~zero
    full = _Unidiff((layers, rows, cols), np.ones(y_all.size, dtype=bool))
    model = _Unidiff((layers, rows, cols), kept)
    y = y_all[kept]
    best = _poisson.fit_from_starts(
        y, model.eta, model.jacobian, model.starts(y), explore=False, curvature=model.curvature
    )

    # Parameters may also run to infinity through the multiplicative term (a
    # boundary solution): zero cells are then fitted towards 0.
    towards_zero = (y == 0) & (best.mu < _BOUNDARY_MU * float(y.max()))
    positive = ~towards_zero
    fitted_pairs = np.isin(np.arange(rows * cols), model.cell_psi[positive]).reshape(rows, cols)

    def report(theta: np.ndarray) -> np.ndarray:
        """Layer effects, then psi double-centred over the pairs that are fitted."""
        psi = model.split(theta)[2].reshape(rows, cols).copy()
        psi[~fitted_pairs] = math.nan
        with warnings.catch_warnings():  # a row or column with no fitted pair stays NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            psi = psi - np.nanmean(psi, axis=0)
            psi = psi - np.nanmean(psi, axis=1)[:, None]
        return np.concatenate([theta[model.p : model.p + layers - 1], psi.ravel()])

    values, cov, _ = _poisson.reported_estimates(report, model.jacobian, best, positive)
    full_cov = np.zeros((layers, layers))
    full_cov[1:, 1:] = cov[: layers - 1, : layers - 1]
    constant_g2, constant_df = _constant_association(full, y_all)

    mu = np.zeros(y_all.size)
    mu[kept] = best.mu
    zero[np.flatnonzero(kept)[towards_zero]] = True
    n = float(y_all.sum())
    generic = np.random.default_rng(_START_SEED).normal(size=best.theta.size)
    df = int(y_all.size - _poisson.numerical_rank(full.jacobian(generic)))
    df_adjusted = int(
        positive.sum() - _poisson.numerical_rank(model.jacobian(generic)[positive])
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = float(np.sum(np.where(mu > 0, (y_all - mu) ** 2 / mu, 0.0)))
    result = UnidiffResult(
        g2=best.deviance,
        x2=x2,
        df=df,
        bic=best.deviance - df * math.log(n),
        dissimilarity=float(np.abs(y_all - mu).sum() / (2 * n)),
        layer_effects=frozen_array(np.concatenate([[0.0], values[: layers - 1]])),
        se=frozen_array(np.sqrt(np.clip(np.diag(full_cov), 0.0, None))),
        association=frozen_array(values[layers - 1 :].reshape(rows, cols)),
        constant_g2=constant_g2,
        constant_df=constant_df,
        fitted=frozen_array(mu.reshape(layers, rows, cols)),
        layer_labels=labels,
        n=n,
        converged=best.converged,
        iterations=best.iterations,
        df_adjusted=df_adjusted,
        boundary=bool(zero.any()),
        zero_fitted=frozen_array(zero.reshape(table.shape), dtype=bool),
        _cov=frozen_array(full_cov),
    )
    _warn(result)
    return result


def _constant_association(full: _Unidiff, y: np.ndarray) -> tuple[float, int]:
    """G² and df of the constant-association model (``phi_k = 0``), a linear model."""
    design = np.hstack([full.linear, np.eye(full.I * full.J)[full.cell_psi]])
    design = design[:, _poisson.independent_columns(design)]
    kept = ~_facial.zero_fitted_cells(design, y)
    fitted = design[kept]
    start = np.linalg.lstsq(fitted, np.log(y[kept] + 0.5), rcond=None)[0]
    fit = _poisson.fit(y[kept], lambda t: fitted @ t, lambda t: fitted, start)
    return fit.deviance, int(y.size - design.shape[1])


def _warn(result: UnidiffResult) -> None:
    """Say so when the fit did not converge or is on the boundary."""
    if not result.converged:
        warnings.warn(
            f"unidiff: the fit did not converge in {result.iterations} iterations; "
            f"G2 = {result.g2:.4f} may be above the minimum",
            ConvergenceWarning,
            stacklevel=3,
        )
    if result.boundary:
        effects = ""
        if np.isnan(result.layer_effects).any():
            effects = "; the layer effects are not estimable (NaN)"
        warnings.warn(
            f"unidiff: {int(result.zero_fitted.sum())} zero cell(s) are fitted at 0 because "
            f"parameters diverge (an empty class in a layer, a pair of classes empty in every "
            f"layer, or association running to infinity); df = {result.df} counts them as "
            f"R's gnm does; the Bishop-Fienberg-Holland adjusted df is "
            f"{result.df_adjusted}{effects}",
            BoundaryWarning,
            stacklevel=3,
        )
