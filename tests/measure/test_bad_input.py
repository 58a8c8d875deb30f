"""Each kind of bad input raises ValueError/TypeError naming the argument."""

import numpy as np
import pytest

from upward.measure import MobilityTable, altham, income_mobility, mobility_indices, unidiff

GOOD = [[10, 2, 1], [3, 12, 4], [1, 5, 9]]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: income_mobility([1, 2, 3], [1, 2]), ValueError, "same length.*parent has 3"),
        (
            lambda: income_mobility([1, np.nan, 3], [1, 2, 3]),
            ValueError,
            "parent contains 1 missing",
        ),
        (
            lambda: income_mobility([1, 2, 3], [1, np.inf, 3]),
            ValueError,
            "child contains 1 missing",
        ),
        (lambda: income_mobility([1, -2, 3], [1, 2, 3]), ValueError, "parent contains 1 negative"),
        (lambda: income_mobility([], []), ValueError, "parent is empty"),
        (lambda: income_mobility([1], [1]), ValueError, "at least two pairs"),
        (lambda: income_mobility("abc", [1]), TypeError, "parent must be a column"),
        (lambda: income_mobility(["a", "b"], [1, 2]), TypeError, "parent must hold numbers"),
        (lambda: income_mobility([1, 2], [1, 2], quantiles=1), ValueError, "quantiles must be"),
        (lambda: income_mobility([1, 2], [1, 2], zero_income="x"), ValueError, "'drop', 'recode'"),
        (lambda: income_mobility([1, 2], [1, 2], weights=[1]), ValueError, "weights has 1 values"),
        (
            lambda: income_mobility([1, 2], [1, 2], weights=[-1, 2]),
            ValueError,
            "weights must be non",
        ),
        (
            lambda: income_mobility([1, 2], [1, 2], weights=[0, 0]),
            ValueError,
            "weights sum to zero",
        ),
        (lambda: income_mobility([1, 2], [1, 2], bootstrap=-1), ValueError, "bootstrap must be"),
        (lambda: income_mobility([1, 2], [1, 2], bootstrap=2, seed="x"), TypeError, "seed must be"),
        (lambda: MobilityTable([[1, 2, 3]]), ValueError, "at least two classes"),
        (lambda: MobilityTable([1, 2]), ValueError, "counts must be a 2-dimensional"),
        (lambda: MobilityTable([[1, -1], [1, 1]]), ValueError, "counts contains negative"),
        (lambda: MobilityTable([[0, 0], [0, 0]]), ValueError, "sums to zero"),
        (lambda: MobilityTable(GOOD, labels=["a", "b"]), ValueError, "labels has 2 entries"),
        (lambda: MobilityTable(GOOD).fit("loglinear"), ValueError, "model must be one of"),
        (
            lambda: MobilityTable([[1, 2, 3], [4, 5, 6]]).fit("symmetry"),
            ValueError,
            "needs a square table",
        ),
        (
            lambda: MobilityTable([[1, 2, 3], [4, 5, 6]]).absolute_rates(),
            ValueError,
            "absolute_rates needs a square table",
        ),
        (
            lambda: MobilityTable([[0, 0], [1, 2]]).outflow(),
            ValueError,
            "origin rows with no cases",
        ),
        (lambda: MobilityTable([[0, 1], [0, 2]]).inflow(), ValueError, "destination columns"),
        (lambda: MobilityTable(GOOD).odds_ratios("global"), ValueError, "kind must be one of"),
        (
            lambda: MobilityTable.from_pairs([1, 2], [1, 3], categories=[1, 2]),
            ValueError,
            "destination has values not in its categories: \\[3\\]",
        ),
        (lambda: MobilityTable.from_pairs([1, 2], [1]), ValueError, "same length"),
        (
            lambda: MobilityTable.from_pairs(["low", "high"], ["high", "high"]),
            ValueError,
            "origin holds text classes \\(high, low\\), whose order cannot be known: pass "
            "categories",
        ),
        (
            lambda: MobilityTable.from_pairs([1.0, np.nan], [1, 2]),
            ValueError,
            "origin contains missing",
        ),
        (lambda: mobility_indices([[0.5, 0.4], [0.1, 0.9]]), ValueError, "must sum to 1"),
        (lambda: mobility_indices([[1.0]]), ValueError, "at least two classes"),
        (lambda: mobility_indices(np.eye(3), initial=[1, 0]), ValueError, "initial must be 3"),
        (lambda: altham([[1, 0], [1, 1]]), ValueError, "p has zero cells"),
        (lambda: altham(GOOD, [[1, 2], [3, 4]]), ValueError, "q must have the same shape"),
        (lambda: unidiff(GOOD), ValueError, "3-dimensional"),
        (lambda: unidiff([GOOD]), ValueError, "at least two layers"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()
