"""Which cells a log-linear model fits exactly at zero (the complement of the facial set).

With sampling zeros the Poisson maximum likelihood of a log-linear model may
not exist: if some direction ``d`` of the parameters lowers the log mean of
some zero cells (``X_i d < 0``) and leaves every other cell unchanged
(``X_i d = 0``), moving along it raises the likelihood for ever, so those
cells are fitted at zero and parameters run to minus infinity (Bishop,
Fienberg & Holland 1975, sec. 5.4; Fienberg & Rinaldo 2012). The fit then
is the ordinary maximum likelihood of the cells that remain (the *facial
set*), with the zero-fitted cells left out like structural zeros.

The largest such set of cells is found by one linear programme: maximise
``sum s_i`` over the zero cells subject to ``X_i d = 0`` on the positive
cells, ``X_i d + s_i <= 0`` and ``0 <= s_i <= 1`` on the zero cells. The
directions form a convex cone, so the optimum has ``s_i = 1`` exactly on the
cells some direction sends to zero and ``s_i = 0`` elsewhere.

References
----------
Bishop, Y. M. M., Fienberg, S. E. & Holland, P. W. (1975). *Discrete
Multivariate Analysis*. MIT Press, sec. 5.4.
Fienberg, S. E. & Rinaldo, A. (2012). Maximum likelihood estimation in
log-linear models. *Annals of Statistics* 40(2), 996-1023.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize


def zero_fitted_cells(design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Boolean mask of the cells (rows of ``design``) fitted exactly at zero."""
    zero = y <= 0
    result = np.zeros(y.size, dtype=bool)
    if not zero.any() or design.shape[1] == 0:
        return result
    positive = ~zero
    n_params, n_zero = design.shape[1], int(zero.sum())
    # Columns are scaled so that the tolerances of the solver mean the same for all.
    scale = np.abs(design).max(axis=0)
    scale[scale == 0] = 1.0
    x = design / scale
    objective = np.concatenate([np.zeros(n_params), -np.ones(n_zero)])
    upper = np.hstack([x[zero], np.eye(n_zero)])
    equal = np.hstack([x[positive], np.zeros((int(positive.sum()), n_zero))])
    bounds = [(None, None)] * n_params + [(0.0, 1.0)] * n_zero
    solution = optimize.linprog(
        objective,
        A_ub=upper,
        b_ub=np.zeros(n_zero),
        A_eq=equal if equal.shape[0] else None,
        b_eq=np.zeros(equal.shape[0]) if equal.shape[0] else None,
        bounds=bounds,
        method="highs",
    )
    if solution.status != 0:  # pragma: no cover - the programme is always feasible (d = 0)
        return result
    result[np.flatnonzero(zero)[solution.x[n_params:] > 0.5]] = True
    return result
