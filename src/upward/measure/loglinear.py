"""Log-linear and log-multiplicative models for a square (or rectangular) mobility table.

The models of the mobility-table literature (Goodman 1979; Hauser 1979;
Sobel, Hout & Duncan 1985; Agresti 2013, ch. 9-10), all fitted by Poisson
maximum likelihood with :mod:`upward.measure._poisson`.

Scores for the uniform-association and row-effects models are the integers
``1..I`` and ``1..J`` in table order (highest status first).
"""

from __future__ import annotations

import math
import types
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from scipy import stats

from upward.measure import _facial, _poisson
from upward.measure._validate import choice
from upward.measure.exceptions import BoundaryWarning, ConvergenceWarning, EstimateWarning
from upward.measure.results import (
    Result,
    check_alpha,
    frozen_array,
    matrix_rows,
    text_table,
    wald_intervals,
)

ModelName = Literal[
    "independence",
    "quasi_independence",
    "uniform_association",
    "uniform_association_diagonal",
    "row_effects",
    "rc1",
    "rc1_diagonal",
    "homogeneous_rc_diagonal",
    "symmetry",
    "quasi_symmetry",
]
MODELS: tuple[str, ...] = (
    "independence",
    "quasi_independence",
    "uniform_association",
    "uniform_association_diagonal",
    "row_effects",
    "rc1",
    "rc1_diagonal",
    "homogeneous_rc_diagonal",
    "symmetry",
    "quasi_symmetry",
)
SQUARE_ONLY = frozenset(
    {
        "quasi_independence",
        "uniform_association_diagonal",
        "rc1_diagonal",
        "homogeneous_rc_diagonal",
        "symmetry",
        "quasi_symmetry",
    }
)
_DIAGONAL = frozenset(
    {
        "quasi_independence",
        "uniform_association_diagonal",
        "rc1_diagonal",
        "homogeneous_rc_diagonal",
    }
)
_START_SEED = 20240601  # fixed: random starts must not make fits irreproducible
_RANDOM_STARTS = 10
_BOUNDARY_MU = 1e-6  # a zero cell fitted below this share of the largest count is at 0


