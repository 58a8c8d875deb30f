"""Summary mobility indices of a transition (outflow) matrix.

References
----------
Shorrocks, A. F. (1978). The measurement of mobility. *Econometrica* 46(5), 1013-1024.
Prais, S. J. (1955). Measuring social mobility. *JRSS A* 118(1), 56-66.
Bartholomew, D. J. (1982). *Stochastic Models for Social Processes*, 3rd ed. Wiley.
Sommers, P. M. & Conlisk, J. (1979). Eigenvalue immobility measures for Markov chains.
*Journal of Mathematical Sociology* 6(2), 253-276.
Rey, S. J. et al. PySAL giddy, ``giddy.mobility.markov_mobility`` (the usjoin
reference values in the tests come from its documentation).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from upward.measure._validate import to_numpy
from upward.measure.results import (
    Result,
    check_alpha,
    frozen_array,
    percentile_interval,
    text_table,
)

SCALARS = (
    "shorrocks",
    "determinant",
    "determinant_rooted",
    "eigenvalue",
    "bartholomew",
    "bartholomew_diagonal",
)


@dataclass(frozen=True)
class MobilityIndices(Result):
    """Mobility indices of a k x k transition matrix (0 = no mobility).

    Attributes
    ----------
    k : int
        Number of classes.
    shorrocks : float
        ``(k - tr P) / (k - 1)``.
    prais : ndarray
        Per-class Prais index ``1 - p_ii``.
    determinant : float
        ``1 - |det P|`` (giddy's "D").
    determinant_rooted : float
        ``1 - |det P|^(1/(k-1))`` (Shorrocks' original form).
    eigenvalue : float
        ``1 - |lambda_2|``, second-largest eigenvalue modulus.
    bartholomew : float
        ``1/(k-1) * sum_i pi_i sum_j p_ij |i - j|`` (giddy's "B2").
    bartholomew_diagonal : float
        ``(k - k sum_i pi_i p_ii) / (k - 1)`` (giddy's "B1").
    steady_state : ndarray
        Stationary distribution; NaN when the chain has no unique one.
    initial : ndarray
        The ``pi`` used by the Bartholomew indices.
    """

    k: int
    shorrocks: float
    prais: np.ndarray
    determinant: float
    determinant_rooted: float
    eigenvalue: float
    bartholomew: float
    bartholomew_diagonal: float
    steady_state: np.ndarray
    initial: np.ndarray
    _draws: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _title = "Mobility indices"

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows: list[list[Any]] = [[name, getattr(self, name)] for name in SCALARS]
        return ["index", "value"], rows

    def summary(self) -> str:
        columns, rows = self._rows()
        if self._draws is not None:
            intervals = self.conf_int()
            columns = [*columns, "2.5%", "97.5%"]
            rows = [[*row, *intervals[row[0]]] for row in rows]
        per_class = [
            [str(i + 1), self.prais[i], self.steady_state[i], self.initial[i]]
            for i in range(self.k)
        ]
        return (
            f"Mobility indices (k = {self.k})\n{text_table(columns, rows)}\n\n"
            + text_table(["class", "prais", "steady_state", "initial"], per_class)
        )

    def conf_int(self, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
        """Percentile bootstrap intervals for every scalar index."""
        alpha = check_alpha(alpha)
        if self._draws is None:
            raise ValueError(
                "conf_int needs bootstrap replicates: compute the indices with bootstrap=200"
            )
        return {name: percentile_interval(self._draws[name], alpha) for name in SCALARS}


def transition_matrix(matrix: Any, name: str = "P") -> np.ndarray:
    """Validate a row-stochastic matrix."""
    array = to_numpy(matrix, name)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers")
    array = np.asarray(array, dtype=np.float64)
    if array.ndim != 2 or array.shape[0] != array.shape[1]:
        raise ValueError(
            f"{name} must be a square k x k transition matrix, got shape {array.shape}"
        )
    if array.shape[0] < 2:
        raise ValueError(f"{name} must have at least two classes, got {array.shape[0]}")
    if not np.isfinite(array).all() or (array < 0).any():
        raise ValueError(f"{name} must hold finite, non-negative probabilities")
    sums = array.sum(axis=1)
    if not np.allclose(sums, 1.0, atol=1e-8):
        raise ValueError(
            f"every row of {name} must sum to 1 (got row sums {np.round(sums, 6).tolist()}); "
            "for a table of counts use MobilityTable(counts).outflow()"
        )
    return array


def steady_state(P: np.ndarray) -> np.ndarray:
    """Stationary distribution ``pi = pi P``; NaN if it is not unique."""
    k = P.shape[0]
    eigenvalues = np.linalg.eigvals(P)
    if np.sum(np.abs(eigenvalues - 1.0) < 1e-10) > 1:
        return np.full(k, math.nan)
    system = np.vstack([P.T - np.eye(k), np.ones(k)])
    target = np.zeros(k + 1)
    target[-1] = 1.0
    pi = np.linalg.lstsq(system, target, rcond=None)[0]
    return pi


def _scalars(P: np.ndarray, initial: np.ndarray) -> dict[str, float]:
    k = P.shape[0]
    det = abs(float(np.linalg.det(P)))
    moduli = np.sort(np.abs(np.linalg.eigvals(P)))[::-1]
    distance = np.abs(np.subtract.outer(np.arange(k), np.arange(k)))
    return {
        "shorrocks": (k - float(np.trace(P))) / (k - 1),
        "determinant": 1.0 - det,
        "determinant_rooted": 1.0 - det ** (1.0 / (k - 1)),
        "eigenvalue": 1.0 - float(moduli[1]),
        "bartholomew": float(initial @ (P * distance).sum(axis=1)) / (k - 1),
        "bartholomew_diagonal": (k - k * float(initial @ np.diag(P))) / (k - 1),
    }


def mobility_indices(
    P: Any,
    initial: Any = None,
    *,
    _draws: dict[str, np.ndarray] | None = None,
) -> MobilityIndices:
    """Shorrocks, Prais, determinant, eigenvalue and Bartholomew indices of ``P``.

    Parameters
    ----------
    P : array_like, shape (k, k)
        Transition matrix, rows = origin, each row summing to 1 (for instance
        ``MobilityTable.outflow()``).
    initial : array_like, shape (k,), optional
        Origin distribution ``pi`` for the Bartholomew indices; uniform when
        omitted (as in giddy). It is normalised to sum to 1.

    Returns
    -------
    MobilityIndices

    Notes
    -----
    .. math::

        M_S = \\frac{k - \\operatorname{tr} P}{k - 1},\\quad
        M_D = 1 - |\\det P|,\\quad M_{D'} = 1 - |\\det P|^{1/(k-1)},\\quad
        M_E = 1 - |\\lambda_2|,\\quad
        M_B = \\frac{1}{k-1} \\sum_i \\pi_i \\sum_j p_{ij} |i - j|.

    All are 0 for the identity matrix. Shorrocks and Bartholomew lie in
    [0, k/(k-1)] and [0, 1]; the determinant and eigenvalue forms in [0, 1].

    References
    ----------
    Shorrocks (1978); Prais (1955); Bartholomew (1982); Sommers & Conlisk (1979).

    Examples
    --------
    >>> import numpy as np
    >>> from upward.measure import mobility_indices
    >>> m = mobility_indices(np.eye(3))
    >>> m.shorrocks, m.determinant, m.eigenvalue
    (0.0, 0.0, 0.0)
    """
    matrix = transition_matrix(P)
    k = matrix.shape[0]
    if initial is None:
        pi = np.full(k, 1.0 / k)
    else:
        pi = np.asarray(to_numpy(initial, "initial"), dtype=np.float64)
        if pi.shape != (k,) or not np.isfinite(pi).all() or (pi < 0).any() or pi.sum() <= 0:
            raise ValueError(
                f"initial must be {k} non-negative numbers with a positive sum, got {pi.tolist()}"
            )
        pi = pi / pi.sum()
    values = _scalars(matrix, pi)
    return MobilityIndices(
        k=k,
        prais=frozen_array(1.0 - np.diag(matrix)),
        steady_state=frozen_array(steady_state(matrix)),
        initial=frozen_array(pi),
        _draws=_draws,
        **values,
    )


def bootstrap_draws(
    replicate_matrices: Callable[[], Any], initial: np.ndarray | None
) -> dict[str, np.ndarray]:
    """Scalar indices for each bootstrap transition matrix (rows without mass give NaN)."""
    collected: dict[str, list[float]] = {name: [] for name in SCALARS}
    for matrix in replicate_matrices():
        if matrix is None:
            for name in SCALARS:
                collected[name].append(math.nan)
            continue
        k = matrix.shape[0]
        pi = np.full(k, 1.0 / k) if initial is None else initial
        for name, value in _scalars(matrix, pi).items():
            collected[name].append(value)
    return {name: np.asarray(values) for name, values in collected.items()}
