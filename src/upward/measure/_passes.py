"""Block-by-block passes over columns behind :func:`upward.measure.income_mobility`.

Once each column is sorted, every income statistic is an aggregation over
columns: weighted sums (``Σw``, ``Σw·R_p·R_c``, ``Σw·x·y``, ...) and weighted
counts by cell (the quantile transition table). These passes compute them
:data:`CHUNK` rows at a time into reused block buffers, so temporaries stay in
the CPU cache and nothing full-length is allocated per statistic.

Ranks are carried as *numerators*: ``N_i = W(x < x_i) + W(x <= x_i)``, so the
weighted mid-rank on 0-100 is ``R_i = N_i * h`` with ``h = 50 / W``. With
integer weights (none, or Poisson counts) numerators are exact integers, and
the class of a rank (the number of cut points ``100 j / k`` at or below it) is
a comparison of ``N_i`` with integer thresholds (:class:`Classes`).

The frame (:class:`Frame`): the parent column sorted by value, and the child
column sorted with each row labelled by its parent's sort position, so the
child's sort order is a list of parent positions (``perm``). Along the child's
order, the child's ranks increase (its classes are contiguous runs) and
``perm`` says where each pair's parent stands: no scatter back to row order
is needed. The IGE needs no ranks and is summed in row order
(:func:`ige_sums`).

Point estimate without weights (:func:`point_sums`): one pass along the
child's order; the parent numerator at position ``p`` is ``2p + 1`` (or its tie
group's, looked up). With weights or bootstrap counts (:func:`counted_sums`):

1. along the frame: the parent's numerators are a running sum of the weights
   (and the IGE sums, for a replicate, are dot products with the frame's logs);
2. along the child's order: one gather through ``perm`` brings each pair's
   weight, parent numerator and parent class (packed in one integer when the
   weights are counts); the child's numerators are a running sum again.

A replicate sorts nothing: two O(n) passes and one gather.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from upward.measure import bootstrap as replicate_weights
from upward.measure.ranks import SortedColumn, TieGroups, group_positions

CHUNK = 1 << 17
"""Rows per block. Smaller blocks keep every buffer in L2 cache but make numpy
calls so short that two threads spend their time handing the GIL over; at
128 Ki rows a block costs the same on one thread and two replicates in two
threads run about 1.4x faster than one (measured at n = 10 million)."""

DRAW_CHUNK = 1 << 20  # Poisson counts are drawn this many at a time
HALF_CHUNK = 1 << 17  # blocks of the point estimate's halves (one per thread)

Runner = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]
"""Something like ``map`` or ``ThreadPoolExecutor.map``: how halves of a pass are run."""

COUNT_BITS = 4  # Poisson(1) counts from the lookup table are <= 8 < 2**4
_COUNT_MASK = (1 << COUNT_BITS) - 1


# ----------------------------------------------------------------------------- sums


@dataclass
class Sums:
    """Weighted sums from which every income statistic follows.

    ``rank_*`` use every pair with its weight ``w`` (the rank regression and
    ``counts``, the transition table); ``ige_*`` use the IGE weights (``w``
    times the inclusion indicator of the zero-income policy) and shifted logs.
    """

    k: int
    total: float = 0.0
    rank_p: float = 0.0
    rank_c: float = 0.0
    rank_pp: float = 0.0
    rank_pc: float = 0.0
    ige_total: float = 0.0
    ige_x: float = 0.0
    ige_y: float = 0.0
    ige_xx: float = 0.0
    ige_xy: float = 0.0
    ige_count: int = 0
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0))
    # For the HC1 standard errors of the point estimate (None in replicates):
    # ige_moments[i, j] = Σ w² x^i y^j (i + j <= 4, j <= 2, shifted logs), and
    # rank_moments = Σ w² d_p² d_c², Σ w² d_p³ d_c, Σ w² d_p⁴ with d = N - W the
    # rank numerators about their weighted mean (see robust_slope_se).
    ige_moments: np.ndarray | None = None
    rank_moments: np.ndarray | None = None
    pairs: int = 0  # rows behind the rank sums (for the HC1 factor n / (n - 2))

    def __post_init__(self) -> None:
        if self.counts.size == 0:
            self.counts = np.zeros((self.k, self.k))

    def take_ige(self, other: Sums) -> None:
        """Copy the IGE sums of ``other`` (summed in another pass)."""
        for name in (
            "ige_total", "ige_x", "ige_y", "ige_xx", "ige_xy", "ige_count", "ige_moments"
        ):
            setattr(self, name, getattr(other, name))

    def scale_ranks(self, h: float) -> None:
        """Turn sums of rank numerators into sums of ranks (``R = N * h``)."""
        self.rank_p *= h
        self.rank_c *= h
        self.rank_pp *= h * h
        self.rank_pc *= h * h

    def add_ige(
        self, x: np.ndarray, y: np.ndarray, w: np.ndarray | None, scratch: np.ndarray
    ) -> None:
        """Add a block's IGE sums (``scratch``: a buffer of the block's size)."""
        if w is None:
            self.ige_total += x.size
            self.ige_x += float(x.sum())
            self.ige_y += float(y.sum())
            self.ige_xx += float(np.dot(x, x))
            self.ige_xy += float(np.dot(x, y))
            return
        self.ige_total += float(w.sum())
        self.ige_x += float(np.dot(w, x))
        self.ige_y += float(np.dot(w, y))
        wx = np.multiply(w, x, out=scratch)
        self.ige_xx += float(np.dot(wx, x))
        self.ige_xy += float(np.dot(wx, y))

    def rank_fit(self) -> tuple[float, float]:
        """Slope and intercept of the weighted least squares of R_c on R_p."""
        total = self.total
        if not total > 0:
            return math.nan, math.nan
        mean_p, mean_c = self.rank_p / total, self.rank_c / total
        variance = self.rank_pp / total - mean_p * mean_p
        slope = (self.rank_pc / total - mean_p * mean_c) / variance if variance > 0 else math.nan
        return float(slope), float(mean_c - slope * mean_p)

    def ige_slope_se(self) -> float:
        """HC1 standard error of :meth:`ige_slope` (NaN without the moments).

        ``Var(b) = n/(n-2) Σ w² (x - x̄)² e² / (Σ w (x - x̄)²)²`` with
        ``e = (y - ȳ) - b (x - x̄)``; the centred moments come from the raw ones
        by the binomial theorem (the logs are shifted near their means, so
        little cancels).
        """
        raw, n, total = self.ige_moments, self.ige_count, self.ige_total
        slope = self.ige_slope()
        if raw is None or n <= 2 or not total > 0 or not math.isfinite(slope):
            return math.nan
        mean_x, mean_y = self.ige_x / total, self.ige_y / total

        def central(i: int, j: int) -> float:
            return sum(
                math.comb(i, a) * math.comb(j, b) * (-mean_x) ** (i - a) * (-mean_y) ** (j - b)
                * float(raw[a, b])
                for a in range(i + 1)
                for b in range(j + 1)
            )

        meat = central(2, 2) - 2 * slope * central(3, 1) + slope * slope * central(4, 0)
        spread = self.ige_xx - total * mean_x * mean_x
        return robust_slope_se(meat, spread, n)

    def rank_slope_se(self) -> float:
        """HC1 standard error of the rank-rank slope (NaN without the moments).

        Every weighted mean rank is exactly 50, so with ``d`` the numerators
        about their mean the residual is ``d_c - b d_p`` (in numerator units) and
        ``Σ w² d_p² e² = Σ w² d_p² d_c² - 2b Σ w² d_p³ d_c + b² Σ w² d_p⁴``.
        """
        moments, total = self.rank_moments, self.total
        slope = self.rank_fit()[0]
        if moments is None or self.pairs <= 2 or not total > 0 or not math.isfinite(slope):
            return math.nan
        meat = float(moments[0] - 2 * slope * moments[1] + slope * slope * moments[2])
        h = 50.0 / total  # rank = numerator * h; sums of ranks are scaled already
        spread = (self.rank_pp - total * 2500.0) / (h * h)
        return robust_slope_se(meat, spread, self.pairs)

    def ige_slope(self) -> float:
        """Weighted least-squares slope of y on x (shifts of x and y cancel)."""
        total = self.ige_total
        denominator = total * self.ige_xx - self.ige_x * self.ige_x
        if not total > 0 or denominator <= 0:
            return math.nan
        return float((total * self.ige_xy - self.ige_x * self.ige_y) / denominator)

    def transition(self) -> np.ndarray:
        rows = self.counts.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.counts / rows[:, None]


def robust_slope_se(meat: float, spread: float, n: int) -> float:
    """``sqrt(n/(n-2) * meat / spread²)``: the HC1 (White 1980; MacKinnon & White
    1985) standard error of a least-squares slope, ``meat = Σ w² (x - x̄)² e²``
    and ``spread = Σ w (x - x̄)²`` (statsmodels' ``WLS(...).fit(cov_type="HC1")``)."""
    if not spread > 0 or n <= 2:
        return math.nan
    return math.sqrt(max(meat, 0.0) * n / (n - 2)) / spread


def add_rank_moments(
    moments: np.ndarray,
    dp: np.ndarray,
    dc: np.ndarray,
    w: np.ndarray | None,
    work: np.ndarray,
    fourth: bool = True,
) -> float:
    """Add a block's ``Σ w² dp² dc², Σ w² dp³ dc`` (and ``Σ w² dp⁴`` with ``fourth``).

    ``dp``, ``dc``: rank numerators (or positions) about their weighted mean;
    ``work`` is a buffer of shape (2, block size). Returns ``Σ w dp dc``.
    """
    m = dp.size
    rows = work[:, :m]
    product, squared = rows  # w dp dc and w dp² (w = 1 without weights)
    np.multiply(dp, dc, out=product)
    np.multiply(dp, dp, out=squared)
    if w is None:
        cross = float(product.sum())
    else:
        cross = float(np.dot(product, w))
        product *= w
        squared *= w
    both = rows @ product  # Σ w² dp² dc² and Σ w² dp³ dc in one pass
    moments[0] += float(both[0])
    moments[1] += float(both[1])
    if fourth:
        moments[2] += float(np.dot(squared, squared))
    return cross


class Classes:
    """Quantile class of rank numerators: the number of cuts ``100 j / k`` at or below ``N * h``.

    ``thresholds[j - 1]`` is the smallest numerator whose rank (``N * h`` in
    floating point) reaches cut ``j``; rounded up to integers for integer
    numerators. Comparing numerators with thresholds gives exactly the classes
    of the floating-point ranks.
    """

    def __init__(self, h: float, k: int, integer: bool) -> None:
        self.k = k
        thresholds: list[Any] = []
        for j in range(1, k):
            cut = 100.0 * j / k
            t = cut / h
            while t * h >= cut:
                t = math.nextafter(t, -math.inf)
            while t * h < cut:
                t = math.nextafter(t, math.inf)
            thresholds.append(math.ceil(t) if integer else t)
        self.thresholds = thresholds
        self.array = np.array(thresholds, dtype=np.int64 if integer else np.float64)

    def of(self, numerators: np.ndarray, out: np.ndarray) -> np.ndarray:
        """Classes of a block (``out``: a uint8 buffer, used when k <= 16)."""
        if self.k > 16:
            return np.searchsorted(self.array, numerators, side="right")
        out[...] = 0
        for threshold in self.thresholds:
            out += numerators >= threshold
        return out

    def runs(self, increasing: np.ndarray) -> list[int]:
        """Bounds of the runs of each class in non-decreasing numerators."""
        bounds = np.searchsorted(increasing, self.array, side="left").tolist()
        return [0, *bounds, increasing.size]


class Workspace:
    """Block-sized buffers one thread reuses across blocks (and replicates).

    A bootstrap workspace also holds a replicate's full-length arrays: its
    counts and either its packed values (parent class, parent numerator and
    count in one integer, frame order) or, with survey weights, its parent
    numerators.
    """

    def __init__(self, size: int, running: np.dtype | None) -> None:
        self.counts = np.empty(size, dtype=np.uint8)
        self.codes = np.empty(size, dtype=np.uint8)
        self.running = np.empty(size, dtype=running if running is not None else np.float64)
        self.a, self.b, self.c, self.d = (np.empty(size) for _ in range(4))
        self.x, self.y = np.empty(size), np.empty(size)
        self.wide = np.empty(size, dtype=np.uint64)
        self.full_counts: np.ndarray | None = None
        self.full_numerators: np.ndarray | None = None
        self._packed: dict[np.dtype, np.ndarray] = {}

    def packed_array(self, n: int, dtype: np.dtype) -> np.ndarray:
        """A full-length packed array of this dtype (kept for the next replicate)."""
        if dtype not in self._packed:
            self._packed.clear()  # at most one full-length packed array per workspace
            self._packed[dtype] = np.empty(n, dtype=dtype)
        return self._packed[dtype]

    def block_as(self, dtype: np.dtype, m: int) -> np.ndarray:
        """A block buffer of an integer ``dtype`` of at most 8 bytes."""
        return self.wide.view(dtype)[:m]


# ----------------------------------------------------------------------------- IGE


@dataclass(frozen=True)
class IgeSpec:
    """How incomes enter the IGE sums (see ``zero_income`` of income_mobility).

    ``policy`` "drop" leaves out pairs with a zero income, "recode" replaces
    zeros by ``recode`` ("poisson" is fitted by Newton iterations instead).
    ``x0``/``y0`` are shifts near the mean logs that keep the sums of squares
    well conditioned.
    """

    policy: str
    recode: float
    x0: float
    y0: float
    parent_zeros: bool
    child_zeros: bool

    @classmethod
    def of(
        cls,
        parent: np.ndarray,
        child: np.ndarray,
        policy: str,
        recode: float,
        bounds: tuple[tuple[float, float], tuple[float, float]],
    ) -> IgeSpec:
        """The spec for two columns with the given (smallest, largest) values."""

        def shift(values: np.ndarray) -> float:
            head = values[:4096]
            head = head[head > 0]
            return float(np.log(head).mean()) if head.size else 0.0

        return cls(
            policy=policy,
            recode=recode,
            x0=shift(parent),
            y0=shift(child),
            parent_zeros=bounds[0][0] <= 0,
            child_zeros=bounds[1][0] <= 0,
        )

    @property
    def masked(self) -> bool:
        if self.policy == "drop":
            return self.parent_zeros or self.child_zeros
        return False

    def logs(
        self, parent: np.ndarray, child: np.ndarray, x: np.ndarray, y: np.ndarray
    ) -> np.ndarray | None:
        """Shifted log incomes of a block into ``x``, ``y``; returns the inclusion (None = all)."""
        include = None
        zero_value = self.recode if self.policy == "recode" else 1.0
        if self.masked:
            include = (parent > 0) & (child > 0)
        np.log(np.where(parent > 0, parent, zero_value) if self.parent_zeros else parent, out=x)
        np.log(np.where(child > 0, child, zero_value) if self.child_zeros else child, out=y)
        x -= self.x0
        y -= self.y0
        return include


def _add_products(gram: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
    """Add the entries of ``a b'`` that :func:`ige_sums` needs (rows 1, x, y, x², xy).

    A few matrix-vector products: on rows this thin they are several times
    faster than the full matrix product.
    """
    gram[:, 1] += a @ b[1]
    gram[:, 2] += a @ b[2]
    gram[3:, 3] += a[3:] @ b[3]
    gram[4, 4] += float(np.dot(a[4], b[4]))
    gram[0, 0] += float(np.dot(a[0], b[0]))


def ige_sums(
    parent: np.ndarray, child: np.ndarray, weights: np.ndarray | None, spec: IgeSpec
) -> Sums:
    """IGE sums over the rows in row order (ranks are not needed), with the HC1 moments.

    Each block's rows ``z = (1, x, y, x², xy)`` give every sum the IGE and its
    HC1 standard error need, ``Σ w² x^i y^j`` for ``i + j <= 4, j <= 2``, as
    entries of ``Σ z z'`` (and ``Σ w z z'`` for the IGE itself with survey
    weights). Pairs left out by the zero-income policy get ``z = 0``.
    """
    n = parent.size
    size = min(CHUNK, n)
    rows = np.empty((5, size))
    scaled = np.empty((5, size)) if weights is not None else None
    first = np.zeros((5, 5))  # Σ w z z' (only the entries _add_products fills)
    second = np.zeros((5, 5)) if weights is not None else first  # Σ w² z z'
    count = 0
    rows[0] = 1.0  # kept unless the policy leaves pairs out
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        m = stop - start
        z = rows[:, :m]
        x, y = z[1], z[2]
        include = spec.logs(parent[start:stop], child[start:stop], x, y)
        if include is None:
            count += m
        else:
            np.copyto(z[0], include)
            x *= include
            y *= include
            count += int(np.count_nonzero(include))
        np.multiply(x, x, out=z[3])
        np.multiply(x, y, out=z[4])
        if weights is None:
            _add_products(first, z, z)
            continue
        assert scaled is not None
        wz = np.multiply(z, weights[start:stop], out=scaled[:, :m])
        _add_products(first, wz, z)
        _add_products(second, wz, wz)
    sums = Sums(1, ige_count=count)
    sums.ige_total, sums.ige_x, sums.ige_y = first[0, 0], first[0, 1], first[0, 2]
    sums.ige_xx, sums.ige_xy = first[1, 1], first[2, 1]
    g = second
    sums.ige_moments = np.array(
        [
            [g[0, 0], g[0, 2], g[2, 2]],  # 1, y, y²
            [g[0, 1], g[2, 1], g[4, 2]],  # x, xy, xy²
            [g[1, 1], g[3, 2], g[4, 4]],  # x², x²y, x²y²
            [g[3, 1], g[4, 3], 0.0],  # x³, x³y
            [g[3, 3], 0.0, 0.0],  # x⁴
        ]
    )
    return sums


# ----------------------------------------------------------------------------- frame


@dataclass(frozen=True)
class Blocks:
    """Row blocks of a sorted column; no group of tied values crosses a block boundary.

    ``bounds[i]:bounds[i + 1]`` is block ``i``. With ties, ``starts``/``ends``
    are the tied groups (see :class:`TieGroups`) and ``first[i]:first[i + 1]``
    those in block ``i``. Outside tied groups a numerator is ``2 S - w`` (``S``
    the running total weight); inside, the group's ``S_before + S_through``.
    """

    bounds: np.ndarray
    starts: np.ndarray | None = None
    ends: np.ndarray | None = None
    first: np.ndarray | None = None

    @classmethod
    def of(cls, ties: TieGroups) -> Blocks:
        n = ties.size
        nominal = np.arange(CHUNK, n, CHUNK)
        if ties.starts is None or ties.ends is None:
            return cls(np.concatenate([[0], nominal, [n]]).astype(np.int64))
        # A boundary inside a tied group moves to the group's end.
        group = np.minimum(np.searchsorted(ties.ends, nominal, side="right"), ties.ends.size - 1)
        inside = (ties.starts[group] < nominal) & (nominal < ties.ends[group])
        moved = np.unique(np.where(inside, ties.ends[group], nominal))
        bounds = np.concatenate([[0], moved[moved < n], [n]]).astype(np.int64)
        first = np.searchsorted(ties.starts, bounds, side="left")
        return cls(bounds, ties.starts, ties.ends, first)

    @property
    def tied(self) -> bool:
        return self.starts is not None

    @property
    def largest(self) -> int:
        return int(np.diff(self.bounds).max())

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        """``(block, start, stop)`` for every block."""
        bounds = self.bounds.tolist()
        for block in range(len(bounds) - 1):
            yield block, bounds[block], bounds[block + 1]

    def _groups(self, block: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The tied groups of a block, as positions relative to the block's start."""
        if self.first is None or self.starts is None or self.ends is None:
            return None
        g0, g1 = int(self.first[block]), int(self.first[block + 1])
        if g1 == g0:
            return None
        start = self.bounds[block]
        return self.starts[g0:g1] - start, self.ends[g0:g1] - start

    def unit_numerators(self, block: int, start: int, stop: int) -> np.ndarray:
        """Rank numerators of a block with unit weights: ``2i + 1``, or a tie group's."""
        numerators = np.arange(2 * start + 1, 2 * stop, 2, dtype=np.int64)
        groups = self._groups(block)
        if groups is not None:
            first, end = groups
            tied_value = first + end + 2 * start
            numerators[group_positions(first, end)] = np.repeat(tied_value, end - first)
        return numerators

    def unit_sum_sq(self) -> float:
        """``Σ N²`` over the column with unit weights.

        A tied group of ``L`` values replaces numerators ``c - L + 1, ..., c + L - 1``
        (step 2) by ``c``, which lowers the sum of squares by ``(L³ - L) / 3``.
        """
        n = int(self.bounds[-1])
        total = n * (2 * n - 1) * (2 * n + 1) // 3  # Σ (2i + 1)², exact
        if self.starts is None or self.ends is None:
            return float(total)
        lengths = (self.ends - self.starts).astype(np.float64)
        return float(total) - float(np.sum(lengths**3 - lengths)) / 3

    def numerators(
        self, block: int, weights: np.ndarray, carry: Any, out: np.ndarray
    ) -> tuple[np.ndarray, Any]:
        """Rank numerators of a block from its weights (in sorted order).

        ``carry`` is the total weight before the block and ``out`` a buffer of
        the block's size (integer for integer weights, then exact). Returns the
        numerators and the total weight through the block.
        """
        # Cast first: numpy's cumsum holds the GIL while it casts, not otherwise.
        np.copyto(out, weights, casting="unsafe")
        running = np.cumsum(out, out=out)
        running += carry
        through = running[-1].item()
        groups = self._groups(block)
        if groups is not None:
            first, end = groups
            before = np.where(first > 0, running[np.maximum(first - 1, 0)], carry)
            tied_value = before + running[end - 1]
        running *= 2
        running -= weights
        if groups is not None:
            running[group_positions(first, end)] = np.repeat(tied_value, end - first)
        return running, through


@dataclass
class Frame:
    """Both sort orders of the pairs (see the module doc), and what the passes need.

    ``order`` lists rows by parent value (frame order); ``perm`` lists, by
    child value, the frame position of each pair's parent.
    """

    n: int
    order: np.ndarray
    perm: np.ndarray
    parent_blocks: Blocks
    child_blocks: Blocks
    weights: np.ndarray | None = None  # survey weights in frame order
    child_weights: np.ndarray | None = None  # survey weights in the child's order
    running: np.dtype | None = None  # integer type of running sums of counts (no weights)
    x: np.ndarray | None = None  # IGE data in frame order, for replicates (see with_logs)
    y: np.ndarray | None = None
    include: np.ndarray | None = None

    @classmethod
    def build(
        cls,
        sorted_parent: SortedColumn,
        sorted_child: SortedColumn,
        weights: np.ndarray | None,
        compact: bool = False,
    ) -> Frame:
        """The frame of two sorted columns (``sorted_child`` labelled by parent position).

        ``compact`` stores ``order`` and ``perm`` as int32 when they fit (for
        the bootstrap, which keeps the frame).
        """
        n = sorted_parent.ties.size
        order, perm = sorted_parent.order, sorted_child.order
        if compact and n < 2**31:
            order, perm = order.astype(np.int32), perm.astype(np.int32)
        frame = cls(n, order, perm, Blocks.of(sorted_parent.ties), Blocks.of(sorted_child.ties))
        if weights is not None:
            frame.weights = np.take(weights, order)
            frame.child_weights = np.take(frame.weights, perm)
        else:  # counts are <= 8, so running sums are <= 8 n
            frame.running = np.dtype(np.int32 if 8 * n < 2**31 else np.int64)
        return frame

    def with_logs(self, parent: np.ndarray, child: np.ndarray, spec: IgeSpec) -> None:
        """Lay out the IGE data in frame order (x, y and inclusion; see IgeSpec)."""
        n = self.n
        x, y = np.empty(n), np.empty(n)
        poisson = spec.policy == "poisson"
        include = np.empty(n, dtype=bool) if spec.masked or poisson else None
        for start in range(0, n, CHUNK):
            stop = min(start + CHUNK, n)
            rows = self.order[start:stop]
            p, c = np.take(parent, rows), np.take(child, rows)
            if poisson:  # x = log parent income (0 where zero), y = child income
                assert include is not None
                include[start:stop] = p > 0
                np.log(np.where(p > 0, p, 1.0), out=x[start:stop])
                y[start:stop] = c
                continue
            block_include = spec.logs(p, c, x[start:stop], y[start:stop])
            if include is not None:
                include[start:stop] = block_include
        self.x, self.y, self.include = x, y, include

    def workspace(self, replicates: bool) -> Workspace:
        """Block buffers, and for replicates the full-length arrays of one replicate."""
        size = max(self.parent_blocks.largest, self.child_blocks.largest)
        ws = Workspace(size, self.running)
        ws.full_counts = np.empty(self.n if replicates else 0, dtype=np.uint8)
        if self.running is None:
            ws.full_numerators = np.empty(self.n)
        return ws


# ----------------------------------------------------------------------------- passes


def point_sums(frame: Frame, k: int, run: Runner = map) -> Sums:
    """Rank sums and cells without weights: one pass along the child's order.

    ``Σ N = n²`` for each column (the mean rank is exactly 50) and the parent's
    ``Σ N²`` has a closed form; the parent numerator at frame position ``p`` is
    ``2p + 1`` without ties, else its tie group's (looked up).
    """
    n = frame.n
    h = (100.0 / n) / 2
    classes = Classes(h, k, integer=True)
    if not frame.parent_blocks.tied and not frame.child_blocks.tied:
        # Without ties, position p has numerator 2p + 1, so class j starts at
        # position ceil((t_j - 1) / 2); usually that is ceil(j n / k), and then
        # the class of p is p k // n.
        starts = [int(t) // 2 for t in classes.thresholds]  # ceil((t - 1) / 2)
        if starts == [-(-j * n // k) for j in range(1, k)] and k * n < 2**62:
            return _distinct_point_sums(frame, k, [0, *starts, n], h, run)
    parent_numerators = None
    if frame.parent_blocks.tied:
        dtype = np.int32 if 2 * n < 2**31 else np.int64
        parent_numerators = np.empty(n, dtype=dtype)
        for block, start, stop in frame.parent_blocks:
            parent_numerators[start:stop] = frame.parent_blocks.unit_numerators(block, start, stop)
    ws = Workspace(frame.child_blocks.largest, np.dtype(np.int64))
    work = np.empty((2, frame.child_blocks.largest))
    moments = np.zeros(3)
    cells = np.zeros((k, k), dtype=np.int64)
    cross = 0.0
    blocks = frame.child_blocks
    for block, start, stop in blocks:
        m = stop - start
        positions = frame.perm[start:stop]
        if parent_numerators is None:
            parent = np.multiply(positions, 2, out=ws.running[:m], casting="unsafe")
            parent += 1
        else:
            parent = ws.block_as(parent_numerators.dtype, m)
            np.take(parent_numerators, positions, out=parent, mode="clip")
        child = blocks.unit_numerators(block, start, stop)
        codes = classes.of(parent, ws.codes[:m])
        bounds = classes.runs(child)
        for j in range(k):
            if bounds[j + 1] > bounds[j]:
                cells[:, j] += np.bincount(codes[bounds[j] : bounds[j + 1]], minlength=k)
        parent_f, child_f = ws.a[:m], ws.b[:m]
        np.subtract(parent, n, out=parent_f)  # numerators about their mean, n
        np.subtract(child, n, out=child_f)
        cross += add_rank_moments(
            moments, parent_f, child_f, None, work, fourth=parent_numerators is not None
        )
    if parent_numerators is None:  # distinct parents: numerators 2p + 1, so d = 2 (p - middle)
        moments[2] = 16.0 * _centred_fourth_power_sum(n)
    sums = Sums(k, counts=cells.astype(np.float64), rank_moments=moments, pairs=n)
    sums.total = float(n)
    sums.rank_p = sums.rank_c = float(n) * float(n)
    sums.rank_pp = frame.parent_blocks.unit_sum_sq()
    sums.rank_pc = cross + float(n) ** 3  # Σ (d_p + n)(d_c + n), Σ d = 0
    sums.scale_ranks(h)
    return sums


def _distinct_point_sums(frame: Frame, k: int, starts: list[int], h: float, run: Runner) -> Sums:
    """:func:`point_sums` without ties: classes are ``p k // n``, cross products ``Σ q p_q``.

    With ``N = 2i + 1 = 2 (i - (n - 1)/2) + n`` in both columns and ``perm`` a
    permutation, ``Σ N_p N_c = 4 Σ d_q d_p + n³`` with ``d`` the positions about
    their middle (which also give the HC1 moments). The child's order is split
    in two halves, summed by ``run`` (e.g. in two threads).
    """
    n = frame.n
    middle = (n - 1) / 2  # positions about it are half the numerators about their mean

    def half(bounds: tuple[int, int]) -> tuple[np.ndarray, float, np.ndarray]:
        lo_half, hi_half = bounds
        cells = np.zeros((k, k), dtype=np.int64)
        moments = np.zeros(3)
        size = min(HALF_CHUNK, max(1, hi_half - lo_half))
        codes, parent_f = np.empty(size, dtype=np.int64), np.empty(size)
        work = np.empty((2, size))
        cross = 0.0
        for start in range(lo_half, hi_half, HALF_CHUNK):
            stop = min(start + HALF_CHUNK, hi_half)
            m = stop - start
            positions = frame.perm[start:stop]
            np.subtract(positions, middle, out=parent_f[:m])
            child_f = np.arange(start - middle, stop - middle, dtype=np.float64)[:m]
            cross += add_rank_moments(moments, parent_f[:m], child_f, None, work, fourth=False)
            np.multiply(positions, k, out=codes[:m], casting="unsafe")
            codes[:m] //= n
            for j in range(k):  # the child classes met in this block
                lo, hi = max(start, starts[j]), min(stop, starts[j + 1])
                if hi > lo:
                    cells[:, j] += np.bincount(codes[lo - start : hi - start], minlength=k)
        return cells, cross, moments

    parts = list(run(half, [(0, n // 2), (n // 2, n)]))
    sums = Sums(k, counts=(parts[0][0] + parts[1][0]).astype(np.float64))
    sums.total = float(n)
    sums.rank_p = sums.rank_c = float(n) * float(n)
    sums.rank_pp = frame.parent_blocks.unit_sum_sq()
    # N = 2 (position - middle) + n, and the centred positions of a column sum to 0.
    sums.rank_pc = 4.0 * (parts[0][1] + parts[1][1]) + float(n) ** 3
    moments = parts[0][2] + parts[1][2]
    moments[2] = _centred_fourth_power_sum(n)
    sums.rank_moments = 16.0 * moments  # numerator units: twice the positions
    sums.pairs = n
    sums.scale_ranks(h)
    return sums


def _centred_fourth_power_sum(n: int) -> float:
    """``Σ (i - (n - 1)/2)⁴`` over ``i = 0..n-1``."""
    return n * (n * n - 1.0) * (3.0 * n * n - 7.0) / 240


def _layout(total: int, k: int) -> tuple[int, int, np.dtype]:
    """Bit layout of a packed value: ``class << high | numerator << COUNT_BITS | count``."""
    numerator_bits = (2 * total).bit_length()
    high = numerator_bits + COUNT_BITS
    bits = high + max(1, (k - 1).bit_length())
    return numerator_bits, high, np.dtype(np.uint32 if bits <= 32 else np.uint64)


def replicate_sums(
    frame: Frame, ws: Workspace, rng: np.random.Generator, k: int, policy: str
) -> tuple[Sums, np.ndarray | None]:
    """Sums of one Poisson-bootstrap replicate (see :func:`counted_sums`)."""
    counts = ws.full_counts
    assert counts is not None and counts.size == frame.n
    for start in range(0, frame.n, DRAW_CHUNK):  # large draws: few calls, block-size free
        stop = min(start + DRAW_CHUNK, frame.n)
        replicate_weights.poisson_counts(rng, stop - start, out=counts[start:stop])
    return counted_sums(frame, ws, counts, k, policy, ige=True)


def counted_sums(
    frame: Frame,
    ws: Workspace,
    counts_all: np.ndarray,
    k: int,
    policy: str,
    ige: bool,
    robust: bool = False,
) -> tuple[Sums, np.ndarray | None]:
    """Sums with weights ``counts`` (frame order) times the survey weights, if any.

    With ``ige`` the IGE sums come from the frame's logs (for "poisson", the
    IGE weights in frame order are returned for the Newton fit instead).
    Rank sums use ``Σ w N = W²`` (the weighted mean rank is exactly 50).
    ``robust`` adds the moments of the HC1 standard error of the rank slope
    (with survey weights; the point estimate).
    """
    n = frame.n
    sums = Sums(k, pairs=n)
    moments = np.zeros(3) if robust else None
    work = np.empty((2, frame.child_blocks.largest)) if robust else None
    full_weights = np.empty(n) if ige and policy == "poisson" else None
    packed = None
    classes: Classes | None = None
    if frame.weights is None:
        total: Any = int(counts_all.sum(dtype=np.int64))
        if total == 0:
            return _empty(sums), full_weights
        numerator_bits, high, dtype = _layout(total, k)
        packed = ws.packed_array(n, dtype)
        h = (100.0 / total) / 2
        classes = Classes(h, k, integer=True)
    # Pass 1, frame (parent) order: parent numerators (and classes), IGE sums.
    carry: Any = 0
    blocks = frame.parent_blocks
    for block, start, stop in blocks:
        m = stop - start
        counts = counts_all[start:stop]
        cw, numerators_f, scratch = ws.a[:m], ws.b[:m], ws.c[:m]
        if packed is not None:
            assert classes is not None
            cw[...] = counts
            numerators, carry = blocks.numerators(block, counts, carry, ws.running[:m])
            target = packed[start:stop]
            np.left_shift(numerators, COUNT_BITS, out=target, casting="unsafe")
            target |= counts
            bounds = classes.runs(numerators)
            for j in range(1, k):
                if bounds[j + 1] > bounds[j]:
                    target[bounds[j] : bounds[j + 1]] |= j << high
            numerators_f[...] = numerators
        else:
            assert frame.weights is not None and ws.full_numerators is not None
            np.multiply(frame.weights[start:stop], counts, out=cw)
            numerators, carry = blocks.numerators(block, cw, carry, ws.running[:m])
            ws.full_numerators[start:stop] = numerators
            numerators_f = numerators
        sums.rank_pp += float(np.dot(np.multiply(cw, numerators_f, out=scratch), numerators_f))
        if not ige:
            continue
        ige_w = cw
        if frame.include is not None:
            ige_w = np.multiply(cw, frame.include[start:stop], out=ws.d[:m])
        if full_weights is not None:
            full_weights[start:stop] = ige_w
        else:
            assert frame.x is not None and frame.y is not None
            sums.add_ige(frame.x[start:stop], frame.y[start:stop], ige_w, scratch)
    if packed is None:
        total = float(carry)
        if not total > 0:
            return _empty(sums), full_weights
        h = (100.0 / total) / 2
        classes = Classes(h, k, integer=False)
    assert classes is not None
    # Pass 2, the child's order: one gather, child numerators, cross products, cells.
    carry = 0
    blocks = frame.child_blocks
    for block, start, stop in blocks:
        m = stop - start
        rows = frame.perm[start:stop]
        cw, parent_f, numerators_f, scratch = ws.a[:m], ws.b[:m], ws.c[:m], ws.d[:m]
        if packed is not None:
            value = np.take(packed, rows, out=ws.block_as(packed.dtype, m), mode="clip")
            counts = np.bitwise_and(value, _COUNT_MASK, out=ws.counts[:m], casting="unsafe")
            codes = np.right_shift(value, high, out=ws.codes[:m], casting="unsafe")
            value >>= COUNT_BITS
            value &= (1 << numerator_bits) - 1
            parent_f[...] = value
            cw[...] = counts
            numerators, carry = blocks.numerators(block, counts, carry, ws.running[:m])
            numerators_f[...] = numerators
        else:
            assert frame.child_weights is not None and ws.full_numerators is not None
            counts = np.take(counts_all, rows, out=ws.counts[:m], mode="clip")
            np.take(ws.full_numerators, rows, out=parent_f, mode="clip")
            codes = classes.of(parent_f, ws.codes[:m])
            np.multiply(frame.child_weights[start:stop], counts, out=cw)
            numerators, carry = blocks.numerators(block, cw, carry, ws.running[:m])
            numerators_f = numerators
        sums.rank_pc += float(np.dot(np.multiply(cw, parent_f, out=scratch), numerators_f))
        bounds = classes.runs(numerators)
        for j in range(k):
            lo, hi = bounds[j], bounds[j + 1]
            if hi > lo:
                sums.counts[:, j] += np.bincount(codes[lo:hi], weights=cw[lo:hi], minlength=k)
        if moments is not None and work is not None:
            parent_f -= total  # numerators about their weighted mean, the total weight
            numerators_f -= total
            add_rank_moments(moments, parent_f, numerators_f, cw, work)
    sums.rank_moments = moments
    sums.total = float(total)
    sums.rank_p = sums.rank_c = float(total) * float(total)
    sums.scale_ranks(h)
    return sums, full_weights


def _empty(sums: Sums) -> Sums:
    """A replicate that drew no weight at all: every statistic is NaN."""
    sums.counts[...] = math.nan
    return sums
