"""The impact demo seed: two years of initiatives and KPI values, and running it twice
changes nothing."""

from __future__ import annotations

import pytest

from upward.web.demo.impact_seed import INITIATIVES, YEARS, seed_impact
from upward.web.impact.models import Goal, Initiative, Kpi, KpiValue

pytestmark = pytest.mark.django_db


def test_the_seed_runs_twice_and_shows_two_years(personas):
    seed_impact()
    counts = (Initiative.objects.count(), Kpi.objects.count(), KpiValue.objects.count())
    seed_impact()
    assert counts == (Initiative.objects.count(), Kpi.objects.count(),
                      KpiValue.objects.count())
    assert counts[0] == len(INITIATIVES)
    assert sorted(set(KpiValue.objects.values_list("year", flat=True))) == list(YEARS)
    assert KpiValue.objects.count() == 2 * Kpi.objects.count()
    manual = KpiValue.objects.filter(kpi__kind="manual")
    assert manual.exists() and all(v.evidence and v.actual is not None for v in manual)
    computed = KpiValue.objects.filter(kpi__kind="computed")
    assert all(len(v.inputs_hash) == 64 for v in computed)
    # no goal was given an invented name
    assert not Goal.objects.filter(confirmed=False, framework__shipped=True).exclude(name="")
