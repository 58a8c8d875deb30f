"""Ranks within panels on the figure as displayed (2 dp), with ties flagged."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

DISPLAY_DECIMALS = 2
TIE_TOLERANCE = 1e-9


def displayed(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Values as shown to people: rounded to 2 decimal places."""
    return np.round(values, DISPLAY_DECIMALS)


def rank_within_panels(
    values: NDArray[np.float64], panel: NDArray[np.intp]
) -> tuple[NDArray[np.intp], NDArray[np.bool_]]:
    """Competition ranks ("1224", highest first) within each panel, and a tie flag.

    Two entries tie when their displayed values (2 dp) differ by at most ``1e-9`` — the
    tolerance only absorbs floating-point noise in the rounding. Entries with no figure
    (``NaN``) get rank 0 and are never tied.
    """
    shown = displayed(values)
    ranked = np.flatnonzero(np.isfinite(shown))
    order = ranked[np.lexsort((-shown[ranked], panel[ranked]))]
    rank = np.zeros(len(values), dtype=np.intp)
    tied = np.zeros(len(values), dtype=bool)
    if len(order) == 0:
        return rank, tied
    v, p = shown[order], panel[order]
    position = np.arange(len(order))
    new_panel = np.r_[True, p[1:] != p[:-1]]
    same_as_previous = np.r_[False, (~new_panel[1:]) & (np.abs(v[1:] - v[:-1]) <= TIE_TOLERANCE)]
    panel_start = np.maximum.accumulate(np.where(new_panel, position, 0))
    group_start = np.maximum.accumulate(np.where(~same_as_previous, position, 0))
    rank[order] = group_start - panel_start + 1
    same_as_next = np.r_[same_as_previous[1:], False]
    tied[order] = same_as_previous | same_as_next
    return rank, tied
