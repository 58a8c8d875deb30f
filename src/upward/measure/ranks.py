"""Weighted mid-ranks from a single sort, reusable for any set of weights.

A column is sorted once (:func:`sort_column`); afterwards the weighted mid-ranks
for any weights -- the survey weights, or bootstrap replicate weights -- are a
cumulative sum over the sorted order (:func:`midranks`), O(n) with no re-sort.

The sort packs each non-negative float's bit pattern (which orders like the
float) with the row index into one ``uint64`` and sorts those keys with numpy's
vectorised integer sort, several times faster than ``argsort``. The index takes
the low ``b = ceil(log2 n)`` bits, so keys are ordered by the value truncated to
its top ``64 - b`` bits; adjacent keys whose truncated values are equal are
re-checked on the full values (and re-ordered if needed), so the resulting order
is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


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
    """The sort order of a column (row indices in ascending order of value) and its ties."""

    order: np.ndarray
    ties: TieGroups


def sort_column(values: np.ndarray) -> SortedColumn:
    """Sort a 1-D array of finite non-negative float64 values once.

    Parameters
    ----------
    values : ndarray of float64
        Finite and >= 0 (checked by the caller); ``-0.0`` is treated as 0.
    """
    n = values.size
    bits = max(1, (n - 1).bit_length())
    if values.dtype != np.float64 or bits > 40:
        return _argsort_column(values)
    pattern = values.view(np.uint64)
    if n and int(pattern.max()) >> 63:  # -0.0 has the sign bit set: normalise it
        values = values + 0.0
        pattern = values.view(np.uint64)
    low = np.uint64((1 << bits) - 1)
    keys = np.bitwise_and(pattern, ~low)
    keys |= np.arange(n, dtype=np.uint64)
    keys.sort()
    prefix = keys >> np.uint64(bits)
    same_prefix = prefix[1:] == prefix[:-1]
    del prefix
    order = np.bitwise_and(keys, low, out=keys).view(np.int64)
    if not same_prefix.any():
        return SortedColumn(order, TieGroups(n, None))
    if not np.bitwise_and(pattern, low).any():
        # No value uses the dropped bits (e.g. whole-number incomes below 2**28):
        # equal truncated values are equal values, so the runs are the ties.
        return _groups(order, same_prefix)
    return _resolve_prefix_runs(values, order, same_prefix)


def _argsort_column(values: np.ndarray) -> SortedColumn:
    order = np.argsort(values, kind="stable").astype(np.int64)
    ordered = values[order]
    return _groups(order, ordered[1:] == ordered[:-1])


def _groups(order: np.ndarray, tied_with_next: np.ndarray) -> SortedColumn:
    if not tied_with_next.any():
        return SortedColumn(order, TieGroups(order.size, None))
    ends = np.flatnonzero(~tied_with_next) + 1
    ends = np.append(ends, order.size)
    return SortedColumn(order, TieGroups(order.size, ends.astype(np.int64)))


def _resolve_prefix_runs(
    values: np.ndarray, order: np.ndarray, same_prefix: np.ndarray
) -> SortedColumn:
    """Order runs of equal truncated values by full value and find exact ties."""
    n = order.size
    in_run = np.zeros(n, dtype=bool)
    in_run[:-1] |= same_prefix
    in_run[1:] |= same_prefix
    positions = np.flatnonzero(in_run)
    starts_run = np.ones(positions.size, dtype=bool)
    starts_run[1:] = ~same_prefix[positions[1:] - 1]
    run_id = np.cumsum(starts_run)
    exact = values[order[positions]]
    if (np.diff(exact)[~starts_run[1:]] < 0).any():
        resort = np.lexsort((exact, run_id))
        order[positions] = order[positions[resort]]
        exact = exact[resort]
    tied = np.zeros(n - 1, dtype=bool)
    equal_next = (exact[1:] == exact[:-1]) & ~starts_run[1:]
    tied[positions[:-1][equal_next]] = True
    return _groups(order, tied)


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
