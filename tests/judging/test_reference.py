"""ICC and Krippendorff's alpha against published values and against textbook formulas
written out independently here with plain Python loops (R's irr is checked in
test_irr_crosscheck.py when installed).

Provenance:
- Shrout, P. E. & Fleiss, J. L. (1979), Psychological Bulletin 86(2), 420–428, Table 2
  (6 targets × 4 judges) and Table 4: ICC(2,1) = .29, ICC(2,4) = .62 (published to 2 dp,
  so the tolerance is half a unit in the second decimal).
- Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", section C: the
  4 observers × 12 units example with missing values, alpha_interval = 0.849 (3 dp).
"""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest

from upward.judging import icc_two_way, krippendorff_alpha_interval, panel_reliability

SHROUT_FLEISS_TABLE_2 = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]
NAN = math.nan
# Rows are units, columns observers A–D (Krippendorff prints observers as rows).
KRIPPENDORFF_2011 = [
    [1, 1, NAN, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [NAN, 5, 5, 5],
    [NAN, NAN, 1, 1],
    [NAN, 3, NAN, NAN],
]


def icc_by_loops(rows: list[list[float]]) -> tuple[float, float]:
    """McGraw & Wong (1996) ICC(A,1) and ICC(A,k), sums of squares by explicit loops."""
    n, k = len(rows), len(rows[0])
    grand = sum(sum(r) for r in rows) / (n * k)
    row_means = [sum(r) / k for r in rows]
    col_means = [sum(rows[i][j] for i in range(n)) / n for j in range(k)]
    ssr = sum(k * (m - grand) ** 2 for m in row_means)
    ssc = sum(n * (m - grand) ** 2 for m in col_means)
    sse = sum(
        (rows[i][j] - row_means[i] - col_means[j] + grand) ** 2 for i in range(n) for j in range(k)
    )
    msr, msc, mse = ssr / (n - 1), ssc / (k - 1), sse / ((n - 1) * (k - 1))
    single = (msr - mse) / (msr + (k - 1) * mse + k / n * (msc - mse))
    average = (msr - mse) / (msr + (msc - mse) / n)
    return single, average


def alpha_by_coincidences(units: list[list[float]]) -> float:
    """Krippendorff (2011) steps: the coincidence matrix o_ck over the distinct values, then
    alpha = 1 - (n - 1) sum o_ck d_ck / sum n_c n_k d_ck with d = (c - k)^2."""
    coincidences: dict[tuple[float, float], float] = {}
    for unit in units:
        values = [v for v in unit if not math.isnan(v)]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            key = (values[i], values[j])
            coincidences[key] = coincidences.get(key, 0.0) + 1.0 / (m - 1)
    marginal: dict[float, float] = {}
    for (c, _), o in coincidences.items():
        marginal[c] = marginal.get(c, 0.0) + o
    n = sum(marginal.values())
    observed = sum(o * (c - k) ** 2 for (c, k), o in coincidences.items())
    expected = sum(marginal[c] * marginal[k] * (c - k) ** 2 for c in marginal for k in marginal)
    return 1.0 - (n - 1) * observed / expected


def test_icc_reproduces_shrout_and_fleiss_table_4():
    single, average = icc_two_way(SHROUT_FLEISS_TABLE_2)
    assert single == pytest.approx(0.29, abs=0.005)
    assert average == pytest.approx(0.62, abs=0.005)
    # Same data, full precision, against the loop version.
    assert (single, average) == pytest.approx(icc_by_loops(SHROUT_FLEISS_TABLE_2), rel=1e-12)


def test_alpha_reproduces_krippendorffs_2011_interval_example():
    assert krippendorff_alpha_interval(KRIPPENDORFF_2011) == pytest.approx(0.849, abs=0.0005)
    assert krippendorff_alpha_interval(KRIPPENDORFF_2011) == pytest.approx(
        alpha_by_coincidences(KRIPPENDORFF_2011), rel=1e-12
    )


@pytest.mark.parametrize("seed", range(20))
def test_alpha_matches_the_coincidence_matrix_on_random_incomplete_designs(seed):
    rnd = random.Random(seed)
    units = [
        [rnd.choice([NAN, *range(1, 8)]) for _ in range(rnd.randint(2, 6))]
        for _ in range(rnd.randint(3, 25))
    ]
    width = max(len(u) for u in units)
    matrix = [u + [NAN] * (width - len(u)) for u in units]
    expected = alpha_by_coincidences(units)
    got = krippendorff_alpha_interval(matrix)
    if math.isnan(got):
        return  # no pairable variation: nothing to compare (the loop version divides by zero)
    # Floating-point sums in a different order: agreement to 1e-9.
    assert got == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(20))
def test_icc_matches_the_loops_on_random_complete_designs(seed):
    rnd = random.Random(seed)
    n, k = rnd.randint(2, 12), rnd.randint(2, 7)
    rows = [[rnd.uniform(0, 100) for _ in range(k)] for _ in range(n)]
    assert icc_two_way(rows) == pytest.approx(icc_by_loops(rows), rel=1e-9, abs=1e-12)


def test_alpha_equals_one_when_judges_agree_and_icc_is_one():
    agree = [[v, v, v] for v in (10.0, 40.0, 55.0, 90.0)]
    assert krippendorff_alpha_interval(agree) == pytest.approx(1.0)
    assert icc_two_way(agree) == pytest.approx((1.0, 1.0))


def test_panel_reliability_gives_icc_only_for_a_complete_design_and_says_why():
    complete = panel_reliability(np.array(SHROUT_FLEISS_TABLE_2, dtype=float))
    assert complete.complete and complete.icc_single == pytest.approx(
        icc_two_way(SHROUT_FLEISS_TABLE_2)[0]
    )
    incomplete = panel_reliability(np.array(KRIPPENDORFF_2011, dtype=float))
    assert (
        not incomplete.complete and incomplete.icc_single is None and incomplete.icc_average is None
    )
    assert "every judge to score every entry" in incomplete.icc_reason
    assert incomplete.alpha == pytest.approx(0.849, abs=0.0005)


def test_panel_reliability_with_one_judge_has_neither_statistic():
    one = panel_reliability(np.array([[50.0], [60.0], [70.0]]))
    assert one.icc_single is None and "at least 2 entries and 2 judges" in one.icc_reason
    assert one.alpha is None and one.alpha_reason
