"""released_key_figures: for the impact report, the headline figures exactly as the
dashboard publishes them (already through disclosure control), from the latest snapshot
dated in the period that has a release at the configured k."""

from __future__ import annotations

from datetime import date

import pytest

from upward.web.insights.selectors import released_key_figures, snapshot_insights

from .conftest import DAY

pytestmark = pytest.mark.django_db


def test_the_figures_are_the_dashboards(personas, workforce, import_snapshot):
    stored = import_snapshot(workforce)
    found = released_key_figures(start=date(2025, 1, 1), end=date(2025, 12, 31))
    shown = snapshot_insights(viewer=personas["analyst"], snapshot=stored)
    assert found.snapshot_date == DAY and found.k == shown.k == 10
    assert found.figures == dict(shown.key)
    assert 0 < found.figures["lower_share"] < 1
    assert released_key_figures(start=date(2024, 1, 1), end=date(2024, 12, 31)) is None
    assert released_key_figures(start=date(2025, 4, 1), end=date(2025, 12, 31)) is None


def test_the_latest_snapshot_in_the_period_is_used(workforce, import_snapshot):
    import_snapshot(workforce)
    import_snapshot(workforce, snapshot_date=date(2025, 9, 30), seed=2)
    import_snapshot(workforce, snapshot_date=date(2026, 3, 31), seed=3)
    found = released_key_figures(start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert found.snapshot_date == date(2025, 9, 30)


def test_a_release_under_a_smaller_k_is_not_used(settings, workforce, import_snapshot):
    import_snapshot(workforce)
    settings.UPWARD_INSIGHTS_K = 20
    assert released_key_figures(start=date(2025, 1, 1), end=date(2025, 12, 31)) is None
