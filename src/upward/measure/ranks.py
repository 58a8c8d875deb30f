"""Weighted mid-ranks from a single sort, reusable for any set of weights.

A column is sorted once (:func:`sort_column`); afterwards the weighted mid-ranks
for any weights -- the survey weights, or bootstrap replicate weights -- are a
cumulative sum over the sorted order (:func:`midranks`), O(n) with no re-sort.

The sort packs each value with a label (by default its row index) into one
``uint64`` key and sorts the keys with numpy's vectorised integer sort, several
times faster than ``argsort``. A non-negative float's bit pattern orders like
the float; the pattern minus the smallest one, shifted left over the bits no
value uses, takes the high bits and the label the low ``b = ceil(log2 n)``
bits. Keys are thus ordered by the value truncated to its top bits; adjacent
keys whose truncated values are equal are re-checked on the full values (and
re-ordered if needed), so the resulting order is exact.

Labels other than row indices let one sort carry the result of another: the
income passes label each child by its parent's sort position, so the child's
sort directly gives, for each child position, the parent's position.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_CHUNK = 1 << 17


@dataclass(frozen=True)
class TieGroups:
    """The groups of two or more equal values in a sorted column.

    Attributes
    ----------
    size : int
        Number of values.
    starts, ends : ndarray of int64 or None
        Start and exclusive end position (in sorted order) of every group of
        two or more equal values, ascending; None when all values are distinct.
        Positions outside these groups hold distinct values.
    """

    size: int
    starts: np.ndarray | None = None
    ends: np.ndarray | None = None

    @property
    def lengths(self) -> np.ndarray | None:
        return None if self.starts is None or self.ends is None else self.ends - self.starts


def group_positions(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """All positions ``start..end-1`` of the given groups, concatenated."""
    lengths = ends - starts
    before = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(starts - before, lengths)


Runs = tuple[np.ndarray, np.ndarray]
"""First and last positions of runs of equal truncated keys (see :meth:`Keys.runs`)."""


@dataclass(frozen=True)
class SortedColumn:
    """The sort order of a column and its ties.

    ``order`` holds the labels in ascending order of value: row indices unless
    other labels were given to :func:`sort_column`.
    """

    order: np.ndarray
    ties: TieGroups


class Keys:
    """Sort keys of a column, built and finished in steps over row ranges.

    The steps (:meth:`fill`, :meth:`sort`, :meth:`repeats`, :meth:`labels`,
    :meth:`finish`) let separate threads fill or scan separate ranges;
    :func:`sort_column` runs them one after the other.
    """

    def __init__(self, values: np.ndarray, bounds: tuple[float, float]) -> None:
        n = values.size
        self.values = values
        self.bits = max(1, (n - 1).bit_length())
        low_value, high_value = bounds
        # -0.0 has the sign bit set: with base 0 and a lift of at least one bit
        # it becomes the key of +0.0 (the sign bit is shifted out).
        self.base = np.float64(low_value if low_value > 0 else 0.0).view(np.uint64)
        span = int(np.float64(high_value).view(np.uint64)) - int(self.base)
        self.lift = min(63, 64 - span.bit_length())
        self.low = np.uint64((1 << self.bits) - 1)
        # What the truncation drops of (pattern - base).
        self.dropped = np.uint64(int(self.low) >> self.lift)
        self.keys = np.empty(n, dtype=np.uint64)

    @classmethod
    def of(cls, values: np.ndarray, bounds: tuple[float, float] | None = None) -> Keys | None:
        """Empty keys for a column (None when the packing cannot be used: then argsort)."""
        n = values.size
        if values.dtype != np.float64 or n < 2 or (n - 1).bit_length() > 40:
            return None
        return cls(values, bounds if bounds is not None else (values.min(), values.max()))

    def fill(self, lo: int, hi: int, labels: np.ndarray | None = None) -> None:
        """Keys of rows ``lo:hi``: the lifted value bits and the label (default: row index)."""
        if labels is not None and labels.dtype.kind == "i":  # non-negative: same bits unsigned
            labels = labels.view(np.dtype(f"u{labels.dtype.itemsize}"))
        pattern = self.values.view(np.uint64)
        high = ~self.low
        for start in range(lo, hi, _CHUNK):  # blocks: no full-length temporaries
            stop = min(start + _CHUNK, hi)
            block = self.keys[start:stop]
            np.subtract(pattern[start:stop], self.base, out=block)
            block <<= np.uint64(self.lift)
            block &= high
            if labels is None:
                block |= np.arange(start, stop, dtype=np.uint64)
            else:
                block |= labels[start:stop]

    def sort(self) -> None:
        self.keys.sort()

    def runs(self, lo: int, hi: int) -> Runs:
        """Runs of sorted keys with equal truncated values that start or end in ``lo:hi``.

        Returns ``(firsts, lasts)``: the positions in ``lo:hi`` that start a run
        and those that end one (a run is two or more positions). Reads the
        positions around the range: call it for every range before :meth:`labels`.
        """
        n = self.keys.size
        shift = np.uint64(self.bits)
        firsts, lasts = [], []
        # same[j]: position a + j has the truncated value of position a + j + 1.
        for start in range(lo, min(hi, n - 1), _CHUNK):
            stop = min(start + _CHUNK, hi, n - 1)
            a, b = max(start - 1, 0), min(stop + 1, n - 1)
            prefix = self.keys[a : b + 1] >> shift
            same = prefix[1:] == prefix[:-1]
            if not same.any():
                continue
            padded = np.zeros(same.size + 2, dtype=bool)  # same[-1] and same[n - 1] are False
            padded[1:-1] = same
            j0, j1 = start - a + 1, stop - a + 1
            current, before, after = padded[j0:j1], padded[j0 - 1 : j1 - 1], padded[j0 + 1 : j1 + 1]
            firsts.append(np.flatnonzero(current & ~before) + start)
            lasts.append(np.flatnonzero(current & ~after) + start)
        empty = np.zeros(0, dtype=np.int64)
        return (
            np.concatenate(firsts) if firsts else empty,
            np.concatenate(lasts) if lasts else empty,
        )

    def labels(self, lo: int, hi: int) -> None:
        """Turn sorted keys ``lo:hi`` into their labels, in place."""
        np.bitwise_and(self.keys[lo:hi], self.low, out=self.keys[lo:hi])

    def finish(self, runs: list[Runs], rows: np.ndarray | None = None) -> SortedColumn:
        """The sorted labels with exact ties, once every key holds its label.

        ``runs``: what :meth:`runs` returned for ranges covering the column, in
        order; ``rows``: the row of each label, when labels are not row indices.
        """
        n = self.keys.size
        order = self.keys.view(np.int64)
        starts = np.concatenate([firsts for firsts, _ in runs]).astype(np.int64)
        ends = np.concatenate([lasts for _, lasts in runs]).astype(np.int64) + 2
        if starts.size == 0:
            return SortedColumn(order, TieGroups(n))
        if int((ends - starts).sum()) > n // 64 and not self._uses_dropped_bits():
            # Long runs and no value uses the dropped bits (e.g. whole-number
            # incomes): equal truncated values are equal values, so the runs are
            # the ties and need no checking.
            return SortedColumn(order, TieGroups(n, starts, ends))
        return _resolve_prefix_runs(self.values, order, starts, ends, rows)

    def _uses_dropped_bits(self) -> bool:
        if not self.dropped:
            return False
        pattern = self.values.view(np.uint64)
        return any(
            np.bitwise_and(pattern[start : start + _CHUNK] - self.base, self.dropped).any()
            for start in range(0, self.values.size, _CHUNK)
        )


def sort_column(
    values: np.ndarray,
    labels: np.ndarray | None = None,
    rows: np.ndarray | None = None,
    bounds: tuple[float, float] | None = None,
) -> SortedColumn:
    """Sort a 1-D array of finite non-negative float64 values once.

    Parameters
    ----------
    values : ndarray of float64
        Finite and >= 0 (checked by the caller); ``-0.0`` is treated as 0.
    labels : ndarray of int, optional
        Distinct labels in ``[0, n)``, one per row, returned in sorted order
        as ``order`` (default: the row indices).
    rows : ndarray of int, optional
        The row of each label (``rows[labels[i]] == i``), needed with labels.
    bounds : (float, float), optional
        The smallest and largest value, when already known.
    """
    keys = Keys.of(values, bounds)
    if keys is None:
        return _argsort_column(values, labels)
    n = values.size
    keys.fill(0, n, labels)
    keys.sort()
    runs = keys.runs(0, n)
    keys.labels(0, n)
    return keys.finish([runs], rows)


def position_array(n: int) -> np.ndarray:
    """An empty array for :func:`positions` (int32 when n < 2**31)."""
    return np.empty(n, dtype=np.int32 if n < 2**31 else np.int64)


def positions(
    order: np.ndarray, out: np.ndarray | None = None, lo: int = 0, hi: int = -1
) -> np.ndarray:
    """The inverse permutation: ``out[order[i]] = i`` (for ``lo <= i < hi``, default all).

    Separate ranges can be filled by separate threads.
    """
    out = position_array(order.size) if out is None else out
    hi = order.size if hi < 0 else hi
    for start in range(lo, hi, _CHUNK):
        stop = min(start + _CHUNK, hi)
        out[order[start:stop]] = np.arange(start, stop, dtype=out.dtype)
    return out


def _argsort_column(values: np.ndarray, labels: np.ndarray | None) -> SortedColumn:
    rows = np.argsort(values, kind="stable")
    ordered = values[rows]
    order = rows.astype(np.int64) if labels is None else labels[rows].astype(np.int64)
    return _groups(order, ordered[1:] == ordered[:-1])


def _groups(order: np.ndarray, tied_with_next: np.ndarray) -> SortedColumn:
    return _tied_at(order, np.flatnonzero(tied_with_next))


def _tied_at(order: np.ndarray, positions: np.ndarray) -> SortedColumn:
    """Ties where sorted position ``i`` holds the same value as ``i + 1`` for ``i`` in positions.

    ``positions`` is ascending; runs of consecutive positions make one group.
    """
    n = order.size
    if positions.size == 0:
        return SortedColumn(order, TieGroups(n))
    positions = positions.astype(np.int64, copy=False)
    new_run = np.ones(positions.size, dtype=bool)
    new_run[1:] = positions[1:] != positions[:-1] + 1
    last_of_run = np.ones(positions.size, dtype=bool)
    last_of_run[:-1] = new_run[1:]
    return SortedColumn(order, TieGroups(n, positions[new_run], positions[last_of_run] + 2))


def _resolve_prefix_runs(
    values: np.ndarray,
    order: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    rows: np.ndarray | None,
) -> SortedColumn:
    """Order runs of equal truncated values by full value and find exact ties.

    ``starts``/``ends`` delimit the runs; only the positions in them are looked at.
    """
    members = group_positions(starts, ends)
    starts_run = np.zeros(members.size, dtype=bool)
    starts_run[np.cumsum(ends - starts) - (ends - starts)] = True
    labels = order[members]
    exact = values[labels if rows is None else rows[labels]]
    if (np.diff(exact)[~starts_run[1:]] < 0).any():
        # Every value of a run is below every value of the next run (their
        # truncated values are), so sorting all members keeps runs in place.
        resort = np.argsort(exact, kind="stable")
        order[members] = labels[resort]
        exact = exact[resort]
    equal_next = (exact[1:] == exact[:-1]) & ~starts_run[1:]
    return _tied_at(order, members[:-1][equal_next])


def midranks(ties: TieGroups, weights: np.ndarray | None = None) -> np.ndarray:
    """Weighted mid-ranks on 0-100, in sorted order.

    Parameters
    ----------
    ties : TieGroups
        The ``ties`` of a :class:`SortedColumn`.
    weights : ndarray, optional
        Weights *in sorted order* (``w[column.order]``); unit weights if omitted.

    Returns
    -------
    ndarray
        ``R = 100 [W(x < x_i) + W(x = x_i) / 2] / W`` for each sorted position.

    Notes
    -----
    The weighted mean of the ranks is exactly 50 for any weights, and tied
    values share the mean rank of their group.
    """
    n = ties.size
    starts, ends = ties.starts, ties.ends
    if weights is None:
        scale = 100.0 / n
        ranks = np.arange(n, dtype=np.float64)
        ranks += 0.5
        ranks *= scale
        if starts is not None and ends is not None:
            group_rank = (starts + ends) * (scale / 2)
            ranks[group_positions(starts, ends)] = np.repeat(group_rank, ends - starts)
        return ranks
    cumulative = np.cumsum(weights)
    total = cumulative[-1]
    if not total > 0:
        return np.full(n, np.nan)
    scale = 100.0 / total
    group_rank = None
    if starts is not None and ends is not None:
        at_start = np.where(starts > 0, cumulative[np.maximum(starts - 1, 0)], 0.0)
        group_rank = (at_start + cumulative[ends - 1]) * (scale / 2)
    ranks = cumulative
    ranks -= 0.5 * weights
    ranks *= scale
    if starts is not None and ends is not None and group_rank is not None:
        ranks[group_positions(starts, ends)] = np.repeat(group_rank, ends - starts)
    return ranks
