"""Income mobility from paired parent and child incomes.

Each statistic is a sort of each column plus weighted sums over the columns,
so the same computation can later run on a distributed engine: the ranks come
from one sort per column (:mod:`upward.measure.ranks`), and a bootstrap
replicate only changes the weights, never the order.

References
----------
Chetty, R., Hendren, N., Kline, P. & Saez, E. (2014). Where is the land of
opportunity? The geography of intergenerational mobility in the United States.
*Quarterly Journal of Economics* 129(4), 1553-1623.
Mitnik, P. A. & Grusky, D. B. (2020). The intergenerational elasticity of what?
The case for redefining the workhorse measure of economic mobility.
*Sociological Methodology* 50(1), 47-95.
Solon, G. (1992). Intergenerational income mobility in the United States.
*American Economic Review* 82(3), 393-408.
"""

from __future__ import annotations

import math
import queue
import types
import warnings
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from upward.measure import indices as mobility
from upward.measure._passes import (
    CHUNK,
    Frame,
    IgeSpec,
    Sums,
    Workspace,
    counted_sums,
    ige_sums,
    point_sums,
    replicate_sums,
)
from upward.measure._poisson import _small_problem as _one_blas_thread
from upward.measure._validate import (
    choice,
    finite_values,
    float_column,
    positive_int,
    rng_from,
    same_length,
    weight_column,
)
from upward.measure.exceptions import EstimateWarning
from upward.measure.ranks import (
    Keys,
    SortedColumn,
    position_array,
    positions,
    sort_column,
)
from upward.measure.results import (
    Result,
    check_alpha,
    frozen_array,
    matrix_rows,
    percentile_interval,
    text_table,
    wald_intervals,
)

ZeroIncome = Literal["drop", "recode", "poisson"]
ZERO_INCOME = ("drop", "recode", "poisson")
IntervalMethod = Literal["bootstrap", "hc1"]
INTERVAL_METHODS = ("bootstrap", "hc1")
ROBUST = ("ige", "rank_slope")  # statistics with an analytic (HC1) standard error
SCALARS = ("ige", "rank_slope", "rank_intercept", "absolute_upward", "bottom_to_top")
DRAWS = (*SCALARS, *mobility.SCALARS)
_WORKERS = 2  # bootstrap replicates in flight (each holds one full-length array)


