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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from upward.measure import _poisson
from upward.measure._validate import counts_array, labels_for
from upward.measure.results import Result, frozen_array, text_table


@dataclass(frozen=True)
class UnidiffResult(Result):
    """Fit of the Unidiff model.

    Attributes
    ----------
    g2, x2 : float
        Likelihood-ratio and Pearson statistics.
    df : int
        ``K(I-1)(J-1) - (I-1)(J-1) - (K-1)`` for a table without all-zero margins.
    bic, dissimilarity : float
    layer_effects : ndarray, shape (K,)
        ``phi_k`` with ``phi_1 = 0``; association in layer k is ``exp(phi_k)``
        times that of layer 1.
    se : ndarray, shape (K,)
        Standard errors of ``layer_effects`` (0 for the first).
    association : ndarray, shape (I, J)
        ``psi_ij`` double-centred (the common pattern, scaled to layer 1).
    constant_g2, constant_df : float, int
        G² and df of the constant-association model (``phi_k = 0``), for the
        test of a uniform difference.
    fitted : ndarray, shape (K, I, J)
    layer_labels : tuple of str
    n : float
    converged : bool
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
    _title = "Unidiff (uniform difference) model"

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows: list[list[Any]] = [
            [label, self.layer_effects[k], self.se[k], math.exp(self.layer_effects[k])]
            for k, label in enumerate(self.layer_labels)
        ]
        return ["layer", "layer_effect", "se", "relative_association"], rows

    def summary(self) -> str:
        columns, rows = self._rows()
        return (
            f"{self._title}   N = {self.n:,.0f}\n"
            f"G2 = {self.g2:.4f}   X2 = {self.x2:.4f}   df = {self.df}   BIC = {self.bic:.4f}\n"
            f"constant association: G2 = {self.constant_g2:.4f}, df = {self.constant_df}\n\n"
            + text_table(columns, rows)
        )


class _Unidiff:
    def __init__(self, shape: tuple[int, int, int], cells: np.ndarray):
        self.K, self.I, self.J = shape
        k, i, j = np.indices(shape)
        self.k, self.i, self.j = k.ravel()[cells], i.ravel()[cells], j.ravel()[cells]
        columns = []
        for layer in range(self.K):
            for row in range(self.I):
                columns.append((self.k == layer) & (self.i == row))
            for col in range(1, self.J):
                columns.append((self.k == layer) & (self.j == col))
        linear = np.column_stack(columns).astype(float)
        self.linear = linear[:, _poisson.independent_columns(linear)]
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

    def starts(self, y: np.ndarray) -> list[np.ndarray]:
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
    and layer strengths from the double-centred log tables), the better kept.
    Standard errors of ``phi_k`` are from the inverse expected information, as
    in gnm. Zero cells contribute nothing to G²; an all-zero row or column in a
    layer makes its margin parameter diverge (drop such classes first).

    References
    ----------
    Erikson & Goldthorpe (1992); Xie (1992); gnm's ``Mult(Exp(layer), origin:destination)``.
    """
    table = counts_array(counts, "counts", ndim=3)
    layers, rows, cols = table.shape
    if layers < 2:
        raise ValueError(f"counts must have at least two layers for unidiff, got {layers}")
    labels = labels_for(layer_labels, layers, "layer_labels")
    for layer in range(layers):
        if not table[layer].sum() > 0:
            raise ValueError(f"counts layer {labels[layer]!r} has no observations")
    cells = np.ones(table.size, dtype=bool)
    y = table.ravel()
    model = _Unidiff((layers, rows, cols), cells)
    best = _poisson.fit_from_starts(y, model.eta, model.jacobian, model.starts(y))

    def report(theta: np.ndarray) -> np.ndarray:
        return theta[model.p : model.p + layers - 1]

    effects, errors = _poisson.delta_method(report, best.theta, best.covariance)

    # Constant association (phi_k = 0): a linear model, fitted for the comparison.
    constant_design = np.hstack([model.linear, np.eye(rows * cols)[model.cell_psi]])
    constant_design = constant_design[:, _poisson.independent_columns(constant_design)]
    start = np.linalg.lstsq(constant_design, np.log(y + 0.5), rcond=None)[0]
    constant = _poisson.fit(
        y, lambda t: constant_design @ t, lambda t: constant_design, start
    )

    psi = model.split(best.theta)[2]
    psi_table = psi.reshape(rows, cols)
    psi_table = psi_table - psi_table.mean(0) - psi_table.mean(1)[:, None] + psi_table.mean()
    mu = best.mu
    n = float(y.sum())
    df = int(y.size - best.rank)
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = float(np.sum(np.where(mu > 0, (y - mu) ** 2 / mu, 0.0)))
    return UnidiffResult(
        g2=best.deviance,
        x2=x2,
        df=df,
        bic=best.deviance - df * math.log(n),
        dissimilarity=float(np.abs(y - mu).sum() / (2 * n)),
        layer_effects=frozen_array(np.concatenate([[0.0], effects])),
        se=frozen_array(np.concatenate([[0.0], errors])),
        association=frozen_array(psi_table),
        constant_g2=constant.deviance,
        constant_df=int(y.size - constant.rank),
        fitted=frozen_array(mu.reshape(layers, rows, cols)),
        layer_labels=labels,
        n=n,
        converged=best.converged,
    )
