"""Per-judge z-score normalisation within a panel (Evalato's method), with its fall-backs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class JudgeNormalisation:
    """How one judge's scores in one panel were treated.

    ``normalised`` is False when the judge's raw scores were used instead, and ``reason``
    says why (empty when normalised). ``mean`` and ``sd`` are the judge's own, over the
    entries they scored in the panel (``sd`` is ``None`` with fewer than 2 entries).
    """

    panel: int
    judge: int
    n_entries: int
    mean: float
    sd: float | None
    normalised: bool
    reason: str


@dataclass(frozen=True)
class PanelScale:
    """A panel's overall mean and SD of weighted raw scores, onto which z-scores are mapped."""

    panel: int
    n_judges: int
    mean: float | None
    sd: float | None
    reason: str


def _sd(total: NDArray, squares: NDArray, count: NDArray) -> NDArray:
    """Sample SD (ddof=1) from sums; NaN below two values."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / count
        variance = (squares - count * mean**2) / (count - 1)
    return np.where(count >= 2, np.sqrt(np.maximum(variance, 0.0)), np.nan)


def normalise(
    raw: NDArray[np.float64],
    entry_panel: NDArray[np.intp],
    n_panels: int,
    *,
    min_judges: int,
    min_entries_per_judge: int,
    tolerance: float = 1e-9,
) -> tuple[
    NDArray[np.float64], NDArray[np.float64], tuple[JudgeNormalisation, ...], tuple[PanelScale, ...]
]:
    """Normalise a judges × entries matrix of weighted raw scores, panel by panel.

    Returns the normalised matrix (raw where a judge falls back), the z-score matrix
    (``NaN`` where a judge falls back), and the per-judge and per-panel records.

    Notes
    -----
    In panel ``p`` judge ``j`` with mean ``m_j`` and SD ``s_j`` (ddof=1) over the entries they
    scored there; the panel's mean ``M`` and SD ``S`` (ddof=1) over all its weighted raw
    scores. The normalised score is ``M + S (x - m_j) / s_j``: the judge's z-score read on the
    panel's own scale. A judge falls back to raw when the panel has fewer than
    ``min_judges`` judges, when the judge scored fewer than ``min_entries_per_judge`` of its
    entries, or when the judge's SD is 0 (below ``tolerance``).
    """
    judge_idx, entry_idx = np.nonzero(np.isfinite(raw))
    x = raw[judge_idx, entry_idx]
    panel_of = entry_panel[entry_idx]
    n_judges = raw.shape[0]
    unit = panel_of * n_judges + judge_idx
    size = n_panels * n_judges
    count = np.bincount(unit, minlength=size).astype(float)
    total = np.bincount(unit, weights=x, minlength=size)
    squares = np.bincount(unit, weights=x * x, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        judge_mean = total / count
    judge_sd = _sd(total, squares, count)

    p_count = np.bincount(panel_of, minlength=n_panels).astype(float)
    p_total = np.bincount(panel_of, weights=x, minlength=n_panels)
    p_squares = np.bincount(panel_of, weights=x * x, minlength=n_panels)
    with np.errstate(invalid="ignore", divide="ignore"):
        panel_mean = p_total / p_count
    panel_sd = _sd(p_total, p_squares, p_count)
    panel_judges = (count.reshape(n_panels, n_judges) > 0).sum(axis=1)

    panels = []
    for p in range(n_panels):
        k = int(panel_judges[p])
        reason = (
            ""
            if k >= min_judges
            else (
                f"the panel has {k} judge{'s' if k != 1 else ''}; normalisation needs at least "
                f"{min_judges}, so raw scores are used"
            )
        )
        panels.append(
            PanelScale(
                p,
                k,
                float(panel_mean[p]) if p_count[p] else None,
                float(panel_sd[p]) if p_count[p] >= 2 else None,
                reason,
            )
        )

    applies = np.zeros(size, dtype=bool)
    judges = []
    for u in np.flatnonzero(count):
        p, j = divmod(int(u), n_judges)
        n, sd = int(count[u]), judge_sd[u]
        if panels[p].reason:
            reason = panels[p].reason
        elif n < min_entries_per_judge:
            reason = (
                f"scored {n} entr{'ies' if n != 1 else 'y'} in the panel; normalisation needs "
                f"at least {min_entries_per_judge}, so raw scores are used"
            )
        elif not sd > tolerance:
            reason = "gave every entry the same score (SD 0), so raw scores are used"
        else:
            reason = ""
        applies[u] = not reason
        judges.append(
            JudgeNormalisation(
                p, j, n, float(judge_mean[u]), float(sd) if n >= 2 else None, not reason, reason
            )
        )

    use = applies[unit]
    z = np.full(raw.shape, np.nan)
    normalised = raw.copy()
    with np.errstate(invalid="ignore", divide="ignore"):
        zs = (x - judge_mean[unit]) / judge_sd[unit]
    z[judge_idx[use], entry_idx[use]] = zs[use]
    normalised[judge_idx[use], entry_idx[use]] = (panel_mean[panel_of] + panel_sd[panel_of] * zs)[
        use
    ]
    return normalised, z, tuple(judges), tuple(panels)
