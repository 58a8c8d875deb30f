"""Odds ratios and the Altham distance between tables.

References
----------
Altham, P. M. E. (1970). The measurement of association of rows and columns for
an r x s contingency table. *JRSS B* 32(1), 63-73.
Altham, P. M. E. & Ferrie, J. P. (2007). Comparing contingency tables: tools for
analyzing data from two groups cross-classified by two characteristics.
*Historical Methods* 40(1), 3-16.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np

from upward.measure._validate import choice, counts_array


def local_odds_ratios(table: np.ndarray) -> np.ndarray:
    """``theta_ij = n_ij n_{i+1,j+1} / (n_{i,j+1} n_{i+1,j})``, shape (I-1, J-1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (table[:-1, :-1] * table[1:, 1:]) / (table[:-1, 1:] * table[1:, :-1])


def all_odds_ratios(table: np.ndarray) -> np.ndarray:
    """``theta[i, i', j, j'] = n_ij n_i'j' / (n_ij' n_i'j)`` for every pair of rows and columns."""
    with np.errstate(divide="ignore", invalid="ignore"):
        log_table = np.log(table)
        log_theta = (
            log_table[:, None, :, None]
            + log_table[None, :, None, :]
            - log_table[:, None, None, :]
            - log_table[None, :, :, None]
        )
        return np.exp(log_theta)


def odds_ratios(table: np.ndarray, kind: Literal["local", "all"] = "local") -> np.ndarray:
    """Local (adjacent rows and columns) or all-pairs odds ratios."""
    choice(kind, "kind", ("local", "all"))
    return local_odds_ratios(table) if kind == "local" else all_odds_ratios(table)


def _double_centred_log(table: np.ndarray, name: str) -> np.ndarray:
    if (table <= 0).any():
        raise ValueError(
            f"{name} has zero cells: the Altham distance needs the log of every cell; "
            "collapse sparse classes or add a small constant (e.g. 0.5) to every cell"
        )
    log_table = np.log(table)
    return (
        log_table
        - log_table.mean(axis=0, keepdims=True)
        - log_table.mean(axis=1, keepdims=True)
        + log_table.mean()
    )


def altham(p: Any, q: Any = None) -> float:
    """Altham distance between the association of two tables (or from independence).

    Parameters
    ----------
    p : array_like, shape (I, J)
        Counts or proportions (only odds ratios matter, so scale is irrelevant).
    q : array_like, shape (I, J), optional
        A second table of the same shape. When omitted, the distance of ``p``
        from independence is returned.

    Returns
    -------
    float

    Notes
    -----
    .. math::

        d(P, Q) = \\Big[\\sum_{i,i',j,j'} \\big(\\log\\theta_{ii'jj'}(P)
                 - \\log\\theta_{ii'jj'}(Q)\\big)^2\\Big]^{1/2},\\quad
        \\theta_{ii'jj'} = \\frac{p_{ij} p_{i'j'}}{p_{ij'} p_{i'j}},

    summed over all ordered row pairs and column pairs. With ``lambda`` the
    double-centred log table this equals ``2 sqrt(I J sum (lambda_P - lambda_Q)^2)``,
    which is how it is computed; independence has ``lambda = 0``.
    Every cell must be positive.

    References
    ----------
    Altham (1970); Altham & Ferrie (2007).

    Examples
    --------
    >>> from upward.measure import altham
    >>> round(altham([[2, 1], [1, 2]]), 6)  # 2 |log 4|, as 2 x 2 tables have one odds ratio
    2.772589
    """
    first = counts_array(p, "p")
    lam = _double_centred_log(first, "p")
    if q is not None:
        second = counts_array(q, "q")
        if second.shape != first.shape:
            raise ValueError(f"q must have the same shape as p: {second.shape} != {first.shape}")
        lam = lam - _double_centred_log(second, "q")
    rows, cols = first.shape
    return 2.0 * math.sqrt(rows * cols * float(np.sum(lam**2)))
