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
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from upward.measure import bootstrap as replicate_weights
from upward.measure import indices as mobility
from upward.measure._validate import (
    choice,
    float_column,
    positive_int,
    rng_from,
    same_length,
    weight_column,
)
from upward.measure.ranks import SortedColumn, TieGroups, midranks, sort_column
from upward.measure.results import (
    Result,
    check_alpha,
    frozen_array,
    matrix_rows,
    percentile_interval,
    text_table,
)

ZeroIncome = Literal["drop", "recode", "poisson"]
ZERO_INCOME = ("drop", "recode", "poisson")
SCALARS = ("ige", "rank_slope", "rank_intercept", "absolute_upward", "bottom_to_top")


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
    _draws: dict[str, np.ndarray] | None = field(default=None, repr=False, compare=False)
    _title = "Income mobility"

    def _scalar_rows(self) -> list[list[Any]]:
        rows: list[list[Any]] = [[name, getattr(self, name)] for name in SCALARS]
        rows += [[name, getattr(self.indices, name)] for name in mobility.SCALARS]
        return rows

    def _rows(self) -> tuple[list[str], list[list[Any]]]:
        rows = self._scalar_rows()
        if self._draws is None:
            return ["statistic", "value"], rows
        intervals = self.conf_int()
        return (
            ["statistic", "value", "2.5%", "97.5%"],
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

    def conf_int(self, alpha: float = 0.05) -> dict[str, tuple[float, float]]:
        """Percentile bootstrap intervals for every scalar statistic and index."""
        alpha = check_alpha(alpha)
        if self._draws is None:
            raise ValueError(
                "conf_int needs bootstrap replicates: call income_mobility(..., bootstrap=200)"
            )
        return {name: percentile_interval(draws, alpha) for name, draws in self._draws.items()}


# ----------------------------------------------------------------------------- engine


@dataclass
class _IgeData:
    """Regressor, response and inclusion weights of the IGE, aligned with the ranks."""

    x: np.ndarray  # log parent income (centred)
    y: np.ndarray  # log child income (centred) or child income (poisson)
    include: np.ndarray | None  # 1.0 for pairs in the IGE, None when all are


def _ige_data(parent: np.ndarray, child: np.ndarray, policy: str, recode: float) -> _IgeData:
    parent_positive = parent > 0 if parent.min() <= 0 else None
    child_positive = child > 0 if child.min() <= 0 else None
    include = None
    if policy == "recode":
        x = np.log(np.where(parent > 0, parent, recode)) if parent_positive is not None else np.log(parent)
        y = np.log(np.where(child > 0, child, recode)) if child_positive is not None else np.log(child)
    else:
        mask = parent_positive
        if policy == "drop" and child_positive is not None:
            mask = child_positive if mask is None else mask & child_positive
        if mask is not None:
            include = mask.astype(np.float64)
        x = np.log(parent, out=np.zeros_like(parent), where=parent > 0)
        if policy == "poisson":
            y = child.copy()
        else:
            y = np.log(child, out=np.zeros_like(child), where=child > 0)
    x -= _mean(x, include)
    if policy != "poisson":
        y -= _mean(y, include)
    return _IgeData(x, y, include)


def _mean(values: np.ndarray, weights: np.ndarray | None) -> float:
    if weights is None:
        return float(values.mean())
    total = weights.sum()
    return float(values @ weights / total) if total > 0 else 0.0


def _ols_slope(x: np.ndarray, y: np.ndarray, w: np.ndarray | None) -> float:
    if w is None:
        n = x.size
        sx, sy = x.sum(), y.sum()
        sxx, sxy = x @ x, x @ y
        total = float(n)
    else:
        wx = w * x
        total = float(w.sum())
        sx, sy = wx.sum(), w @ y
        sxx, sxy = wx @ x, wx @ y
    denominator = total * sxx - sx * sx
    if not total > 0 or denominator <= 0:
        return math.nan
    return float((total * sxy - sx * sy) / denominator)


def _poisson_slope(
    x: np.ndarray, y: np.ndarray, w: np.ndarray | None, start: tuple[float, float] | None = None
) -> tuple[float, float]:
    """Poisson pseudo-ML of ``y`` on ``x`` (log link) by Newton; returns (intercept, slope)."""
    weights = np.ones_like(x) if w is None else w
    total_y = float(weights @ y)
    if not total_y > 0:
        return (math.nan, math.nan)
    a, b = start if start is not None else (math.log(total_y / weights.sum()), 0.0)
    for _ in range(100):
        mu = np.exp(a + b * x)
        wm = weights * mu
        residual = weights @ y - wm.sum(), (weights * y) @ x - wm @ x
        s0, s1, s2 = wm.sum(), wm @ x, (wm * x) @ x
        det = s0 * s2 - s1 * s1
        if not det > 0:
            return (math.nan, math.nan)
        da = (s2 * residual[0] - s1 * residual[1]) / det
        db = (s0 * residual[1] - s1 * residual[0]) / det
        a, b = a + da, b + db
        if abs(da) < 1e-12 * (1 + abs(a)) and abs(db) < 1e-12 * (1 + abs(b)):
            break
    return (float(a), float(b))


def _quantile_class(ranks: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """Number of cut points at or below each rank (a pass per cut beats a binary search)."""
    if cuts.size > 20:
        return np.searchsorted(cuts, ranks, side="right")
    classes = np.zeros(ranks.size, dtype=np.uint8)
    for cut in cuts:
        classes += ranks >= cut
    return classes


def _statistics(
    rank_parent: np.ndarray,
    rank_child: np.ndarray,
    weights: np.ndarray | None,
    ige: _IgeData,
    policy: str,
    k: int,
    parent_sorted: bool,
    poisson_start: tuple[float, float] | None = None,
) -> tuple[dict[str, float], np.ndarray, tuple[float, float] | None]:
    """All statistics from ranks and IGE data aligned row by row."""
    if weights is None:
        total = float(rank_parent.size)
        mean_p, mean_c = rank_parent.sum() / total, rank_child.sum() / total
        cross, square = rank_parent @ rank_child, rank_parent @ rank_parent
    else:
        total = float(weights.sum())
        weighted = weights * rank_parent
        mean_p, mean_c = weighted.sum() / total, (weights @ rank_child) / total
        cross, square = weighted @ rank_child, weighted @ rank_parent
        del weighted
    variance = square / total - mean_p * mean_p
    slope = (cross / total - mean_p * mean_c) / variance if variance > 0 else math.nan
    intercept = mean_c - slope * mean_p

    cuts = 100.0 * np.arange(1, k) / k
    child_class = _quantile_class(rank_child, cuts)
    if parent_sorted:
        bounds = np.concatenate([[0], np.searchsorted(rank_parent, cuts), [rank_parent.size]])
        counts = np.vstack(
            [
                np.bincount(
                    child_class[lo:hi],
                    weights=None if weights is None else weights[lo:hi],
                    minlength=k,
                )
                for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)
            ]
        ).astype(np.float64)
    else:
        codes = _quantile_class(rank_parent, cuts).astype(np.intp)
        codes *= k
        codes += child_class
        counts = np.bincount(codes, weights=weights, minlength=k * k).reshape(k, k)
        del codes
    del child_class

    ige_weights = weights
    if ige.include is not None:
        ige_weights = ige.include if weights is None else weights * ige.include
    start = None
    if policy == "poisson":
        start = _poisson_slope(ige.x, ige.y, ige_weights, poisson_start)
        elasticity = start[1]
    else:
        elasticity = _ols_slope(ige.x, ige.y, ige_weights)
    rows = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        transition = counts / rows[:, None]
    values = {
        "ige": elasticity,
        "rank_slope": float(slope),
        "rank_intercept": float(intercept),
        "absolute_upward": float(intercept + 25.0 * slope),
        "bottom_to_top": float(transition[0, k - 1]),
    }
    return values, transition, start


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
    parent_income = float_column(parent, "parent", nonnegative=True)
    child_income = float_column(child, "child", nonnegative=True)
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

    with ThreadPoolExecutor(max_workers=2) as pool:
        sorted_parent, sorted_child = pool.map(sort_column, [parent_income, child_income])
    ige = _ige_data(parent_income, child_income, policy, float(recode_value))
    n_ige = n if ige.include is None else int(np.count_nonzero(ige.include))

    rank_parent = _person_ranks(sorted_parent, w)
    rank_child = _person_ranks(sorted_child, w)
    values, transition, poisson_start = _statistics(
        rank_parent, rank_child, w, ige, policy, k, parent_sorted=False
    )
    del rank_parent, rank_child
    if not np.isfinite(transition).all():
        raise ValueError(
            f"parent has too few distinct incomes for {k} quantiles (some are empty); "
            "lower quantiles"
        )
    initial = np.full(k, 1.0 / k)
    draws = None
    if replicates:
        assert rng is not None
        frame = _Frame.build(sorted_parent, sorted_child, w, ige)
        # Free the row-order arrays before the replicates allocate their own.
        del sorted_parent, sorted_child, ige, w
        draws = _bootstrap(frame, policy, k, replicates, rng, poisson_start, progress)
    return IncomeMobility(
        n=n,
        n_ige=n_ige,
        quantiles=k,
        zero_income=policy,
        transition=frozen_array(transition),
        indices=mobility.mobility_indices(transition, initial),
        bootstrap=replicates,
        _draws=draws,
        **values,
    )


def _person_ranks(column: SortedColumn, weights: np.ndarray | None) -> np.ndarray:
    ranks = np.empty(column.ties.size)
    ranks[column.order] = midranks(column.ties, None if weights is None else weights[column.order])
    return ranks


@dataclass
class _Frame:
    """Everything a bootstrap replicate needs, laid out in the parent's sorted order.

    With rows in the parent's sort order ("the frame"), parent ranks need no
    reordering; the child's sort order is kept as frame positions, so each
    replicate costs one gather of uint8 counts and one scatter of child ranks
    besides the cumulative sums.
    """

    parent_ties: TieGroups
    child_ties: TieGroups
    child_in_frame: np.ndarray
    ige: _IgeData
    weights: np.ndarray | None
    child_weights: np.ndarray | None

    @classmethod
    def build(
        cls,
        sorted_parent: SortedColumn,
        sorted_child: SortedColumn,
        weights: np.ndarray | None,
        ige: _IgeData,
    ) -> _Frame:
        order = sorted_parent.order
        frame_position = np.empty(order.size, dtype=np.int64)
        frame_position[order] = np.arange(order.size)
        child_in_frame = frame_position[sorted_child.order]
        del frame_position
        return cls(
            parent_ties=sorted_parent.ties,
            child_ties=sorted_child.ties,
            child_in_frame=child_in_frame,
            ige=_IgeData(
                ige.x[order], ige.y[order], None if ige.include is None else ige.include[order]
            ),
            weights=None if weights is None else weights[order],
            child_weights=None if weights is None else weights[sorted_child.order],
        )


def _bootstrap(
    frame: _Frame,
    policy: str,
    k: int,
    replicates: int,
    rng: np.random.Generator,
    poisson_start: tuple[float, float] | None,
    progress: Callable[[int, int], None] | None,
) -> dict[str, np.ndarray]:
    """Poisson-bootstrap draws of every scalar (see :class:`_Frame`)."""
    n = frame.parent_ties.size
    child_in_frame = frame.child_in_frame
    collected: dict[str, list[float]] = {name: [] for name in (*SCALARS, *mobility.SCALARS)}
    initial = np.full(k, 1.0 / k)
    for done in range(1, replicates + 1):
        counts = replicate_weights.poisson_counts(rng, n)
        replicate = counts.astype(np.float64)
        child_replicate = counts[child_in_frame].astype(np.float64)
        del counts
        if frame.weights is not None:
            replicate *= frame.weights
            child_replicate *= frame.child_weights
        rank_parent = midranks(frame.parent_ties, replicate)
        rank_child = np.empty(n)
        rank_child[child_in_frame] = midranks(frame.child_ties, child_replicate)
        del child_replicate
        values, transition, _ = _statistics(
            rank_parent, rank_child, replicate, frame.ige, policy, k, True, poisson_start
        )
        del rank_parent, rank_child, replicate
        for name in SCALARS:
            collected[name].append(values[name])
        if np.isfinite(transition).all():
            index_values = mobility._scalars(transition, initial)
        else:
            index_values = dict.fromkeys(mobility.SCALARS, math.nan)
        for name in mobility.SCALARS:
            collected[name].append(index_values[name])
        if progress is not None:
            progress(done, replicates)
    return {name: np.asarray(values) for name, values in collected.items()}

