"""Poisson maximum likelihood for log-linear and multiplicative (log-bilinear) models.

One fitter serves every model: the log mean ``eta(theta)`` may be linear in
``theta`` (then this is IRLS for a Poisson GLM) or bilinear (RC(1), Unidiff).
Each step is a Levenberg-Marquardt (damped Fisher-scoring) step: with
``A = sqrt(mu) J`` and ``r = (y - mu) / sqrt(mu)`` it solves
``(A'A + lambda I) step = A'r`` through the singular value decomposition of
``A``. Directions with no singular value (the unidentified scale and location
of scores) get no step, so no constraints are needed during the fit; the
damping ``lambda`` shrinks after good steps (a pure Fisher-scoring step when it
reaches 0) and grows after failed ones (Nielsen 1999). Unlike step halving,
which shortens the step in every direction when one direction is poorly
determined, the damping shortens mainly the poorly determined ones, which is
what lets fits of sparse tables reach their optimum.

Identification is applied afterwards, when parameters are reported, and
standard errors of reported (identified) quantities come from the delta method
with the pseudo-inverse of the expected information, which is the same for any
generalised inverse when the quantity is estimable.

References
----------
Nielsen, H. B. (1999). Damping parameter in Marquardt's method. Technical
report IMM-REP-1999-05, Technical University of Denmark.
Turner, H. & Firth, D. gnm: Generalized Nonlinear Models in R (its random
starting values for multiplicative terms).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np

EtaFunction = Callable[[np.ndarray], np.ndarray]
CurvatureFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""``curvature(theta, w)`` = ``sum_i w_i * (second derivatives of eta_i)``, a p x p matrix."""

MAX_ITER = 1000
"""Iterations of one fit. Fits that converge take 5-50; only boundary solutions
(see :func:`fit`) use many more."""
SCREEN_ITER = 30
"""Iterations every starting value gets before the best few are carried on."""
KEEP = 2
"""Starting values carried on after the screen."""
STALL_WINDOW = 50
STALL_TOL = 1e-9


@dataclass
class PoissonFit:
    theta: np.ndarray
    mu: np.ndarray  # fitted means over the fitted cells
    deviance: float
    iterations: int
    converged: bool
    information: np.ndarray  # J'WJ at the optimum
    covariance: np.ndarray  # its pseudo-inverse


def estimable(
    gradient: np.ndarray, information: np.ndarray, covariance: np.ndarray, tol: float = 1e-6
) -> np.ndarray:
    """Which rows of ``gradient`` (d quantity / d theta) are estimable.

    A linear function ``g theta`` is estimable when ``g`` lies in the row space
    of the Jacobian over the cells with positive fitted values, that is when
    ``g C I = g`` for the information ``I`` and its pseudo-inverse ``C``.
    """
    finite = np.isfinite(gradient).all(axis=1)
    clean = np.where(finite[:, None], gradient, 0.0)
    miss = np.linalg.norm(clean @ covariance @ information - clean, axis=1)
    scale = np.linalg.norm(clean, axis=1)
    return finite & (miss <= tol * np.maximum(scale, 1e-300))


def deviance(y: np.ndarray, mu: np.ndarray) -> float:
    """G² = 2 Σ [y log(y/μ) − (y − μ)] (the second term sums to zero with an intercept)."""
    positive = y > 0
    term = np.zeros_like(mu)
    term[positive] = y[positive] * np.log(y[positive] / mu[positive])
    return float(2.0 * np.sum(term - (y - mu)))


def _safe_exp(eta: np.ndarray) -> np.ndarray:
    return np.exp(np.clip(eta, -700.0, 700.0))


