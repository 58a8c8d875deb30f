"""Whole UK days as times: the edges follow BST and GMT."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime

from upward.web.core import periods
from upward.web.core.periods import uk_days


def test_the_example_runs():
    result = doctest.testmod(periods)
    assert result.attempted > 0 and result.failed == 0


def test_a_winter_day_starts_at_midnight_gmt_and_a_summer_day_at_2300_utc_before():
    low, high = uk_days(date(2026, 1, 10), date(2026, 1, 10))
    assert (low.astimezone(UTC), high.astimezone(UTC)) == (
        datetime(2026, 1, 10, tzinfo=UTC), datetime(2026, 1, 11, tzinfo=UTC))
    low, _ = uk_days(date(2026, 7, 1), date(2026, 7, 31))
    assert low.astimezone(UTC) == datetime(2026, 6, 30, 23, tzinfo=UTC)