@dataclass(frozen=True)
class IncomeMobility(Result):
    """Income mobility statistics of parent/child pairs.

    Attributes
    ----------
    n : int
        Pairs used for ranks and the transition matrix.
    n_ige : int
        Pairs used for the IGE (after the ``zero_income`` policy).
    quantiles : int
        Number of rank classes ``k`` of the transition matrix.
    zero_income : str
        Policy for zero incomes in the IGE.
    ige : float
        Intergenerational elasticity (see :func:`income_mobility` Notes).
    rank_slope, rank_intercept : float
        Least squares of the child's percentile rank on the parent's.
    absolute_upward : float
        ``rank_intercept + 25 * rank_slope``: expected rank of children of
        parents at the 25th percentile (Chetty et al.'s absolute upward mobility).
    bottom_to_top : float
        ``P(child in top quantile | parent in bottom quantile)``.
    transition : ndarray, shape (k, k)
        Quantile transition (outflow) matrix, rows = parent quantile from the
        bottom (Q1) up, columns = child quantile from the bottom up.
    indices : MobilityIndices
        :func:`mobility_indices` of ``transition`` (uniform initial distribution,
        which is the parents' distribution across quantiles).
    bootstrap : int
        Number of Poisson-bootstrap replicates behind ``conf_int``.
    se : Mapping[str, float]
        Analytic heteroskedasticity-robust standard errors of ``ige`` and
        ``rank_slope`` (see Notes of :func:`income_mobility`); NaN where the
        statistic is NaN.
    """

    n: int
    n_ige: int
    quantiles: int
    zero_income: str
    ige: float
    rank_slope: float
    rank_intercept: float
    absolute_upward: float
    bottom_to_top: float
    transition: np.ndarray
    indices: mobility.MobilityIndices
    bootstrap: int
    se: Mapping[str, float]
    _draws: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _title = "Income mobility"

    def _scalar_rows(self) -> list[list[Any]]:
        rows: list[list[Any]] = [[name, getattr(self, name)] for name in SCALARS]
        rows += [[name, getattr(self.indices, name)] for name in mobility.SCALARS]
        return rows

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows = [[*row, self.se.get(row[0], math.nan)] for row in self._scalar_rows()]
        if self._draws is None:
            return ["statistic", "value", "se"], rows
        intervals = self.conf_int()
        return (
            ["statistic", "value", "se", "2.5%", "97.5%"],
            [[*row, *intervals[row[0]]] for row in rows],
        )

    def summary(self) -> str:
        columns, rows = self._rows()
        labels = [f"Q{i + 1}" for i in range(self.quantiles)]
        head = (
            f"Income mobility   n = {self.n:,}   n (IGE) = {self.n_ige:,}   "
            f"zero incomes: {self.zero_income}"
        )
        if self.bootstrap:
            head += f"   bootstrap replicates: {self.bootstrap}"
        matrix_columns, matrix = matrix_rows(self.transition, labels, labels)
        return (
            f"{head}\n{text_table(columns, rows)}\n\n"
            f"Transition matrix (rows parent quantile, columns child quantile, bottom first)\n"
            + text_table(matrix_columns, matrix)
        )

    def conf_int(
        self, alpha: float = 0.05, method: IntervalMethod = "bootstrap"
    ) -> dict[str, tuple[float, float]]:
        """Confidence intervals.

        ``method="bootstrap"``: percentile intervals over the Poisson-bootstrap
        replicates, for every scalar statistic and index. ``method="hc1"``:
        normal (Wald) intervals ``estimate ± z(1 - alpha/2) se`` from the
        analytic standard errors, for ``ige`` and ``rank_slope`` only (no
        replicates needed).
        """
        alpha = check_alpha(alpha)
        choice(method, "method", INTERVAL_METHODS)
        if method == "hc1":
            return wald_intervals({name: getattr(self, name) for name in ROBUST}, self.se, alpha)
        if self._draws is None:
            raise ValueError(
                "conf_int needs bootstrap replicates: call income_mobility(..., bootstrap=200), "
                'or use conf_int(method="hc1") for the analytic intervals of ige and rank_slope'
            )
        return {name: percentile_interval(draws, alpha) for name, draws in self._draws.items()}


# ----------------------------------------------------------------------------- engine