@dataclass(frozen=True)
class FitResult(Result):
    """Fit of one model to a mobility table.

    Attributes
    ----------
    model : str
    g2, x2 : float
        Likelihood-ratio and Pearson statistics.
    df : int
        Residual degrees of freedom as R's ``glm`` and ``gnm`` count them:
        cells (structural zeros are not cells) minus the rank of the model's
        Jacobian. Cells fitted exactly at zero are counted (see ``df_adjusted``).
    df_adjusted : int
        Bishop-Fienberg-Holland adjusted df: cells with a positive fitted value
        minus the number of parameters they identify. Equals ``df`` unless
        sampling zeros make parameters diverge (``boundary``).
    bic : float
        ``g2 - df * ln(n)``.
    dissimilarity : float
        Share of cases that would have to move to reproduce the fitted table.
    p_value : float
        Upper tail of chi-square(df) at ``g2`` (NaN when ``df == 0``).
    n : float
        Total count of the fitted cells.
    fitted : ndarray
        Fitted counts (0 in structural-zero cells).
    params, se : Mapping[str, float]
        Identified parameters and their standard errors (see Notes of
        :meth:`MobilityTable.fit`); NaN for the parameters in ``not_estimable``.
    converged : bool
        False when the iterations stopped before converging (a
        :class:`~upward.measure.ConvergenceWarning` was raised).
    iterations : int
    boundary : bool
        True when the maximum-likelihood fit is on the boundary of the parameter
        space: some zero cells are fitted at (or, when not converged, towards)
        zero because parameters run to infinity (see ``zero_fitted``).
    zero_fitted : ndarray of bool
        Cells fitted at zero for that reason (table shape).
    not_estimable : tuple of str
        Parameters that cannot be estimated, reported as NaN: those that diverge
        because of the zero-fitted cells, those that only concern such cells,
        and any that the remaining cells leave unidentified.
    """

    model: str
    g2: float
    x2: float
    df: int
    bic: float
    dissimilarity: float
    p_value: float
    n: float
    fitted: np.ndarray
    params: Mapping[str, float]
    se: Mapping[str, float]
    converged: bool
    iterations: int
    df_adjusted: int
    boundary: bool
    zero_fitted: np.ndarray
    not_estimable: tuple[str, ...]
    labels: tuple[str, ...] = field(default=(), repr=False)
    column_labels: tuple[str, ...] = field(default=(), repr=False)
    _cov: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False, compare=False)

    @property
    def _title(self) -> str:  # type: ignore[override]
        return f"Model: {self.model}"

    @property
    def status(self) -> str:
        """``"converged"``, ``"boundary"`` (converged, some cells fitted at zero),
        ``"not converged"`` or ``"not converged (boundary)"``."""
        if self.converged:
            return "boundary" if self.boundary else "converged"
        return "not converged (boundary)" if self.boundary else "not converged"

    def to_dict(self) -> dict[str, Any]:
        """The attributes as JSON-ready values, and ``status``."""
        return {**super().to_dict(), "status": self.status}

    def cov_params(self) -> np.ndarray:
        """Covariance matrix of ``params`` (rows and columns in the order of ``params``).

        From the inverse expected information (delta method for normalised
        scores); NaN rows and columns for the parameters in ``not_estimable``.
        """
        return self._cov.copy()

    def conf_int(self, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
        """Wald intervals ``estimate ± z(1 - alpha/2) se`` for every parameter."""
        return wald_intervals(self.params, self.se, check_alpha(alpha))

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows = []
        for name, value in self.params.items():
            se = self.se[name]
            z = value / se if se > 0 else math.nan
            rows.append([name, value, se, z])
        return ["parameter", "estimate", "se", "z"], rows

    def summary(self) -> str:
        head = (
            f"Model: {self.model}   N = {self.n:,.0f}\n"
            f"G2 = {self.g2:.4f}   X2 = {self.x2:.4f}   df = {self.df}   "
            f"p = {self.p_value:.4g}   BIC = {self.bic:.4f}   "
            f"dissimilarity = {self.dissimilarity:.4f}"
        )
        if self.df_adjusted != self.df:
            head += f"   df (BFH adjusted) = {self.df_adjusted}"
        if not self.converged:
            head += f"\nWARNING: the fit did not converge ({self.iterations} iterations)"
            if self.boundary:
                head += (
                    f"; a boundary solution: {int(self.zero_fitted.sum())} zero cell(s) "
                    "are fitted towards 0 as parameters run to infinity"
                )
        elif self.boundary:
            head += (
                f"\nNOTE: {int(self.zero_fitted.sum())} zero cell(s) are fitted at 0 as "
                "parameters diverge"
            )
        if self.not_estimable:
            head += f"\nNot estimable (NaN): {', '.join(self.not_estimable)}"
        parts = [head]
        if self.params:
            columns, rows = self._rows()
            parts.append(text_table(columns, rows))
        columns, rows = matrix_rows(self.fitted, self.labels, self.column_labels)
        parts.append("Fitted counts\n" + text_table(columns, rows))
        return "\n\n".join(parts)


@dataclass(frozen=True)
class ModelComparison(Result):
    """Several models fitted to one table, compared by G², df and BIC."""

    fits: tuple[FitResult, ...]
    _title = "Model comparison"

    def __getitem__(self, model: str) -> FitResult:
        for fit in self.fits:
            if fit.model == model:
                return fit
        raise KeyError(model)

    @property
    def best(self) -> FitResult:
        """The fit with the lowest BIC."""
        return min(self.fits, key=lambda fit: fit.bic)

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows = [
            [f.model, f.g2, f.x2, f.df, f.df_adjusted, f.p_value, f.bic, f.dissimilarity,
             f.status]
            for f in self.fits
        ]
        columns = ["model", "g2", "x2", "df", "df_adjusted", "p_value", "bic", "dissimilarity",
                   "status"]
        return columns, rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "models": [
                {key: value for key, value in fit.to_dict().items() if key != "fitted"}
                for fit in self.fits
            ]
        }


# --------------------------------------------------------------------------- design


@dataclass
class _Design:
    linear: np.ndarray  # fitted cells x linear columns (independent)
    names: list[str]
    rows: np.ndarray  # row index of each fitted cell
    cols: np.ndarray  # column index of each fitted cell
    kind: Literal["linear", "rc", "homogeneous"]


