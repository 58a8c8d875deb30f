"""Inter-rater reliability of a panel: ICC(2,1) and ICC(2,k), and Krippendorff's alpha."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray


@dataclass(frozen=True)
class Reliability:
    """A panel's agreement on the weighted raw scores (entries × judges).

    ``icc_single`` is ICC(2,1) and ``icc_average`` ICC(2,k): two-way random effects, absolute
    agreement, for one judge and for the mean of the panel's ``k`` judges. They need a
    complete design (every judge scored every entry); otherwise they are ``None`` and
    ``icc_reason`` says why. ``alpha`` is Krippendorff's alpha for interval data, which
    uses every entry with two or more scores; ``None`` with ``alpha_reason`` when it cannot
    be computed.
    """

    n_entries: int
    n_judges: int
    complete: bool
    icc_single: float | None
    icc_average: float | None
    icc_reason: str
    alpha: float | None
    alpha_reason: str

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def icc_two_way(matrix: ArrayLike) -> tuple[float, float]:
    """ICC(2,1) and ICC(2,k) of a complete targets × raters matrix.

    Notes
    -----
    With ``n`` targets (rows), ``k`` raters (columns) and the two-way ANOVA mean squares
    for rows ``MSR``, columns ``MSC`` and error ``MSE``::

        ICC(2,1) = (MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n)
        ICC(2,k) = (MSR - MSE) / (MSR + (MSC - MSE) / n)

    References
    ----------
    Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
    reliability. Psychological Bulletin 86(2), 420–428 (cases 2 and 2k).
    McGraw, K. O. & Wong, S. P. (1996). Forming inferences about some intraclass correlation
    coefficients. Psychological Methods 1(1), 30–46 (ICC(A,1), ICC(A,k)).

    Examples
    --------
    Shrout & Fleiss's Table 2 (6 targets, 4 judges); they publish .29 and .62:

    >>> s, k = icc_two_way([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8],
    ...                     [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]])
    >>> round(s, 2), round(k, 2)
    (0.29, 0.62)
    """
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2 or not np.all(np.isfinite(x)):
        raise ValueError("ICC needs a complete matrix of at least 2 targets × 2 raters")
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * np.sum((x.mean(axis=1) - grand) ** 2)
    ss_cols = n * np.sum((x.mean(axis=0) - grand) ** 2)
    ss_error = np.sum((x - grand) ** 2) - ss_rows - ss_cols
    msr, msc, mse = ss_rows / (n - 1), ss_cols / (k - 1), ss_error / ((n - 1) * (k - 1))
    single = (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)
    average = (msr - mse) / (msr + (msc - mse) / n)
    return float(single), float(average)


def krippendorff_alpha_interval(matrix: ArrayLike) -> float:
    """Krippendorff's alpha for interval data; ``NaN`` in ``matrix`` (units × coders) = missing.

    Notes
    -----
    Only units with ``m_u >= 2`` values are pairable; ``n = sum m_u``. With the interval
    metric ``(v - v')^2``::

        D_o = (1/n) sum_u (1 / (m_u - 1)) sum_{i != j in u} (v_i - v_j)^2
        D_e = (1 / (n (n - 1))) sum_{i != j over all pairable values} (v_i - v_j)^2
        alpha = 1 - D_o / D_e

    computed with ``sum_{i != j} (v_i - v_j)^2 = 2 (m sum v^2 - (sum v)^2)``.

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School
    for Communication, University of Pennsylvania (section C, interval data).

    Examples
    --------
    Krippendorff's (2011) example, 4 observers × 12 units (units are rows here); he
    publishes alpha_interval = 0.849:

    >>> nan = float("nan")
    >>> data = [[1, 1, nan, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2],
    ...         [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [nan, 5, 5, 5],
    ...         [nan, nan, 1, 1], [nan, 3, nan, nan]]
    >>> round(krippendorff_alpha_interval(data), 3)
    0.849
    """
    x = np.asarray(matrix, dtype=float)
    if x.ndim != 2:
        raise ValueError("alpha needs a units × coders matrix")
    present = np.isfinite(x)
    m = present.sum(axis=1)
    pairable = m >= 2
    values = np.where(present, x, 0.0)[pairable]
    m = m[pairable].astype(float)
    n = m.sum()
    if n < 2:
        return float("nan")
    sums, squares = values.sum(axis=1), (values**2).sum(axis=1)
    observed = np.sum(2.0 * (m * squares - sums**2) / (m - 1)) / n
    expected = 2.0 * (n * squares.sum() - sums.sum() ** 2) / (n * (n - 1))
    if expected <= 0:
        return float("nan")
    return float(1.0 - observed / expected)


def panel_reliability(matrix: NDArray[np.float64]) -> Reliability:
    """Both statistics for one panel's entries × judges matrix of weighted scores (``NaN`` =
    not scored); entries nobody scored and judges who scored nothing are dropped first."""
    x = np.asarray(matrix, dtype=float)
    present = np.isfinite(x)
    x = x[present.any(axis=1)][:, present.any(axis=0)]
    present = np.isfinite(x)
    n, k = x.shape
    complete = bool(present.all()) and n > 0
    single = average = None
    if n < 2 or k < 2:
        icc_reason = f"ICC needs at least 2 entries and 2 judges; the panel has {n} and {k}"
    elif not complete:
        icc_reason = (
            f"ICC needs every judge to score every entry; {int(present.sum())} of "
            f"{n * k} entry-judge scores are present (see alpha)"
        )
    else:
        single, average = icc_two_way(x)
        if not (np.isfinite(single) and np.isfinite(average)):
            single = average = None
            icc_reason = "ICC is undefined: the scores do not vary"
        else:
            icc_reason = ""
    alpha: float | None = krippendorff_alpha_interval(x) if n else float("nan")
    if alpha is not None and np.isfinite(alpha):
        alpha_reason = ""
    else:
        alpha = None
        alpha_reason = (
            "alpha needs entries scored by two or more judges, with some variation in the scores"
        )
    return Reliability(n, k, complete, single, average, icc_reason, alpha, alpha_reason)
