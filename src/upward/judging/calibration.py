"""Each judge's calibration to their panel's lead judge."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata

MIN_SHARED = 3
RANK_DECIMALS = 9


@dataclass(frozen=True)
class Calibration:
    """A judge against the lead judge on the entries both scored (weighted raw, 0–100).

    ``bias`` is the mean of (judge − lead): positive means the judge scores higher.
    ``pearson`` and ``spearman`` are correlations. Each is ``None`` with ``reason`` when it
    cannot be computed (fewer than 3 shared entries, or no variation to correlate).
    """

    panel: int
    judge: int
    lead: int
    n_shared: int
    bias: float | None
    pearson: float | None
    spearman: float | None
    reason: str


def _correlation(a: NDArray, b: NDArray) -> float | None:
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def calibrate(
    raw: NDArray[np.float64], entry_panel: NDArray[np.intp], leads: NDArray[np.intp]
) -> tuple[Calibration, ...]:
    """Calibration of every other judge who scored in a panel with a lead judge (``leads[p]``
    is the lead's index, or -1 for none)."""
    out = []
    for p, lead in enumerate(leads):
        if lead < 0:
            continue
        in_panel = entry_panel == p
        block = raw[:, in_panel]
        lead_scores = block[lead]
        for judge in np.flatnonzero(np.isfinite(block).any(axis=1)):
            if judge == lead:
                continue
            shared = np.isfinite(block[judge]) & np.isfinite(lead_scores)
            n = int(shared.sum())
            if n < MIN_SHARED:
                out.append(
                    Calibration(
                        p,
                        int(judge),
                        int(lead),
                        n,
                        None,
                        None,
                        None,
                        f"{n} entries scored by both; calibration needs at least {MIN_SHARED}",
                    )
                )
                continue
            a, b = block[judge, shared], lead_scores[shared]
            pearson = _correlation(a, b)
            # Rounded first so that equal scores reached by different float sums still tie.
            spearman = _correlation(
                rankdata(np.round(a, RANK_DECIMALS)), rankdata(np.round(b, RANK_DECIMALS))
            )
            reason = (
                ""
                if pearson is not None
                else "no variation in one judge's scores, so no correlation"
            )
            out.append(
                Calibration(
                    p, int(judge), int(lead), n, float(np.mean(a - b)), pearson, spearman, reason
                )
            )
    return tuple(out)