def _linear_columns(model: str, shape: tuple[int, int], labels, column_labels):
    rows_n, cols_n = shape
    i, j = np.indices(shape)
    i, j = i.ravel(), j.ravel()
    columns: list[np.ndarray] = []
    names: list[str] = []

    def add(name: str, values: np.ndarray) -> None:
        names.append(name)
        columns.append(values.astype(float))

    if model == "symmetry":
        for a in range(rows_n):
            for b in range(a, rows_n):
                add(f"sym[{labels[a]},{labels[b]}]", ((i == a) & (j == b)) | ((i == b) & (j == a)))
        return np.column_stack(columns), names, i, j

    add("intercept", np.ones(i.size))
    for a in range(1, rows_n):
        add(f"row[{labels[a]}]", i == a)
    for b in range(1, cols_n):
        add(f"col[{column_labels[b]}]", j == b)
    if model in _DIAGONAL:
        for a in range(rows_n):
            add(f"diag[{labels[a]}]", (i == a) & (j == a))
    if model in ("uniform_association", "uniform_association_diagonal"):
        add("gamma", (i + 1.0) * (j + 1.0))
    if model == "row_effects":
        for a in range(1, rows_n):
            add(f"row_effect[{labels[a]}]", (i == a) * (j + 1.0))
    if model == "quasi_symmetry":
        for a in range(rows_n):
            for b in range(a + 1, rows_n):
                add(f"sym[{labels[a]},{labels[b]}]", ((i == a) & (j == b)) | ((i == b) & (j == a)))
        for a in range(rows_n):
            add(f"diag[{labels[a]}]", (i == a) & (j == a))
    return np.column_stack(columns), names, i, j


def _design(model: str, shape, labels, column_labels, fitted_cells: np.ndarray) -> _Design:
    matrix, names, i, j = _linear_columns(model, shape, labels, column_labels)
    matrix, i, j = matrix[fitted_cells], i[fitted_cells], j[fitted_cells]
    kept = _poisson.independent_columns(matrix)
    kind: Literal["linear", "rc", "homogeneous"] = "linear"
    if model in ("rc1", "rc1_diagonal"):
        kind = "rc"
    elif model == "homogeneous_rc_diagonal":
        kind = "homogeneous"
    return _Design(matrix[:, kept], [names[k] for k in kept], i, j, kind)


def _restricted(design: _Design, cells: np.ndarray) -> _Design:
    """The same parameters over a subset of the cells (columns may become dependent)."""
    return _Design(
        design.linear[cells], design.names, design.rows[cells], design.cols[cells], design.kind
    )


def _normalise_scores(scores: np.ndarray) -> tuple[np.ndarray, float]:
    """Centre, scale to unit length and orient so the first class scores highest."""
    centred = scores - scores.mean()
    norm = float(np.linalg.norm(centred))
    if norm == 0:
        return centred, 0.0
    unit = centred / norm
    if unit[0] < unit[-1]:
        unit = -unit
        norm = -norm
    return unit, norm