@contextmanager
def _small_problem() -> Iterator[None]:
    """Run tiny dense algebra on one BLAS thread.

    Multi-threaded BLAS on matrices of a few hundred cells costs more in thread
    hand-offs than it saves, and on a busy machine it can be 100x slower.
    threadpoolctl is optional: without it the BLAS default is kept.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - depends on the environment
        limit = nullcontext()
    else:
        limit = threadpool_limits(limits=1, user_api="blas")
    with limit:
        yield


def numerical_rank(matrix: np.ndarray) -> int:
    """Rank of ``matrix`` after scaling its columns to unit length.

    The scaling keeps a column of huge (diverging) entries from hiding the
    others. The cut-off is that of R's ``Matrix::rankMatrix`` (which gnm uses
    for its df), with a floor for matrices built from rounded values.
    """
    if matrix.size == 0:
        return 0
    norms = np.linalg.norm(matrix, axis=0)
    scaled = matrix[:, norms > 0] / norms[norms > 0]
    if scaled.size == 0:
        return 0
    singular = np.linalg.svd(scaled, compute_uv=False)
    cutoff = singular[0] * max(max(scaled.shape) * np.finfo(float).eps, 1e-10)
    return int(np.sum(singular > cutoff))


def fit_from_starts(
    y: np.ndarray,
    eta: EtaFunction,
    jacobian: EtaFunction,
    starts: Sequence[np.ndarray],
    *,
    explore: bool = True,
    curvature: CurvatureFunction | None = None,
) -> PoissonFit:
    """Best fit over several starting values (multiplicative likelihoods can be multimodal).

    The first two starts are deterministic. Without ``explore`` (a table with
    no zero and no small count), when both converge to the same deviance the
    others (random) are skipped. Otherwise every start gets
    :data:`SCREEN_ITER` iterations and the :data:`KEEP` best are carried on
    to convergence (or :data:`MAX_ITER`); the lowest deviance wins.
    """
    with _small_problem():
        if len(starts) == 1:
            return fit(y, eta, jacobian, starts[0], curvature=curvature)
        if not explore:
            first = [fit(y, eta, jacobian, start, curvature=curvature) for start in starts[:2]]
            if all(attempt.converged for attempt in first) and abs(
                first[0].deviance - first[1].deviance
            ) < 1e-6 * (1 + first[0].deviance):
                return min(first, key=lambda attempt: attempt.deviance)
        screened = [
            fit(y, eta, jacobian, start, max_iter=SCREEN_ITER, curvature=curvature)
            for start in starts
        ]
        screened.sort(key=lambda attempt: attempt.deviance)
        finished = [
            attempt
            if attempt.converged
            else fit(
                y, eta, jacobian, attempt.theta, max_iter=MAX_ITER - attempt.iterations,
                counted=attempt.iterations, curvature=curvature,
            )
            for attempt in screened[:KEEP]
        ]
    return min(finished, key=lambda attempt: attempt.deviance)


def fit(
    y: np.ndarray,
    eta: EtaFunction,
    jacobian: EtaFunction,
    theta0: np.ndarray,
    *,
    max_iter: int = MAX_ITER,
    tol: float = 1e-12,
    counted: int = 0,
    curvature: CurvatureFunction | None = None,
) -> PoissonFit:
    """Maximise the Poisson likelihood of counts ``y`` over ``theta``.

    ``eta`` and ``jacobian`` are already restricted to the fitted cells.

    Converged: the Fisher-scoring step would lower the deviance by less than
    ``tol * (deviance + 1)`` and the last step was negligible. On a *boundary
    solution* (no finite maximum: the likelihood keeps rising as parameters
    run to infinity) the step never becomes negligible; the iterations stop
    when the deviance fell by less than ``1e-9 * (deviance + 1)`` over
    :data:`STALL_WINDOW` iterations, or after ``max_iter``, not converged.
    ``counted`` iterations done before (by another call) are added to the count.

    With ``curvature`` (models whose log mean is not linear in ``theta``), a
    step uses the observed information ``A'A - curvature(theta, y - mu)``
    instead of the expected one whenever that is positive definite on the
    identified directions: Newton's method, which converges quadratically where
    Fisher scoring on a bilinear model converges only linearly.
    """
    theta = np.asarray(theta0, dtype=float).copy()
    mu = _safe_exp(eta(theta))
    dev = deviance(y, mu)
    damping = 0.0
    factor = 2.0
    converged = False
    history = [dev]
    last_step = np.inf
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - reported after the loop
        root = np.sqrt(mu)
        a = jacobian(theta) * root[:, None]
        u, singular, vt = np.linalg.svd(a, full_matrices=False)
        keep = singular > singular[0] * 1e-10 if singular.size else singular > 0
        singular, vt = singular[keep], vt[keep]
        projected = u[:, keep].T @ ((y - mu) / root)
        decrement = float(projected @ projected)  # deviance drop of a full scoring step
        size = float(np.max(np.abs(theta), initial=0.0))
        if (
            decrement <= tol * (dev + 1.0)
            and history[-2 if len(history) > 1 else -1] - dev <= tol * (dev + 1.0)
            and last_step <= 1e-6 * (1.0 + size)
        ):
            converged = True
            break
        gradient = singular * projected  # score in the basis of the identified directions
        curvatures, basis = singular * singular, None  # Fisher scoring: A'A is diagonal here
        if curvature is not None:
            hessian = np.diag(curvatures) - vt @ curvature(theta, y - mu) @ vt.T
            values, vectors = np.linalg.eigh(hessian)
            if values[0] > 1e-8 * values[-1]:
                curvatures, basis = values, vectors
        rotated = gradient if basis is None else basis.T @ gradient
        while True:
            coefficients = rotated / (curvatures + damping)
            quadratic = coefficients @ (curvatures * coefficients)
            predicted = float(2.0 * rotated @ coefficients - quadratic)
            step = vt.T @ (coefficients if basis is None else basis @ coefficients)
            candidate = theta + step
            mu_new = _safe_exp(eta(candidate))
            dev_new = deviance(y, mu_new)
            if dev_new < dev or (dev_new == dev and predicted <= 0):
                gain = (dev - dev_new) / predicted if predicted > 0 else 0.0
                damping *= max(1.0 / 3.0, 1.0 - (2.0 * gain - 1.0) ** 3)
                factor = 2.0
                break
            damping = damping * factor if damping > 0 else 1e-6 * float(singular[0]) ** 2
            factor *= 2.0
            if damping > 1e16 * float(singular[0]) ** 2:  # no step lowers the deviance
                step = np.zeros_like(theta)
                candidate, mu_new, dev_new = theta, mu, dev
                break
        last_step = float(np.max(np.abs(step), initial=0.0))
        theta, mu, dev = candidate, mu_new, dev_new
        history.append(dev)
        if last_step == 0.0:
            converged = decrement <= 1e-8 * (dev + 1.0)
            break
        if (
            len(history) > STALL_WINDOW
            and history[-STALL_WINDOW - 1] - dev <= STALL_TOL * (dev + 1.0)
        ):
            break
    a = jacobian(theta) * np.sqrt(mu)[:, None]
    information = a.T @ a
    covariance = np.linalg.pinv(information, rcond=1e-10, hermitian=True)
    return PoissonFit(
        theta, mu, dev, counted + iterations, converged, information, covariance
    )


def reported_estimates(
    report: Callable[[np.ndarray], np.ndarray],
    jacobian: EtaFunction,
    best: PoissonFit,
    positive: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Reported quantities, their covariance (delta method) and which are estimable.

    Estimability is judged on the information of the cells with a positive
    fitted value (cells fitted at or towards zero identify nothing); what is
    not estimable is NaN, in the values and in its covariance row and column.
    """
    information, covariance = best.information, best.covariance
    if not positive.all():
        weighted = jacobian(best.theta)[positive] * np.sqrt(best.mu[positive])[:, None]
        information = weighted.T @ weighted
        covariance = np.linalg.pinv(information, rcond=1e-10, hermitian=True)
    values, gradient, cov = delta_method(report, best.theta, covariance)
    ok = estimable(gradient, information, covariance)
    values = np.where(ok, values, math.nan)
    cov[~ok, :] = math.nan
    cov[:, ~ok] = math.nan
    return values, cov, ok


