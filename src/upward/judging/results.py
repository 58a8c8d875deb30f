"""Entry results: weighted raw and normalised means, ranks, ties, shortlists, reliability."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike, NDArray

from upward.judging.calibration import Calibration, calibrate
from upward.judging.data import Criteria, Scores, weighted_matrix
from upward.judging.normalise import JudgeNormalisation, PanelScale
from upward.judging.normalise import normalise as normalise_matrix
from upward.judging.ranking import TIE_TOLERANCE, displayed, rank_within_panels
from upward.judging.reliability import Reliability, panel_reliability

Normalise = Literal["auto", "raw", "zscore"]


@dataclass(frozen=True)
class Shortlist:
    """Entries chosen for a shortlist. ``selected`` are in; ``tied`` are level at the
    boundary (a top-N cut would split them), so a person must decide — none is cut silently."""

    selected: tuple[int, ...]
    tied: tuple[int, ...]

    @property
    def boundary_tie(self) -> bool:
        return bool(self.tied)


@dataclass(frozen=True, eq=False)
class Results:
    """Judging results, one row per entry (arrays indexed by entry), plus per-judge,
    per-panel and calibration records. ``figure`` is the column ranks are taken from.
    Means and SDs are over the judges who scored the entry (SD ddof=1, ``NaN`` below 2);
    ``NaN`` and rank 0 for an entry nobody scored. ``z_mean`` is the mean z-score over the
    judges who were normalised (``NaN`` if none). ``raw`` and ``normalised`` are the
    judges × entries matrices of weighted scores (``NaN`` = not scored or recused)."""

    figure: Literal["raw", "normalised"]
    panel: NDArray[np.intp]
    n_judges: NDArray[np.intp]
    raw_mean: NDArray[np.float64]
    raw_sd: NDArray[np.float64]
    normalised_mean: NDArray[np.float64]
    normalised_sd: NDArray[np.float64]
    z_mean: NDArray[np.float64]
    rank: NDArray[np.intp]
    tied: NDArray[np.bool_]
    raw: NDArray[np.float64]
    normalised: NDArray[np.float64]
    judges: tuple[JudgeNormalisation, ...]
    panels: tuple[PanelScale, ...]
    reliability: tuple[Reliability, ...]
    calibration: tuple[Calibration, ...]

    @property
    def score(self) -> NDArray[np.float64]:
        """The figure entries are ranked by."""
        return self.normalised_mean if self.figure == "normalised" else self.raw_mean

    def top(self, n: int, *, panel: int = 0) -> Shortlist:
        """The panel's top ``n`` by rank; entries tied across the cut go to ``tied``."""
        if n < 0:
            raise ValueError("n must be 0 or more")
        members = np.flatnonzero((self.panel == panel) & (self.rank > 0))
        members = members[np.argsort(self.rank[members], kind="stable")]
        if n >= len(members):
            return Shortlist(tuple(int(e) for e in members), ())
        if n == 0:
            return Shortlist((), ())
        boundary = self.rank[members[n - 1]]
        if self.rank[members[n]] != boundary:
            return Shortlist(tuple(int(e) for e in members[:n]), ())
        selected = members[self.rank[members] < boundary]
        tied = members[self.rank[members] == boundary]
        return Shortlist(tuple(int(e) for e in selected), tuple(int(e) for e in tied))

    def above(self, threshold: float, *, panel: int = 0) -> Shortlist:
        """The panel's entries whose displayed figure (2 dp) is at least ``threshold``."""
        shown = displayed(self.score)
        keep = (self.panel == panel) & np.isfinite(shown) & (shown >= threshold - TIE_TOLERANCE)
        members = np.flatnonzero(keep)
        members = members[np.argsort(self.rank[members], kind="stable")]
        return Shortlist(tuple(int(e) for e in members), ())

    def to_dict(self) -> dict[str, object]:
        return {
            "figure": self.figure,
            "entries": [
                {
                    "entry": e,
                    "panel": int(self.panel[e]),
                    "n_judges": int(self.n_judges[e]),
                    "raw_mean": _num(self.raw_mean[e]),
                    "raw_sd": _num(self.raw_sd[e]),
                    "normalised_mean": _num(self.normalised_mean[e]),
                    "normalised_sd": _num(self.normalised_sd[e]),
                    "rank": int(self.rank[e]),
                    "tied": bool(self.tied[e]),
                }
                for e in range(len(self.panel))
            ],
            "judges": [j.__dict__ for j in self.judges],
            "panels": [p.__dict__ for p in self.panels],
            "reliability": [r.to_dict() for r in self.reliability],
            "calibration": [c.__dict__ for c in self.calibration],
        }

    def to_frame(self):  # -> pandas.DataFrame; pandas is optional
        import pandas as pd

        return pd.DataFrame(self.to_dict()["entries"]).set_index("entry")

    def summary(self) -> str:
        lines = [
            f"Judging results: {len(self.panel)} entries, {len(self.panels)} panel(s), "
            f"ranked by the {self.figure} mean"
        ]
        for scale, rel in zip(self.panels, self.reliability, strict=True):
            lines.append(
                f"panel {scale.panel}: {rel.n_entries} entries, {scale.n_judges} judges; "
                f"ICC(2,1) {_fmt(rel.icc_single)}, ICC(2,k) {_fmt(rel.icc_average)}, "
                f"alpha {_fmt(rel.alpha)}" + (f" — {scale.reason}" if scale.reason else "")
            )
        fallbacks = [j for j in self.judges if not j.normalised and not self.panels[j.panel].reason]
        for j in fallbacks:
            lines.append(f"  judge {j.judge} (panel {j.panel}): {j.reason}")
        return "\n".join(lines)


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _row_stats(matrix: NDArray[np.float64]) -> tuple[NDArray, NDArray, NDArray]:
    present = np.isfinite(matrix)
    count = present.sum(axis=0)
    values = np.where(present, matrix, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = values.sum(axis=0) / count
        deviation = np.where(present, matrix - mean, 0.0)
        sd = np.sqrt((deviation**2).sum(axis=0) / (count - 1))
    sd = np.where(count >= 2, sd, np.nan)
    return count, mean, sd


def results(
    scores: Scores,
    criteria: Criteria,
    *,
    entry_panel: ArrayLike | None = None,
    lead_judge: ArrayLike | None = None,
    recusals: Iterable[tuple[int, int]] = (),
    normalise: Normalise = "auto",
    min_judges: int = 3,
    min_entries_per_judge: int = 5,
) -> Results:
    """Judge a set of entries.

    Parameters
    ----------
    scores, criteria
        The long table of scores and the criteria's weights and scales.
    entry_panel
        The panel (category) of each entry, ``0..n_panels-1``; all in panel 0 by default.
    lead_judge
        The lead judge of each panel, or -1 for none; none by default.
    recusals
        (judge, entry) pairs: those scores are dropped before anything is computed.
    normalise
        ``"auto"``: rank by the normalised mean, each judge falling back to raw where
        normalisation does not apply (the reason is in ``judges`` / ``panels``).
        ``"raw"``: rank by the raw mean (the normalised column is still computed).
        ``"zscore"``: like ``"auto"`` but a fall-back anywhere is an error.
    min_judges, min_entries_per_judge
        When normalisation applies (see :func:`upward.judging.normalise.normalise`).

    Notes
    -----
    Weighted scores are on 0–100 (see :func:`upward.judging.data.weighted_matrix`); an
    entry's raw mean is the mean of its judges' weighted scores, its normalised mean the
    mean of their normalised scores. Ranks are within each panel.
    """
    if normalise not in get_args(Normalise):
        raise ValueError(
            f"normalise must be one of {', '.join(get_args(Normalise))}; got {normalise!r}"
        )
    if min_judges < 2 or min_entries_per_judge < 2:
        raise ValueError(
            "min_judges and min_entries_per_judge must be at least 2 (an SD needs two values)"
        )
    panel = (
        np.zeros(scores.n_entries, dtype=np.intp)
        if entry_panel is None
        else np.asarray(entry_panel, dtype=np.intp).reshape(-1)
    )
    if len(panel) != scores.n_entries or (len(panel) and panel.min() < 0):
        raise ValueError("entry_panel needs one panel index (0 or more) per entry")
    n_panels = int(panel.max()) + 1 if len(panel) else 0
    leads = (
        np.full(n_panels, -1, dtype=np.intp)
        if lead_judge is None
        else np.asarray(lead_judge, dtype=np.intp).reshape(-1)
    )
    if len(leads) != n_panels or np.any(leads >= scores.n_judges) or np.any(leads < -1):
        raise ValueError(
            f"lead_judge needs one judge index (or -1) for each of the {n_panels} panels"
        )

    raw = weighted_matrix(scores.without(recusals), criteria)
    norm, z, judges, panels = normalise_matrix(
        raw, panel, n_panels, min_judges=min_judges, min_entries_per_judge=min_entries_per_judge
    )
    if normalise == "zscore":
        reasons = sorted({j.reason for j in judges if not j.normalised})
        if reasons:
            raise ValueError("normalisation does not apply everywhere: " + "; ".join(reasons))
    count, raw_mean, raw_sd = _row_stats(raw)
    _, norm_mean, norm_sd = _row_stats(norm)
    _, z_mean, _ = _row_stats(z)
    figure: Literal["raw", "normalised"] = "raw" if normalise == "raw" else "normalised"
    rank, tied = rank_within_panels(raw_mean if figure == "raw" else norm_mean, panel)
    reliability = tuple(panel_reliability(raw[:, panel == p].T) for p in range(n_panels))
    return Results(
        figure,
        panel,
        count.astype(np.intp),
        raw_mean,
        raw_sd,
        norm_mean,
        norm_sd,
        z_mean,
        rank,
        tied,
        raw,
        norm,
        judges,
        panels,
        reliability,
        calibrate(raw, panel, leads),
    )