class _Model:
    """Log mean, Jacobian, starts and reported parameters of one model.

    Scores of a class none of whose cells is fitted (all fitted at zero or
    structural) are not estimable: they are reported as NaN and left out of the
    normalisation of the others.
    """

    def __init__(self, design: _Design, shape: tuple[int, int], labels, column_labels):
        self.d = design
        self.shape = shape
        self.labels = labels
        self.column_labels = column_labels
        self.p = design.linear.shape[1]
        rows_n, cols_n = shape
        self.present_rows = np.isin(np.arange(rows_n), design.rows)
        self.present_cols = np.isin(np.arange(cols_n), design.cols)
        if design.kind == "homogeneous":
            self.present_rows = self.present_cols = self.present_rows | self.present_cols

    def eta(self, theta: np.ndarray) -> np.ndarray:
        d = self.d
        base = d.linear @ theta[: self.p]
        if d.kind == "rc":
            mu = theta[self.p : self.p + self.shape[0]]
            nu = theta[self.p + self.shape[0] :]
            return base + mu[d.rows] * nu[d.cols]
        if d.kind == "homogeneous":
            phi, s = theta[self.p], theta[self.p + 1 :]
            return base + phi * s[d.rows] * s[d.cols]
        return base

    def jacobian(self, theta: np.ndarray) -> np.ndarray:
        d = self.d
        if d.kind == "linear":
            return d.linear
        n_cells = d.rows.size
        cells = np.arange(n_cells)
        if d.kind == "rc":
            mu = theta[self.p : self.p + self.shape[0]]
            nu = theta[self.p + self.shape[0] :]
            dmu = np.zeros((n_cells, self.shape[0]))
            dmu[cells, d.rows] = nu[d.cols]
            dnu = np.zeros((n_cells, self.shape[1]))
            dnu[cells, d.cols] = mu[d.rows]
            return np.hstack([d.linear, dmu, dnu])
        phi, s = theta[self.p], theta[self.p + 1 :]
        ds = np.zeros((n_cells, self.shape[0]))
        np.add.at(ds, (cells, d.rows), phi * s[d.cols])
        np.add.at(ds, (cells, d.cols), phi * s[d.rows])
        dphi = (s[d.rows] * s[d.cols])[:, None]
        return np.hstack([d.linear, dphi, ds])

    def curvature(self, theta: np.ndarray, w: np.ndarray) -> np.ndarray:
        """``sum_i w_i`` times the second derivatives of ``eta_i`` (see ``_poisson.fit``)."""
        d, p = self.d, self.p
        rows_n, cols_n = self.shape
        out = np.zeros((theta.size, theta.size))
        weights = np.zeros(self.shape)
        np.add.at(weights, (d.rows, d.cols), w)
        if d.kind == "rc":  # d2 eta / d mu_a d nu_b = [cell is (a, b)]
            out[p : p + rows_n, p + rows_n :] = weights
            out[p + rows_n :, p : p + rows_n] = weights.T
        elif d.kind == "homogeneous":  # eta = phi s_r s_c
            phi, s = theta[p], theta[p + 1 :]
            both = weights + weights.T
            out[p, p + 1 :] = out[p + 1 :, p] = both @ s
            out[p + 1 :, p + 1 :] = phi * both
        return out

    def starts(self, y: np.ndarray) -> list[np.ndarray]:
        """Starting values: two deterministic ones, then random ones (as gnm's).

        Deterministic: the leading singular vectors (eigenvector for the
        homogeneous model) of the residual log table, and integer scores.
        Random: scores uniform on (-1, 1), from a fixed seed.
        """
        d = self.d
        log_y = np.log(y + 0.5)
        beta = np.linalg.lstsq(d.linear, log_y, rcond=None)[0]
        if d.kind == "linear":
            return [beta]
        residual = np.zeros(self.shape)
        residual[d.rows, d.cols] = log_y - d.linear @ beta
        u, singular, vt = np.linalg.svd(residual)
        rng = np.random.default_rng(_START_SEED)
        rows_n, cols_n = self.shape
        ranks_r = np.arange(rows_n, 0, -1.0) - (rows_n + 1) / 2
        ranks_c = np.arange(cols_n, 0, -1.0) - (cols_n + 1) / 2
        candidates = []
        if d.kind == "rc":
            root = math.sqrt(max(singular[0], 1e-3))
            pairs = [
                (u[:, 0] * root, vt[0] * root),
                (ranks_r * 0.3, ranks_c * 0.3),
                *(
                    (rng.uniform(-1, 1, rows_n), rng.uniform(-1, 1, cols_n))
                    for _ in range(_RANDOM_STARTS)
                ),
            ]
            for mu, nu in pairs:
                inter = mu[d.rows] * nu[d.cols]
                b = np.linalg.lstsq(d.linear, log_y - inter, rcond=None)[0]
                candidates.append(np.concatenate([b, mu, nu]))
        else:
            symmetric = (residual + residual.T) / 2
            values, vectors = np.linalg.eigh(symmetric)
            top = int(np.argmax(np.abs(values)))
            options = [
                (float(values[top]), vectors[:, top]),
                (0.1, ranks_r / np.linalg.norm(ranks_r) * 2),
                *((0.5, rng.uniform(-1, 1, rows_n)) for _ in range(_RANDOM_STARTS)),
            ]
            for phi, s in options:
                inter = phi * s[d.rows] * s[d.cols]
                b = np.linalg.lstsq(d.linear, log_y - inter, rcond=None)[0]
                candidates.append(np.concatenate([b, [phi], s]))
        return candidates

    def report_names(self) -> list[str]:
        d = self.d
        if d.kind == "linear":
            return list(d.names)
        diag = [name for name in d.names if name.startswith("diag[")]
        rows = [f"mu[{label}]" for label in self.labels]
        if d.kind == "rc":
            cols = [f"nu[{label}]" for label in self.column_labels]
            return [*diag, "phi", *rows, *cols]
        return [*diag, "phi", *rows]

    def report(self, theta: np.ndarray) -> np.ndarray:
        d = self.d
        if d.kind == "linear":
            return theta
        diag = theta[[k for k, name in enumerate(d.names) if name.startswith("diag[")]]
        rows_n, cols_n = self.shape
        if d.kind == "rc":
            mu_raw = theta[self.p : self.p + rows_n][self.present_rows]
            nu_raw = theta[self.p + rows_n :][self.present_cols]
            mu_unit, mu_norm = _normalise_scores(mu_raw)
            nu_centred = nu_raw - nu_raw.mean()
            phi = mu_norm * float(np.linalg.norm(nu_centred))
            nu_unit = nu_centred / np.linalg.norm(nu_centred) if phi != 0 else nu_centred
            if phi < 0:
                phi, nu_unit = -phi, -nu_unit
            mu, nu = np.full(rows_n, math.nan), np.full(cols_n, math.nan)
            mu[self.present_rows], nu[self.present_cols] = mu_unit, nu_unit
            return np.concatenate([diag, [phi], mu, nu])
        phi_raw, s_raw = theta[self.p], theta[self.p + 1 :][self.present_rows]
        s_unit, norm = _normalise_scores(s_raw)
        s = np.full(rows_n, math.nan)
        s[self.present_rows] = s_unit
        return np.concatenate([diag, [phi_raw * norm * norm], s])