def delta_method(
    report: Callable[[np.ndarray], np.ndarray], theta: np.ndarray, covariance: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values of ``report(theta)``, their gradient (central differences) and covariance."""
    values = np.asarray(report(theta), dtype=float)
    gradient = np.empty((values.size, theta.size))
    for k in range(theta.size):
        h = 1e-6 * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        gradient[:, k] = (np.asarray(report(up)) - np.asarray(report(down))) / (2 * h)
    return values, gradient, gradient @ covariance @ gradient.T


def independent_columns(matrix: np.ndarray, tol: float = 1e-9) -> np.ndarray:
    """Indices of a maximal set of linearly independent columns, kept in order.

    Like R's ``glm``, a column that is a combination of earlier ones is aliased
    and dropped, so the remaining coefficients are identified.
    """
    kept: list[int] = []
    basis = np.zeros((matrix.shape[0], 0))
    for k in range(matrix.shape[1]):
        column = matrix[:, k]
        norm = np.linalg.norm(column)
        if norm == 0:
            continue
        residual = column - basis @ (basis.T @ column)
        residual -= basis @ (basis.T @ residual)  # second pass for stability
        if np.linalg.norm(residual) > tol * norm:
            basis = np.column_stack([basis, residual / np.linalg.norm(residual)])
            kept.append(k)
    return np.array(kept, dtype=int)