def _poisson_data(parent: np.ndarray, child: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Log parent income (0 where zero) and the inclusion indicator of the Poisson IGE."""
    if parent.min() > 0:
        return np.log(parent), None
    positive = parent > 0
    return np.log(np.where(positive, parent, 1.0)), positive


def _poisson_slope(
    x: np.ndarray, y: np.ndarray, w: np.ndarray | None, start: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Poisson pseudo-ML of ``y`` on ``x`` (log link) by Newton; returns (intercept, slope).

    Every Newton step is a pass of weighted sums over blocks of rows.
    """
    n = x.size
    blocks = [(lo, min(lo + CHUNK, n)) for lo in range(0, n, CHUNK)]

    def block_w(lo: int, hi: int) -> np.ndarray:
        return np.ones(hi - lo) if w is None else w[lo:hi]

    total_w = sum(float(block_w(lo, hi).sum()) for lo, hi in blocks)
    total_y = total_yx = 0.0
    for lo, hi in blocks:
        weighted_y = block_w(lo, hi) * y[lo:hi]
        total_y += float(weighted_y.sum())
        total_yx += float(np.dot(weighted_y, x[lo:hi]))
    if not total_y > 0:
        return (math.nan, math.nan)
    a, b = start if start is not None else (math.log(total_y / total_w), 0.0)
    for _ in range(100):
        s0 = s1 = s2 = 0.0
        for lo, hi in blocks:
            xb = x[lo:hi]
            wm = np.exp(a + b * xb)
            wm *= block_w(lo, hi)
            s0 += float(wm.sum())
            s1 += float(np.dot(wm, xb))
            wm *= xb
            s2 += float(np.dot(wm, xb))
        residual = total_y - s0, total_yx - s1
        det = s0 * s2 - s1 * s1
        if not det > 0:
            return (math.nan, math.nan)
        da = (s2 * residual[0] - s1 * residual[1]) / det
        db = (s0 * residual[1] - s1 * residual[0]) / det
        a, b = a + da, b + db
        if abs(da) < 1e-12 * (1 + abs(a)) and abs(db) < 1e-12 * (1 + abs(b)):
            break
    return (float(a), float(b))


def _values(sums: Sums, elasticity: float) -> tuple[dict[str, float], np.ndarray]:
    slope, intercept = sums.rank_fit()
    transition = sums.transition()
    values = {
        "ige": elasticity,
        "rank_slope": slope,
        "rank_intercept": intercept,
        "absolute_upward": float(intercept + 25.0 * slope),
        "bottom_to_top": float(transition[0, -1]),
    }
    return values, transition


@dataclass
class _Ige:
    """The IGE of the point estimate (summed in row order, next to the sorts)."""

    spec: IgeSpec
    sums: Sums
    elasticity: float
    n_ige: int
    se: float
    poisson_start: tuple[float, float] | None = None


def _ige(
    parent: np.ndarray,
    child: np.ndarray,
    weights: np.ndarray | None,
    spec: IgeSpec,
) -> _Ige:
    """The IGE of the point estimate, in row order (it needs no ranks)."""
    if spec.policy == "poisson":
        x, include = _poisson_data(parent, child)
        ige_weights = weights
        if include is not None:
            ige_weights = include * (1.0 if weights is None else weights)
        start = _poisson_slope(x, child, ige_weights)
        n_ige = parent.size if include is None else int(np.count_nonzero(include))
        se = _poisson_slope_se(x, child, ige_weights, start)
        return _Ige(spec, Sums(1), start[1], n_ige, se, start)
    sums = ige_sums(parent, child, weights, spec)
    return _Ige(spec, sums, sums.ige_slope(), sums.ige_count, sums.ige_slope_se())


def _poisson_slope_se(
    x: np.ndarray, y: np.ndarray, w: np.ndarray | None, fit: tuple[float, float]
) -> float:
    """Robust (sandwich) standard error of the Poisson pseudo-ML slope.

    ``H^-1 M H^-1`` with ``H = Σ w mu x x'`` and ``M = Σ w² (y - mu)² x x'``
    (``x = (1, log parent)``), as statsmodels' ``GLM(..., family=Poisson(),
    var_weights=w).fit(cov_type="HC1")``, which adds no small-sample factor for
    this model. One more pass of block sums.
    """
    a, b = fit
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.nan
    h = np.zeros(3)
    m = np.zeros(3)
    for lo in range(0, x.size, CHUNK):
        hi = min(lo + CHUNK, x.size)
        xb, yb = x[lo:hi], y[lo:hi]
        mu = np.exp(a + b * xb)
        wb = np.ones(hi - lo) if w is None else w[lo:hi]
        wmu = wb * mu
        score = wb * (yb - mu)
        score *= score
        h += (float(wmu.sum()), float(np.dot(wmu, xb)), float(np.dot(wmu * xb, xb)))
        m += (float(score.sum()), float(np.dot(score, xb)), float(np.dot(score * xb, xb)))
    det = h[0] * h[2] - h[1] * h[1]
    if not det > 0:
        return math.nan
    inverse_row = np.array([-h[1], h[0]]) / det  # the slope's row of H^-1
    meat = np.array([[m[0], m[1]], [m[1], m[2]]])
    return math.sqrt(max(float(inverse_row @ meat @ inverse_row), 0.0))


def _halves(pool: ThreadPoolExecutor, function: Callable[[int, int], Any], n: int) -> list[Any]:
    """``function(lo, hi)`` over the two halves of ``0:n``, in two threads when n is large."""
    if n < 4 * CHUNK:
        return [function(0, n)]
    futures = [pool.submit(function, lo, hi) for lo, hi in ((0, n // 2), (n // 2, n))]
    return [future.result() for future in futures]


def _sorted_keys(keys: Keys) -> SortedColumn:
    keys.sort()
    runs = keys.runs(0, keys.keys.size)
    keys.labels(0, keys.keys.size)
    return keys.finish([runs])


def _sort_pairs(
    pool: ThreadPoolExecutor,
    parent: np.ndarray,
    child: np.ndarray,
    bounds: tuple[tuple[float, float], tuple[float, float]],
    ige_job: Callable[[], _Ige],
) -> tuple[SortedColumn, SortedColumn, _Ige]:
    """Sort the parent, then the child labelled by parent position (see _passes).

    Work is shared between two threads: halves of the key building and
    scatters, and the IGE (which needs no sort) while the parent is sorted.
    """
    n = parent.size
    parent_keys, child_keys = Keys.of(parent, bounds[0]), Keys.of(child, bounds[1])
    if parent_keys is None or child_keys is None:  # not float64-packable: argsort
        sorted_parent = sort_column(parent)
        position = positions(sorted_parent.order)
        sorted_child = sort_column(child, labels=position, rows=sorted_parent.order)
        return sorted_parent, sorted_child, ige_job()
    _halves(pool, parent_keys.fill, n)
    parent_sorted = pool.submit(_sorted_keys, parent_keys)
    ige = pool.submit(ige_job)
    sorted_parent = parent_sorted.result()
    del parent_sorted  # a future holds its result
    # Each row's parent position (the child's sort label), then the child's keys.
    position = position_array(n)
    _halves(pool, lambda lo, hi: positions(sorted_parent.order, position, lo, hi), n)
    _halves(pool, lambda lo, hi: child_keys.fill(lo, hi, position), n)
    child_keys.sort()
    runs = _halves(pool, child_keys.runs, n)
    _halves(pool, child_keys.labels, n)
    sorted_child = child_keys.finish(runs, rows=sorted_parent.order)
    return sorted_parent, sorted_child, ige.result()


def income_mobility(
    parent: Any,
    child: Any,
    weights: Any = None,
    quantiles: int = 5,
    zero_income: ZeroIncome = "drop",
    bootstrap: int = 0,
    seed: int | np.random.Generator | None = None,
    *,
    recode_value: float = 1.0,
    progress: Callable[[int, int], None] | None = None,
) -> IncomeMobility:
    """Rank-rank slope, IGE, absolute upward mobility and quantile transitions.

    Parameters
    ----------
    parent, child : array_like
        Incomes (finite, >= 0) of each parent and their child, one pair per row.
        Lists, numpy arrays, pandas or polars columns.
    weights : array_like, optional
        Non-negative survey weights, one per pair.
    quantiles : int, default 5
        Number of rank classes of the transition matrix (5 = quintiles).
    zero_income : {"drop", "recode", "poisson"}, default "drop"
        IGE policy for zero incomes (ranks always include every pair):
        ``"drop"`` leaves pairs with a zero income out of the IGE;
        ``"recode"`` replaces zeros by ``recode_value`` before taking logs;
        ``"poisson"`` estimates the elasticity of the expected child income
        (Poisson pseudo-maximum likelihood of child income on log parent income,
        pairs with a zero parent income left out), which keeps zero children.
    bootstrap : int, default 0
        Number of Poisson-bootstrap replicates for ``conf_int``.
    seed : int or numpy.random.Generator, optional
        Makes the bootstrap reproducible.
    recode_value : float, default 1.0
        Income given to zeros under ``zero_income="recode"``.
    progress : callable, optional
        Called as ``progress(done, total)`` after each bootstrap replicate.

    Returns
    -------
    IncomeMobility

    Notes
    -----
    Weighted mid-ranks on 0-100:
    ``R_i = 100 [W(x < x_i) + W(x = x_i)/2] / W``. The rank-rank slope and
    intercept are the weighted least-squares fit of ``R_child`` on ``R_parent``;
    absolute upward mobility ``u25 = alpha + 25 beta``. The IGE is the
    weighted least-squares slope of ``log child`` on ``log parent``. Quantile
    class of a rank: the number of cut points ``100 j / k`` (j = 1..k-1) at or
    below it. Confidence intervals are percentile intervals over Poisson
    bootstrap replicates: each replicate reweights rows by independent Poisson(1)
    counts and recomputes every statistic from the same sort order.

    ``se`` holds HC1 (heteroskedasticity-robust) standard errors of the IGE and
    the rank-rank slope, ``n/(n-2) Σ w² (x - x̄)² e² / (Σ w (x - x̄)²)²`` as
    statsmodels' ``WLS(...).fit(cov_type="HC1")`` (for ``zero_income="poisson"``
    the pseudo-likelihood sandwich, as statsmodels' GLM), from sums collected in
    the same passes: O(n), no extra sort. The rank-rank one treats the ranks as
    given. ``conf_int(method="hc1")`` gives their normal intervals.

    All-zero child incomes or all-equal parent incomes raise ``ValueError``.
    Parent incomes with too few distinct values for ``quantiles`` leave some
    parent quantiles empty: the IGE and the rank slope are still computed, the
    empty rows of ``transition``, ``bottom_to_top`` (if Q1 is empty) and the
    indices are NaN, with an ``EstimateWarning``.

    References
    ----------
    Chetty, Hendren, Kline & Saez (2014); Mitnik & Grusky (2020); Solon (1992).

    Examples
    --------
    >>> import numpy as np
    >>> from upward.measure import income_mobility
    >>> rng = np.random.default_rng(0)
    >>> parent = rng.lognormal(10, 0.7, 10_000)
    >>> child = np.exp(0.4 * np.log(parent) + rng.normal(6, 0.6, 10_000))
    >>> res = income_mobility(parent, child)
    >>> round(res.ige, 1), res.transition.shape
    (0.4, (5, 5))
    """
    # Values are checked (finite, >= 0) in the sorting threads.
    parent_income = float_column(parent, "parent", check_values=False)
    child_income = float_column(child, "child", check_values=False)
    n = same_length(parent=parent_income, child=child_income)
    if n < 2:
        raise ValueError(f"parent and child need at least two pairs, got {n}")
    w = weight_column(weights, n)
    k = positive_int(quantiles, "quantiles", 2)
    policy = choice(zero_income, "zero_income", ZERO_INCOME)
    replicates = positive_int(bootstrap, "bootstrap", 0)
    if policy == "recode" and not (isinstance(recode_value, int | float) and recode_value > 0):
        raise ValueError(f"recode_value must be a positive income, got {recode_value!r}")
    rng = rng_from(seed) if replicates else None

    recode = float(recode_value)
    with _one_blas_thread(), ThreadPoolExecutor(max_workers=2) as pool:
        # numpy's sort and large array operations release the GIL, so two
        # threads share the work (see _sort_pairs).
        checks = [
            pool.submit(finite_values, column, name, nonnegative=True)
            for column, name in ((parent_income, "parent"), (child_income, "child"))
        ]
        bounds = (checks[0].result(), checks[1].result())  # the parent's error first
        _check_variation(bounds)
        spec = IgeSpec.of(parent_income, child_income, policy, recode, bounds)
        sorted_parent, sorted_child, ige = _sort_pairs(
            pool,
            parent_income,
            child_income,
            bounds,
            lambda: _ige(parent_income, child_income, w, spec),
        )
        frame = Frame.build(sorted_parent, sorted_child, w, compact=bool(replicates))
        del sorted_parent, sorted_child
        if w is None:
            sums = point_sums(frame, k, pool.map)
        else:
            ones = np.ones(n, dtype=np.uint8)
            sums, _ = counted_sums(
                frame, frame.workspace(False), ones, k, policy, ige=False, robust=True
            )
            del ones
    sums.take_ige(ige.sums)
    elasticity, n_ige, poisson_start = ige.elasticity, ige.n_ige, ige.poisson_start
    values, transition = _values(sums, elasticity)
    se = {"ige": ige.se, "rank_slope": sums.rank_slope_se()}
    empty = ~np.isfinite(transition).all(axis=1)  # parent quantiles with no one in them
    initial = np.full(k, 1.0 / k)
    _warn_missing(values, empty, policy, n_ige)
    draws = None
    if replicates:
        assert rng is not None
        frame.with_logs(parent_income, child_income, ige.spec)
        draws = _bootstrap(frame, policy, k, replicates, rng, poisson_start, progress)
    return IncomeMobility(
        n=n,
        n_ige=n_ige,
        quantiles=k,
        zero_income=policy,
        transition=frozen_array(transition),
        indices=_nan_indices(k, initial)
        if empty.any()
        else mobility.mobility_indices(transition, initial),
        bootstrap=replicates,
        se=types.MappingProxyType({name: float(value) for name, value in se.items()}),
        _draws=draws,
        **values,
    )


def _check_variation(bounds: tuple[tuple[float, float], tuple[float, float]]) -> None:
    """Refuse data from which no statistic can be computed."""
    (parent_low, parent_high), (child_low, child_high) = bounds
    if child_high == 0:
        raise ValueError(
            "child incomes are all zero: there is no income mobility to measure "
            "(check the child column)"
        )
    if parent_low == parent_high:
        raise ValueError(
            f"parent incomes are all equal ({parent_low:g}): ranks, IGE and quantiles need "
            "parents with different incomes (check the parent column)"
        )


def _warn_missing(
    values: dict[str, float], empty: np.ndarray, policy: str, n_ige: int
) -> None:
    """Say why a statistic that could not be computed is NaN (the others are kept)."""
    if empty.any():
        quantiles = ", ".join(f"Q{i + 1}" for i in np.flatnonzero(empty))
        warnings.warn(
            f"parent has too few distinct incomes for {empty.size} quantiles: {quantiles} "
            "hold no parent, so those rows of the transition matrix, bottom_to_top (if Q1 "
            "is one) and the mobility indices are NaN; lower quantiles to get them "
            "(the IGE and the rank slope are not affected)",
            EstimateWarning,
            stacklevel=3,
        )
    if math.isnan(values["ige"]):
        if n_ige == 0:
            reason = (
                "no pair has a positive parent and child income "
                f"(zero_income={policy!r} leaves the others out); try zero_income='recode'"
            )
        else:
            reason = f"the incomes of the {n_ige} pair(s) it uses do not vary"
        warnings.warn(f"ige is NaN: {reason}", EstimateWarning, stacklevel=3)
    if math.isnan(values["rank_slope"]):
        warnings.warn(
            "rank_slope, rank_intercept and absolute_upward are NaN: the parents' ranks do "
            "not vary (all the weight is on one parent income)",
            EstimateWarning,
            stacklevel=3,
        )


def _nan_indices(k: int, initial: np.ndarray) -> mobility.MobilityIndices:
    """Indices of a transition matrix with empty rows: not defined."""
    return mobility.MobilityIndices(
        k=k,
        prais=frozen_array(np.full(k, math.nan)),
        steady_state=frozen_array(np.full(k, math.nan)),
        initial=frozen_array(initial),
        shorrocks=math.nan,
        determinant=math.nan,
        determinant_rooted=math.nan,
        eigenvalue=math.nan,
        bartholomew=math.nan,
        bartholomew_diagonal=math.nan,
    )


def _bootstrap(
    frame: Frame,
    policy: str,
    k: int,
    replicates: int,
    rng: np.random.Generator,
    poisson_start: tuple[float, float] | None,
    progress: Callable[[int, int], None] | None,
) -> dict[str, np.ndarray]:
    """Poisson-bootstrap draws of every scalar (see :mod:`upward.measure._passes`).

    Two replicates run at a time in two threads (numpy releases the GIL in its
    loops); each replicate has its own random stream spawned from ``rng``, so
    the draws do not depend on which thread ran which replicate, or when.
    """
    streams = rng.spawn(replicates)
    initial = np.full(k, 1.0 / k)
    workers = _WORKERS
    free: queue.SimpleQueue[Workspace] = queue.SimpleQueue()
    for _ in range(workers):
        free.put(frame.workspace(True))

    def replicate(index: int) -> list[float]:
        buffers = free.get()
        try:
            sums, ige_weights = replicate_sums(frame, buffers, streams[index], k, policy)
        finally:
            free.put(buffers)
        if ige_weights is not None:
            assert frame.x is not None and frame.y is not None
            elasticity = _poisson_slope(frame.x, frame.y, ige_weights, poisson_start)[1]
            del ige_weights
        else:
            elasticity = sums.ige_slope()
        values, transition = _values(sums, elasticity)
        if np.isfinite(transition).all():
            values.update(mobility._scalars(transition, initial))
        else:
            values.update(dict.fromkeys(mobility.SCALARS, math.nan))
        return [values[name] for name in DRAWS]

    with _one_blas_thread(), ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(replicate, index) for index in range(replicates)]
        for done, _ in enumerate(as_completed(futures), start=1):
            if progress is not None:
                progress(done, replicates)
        table = np.array([future.result() for future in futures], dtype=np.float64)
    return {name: table[:, column] for column, name in enumerate(DRAWS)}