def _explore(y: np.ndarray) -> bool:
    """Search beyond the deterministic starts: zeros or small counts make optima many."""
    return bool((y == 0).any() or y.mean() < 5)


def fit_model(
    counts: np.ndarray,
    model: str,
    labels: Sequence[str],
    column_labels: Sequence[str],
    structural_zeros: np.ndarray | None = None,
) -> FitResult:
    """Fit one model to a 2-D table (used by :meth:`MobilityTable.fit`).

    Cells that the model fits exactly at zero (:mod:`upward.measure._facial`)
    are left out of the fit like structural zeros; the fit of the others is the
    extended maximum-likelihood fit. A multiplicative model can still have no
    finite optimum (a boundary solution): then the iterations stop where the
    deviance no longer falls, not converged.
    """
    choice(model, "model", MODELS)
    shape = counts.shape
    if model in SQUARE_ONLY and shape[0] != shape[1]:
        raise ValueError(
            f"model {model!r} needs a square table (same classes for origin and destination), "
            f"got shape {shape}"
        )
    if model in ("rc1", "rc1_diagonal", "homogeneous_rc_diagonal", "row_effects") and (
        min(shape) < 3
    ):
        raise ValueError(f"model {model!r} needs at least three classes, got shape {shape}")
    cells = np.ones(counts.size, dtype=bool)
    if structural_zeros is not None:
        cells = ~structural_zeros.ravel()
    y_all = counts.ravel()[cells]
    design = _design(model, shape, labels, column_labels, cells)
    full = _Model(design, shape, labels, column_labels)
    kept = ~_facial.zero_fitted_cells(design.linear, y_all)
    spec = _Model(_restricted(design, kept), shape, labels, column_labels)
    y = y_all[kept]
    best = _poisson.fit_from_starts(
        y,
        spec.eta,
        spec.jacobian,
        spec.starts(y),
        explore=_explore(y),
        curvature=None if design.kind == "linear" else spec.curvature,
    )
    # A multiplicative model may have no finite optimum either (a boundary
    # solution): parameters run to infinity as zero cells are fitted towards 0.
    towards_zero = np.zeros(y.size, dtype=bool)
    if design.kind != "linear":
        towards_zero = (y == 0) & (best.mu < _BOUNDARY_MU * float(y.max()))
    positive = ~towards_zero
    names = spec.report_names()
    values, cov, estimable = _poisson.reported_estimates(
        spec.report, spec.jacobian, best, positive
    )
    errors = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    not_estimable = tuple(name for name, ok in zip(names, estimable, strict=True) if not ok)

    mu = np.zeros(y_all.size)
    mu[kept] = best.mu
    zero_fitted = ~kept
    zero_fitted[np.flatnonzero(kept)[towards_zero]] = True
    fitted = np.zeros(counts.size)
    fitted[cells] = mu
    zero_mask = np.zeros(counts.size, dtype=bool)
    zero_mask[np.flatnonzero(cells)[zero_fitted]] = True
    n = float(y_all.sum())
    df, df_adjusted = _degrees_of_freedom(full, spec, positive, best.theta.size)
    g2 = max(best.deviance, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        x2 = float(np.sum(np.where(mu > 0, (y_all - mu) ** 2 / mu, 0.0)))
    result = FitResult(
        model=model,
        g2=g2,
        x2=x2,
        df=df,
        bic=g2 - df * math.log(n),
        dissimilarity=float(np.abs(y_all - mu).sum() / (2 * n)),
        p_value=float(stats.chi2.sf(g2, df)) if df > 0 else math.nan,
        n=n,
        fitted=frozen_array(fitted.reshape(shape)),
        params=types.MappingProxyType(dict(zip(names, map(float, values), strict=True))),
        se=types.MappingProxyType(dict(zip(names, map(float, errors), strict=True))),
        converged=best.converged,
        iterations=best.iterations,
        df_adjusted=df_adjusted,
        boundary=bool(zero_mask.any()),
        zero_fitted=frozen_array(zero_mask.reshape(shape), dtype=bool),
        not_estimable=not_estimable,
        labels=tuple(labels),
        column_labels=tuple(column_labels),
        _cov=frozen_array(cov),
    )
    _warn(result)
    return result


def _degrees_of_freedom(
    full: _Model, spec: _Model, positive: np.ndarray, size: int
) -> tuple[int, int]:
    """R's df and the Bishop-Fienberg-Holland adjusted df.

    R's: every cell against the rank of the model's (unweighted) Jacobian, as
    gnm's ``rankMatrix``. BFH: the cells with a positive fitted value (those of
    ``spec`` where ``positive``) against the rank they carry. Ranks are taken
    at a generic point, the model's dimension, not a degenerate optimum's;
    linear columns are independent by construction, so theirs is their number.
    """
    cells = full.d.rows.size
    if full.d.kind == "linear":
        df = cells - full.p
    else:
        generic = np.random.default_rng(_START_SEED).normal(size=size)
        df = cells - _poisson.numerical_rank(full.jacobian(generic))
    if spec.d.rows.size == cells and positive.all():
        return df, df
    generic = np.random.default_rng(_START_SEED).normal(size=size)
    rank = _poisson.numerical_rank(spec.jacobian(generic)[positive])
    return df, int(positive.sum()) - rank


def _warn(fit: FitResult) -> None:
    """Say so when a fit did not converge or is on the boundary (see the warning classes)."""
    cells = int(fit.zero_fitted.sum())
    counted = (
        f"df = {fit.df} counts them as R does; the Bishop-Fienberg-Holland adjusted df is "
        f"{fit.df_adjusted}"
    )
    names = f"; not estimable, reported as NaN: {', '.join(fit.not_estimable)}"
    if not fit.not_estimable:
        names = ""
    if not fit.converged:
        message = f"{fit.model}: the fit did not converge in {fit.iterations} iterations"
        if fit.boundary:
            message += (
                f": a boundary solution, {cells} zero cell(s) are fitted towards 0 as "
                f"parameters run to infinity; G2 = {fit.g2:.4f} is where the iterations "
                f"stopped (the minimum is at most that); {counted}{names}"
            )
        else:
            message += f"; G2 = {fit.g2:.4f} may be above the minimum"
        warnings.warn(message, ConvergenceWarning, stacklevel=4)
    elif fit.boundary:
        warnings.warn(
            f"{fit.model}: {cells} zero cell(s) are fitted at 0 because parameters diverge "
            f"to infinity; {counted}{names}",
            BoundaryWarning,
            stacklevel=4,
        )
    elif fit.not_estimable:
        warnings.warn(
            f"{fit.model}: the data do not identify {', '.join(fit.not_estimable)} at this "
            "optimum (reported as NaN)",
            EstimateWarning,
            stacklevel=4,
        )


def fit_models(
    counts: np.ndarray,
    models: Iterable[str] | None,
    labels: Sequence[str],
    column_labels: Sequence[str],
    structural_zeros: np.ndarray | None = None,
) -> ModelComparison:
    """Fit several models (all that apply to the table's shape when ``models`` is None)."""
    if models is None:
        square = counts.shape[0] == counts.shape[1]
        big = min(counts.shape) >= 3
        chosen = [
            m
            for m in MODELS
            if (square or m not in SQUARE_ONLY)
            and (big or m not in ("rc1", "rc1_diagonal", "homogeneous_rc_diagonal", "row_effects"))
        ]
    else:
        chosen = list(models)
        if not chosen:
            raise ValueError("models must name at least one model")
    fits = tuple(fit_model(counts, m, labels, column_labels, structural_zeros) for m in chosen)
    return ModelComparison(fits=fits)

