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
    """Where the groups of equal values end in a sorted column.

    Attributes
    ----------
    size : int
        Number of values.
    ends : ndarray of int64 or None
        Exclusive end position (in sorted order) of every group of equal values,
        or None when all values are distinct.
    """

    size: int
    ends: np.ndarray | None


@dataclass(frozen=True)
class SortedColumn:
    """The sort order of a column and its ties.

    ``order`` holds the labels in ascending order of value: row indices unless
    other labels were given to :func:`sort_column`.
    """

    order: np.ndarray
    ties: TieGroups


@dataclass(frozen=True)
class Keys:
    """Sort keys of a column before the labels are added (see :func:`column_keys`)."""

    keys: np.ndarray
    bits: int
    dropped: np.uint64  # what, in (pattern - base), the truncation drops
    base: np.uint64
    lift: int


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
    keys = column_keys(values, bounds)
    if keys is None:
        return _argsort_column(values, labels)
    add_labels(keys, labels)
    return sort_keys(keys, values, rows)


def column_keys(values: np.ndarray, bounds: tuple[float, float] | None = None) -> Keys | None:
    """The value part of a column's sort keys (None when the packing cannot be used)."""
    n = values.size
    bits = max(1, (n - 1).bit_length())
    if values.dtype != np.float64 or bits > 40 or n < 2:
        return None
    low_value, high_value = bounds if bounds is not None else (values.min(), values.max())
    # -0.0 has the sign bit set: with base 0 and a lift of at least one bit it
    # becomes the key of +0.0 (the sign bit is shifted out).
    base = np.float64(low_value if low_value > 0 else 0.0).view(np.uint64)
    span = int(np.float64(high_value).view(np.uint64)) - int(base)
    lift = min(63, 64 - span.bit_length())
    low = np.uint64((1 << bits) - 1)
    high = ~low
    pattern = values.view(np.uint64)
    keys = np.empty(n, dtype=np.uint64)
    for start in range(0, n, _CHUNK):  # blocks: no full-length temporaries
        stop = min(start + _CHUNK, n)
        block = keys[start:stop]
        np.subtract(pattern[start:stop], base, out=block)
        block <<= np.uint64(lift)
        block &= high
    dropped = np.uint64(((1 << bits) - 1) >> lift) if lift < bits else np.uint64(0)
    return Keys(keys, bits, dropped, base, lift)


def add_labels(keys: Keys, labels: np.ndarray | None) -> None:
    """Put the labels (default: row indices) in the low bits of the keys."""
    n = keys.keys.size
    if labels is not None and labels.dtype.kind == "i":  # non-negative: same bits unsigned
        labels = labels.view(np.dtype(f"u{labels.dtype.itemsize}"))
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        block = keys.keys[start:stop]
        block |= np.arange(start, stop, dtype=np.uint64) if labels is None else labels[start:stop]


def sort_keys(keys: Keys, values: np.ndarray, rows: np.ndarray | None = None) -> SortedColumn:
    """Sort labelled keys in place and return the labels in order, with exact ties."""
    n, bits = keys.keys.size, keys.bits
    sorted_keys = keys.keys
    sorted_keys.sort()
    # Adjacent keys with equal truncated values, found block by block (rare
    # unless values repeat), so no full-length temporary is needed.
    shift = np.uint64(bits)
    repeats = [
        _prefix_repeats(sorted_keys[start : start + _CHUNK + 1], shift) + start
        for start in range(0, n - 1, _CHUNK)
    ]
    order = np.bitwise_and(sorted_keys, np.uint64((1 << bits) - 1), out=sorted_keys)
    order = order.view(np.int64)
    repeated = np.concatenate(repeats)
    if repeated.size == 0:
        return SortedColumn(order, TieGroups(n, None))
    if repeated.size > n // 64 and not _uses_dropped_bits(values, keys):
        # Many repeats and no value uses the dropped bits (e.g. whole-number
        # incomes): equal truncated values are equal values, so the runs are
        # the ties and need no checking.
        return _tied_at(order, repeated)
    return _resolve_prefix_runs(values, order, repeated, rows)


def _uses_dropped_bits(values: np.ndarray, keys: Keys) -> bool:
    if not keys.dropped:
        return False
    pattern = values.view(np.uint64)
    return any(
        np.bitwise_and(pattern[start : start + _CHUNK] - keys.base, keys.dropped).any()
        for start in range(0, values.size, _CHUNK)
    )


def _prefix_repeats(keys: np.ndarray, shift: np.uint64) -> np.ndarray:
    """Positions ``i`` in a block of sorted keys whose truncated value equals the next one's."""
    prefix = keys >> shift
    return np.flatnonzero(prefix[1:] == prefix[:-1])


def positions(order: np.ndarray) -> np.ndarray:
    """The inverse permutation: the sorted position of each row (int32 when n < 2**31)."""
    n = order.size
    dtype = np.int32 if n < 2**31 else np.int64
    position = np.empty(n, dtype=dtype)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        position[order[start:stop]] = np.arange(start, stop, dtype=dtype)
    return position


def _argsort_column(values: np.ndarray, labels: np.ndarray | None) -> SortedColumn:
    rows = np.argsort(values, kind="stable")
    ordered = values[rows]
    order = rows.astype(np.int64) if labels is None else labels[rows].astype(np.int64)
    return _groups(order, ordered[1:] == ordered[:-1])


def _groups(order: np.ndarray, tied_with_next: np.ndarray) -> SortedColumn:
    if not tied_with_next.any():
        return SortedColumn(order, TieGroups(order.size, None))
    ends = np.flatnonzero(~tied_with_next) + 1
    ends = np.append(ends, order.size)
    return SortedColumn(order, TieGroups(order.size, ends.astype(np.int64)))


def _tied_at(order: np.ndarray, positions: np.ndarray) -> SortedColumn:
    """Ties where sorted position ``i`` holds the same value as ``i + 1`` for ``i`` in positions."""
    if positions.size == 0:
        return SortedColumn(order, TieGroups(order.size, None))
    tied_with_next = np.zeros(order.size - 1, dtype=bool)
    tied_with_next[positions] = True
    return _groups(order, tied_with_next)


def _resolve_prefix_runs(
    values: np.ndarray, order: np.ndarray, repeated: np.ndarray, rows: np.ndarray | None
) -> SortedColumn:
    """Order runs of equal truncated values by full value and find exact ties.

    ``repeated`` holds the sorted positions whose truncated value equals the
    next one's; only the positions in those runs are looked at.
    """
    members = np.union1d(repeated, repeated + 1)
    starts_run = ~np.isin(members - 1, repeated, assume_unique=True)
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
    ends = ties.ends
    if weights is None:
        scale = 100.0 / n
        if ends is None:
            ranks = np.arange(n, dtype=np.float64)
            ranks += 0.5
            ranks *= scale
            return ranks
        starts = np.concatenate([[0], ends[:-1]])
        group_rank = (starts + ends) * (scale / 2)
        return np.repeat(group_rank, ends - starts)
    cumulative = np.cumsum(weights)
    total = cumulative[-1]
    if not total > 0:
        return np.full(n, np.nan)
    scale = 100.0 / total
    if ends is None:
        cumulative -= 0.5 * weights
        cumulative *= scale
        return cumulative
    at_end = cumulative[ends - 1]
    at_start = np.concatenate([[0.0], at_end[:-1]])
    group_rank = (at_start + at_end) * (scale / 2)
    return np.repeat(group_rank, np.diff(np.concatenate([[0], ends])))
