"""Poisson maximum likelihood for log-linear and multiplicative (log-bilinear) models.

One fitter serves every model: the log mean ``eta(theta)`` may be linear in
``theta`` (then this is IRLS for a Poisson GLM) or bilinear (RC(1), Unidiff).
Each step is a Fisher-scoring (Gauss-Newton) step solved as a weighted least
squares problem by ``lstsq``, which returns the minimum-norm step and so copes
with the unidentified directions of multiplicative models (scale and location of
scores) without imposing constraints during the fit; the step is halved until
the deviance does not increase. Identification is applied afterwards, when
parameters are reported, and standard errors of reported (identified)
quantities come from the delta method with the pseudo-inverse of the expected
information, which is the same for any generalised inverse when the quantity is
estimable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import numpy as np

EtaFunction = Callable[[np.ndarray], np.ndarray]


@dataclass
class PoissonFit:
    theta: np.ndarray
    mu: np.ndarray  # fitted means over the fitted cells
    deviance: float
    rank: int
    iterations: int
    converged: bool
    covariance: np.ndarray  # pseudo-inverse of J'WJ at the optimum


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


def fit_from_starts(
    y: np.ndarray,
    eta: EtaFunction,
    jacobian: EtaFunction,
    starts: Sequence[np.ndarray],
) -> PoissonFit:
    """Best fit over several starting values (multiplicative likelihoods can be multimodal).

    The first two starts are deterministic; when both reach the same deviance
    the remaining (random) starts are skipped, and those are capped at 100
    iterations as a start heading for a poor optimum crawls.
    """
    best: PoissonFit | None = None
    with _small_problem():
        for number, start in enumerate(starts):
            attempt = fit(y, eta, jacobian, start, max_iter=500 if number < 2 else 100)
            if best is None or attempt.deviance < best.deviance - 1e-9:
                if best is not None and number >= 2 and not attempt.converged:
                    attempt = fit(y, eta, jacobian, attempt.theta)
                best = attempt
            if number == 1 and abs(best.deviance - attempt.deviance) < 1e-6 * (1 + best.deviance):
                break
    assert best is not None
    return best


def fit(
    y: np.ndarray,
    eta: EtaFunction,
    jacobian: EtaFunction,
    theta0: np.ndarray,
    *,
    max_iter: int = 500,
    tol: float = 1e-12,
) -> PoissonFit:
    """Maximise the Poisson likelihood of counts ``y`` over ``theta``.

    ``eta`` and ``jacobian`` are already restricted to the fitted cells.
    Convergence: relative deviance change below ``tol`` and a negligible step.
    """
    theta = np.asarray(theta0, dtype=float).copy()
    mu = _safe_exp(eta(theta))
    dev = deviance(y, mu)
    converged = False
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - reported after the loop
        jac = jacobian(theta)
        root = np.sqrt(mu)
        step = np.linalg.lstsq(jac * root[:, None], (y - mu) / root, rcond=None)[0]
        scale = 1.0
        while True:
            candidate = theta + scale * step
            mu_new = _safe_exp(eta(candidate))
            dev_new = deviance(y, mu_new)
            if dev_new <= dev + 1e-10 * (1.0 + abs(dev)) or scale < 1e-10:
                break
            scale /= 2.0
        change = dev - dev_new
        theta, mu, dev_old, dev = candidate, mu_new, dev, dev_new
        small_step = float(np.max(np.abs(scale * step), initial=0.0)) < 1e-7 * (
            1.0 + float(np.max(np.abs(theta), initial=0.0))
        )
        if abs(change) <= tol * (abs(dev_old) + 0.1) and (small_step or scale < 1e-10):
            converged = True
            break
    jac = jacobian(theta) * np.sqrt(mu)[:, None]
    singular = np.linalg.svd(jac, compute_uv=False)
    cutoff = singular.max(initial=0.0) * max(jac.shape) * 1e-10
    rank = int(np.sum(singular > cutoff))
    covariance = np.linalg.pinv(jac.T @ jac, rcond=1e-10, hermitian=True)
    return PoissonFit(theta, mu, dev, rank, iterations, converged, covariance)


def delta_method(
    report: Callable[[np.ndarray], np.ndarray], theta: np.ndarray, covariance: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Values and standard errors of ``report(theta)`` by central differences."""
    values = np.asarray(report(theta), dtype=float)
    gradient = np.empty((values.size, theta.size))
    for k in range(theta.size):
        h = 1e-6 * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += h
        down[k] -= h
        gradient[:, k] = (np.asarray(report(up)) - np.asarray(report(down))) / (2 * h)
    variance = np.einsum("ij,jk,ik->i", gradient, covariance, gradient)
    return values, np.sqrt(np.clip(variance, 0.0, None))


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
